"""The reply deadline as a duty of the obligations ledger: due on the proposal's deadline,
done on the day the reply was given. No due/overdue logic lives in this app."""

from django.utils.translation import gettext as _

from gongkai.obligations.registry import Spec
from gongkai.proposals.models import Proposal

PROPOSAL_REPLY = "proposals.reply"


def describe_proposal(proposal: Proposal) -> Spec:
    return Spec(
        agency_id=proposal.agency_id,
        title=_("答复%(kind)s第%(number)s号：%(title)s")
        % {
            "kind": proposal.get_kind_display(),
            "number": proposal.number,
            "title": proposal.title,
        },
        due_on=proposal.due_on,
        done_on=proposal.replied_on,
    )
