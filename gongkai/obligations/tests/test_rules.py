"""The state of an obligation from its due and done moments (rules.state_of)."""

import datetime
import zoneinfo

import pytest

from gongkai.obligations.rules import Moments, State, is_late, state_of

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
TODAY = D(2026, 3, 10)
NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=SH)


def at(day, hour):
    return datetime.datetime(2026, 3, day, hour, 0, tzinfo=SH)


@pytest.mark.parametrize(
    ("moments", "soon_until", "soon_until_at", "expected"),
    [
        # Day-clocks: the due day itself is still in time (期限届满日 counts).
        (Moments(D(2026, 3, 20)), None, None, State.OPEN),
        (Moments(D(2026, 3, 20)), D(2026, 3, 17), None, State.OPEN),
        (Moments(D(2026, 3, 16)), D(2026, 3, 17), None, State.DUE_SOON),
        (Moments(D(2026, 3, 10)), D(2026, 3, 17), None, State.DUE_SOON),
        (Moments(D(2026, 3, 9)), D(2026, 3, 17), None, State.OVERDUE),
        (Moments(None), D(2026, 3, 17), None, State.NO_DUE_DATE),
        (Moments(D(2026, 3, 9), done_on=D(2026, 3, 9)), None, None, State.DONE_ON_TIME),
        (Moments(D(2026, 3, 9), done_on=D(2026, 3, 10)), None, None, State.DONE_LATE),
        (Moments(D(2026, 3, 9), done_at=at(9, 23)), None, None, State.DONE_ON_TIME),
        (Moments(None, done_on=D(2026, 3, 1)), None, None, State.DONE_ON_TIME),
        # Instant-clocks (24/48 hours): one minute late is late.
        (Moments(D(2026, 3, 10), due_at=at(10, 13)), None, at(10, 18), State.DUE_SOON),
        (Moments(D(2026, 3, 11), due_at=at(11, 13)), None, at(10, 18), State.OPEN),
        (Moments(D(2026, 3, 10), due_at=at(10, 11)), None, at(10, 18), State.OVERDUE),
        (
            Moments(D(2026, 3, 10), due_at=at(10, 11), done_at=at(10, 11)),
            None,
            None,
            State.DONE_ON_TIME,
        ),
        (
            Moments(D(2026, 3, 10), due_at=at(10, 11), done_at=at(10, 12), done_on=D(2026, 3, 10)),
            None,
            None,
            State.DONE_LATE,
        ),
    ],
)
def test_state_of(moments, soon_until, soon_until_at, expected):
    assert (
        state_of(moments, now=NOW, today=TODAY, soon_until=soon_until, soon_until_at=soon_until_at)
        == expected
    )


def test_is_late_is_unknown_while_open_or_without_a_due_date():
    assert is_late(Moments(D(2026, 3, 9))) is None
    assert is_late(Moments(None, done_on=D(2026, 3, 9))) is None
