"""Enforcement publicity: licensing and penalty decisions (双公示), enforcement lists (事前公开),
and double-random inspections (双随机一公开) with a draw anyone can check. See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "gongkai.enforcement"
    label = "enforcement"
    verbose_name = _("执法公示")

    def ready(self) -> None:
        self._register_decisions()
        self._register_inspections()

    def _register_decisions(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.enforcement import obligations, search_feed, services
        from gongkai.enforcement.models import Decision
        from gongkai.obligations.registry import ObligationKind, register_daily, register_kind
        from gongkai.search.registry import register_source
        from gongkai.workdays.due_dates import DueDateSource, register_due_dates
        from gongkai.workdays.signals import calendar_changed

        register_kind(
            ObligationKind(
                code=obligations.PUBLICATION,
                label=_("执法决定公示"),
                model=Decision,
                describe=obligations.describe_publication,
                all_objects=lambda: Decision.objects.order_by("pk").iterator(chunk_size=2000),
                due_soon_working_days=2,
                responsible_roles=(Role.PUBLISHER,),
            )
        )
        register_kind(
            ObligationKind(
                code=obligations.WITHDRAWAL,
                label=_("执法决定撤回"),
                model=Decision,
                describe=obligations.describe_withdrawal,
                all_objects=lambda: Decision.objects.filter(changed_on__isnull=False).order_by(
                    "pk"
                ),
                due_soon_working_days=1,
                responsible_roles=(Role.REVIEWER,),
            )
        )
        register_due_dates(
            DueDateSource(
                kind=_("执法决定"),
                open_objects=lambda: services.open_clocks(),
                refresh=services.refresh_due_date,
                recomputed_action="enforcement.due_recomputed",
            )
        )
        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="enforcement-due")
        register_source(
            search_feed.KIND, search_feed.public_payloads, count=search_feed.public_count
        )
        register_daily("enforcement.publicity", services.end_expired_publicity)

    def _register_inspections(self) -> None:
        """Double-random inspections: results are due for publication."""
        from gongkai.enforcement import inspection_obligations
        from gongkai.enforcement.inspection_access import HANDLER_ROLES
        from gongkai.enforcement.models import InspectionResult
        from gongkai.obligations.registry import ObligationKind, register_kind

        register_kind(
            ObligationKind(
                code=inspection_obligations.INSPECTION_RESULT,
                label=_("双随机抽查结果公示"),
                model=InspectionResult,
                describe=inspection_obligations.describe_inspection_result,
                responsible_roles=HANDLER_ROLES,
                all_objects=lambda: InspectionResult.objects.select_related(
                    "draw__plan", "target"
                ).order_by("pk"),
            )
        )

        from gongkai.enforcement.inspection_services import refresh_due_date
        from gongkai.workdays.due_dates import DueDateSource, register_due_dates
        from gongkai.workdays.signals import calendar_changed

        register_due_dates(
            DueDateSource(
                kind=_("双随机抽查结果"),
                open_objects=lambda: InspectionResult.objects.filter(published_at__isnull=True),
                refresh=refresh_due_date,
                recomputed_action="enforcement.inspection_result.due_recomputed",
            )
        )
        calendar_changed.connect(_recompute_result_due_dates, dispatch_uid="inspection-result-due")


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    from gongkai.enforcement.services import recompute_due_dates

    recompute_due_dates(actor=actor, years=years)


def _recompute_result_due_dates(sender, *, actor=None, years=None, **kwargs) -> None:
    from gongkai.enforcement.inspection_services import recompute_due_dates

    recompute_due_dates(actor=actor)
