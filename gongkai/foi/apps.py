from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="foi-due")


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    # Every open application's due date is derived from the calendar (design.md).
    from gongkai.foi.services import recompute_due_dates

    recompute_due_dates(actor=actor)
