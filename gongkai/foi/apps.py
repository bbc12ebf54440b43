from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="foi-due")

        from gongkai.foi.models import Application
        from gongkai.foi.services import refresh_due_date
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

        from gongkai.foi import obligations
        from gongkai.obligations.registry import ObligationKind, register_kind

        register_kind(
            ObligationKind(
                code=obligations.REPLY,
                label=_("依申请公开答复"),
                model=Application,
                describe=obligations.describe_reply,
                all_objects=lambda: Application.objects.order_by("pk").iterator(chunk_size=2000),
            )
        )


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    # Every open application's due date is derived from the calendar (design.md).
    from gongkai.foi.services import recompute_due_dates

    recompute_due_dates(actor=actor)
