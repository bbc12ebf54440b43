"""Pure rules of press events and interview questions: which step may follow which, and
whether a question may still be taken. No database, no settings."""

import datetime

from gongkai.press.models import EventKind, EventState, QuestionStatus

# An event is planned, then held or cancelled; nothing comes back from held or cancelled.
TRANSITIONS: dict[str, frozenset[str]] = {
    EventState.PLANNED: frozenset({EventState.HELD, EventState.CANCELLED}),
    EventState.HELD: frozenset(),
    EventState.CANCELLED: frozenset(),
}

# A question is moderated once: pending → accepted or rejected (with a reason).
QUESTION_TRANSITIONS: dict[str, frozenset[str]] = {
    QuestionStatus.PENDING: frozenset({QuestionStatus.ACCEPTED, QuestionStatus.REJECTED}),
    QuestionStatus.ACCEPTED: frozenset(),
    QuestionStatus.REJECTED: frozenset(),
}


def can_move(state: str, target: str) -> bool:
    return target in TRANSITIONS.get(state, frozenset())


def can_moderate(status: str, target: str) -> bool:
    return target in QUESTION_TRANSITIONS.get(status, frozenset())


def takes_questions(*, kind: str, state: str, is_announced: bool, accepts_questions: bool) -> bool:
    """The public asks an online interview announced and still planned, while staff keep
    the question box open (they close it when the interview begins, or earlier)."""
    return (
        kind == EventKind.ONLINE
        and state == EventState.PLANNED
        and is_announced
        and accepts_questions
    )


def is_upcoming(*, state: str, starts_at: datetime.datetime, now: datetime.datetime) -> bool:
    """The portal lists planned events that have not begun as 预告, the rest as past."""
    return state == EventState.PLANNED and starts_at >= now


def term_is_valid(starts_on: datetime.date, ends_on: datetime.date | None) -> bool:
    return ends_on is None or ends_on >= starts_on


def may_hold_at(starts_at: datetime.datetime, now: datetime.datetime) -> bool:
    """An event is recorded as held only once its time has come."""
    return starts_at <= now
