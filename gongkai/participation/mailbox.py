"""Public messages (留言、领导信箱、咨询、投诉、建议): the pure rules, no database, no settings.

- **Reply clock.** A message is answered within its agency's limit for its category
  (`ReplyLimit`, default `DEFAULT_REPLY_WORKING_DAYS` = 5 working days; regulations.md §5.2:
  the message-reply deadline is provincial practice and configurable). The clock starts on
  the day the message reached the agency that must answer it: its receipt date, or the date it
  was forwarded to that agency. As for every period in days, that start day is not counted
  (Civil Code Art.201), so the due date is `add_working_days(start, limit, calendar)`.
- **Forwarding restarts the working-day clock** with the receiving agency's limit: the agency
  that must answer gets its full period from the day the message reaches it. The original
  receipt date is kept, and two things keep counting from it: the three-month veto line and
  the public statistics of reply times (the asker's real wait).
- **The veto line.** The national website inspection (国办秘函〔2019〕19号, regulations.md
  §5.2, single veto "互动回应差") fails a site whose consultation column has a valid message
  left unanswered for more than three months. A message received on day D crosses the line
  when a day after D + 3 calendar months passes without an answer (D + 3 months is the same
  day of the month, or the month's last day when it has no such day: 11-30 → 02-28). Rejected
  messages (out of scope, pointed to another channel) are not valid messages and never count.
- **Statistics** per month (see `monthly_statistics`).
- **Workflow**: which action each status allows, in one table (`TRANSITIONS`).
"""

import calendar as month_calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from gongkai.participation.models.mailbox import MessageStatus
from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.rules import (
    DeadlineExplanation,
    WorkCalendar,
    add_working_days,
    explain_add_working_days,
    working_days_between,
)

VETO_MONTHS = 3  # 国办秘函〔2019〕19号: unanswered for more than three months fails the site
ONE_DAY = datetime.timedelta(days=1)


# --- reply clock ---------------------------------------------------------------------------


def clock_start_on(received_on: datetime.date, forwarded_on: datetime.date | None) -> datetime.date:
    """The day the answering agency got the message: forwarding restarts the clock."""
    return forwarded_on or received_on


def reply_due_on(start: datetime.date, working_days: int, calendar: WorkCalendar) -> datetime.date:
    """The last day to reply: the `working_days`-th working day after `start`.

    The start day is not counted (Civil Code Art.201); the limit is the agency's for the
    category (regulations.md §5.2, default 5). Raises YearNotLoaded past the loaded calendar.
    """
    return add_working_days(start, working_days, calendar)


def explain_reply_due(
    start: datetime.date, working_days: int, calendar: WorkCalendar
) -> DeadlineExplanation:
    """`reply_due_on` with its steps (holidays skipped, 调休 working days counted)."""
    return explain_add_working_days(start, working_days, calendar)


# --- the three-month veto line ---------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later (or earlier), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def veto_line_on(received_on: datetime.date) -> datetime.date:
    """The last day a message may still be unanswered: receipt date + 3 calendar months.

    国办秘函〔2019〕19号 (regulations.md §5.2): "unanswered for more than three months" is a
    single veto. Counted from the original receipt, whatever forwarding happened since.
    """
    return add_months(received_on, VETO_MONTHS)


def is_past_veto_line(
    received_on: datetime.date,
    *,
    today: datetime.date,
    answered_on: datetime.date | None = None,
) -> bool:
    """Whether a valid message was (or is) unanswered for more than three months.

    Answered: whether the answer came after the line. Unanswered: whether today is after it.
    """
    line = veto_line_on(received_on)
    if answered_on is not None:
        return answered_on > line
    return today > line


def veto_cutoff_on(today: datetime.date) -> datetime.date:
    """The earliest receipt date not yet past the line on `today`.

    An unanswered message is past the line exactly when it was received before this day, so a
    database can select them with `received_on < veto_cutoff_on(today)`.
    """
    # veto_line_on is monotone in the receipt date; start near the answer and step to it.
    candidate = add_months(today, -VETO_MONTHS)
    while veto_line_on(candidate - ONE_DAY) >= today:
        candidate -= ONE_DAY
    while veto_line_on(candidate) < today:
        candidate += ONE_DAY
    return candidate


# --- statistics ----------------------------------------------------------------------------


class MessageFacts(NamedTuple):
    """What the statistics need of one message: plain values, so a tuple will do."""

    received_on: datetime.date
    answered_on: datetime.date | None
    is_rejected: bool


@dataclass(frozen=True)
class MonthStatistics:
    """One month of one agency's (or several agencies') messages."""

    month: datetime.date  # its first day
    received: int
    rejected: int
    answered: int
    average_working_days: float | None
    slowest_working_days: int | None
    average_days: float | None
    slowest_days: int | None
    working_days_unknown: bool  # the calendar of a year involved is not loaded


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_months(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months up to today's, newest first."""
    return [add_months(month_of(today), -n) for n in range(count)]


def monthly_statistics(
    facts: Iterable[MessageFacts | tuple],
    *,
    months: list[datetime.date],
    calendar: WorkCalendar,
) -> list[MonthStatistics]:
    """Received, rejected, answered and reply times per month, in the order of `months`.

    - *received*: messages whose receipt date falls in the month (rejected ones included);
    - *rejected*: of those, the ones rejected as out of scope;
    - *answered*: messages whose reply was approved in the month, wherever they were received;
    - *reply time* of a message answered in the month: from its original receipt date to the
      answer date, in working days (days d with receipt < d ≤ answer: the receipt day is not
      counted, Civil Code Art.201, so a same-day answer takes 0) and in calendar days; the
      month shows the average (one decimal) and the slowest. Forwarding does not restart this:
      it is the asker's wait. Without a loaded calendar for a year involved, the working-day
      figures of that month are unknown (never guessed) and the calendar days still show.
    """
    received: dict[datetime.date, int] = dict.fromkeys(months, 0)
    rejected: dict[datetime.date, int] = dict.fromkeys(months, 0)
    durations: dict[datetime.date, list[tuple[int | None, int]]] = {m: [] for m in months}
    for fact in facts:
        received_on, answered_on, is_rejected = fact
        month = month_of(received_on)
        if month in received:
            received[month] += 1
            rejected[month] += int(bool(is_rejected))
        if answered_on is None or month_of(answered_on) not in durations:
            continue
        try:
            working = working_days_between(received_on, answered_on, calendar)
        except YearNotLoaded:
            working = None
        durations[month_of(answered_on)].append((working, (answered_on - received_on).days))
    return [_month(m, received[m], rejected[m], durations[m]) for m in months]


def _month(
    month: datetime.date, received: int, rejected: int, durations: list[tuple[int | None, int]]
) -> MonthStatistics:
    days = [d for _w, d in durations]
    working = [w for w, _d in durations]
    unknown = any(w is None for w in working)
    known = [w for w in working if w is not None]
    return MonthStatistics(
        month=month,
        received=received,
        rejected=rejected,
        answered=len(durations),
        average_working_days=_average(known) if known and not unknown else None,
        slowest_working_days=max(known) if known and not unknown else None,
        average_days=_average(days) if days else None,
        slowest_days=max(days) if days else None,
        working_days_unknown=unknown,
    )


def _average(values: list[int]) -> float:
    return round(sum(values) / len(values), 1)


# --- mailbox workflow: which action each status allows ---------------------------------------


class MessageAction:
    ACCEPT = "accept"
    ASSIGN_UNIT = "assign_unit"
    FORWARD = "forward"
    REJECT = "reject"
    DRAFT_REPLY = "draft_reply"
    RETURN_REPLY = "return_reply"
    APPROVE_REPLY = "approve_reply"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"


UNHANDLED = frozenset({MessageStatus.RECEIVED, MessageStatus.ACCEPTED})

# action → (statuses it may start from, status it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    MessageAction.ACCEPT: (frozenset({MessageStatus.RECEIVED}), MessageStatus.ACCEPTED),
    MessageAction.ASSIGN_UNIT: (frozenset({MessageStatus.ACCEPTED}), None),
    # The receiving agency accepts it anew: the message arrives there as received.
    MessageAction.FORWARD: (UNHANDLED, MessageStatus.RECEIVED),
    MessageAction.REJECT: (UNHANDLED, MessageStatus.REJECTED),
    MessageAction.DRAFT_REPLY: (
        frozenset({MessageStatus.ACCEPTED, MessageStatus.REPLY_DRAFTED}),
        MessageStatus.REPLY_DRAFTED,
    ),
    MessageAction.RETURN_REPLY: (
        frozenset({MessageStatus.REPLY_DRAFTED}),
        MessageStatus.ACCEPTED,
    ),
    MessageAction.APPROVE_REPLY: (
        frozenset({MessageStatus.REPLY_DRAFTED}),
        MessageStatus.ANSWERED,
    ),
    MessageAction.PUBLISH: (frozenset({MessageStatus.ANSWERED}), None),
    MessageAction.UNPUBLISH: (frozenset({MessageStatus.ANSWERED}), None),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    target = TRANSITIONS[action][1]
    return status if target is None else target


def allowed_actions(status: str) -> set[str]:
    return {action for action, (sources, _target) in TRANSITIONS.items() if status in sources}
