"""The pure rules: transitions of events and questions, when questions are taken."""

import datetime
import zoneinfo

import pytest

from gongkai.press import rules
from gongkai.press.models import EventKind, EventState, QuestionStatus

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOON = datetime.datetime(2026, 11, 16, 12, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("state", "target", "allowed"),
    [
        (EventState.PLANNED, EventState.HELD, True),
        (EventState.PLANNED, EventState.CANCELLED, True),
        (EventState.HELD, EventState.CANCELLED, False),
        (EventState.HELD, EventState.PLANNED, False),
        (EventState.CANCELLED, EventState.HELD, False),
    ],
)
def test_event_transitions(state, target, allowed):
    assert rules.can_move(state, target) is allowed


@pytest.mark.parametrize(
    ("status", "target", "allowed"),
    [
        (QuestionStatus.PENDING, QuestionStatus.ACCEPTED, True),
        (QuestionStatus.PENDING, QuestionStatus.REJECTED, True),
        (QuestionStatus.ACCEPTED, QuestionStatus.REJECTED, False),
        (QuestionStatus.REJECTED, QuestionStatus.ACCEPTED, False),
    ],
)
def test_question_is_moderated_once(status, target, allowed):
    assert rules.can_moderate(status, target) is allowed


@pytest.mark.parametrize(
    ("kind", "state", "announced", "open_box", "takes"),
    [
        (EventKind.ONLINE, EventState.PLANNED, True, True, True),
        (EventKind.ONLINE, EventState.PLANNED, False, True, False),  # not announced yet
        (EventKind.ONLINE, EventState.PLANNED, True, False, False),  # box closed
        (EventKind.ONLINE, EventState.HELD, True, True, False),
        (EventKind.CONFERENCE, EventState.PLANNED, True, True, False),  # not an interview
    ],
)
def test_questions_are_taken_only_before_an_announced_online_interview(
    kind, state, announced, open_box, takes
):
    assert (
        rules.takes_questions(
            kind=kind, state=state, is_announced=announced, accepts_questions=open_box
        )
        is takes
    )


def test_upcoming_is_planned_and_not_begun():
    later = NOON + datetime.timedelta(days=1)
    assert rules.is_upcoming(state=EventState.PLANNED, starts_at=later, now=NOON)
    assert not rules.is_upcoming(state=EventState.PLANNED, starts_at=NOON.replace(hour=9), now=NOON)
    assert not rules.is_upcoming(state=EventState.CANCELLED, starts_at=later, now=NOON)


def test_term_and_holding_time():
    assert rules.term_is_valid(datetime.date(2026, 1, 1), None)
    assert not rules.term_is_valid(datetime.date(2026, 1, 2), datetime.date(2026, 1, 1))
    assert rules.may_hold_at(NOON, NOON)
    assert not rules.may_hold_at(NOON + datetime.timedelta(minutes=1), NOON)
