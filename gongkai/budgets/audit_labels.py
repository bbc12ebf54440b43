"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "budget_table.create": _("起草预算决算表"),
    "budget_table.update": _("修改预算决算表"),
    "budget_table.submit": _("提交预算决算表审核"),
    "budget_table.return": _("退回预算决算表"),
    "budget_table.publish": _("发布预算决算表"),
    "budget_table.supersede": _("预算决算表被新版本替代"),
    "budget_table.withdraw": _("撤回预算决算表"),
    "budget_table.import": _("导入预算决算表"),
}
