"""Major construction projects (重大建设项目) in their eight kinds of information, and their
procurement (公共资源配置). See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "gongkai.projects"
    label = "projects"
    verbose_name = _("重大建设项目")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.obligations.registry import ObligationKind, register_kind
        from gongkai.opendata import sources
        from gongkai.projects import datasets, obligations, services
        from gongkai.projects.models import Procurement, ProjectStage
        from gongkai.workdays.due_dates import DueDateSource, register_due_dates
        from gongkai.workdays.signals import calendar_changed

        # One rule, one place: stages.due_on gives the day, the ledger only stores it.
        register_kind(
            ObligationKind(
                code=obligations.STAGE_PUBLICATION,
                label=_("重大建设项目信息公开"),
                model=ProjectStage,
                describe=obligations.describe_stage,
                all_objects=lambda: ProjectStage.objects.select_related("project").order_by("pk"),
                responsible_roles=(Role.PUBLISHER, Role.REVIEWER),
            )
        )
        register_kind(
            ObligationKind(
                code=obligations.PROCUREMENT_PUBLICATION,
                label=_("采购与招标信息公开"),
                model=Procurement,
                describe=obligations.describe_procurement,
                all_objects=lambda: Procurement.objects.select_related("project").order_by("pk"),
                responsible_roles=(Role.PUBLISHER, Role.REVIEWER),
            )
        )
        register_due_dates(
            DueDateSource(
                kind=_("重大建设项目信息"),
                open_objects=services.open_clocks,
                refresh=services.refresh_due_date,
                recomputed_action="project.due_recomputed",
            )
        )
        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="projects-due")
        for source in datasets.SOURCES:
            sources.register(source)


def _recompute_after_calendar_change(sender, *, actor=None, years=None, **kwargs) -> None:
    from gongkai.projects.services import recompute_due_dates

    recompute_due_dates(actor=actor)
