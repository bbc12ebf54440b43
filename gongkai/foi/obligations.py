"""What an information application owes, for the obligations ledger: the reply within the
statutory period (条例第三十三条), counted by the clock (clock.py) and stored as `due_on`."""

from django.utils.translation import gettext as _

from gongkai.foi.models import Application, Status
from gongkai.obligations.registry import Spec
from gongkai.workdays.errors import WorkdaysError

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


CONSULTATION_END = "foi.consultation_end"


def describe_consultation_end(application: Application) -> Spec | None:
    """While a consultation is open: by the party's deadline (15 working days, 条例第三十二条)
    the office must have its opinion or decide without it; past that day the consultation is
    征求意见期满未答复 and should be ended."""
    if application.status != Status.CONSULTING:
        return None
    from gongkai.foi.services import read_clock  # services import this module's app

    try:
        reading = read_clock(application)
    except WorkdaysError:
        reading = None
    open_ = [c for c in reading.consultations if c.ended_on is None] if reading else []
    deadlines = [c.deadline for c in open_ if c.deadline is not None]
    if reading is not None and not open_:
        return None
    return Spec(
        agency_id=application.agency_id,
        title=_("依申请公开申请 %(number)s 征求意见期满处理") % {"number": application.pk},
        due_on=min(deadlines) if deadlines else None,
        is_provisional=bool(reading and reading.is_provisional),
        assignee_id=application.handler_id,
    )
