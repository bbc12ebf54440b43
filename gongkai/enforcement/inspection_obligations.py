"""What double-random inspections owe, for the obligations ledger: each entered result is
published within the configured working days of the inspection's end (20 by default; our
reading of 国发〔2019〕5号 practice, README "Double-random inspections")."""

from django.utils.translation import gettext as _

from gongkai.enforcement.models import InspectionResult
from gongkai.obligations.registry import Spec

INSPECTION_RESULT = "enforcement.inspection_result"


def describe_inspection_result(result: InspectionResult) -> Spec:
    """Due `publication_working_days` after `result_on`; done when published."""
    return Spec(
        agency_id=result.draw.plan.agency_id,
        title=_("抽查结果公示：%(target)s（%(plan)s）")
        % {"target": result.target.name, "plan": result.draw.plan.title},
        due_on=result.due_on,
        is_provisional=result.due_is_provisional,
        done_at=result.published_at,
    )
