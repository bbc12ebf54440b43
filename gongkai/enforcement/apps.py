from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "gongkai.enforcement"
    label = "enforcement"
    verbose_name = _("执法公示")

    def ready(self) -> None:
        # Double-random inspections (branch enf-inspections): results are due for publication.
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


def _recompute_result_due_dates(sender, *, actor=None, years=None, **kwargs) -> None:
    from gongkai.enforcement.inspection_services import recompute_due_dates

    recompute_due_dates(actor=actor)
