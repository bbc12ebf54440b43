from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.obligations.registry import ObligationKind, register_daily, register_kind
        from gongkai.reports import obligations
        from gongkai.reports.models import AnnualReport, ReportDuty

        register_kind(
            ObligationKind(
                code=obligations.ANNUAL_REPORT,
                label=_("政府信息公开工作年度报告"),
                model=ReportDuty,
                describe=obligations.describe_report_duty,
                responsible_roles=(Role.ADMIN,),
                all_objects=lambda: ReportDuty.objects.order_by("pk"),
                watches=((AnnualReport, obligations.duties_of_report),),
            )
        )
        register_daily("reports.annual_report", obligations.open_report_duties)
