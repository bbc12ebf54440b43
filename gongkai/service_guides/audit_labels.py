"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "service_item.create": _("新增政务服务事项"),
    "service_guide.create": _("起草办事指南"),
    "service_guide.update": _("修改办事指南"),
    "service_guide.attach": _("上传申请材料样表"),
    "service_guide.submit": _("提交办事指南审核"),
    "service_guide.return": _("退回办事指南"),
    "service_guide.publish": _("发布办事指南"),
    "service_guide.supersede": _("办事指南被新版本替代"),
    "service_guide.withdraw": _("撤回办事指南"),
    "service_guides.import": _("导入办事指南"),
    "enforcement.decision.service_item": _("关联政务服务事项"),
}
