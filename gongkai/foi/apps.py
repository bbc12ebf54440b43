from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="foi-due")

        from gongkai.audit.display import register_admin_filter
        from gongkai.foi.models import Application
        from gongkai.foi.personal_data import Visibility, mask_snapshot
        from gongkai.foi.services import refresh_due_date

        # System administrators see no applicant's personal data (README), in the admin too.
        register_admin_filter(
            "foi.application", lambda values: mask_snapshot(values, Visibility.HIDDEN)
        )
        from gongkai.workdays.due_dates import DueDateSource, register_due_dates

        register_due_dates(
            DueDateSource(
                kind=_("依申请公开申请"),
                open_objects=lambda: (
                    Application.objects.open().select_related("agency").prefetch_related("events")
                ),
                refresh=refresh_due_date,
                recomputed_action="foi.due_recomputed",
            )
        )


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    # Every open application's due date is derived from the calendar (design.md).
    from gongkai.foi.services import recompute_due_dates

    recompute_due_dates(actor=actor)
