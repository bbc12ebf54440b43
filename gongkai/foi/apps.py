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

        from gongkai.agencies.models import Role
        from gongkai.foi import obligations
        from gongkai.foi.consultation_services import refresh_consultation_clocks
        from gongkai.obligations.registry import ObligationKind, register_daily, register_kind

        register_kind(
            ObligationKind(
                code=obligations.REPLY,
                label=_("依申请公开答复"),
                model=Application,
                describe=obligations.describe_reply,
                all_objects=lambda: Application.objects.order_by("pk").iterator(chunk_size=2000),
                responsible_roles=(Role.FOI_HANDLER,),
            )
        )
        register_kind(
            ObligationKind(
                code=obligations.CONSULTATION_END,
                label=_("征求意见期满处理"),
                model=Application,
                describe=obligations.describe_consultation_end,
                all_objects=lambda: Application.objects.filter(status="consulting").order_by("pk"),
                responsible_roles=(Role.FOI_HANDLER,),
            )
        )
        # A consultation pauses the clock only up to the party's deadline: time alone gives a
        # paused application its due date back, so the clocks are brought up to today daily.
        register_daily("foi.consultation_clocks", refresh_consultation_clocks)


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    # Every open application's due date is derived from the calendar (design.md).
    from gongkai.foi.services import recompute_due_dates

    recompute_due_dates(actor=actor)
