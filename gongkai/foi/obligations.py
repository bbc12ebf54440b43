"""What an information application owes, for the obligations ledger: the reply within the
statutory period (条例第三十三条), counted by the clock (clock.py) and stored as `due_on`."""

from django.utils.translation import gettext as _

from gongkai.foi.models import Application, Status
from gongkai.obligations.registry import Spec

REPLY = "foi.reply"


def describe_reply(application: Application) -> Spec:
    """The reply is done on the day it was given (or the case closed without one)."""
    done_on = None
    if application.status == Status.CLOSED:
        done_on = application.replied_on or application.closed_on
    return Spec(
        agency_id=application.agency_id,
        # No applicant's name or request text: the ledger is read by supervisors too.
        title=_("依申请公开申请 %(number)s（%(received)s 收到）")
        % {"number": application.pk, "received": application.received_on.isoformat()},
        due_on=application.due_on,
        is_provisional=application.due_is_provisional,
        done_on=done_on,
        assignee_id=application.handler_id,
    )
