from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("互动交流")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_message_due_dates, dispatch_uid="message-due")


def _recompute_message_due_dates(sender, *, actor=None, years=None, **kwargs) -> None:
    # A public message's due date is derived from the calendar (design.md).
    from gongkai.participation.mailbox_services import recompute_due_dates

    recompute_due_dates(actor=actor)
