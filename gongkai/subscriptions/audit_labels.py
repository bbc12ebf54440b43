"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "subscriptions.subscribe": _("申请邮件订阅"),
    "subscriptions.confirm": _("确认邮件订阅"),
    "subscriptions.unsubscribe": _("退订邮件订阅"),
    "subscriptions.suspend": _("多次退信，暂停邮件订阅"),
    "subscriptions.purge": _("删除未确认的邮件订阅"),
}
