"""E-mail subscriptions with double opt-in: new records, keywords, consultations, and the
reply to one's own application or message. See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "gongkai.subscriptions"
    label = "subscriptions"
    verbose_name = _("邮件订阅")
