"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "diseases.setting": _("修改疫情发布设置"),
    "diseases.create": _("新建法定传染病疫情月报"),
    "diseases.update": _("修改法定传染病疫情月报"),
    "diseases.import": _("导入法定传染病疫情月报"),
    "diseases.submit": _("提交疫情月报审核"),
    "diseases.return": _("退回疫情月报"),
    "diseases.publish": _("发布法定传染病疫情月报"),
    "diseases.supersede": _("疫情月报被更正版本替代"),
    "diseases.correct": _("更正法定传染病疫情月报"),
    "diseases.withdraw": _("撤回法定传染病疫情月报"),
}
