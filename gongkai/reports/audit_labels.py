"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "report.create": _("创建年度报告"),
    "report.refresh": _("重新统计年度报告"),
    "report.figure_set": _("填写报告数字"),
    "report.figure_removed": _("删除填写的数字"),
    "report.texts": _("编写报告文字部分"),
    "report.publish": _("发布年度报告"),
}
