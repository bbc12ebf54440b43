"""What a decision owes, for the obligations ledger:

- `enforcement.publication`: published within 7 working days of the decision for licences and
  penalties, 20 for other enforcement decisions (rules.PUBLICATION_WORKING_DAYS);
- `enforcement.withdrawal`: once a published decision is changed, revoked, or confirmed illegal
  or invalid, withdrawn within 3 days (行政处罚法第四十八条, rules.withdrawal_due_on).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.enforcement.models import Decision, DecisionStatus
from gongkai.obligations.registry import Spec

PUBLICATION = "enforcement.publication"
WITHDRAWAL = "enforcement.withdrawal"


def _title(decision: Decision) -> str:
    return _("%(kind)s：%(number)s %(party)s") % {
        "kind": decision.get_kind_display(),
        "number": decision.document_number,
        "party": decision.party_name[:40],
    }


def describe_publication(decision: Decision) -> Spec | None:
    """Every decision owes its publication; a withdrawn one was published (done)."""
    if decision.due_on is None and not decision.due_problem:
        return None
    done_on = None
    if decision.status in (DecisionStatus.PUBLISHED, DecisionStatus.WITHDRAWN):
        done_on = (
            timezone.localdate(decision.published_at) if decision.published_at else decision.due_on
        )
    return Spec(
        agency_id=decision.agency_id,
        title=_title(decision),
        due_on=decision.due_on,
        is_provisional=decision.due_is_provisional,
        done_on=done_on,
        assignee_id=decision.drafted_by_id,
    )


def describe_withdrawal(decision: Decision) -> Spec | None:
    """Owed from the day a change is recorded; done when withdrawn."""
    if decision.changed_on is None:
        return None
    done_on = timezone.localdate(decision.withdrawn_at) if decision.withdrawn_at else None
    return Spec(
        agency_id=decision.agency_id,
        title=_("撤回%(title)s") % {"title": _title(decision)},
        due_on=decision.withdrawal_due_on,
        is_provisional=decision.withdrawal_due_is_provisional,
        done_on=done_on,
    )
