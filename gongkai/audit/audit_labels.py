"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "admin.add": _("管理后台新增"),
    "admin.change": _("管理后台修改"),
    "admin.delete": _("管理后台删除"),
}
