"""条例第三十五条 on the reply clock: a delayed reply date replaces the due date.

Received 2026-03-02 (an ordinary month): 03-03..06 = 4, 03-09..13 = 9, 03-16..20 = 14,
03-23..27 = 19, 03-30 = 20; due 2026-03-30 without events (test_clock.PLAIN_CASES).
"""

import pytest

from gongkai.foi.clock import ClockEvent, EventKind, read_clock
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()
K = EventKind


def delay(on, *, until=None, days=0, note="申请数量明显超过合理范围，理由合理"):
    return ClockEvent(
        kind=K.DELAYED, on=day(on), until=day(until) if until else None, days=days, note=note
    )


def read(events, today):
    return read_clock(
        received_on=day("2026-03-02"), events=events, calendar=CALENDAR, today=day(today)
    )


# (delay, today, due, overdue)
CASES = [
    # A date: the due date is that date, and the case is not overdue before it.
    (delay("2026-03-20", until="2026-05-15"), "2026-04-15", "2026-05-15", False),
    (delay("2026-03-20", until="2026-05-15"), "2026-05-15", "2026-05-15", False),
    (delay("2026-03-20", until="2026-05-15"), "2026-05-18", "2026-05-15", True),
    # Working days after the decision: 03-23..27 = 5, 03-30..04-03 = 10, 清明 04-04..06,
    # 04-07..10 = 14, 04-13..17 = 19, 04-20..24 = 24, 04-27..30 = 28, 劳动节 05-01..05,
    # 05-06 = 29, 05-07 = 30.
    (delay("2026-03-20", days=30), "2026-04-15", "2026-05-07", False),
]


@pytest.mark.parametrize(("event", "today", "due", "overdue"), CASES)
def test_the_delayed_date_is_the_due_date(event, today, due, overdue):
    reading = read([event], today)

    assert reading.due_on == day(due)
    assert reading.delayed_until == day(due)
    assert reading.is_overdue is overdue
    assert reading.problems == []


def test_without_the_delay_the_same_day_would_be_overdue():
    assert read([], "2026-04-15").is_overdue is True


def test_the_explanation_names_article_35():
    reading = read([delay("2026-03-20", until="2026-05-15")], "2026-04-15")

    assert reading.explanation[-2:] == [
        "2026-03-20 依条例第三十五条确定延迟答复期限至 2026-05-15"
        "（申请数量明显超过合理范围，理由合理）",
        "答复期限为延迟答复期限 2026-05-15（按条例第三十三条计算的届满日为 2026-03-30）",
    ]


def test_days_left_are_counted_to_the_delayed_date():
    # Today 04-30: 05-06, 05-07 left (05-01..05 off); used 20 by 03-30 plus 03-31..04-30 (20).
    reading = read([delay("2026-03-20", days=30)], "2026-04-30")

    assert reading.remaining_days == 2


def test_a_delay_decided_after_the_due_date_is_a_problem():
    reading = read([delay("2026-04-01", until="2026-05-15")], "2026-04-15")

    assert reading.due_on == day("2026-05-15")
    assert reading.problems == [
        "2026-04-01 决定延迟答复，晚于按条例第三十三条计算的届满日 2026-03-30："
        "延迟答复期限应在答复期限内确定并告知申请人（条例第三十五条）。"
    ]


def test_a_delay_to_a_date_before_the_due_date_is_a_problem():
    reading = read([delay("2026-03-10", until="2026-03-20")], "2026-03-12")

    assert "不晚于按条例第三十三条计算的届满日 2026-03-30" in reading.problems[0]


def test_events_after_the_delay_do_not_move_its_date():
    events = [
        delay("2026-03-20", until="2026-05-15"),
        ClockEvent(kind=K.EXTENDED, on=day("2026-03-25"), days=10),
    ]

    reading = read(events, "2026-04-15")

    assert reading.due_on == day("2026-05-15")
    assert "不改变延迟答复期限 2026-05-15" in reading.problems[0]


def test_a_new_delay_replaces_the_earlier_one():
    events = [
        delay("2026-03-20", until="2026-05-15"),
        delay("2026-03-27", until="2026-06-05"),
    ]

    assert read(events, "2026-05-20").due_on == day("2026-06-05")


def test_a_delay_before_a_supplement_belongs_to_the_abandoned_period():
    events = [
        delay("2026-03-03", until="2026-05-15"),
        ClockEvent(kind=K.SUPPLEMENT_REQUESTED, on=day("2026-03-04")),
        ClockEvent(kind=K.SUPPLEMENT_RECEIVED, on=day("2026-03-06")),
    ]

    # Counted afresh after 03-06: 03-09..13 = 5, 16..20 = 10, 23..27 = 15, 03-30..04-03 = 20.
    assert read(events, "2026-03-10").due_on == day("2026-04-03")
