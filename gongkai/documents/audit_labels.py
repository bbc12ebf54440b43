"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "document.create": _("起草信息"),
    "document.update": _("修改草稿"),
    "document.submit": _("提交审核"),
    "document.return": _("退回修改"),
    "document.publish": _("审核发布"),
    "document.withdraw": _("撤回"),
    "document.validity": _("变更有效性"),
    "document.attach": _("上传附件"),
    "document.detach": _("删除附件"),
    "document.link": _("关联文件"),
    "document.unlink": _("取消关联"),
    "document.import": _("批量导入"),
    "documents.import": _("批量导入信息"),
    "document.due_recomputed": _("节假日调整后重算发布期限"),
}
