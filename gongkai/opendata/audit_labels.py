"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "dataset.create": _("新建数据集"),
    "dataset.update": _("修改数据集"),
    "dataset.submit": _("提交数据集审核"),
    "dataset.return": _("退回数据集"),
    "dataset.publish": _("发布数据集"),
    "dataset.withdraw": _("撤回数据集"),
    "dataset.revise": _("重新起草数据集"),
    "dataset.resource_add": _("添加数据资源"),
    "dataset.resource_version": _("更新数据资源（新版本）"),
}
