"""What a project owes, for the obligations ledger: each recorded stage and procurement notice
is published within its time limit of formation (stages.py); done when published."""

from django.utils.translation import gettext as _

from gongkai.obligations.registry import Spec
from gongkai.projects.models import Procurement, ProjectStage, StageState

STAGE_PUBLICATION = "projects.stage"
PROCUREMENT_PUBLICATION = "projects.procurement"


def describe_stage(stage: ProjectStage) -> Spec | None:
    """Owed from the day the information is formed; nothing while pending or not applicable."""
    if stage.state not in (StageState.RECORDED, StageState.PUBLISHED) or stage.formed_on is None:
        return None
    return Spec(
        agency_id=stage.project.agency_id,
        title=_("重大建设项目信息公开：%(project)s · %(kind)s")
        % {"project": stage.project.name, "kind": stage.get_kind_display()},
        due_on=stage.due_on,
        is_provisional=stage.due_is_provisional,
        done_at=stage.published_at,
    )


def describe_procurement(procurement: Procurement) -> Spec:
    return Spec(
        agency_id=procurement.project.agency_id,
        title=_("采购信息公开：%(title)s · %(kind)s")
        % {"title": procurement.title, "kind": procurement.get_kind_display()},
        due_on=procurement.due_on,
        is_provisional=procurement.due_is_provisional,
        done_at=procurement.published_at,
    )
