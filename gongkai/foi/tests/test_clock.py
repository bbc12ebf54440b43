"""The reply clock (条例第三十条、第三十二条、第三十三条) over the spec's 2025/2026 schedules.

Every expected date was counted by hand from the schedules in spec §6 (the counts are in the
comments); none is computed with the code under test.
"""

import pytest

from gongkai.foi.clock import (
    ClockError,
    ClockEvent,
    EventKind,
    due_soon,
    fee_payment_deadline,
    read_clock,
    supplement_deadline,
    third_party_deadline,
    validate_extension,
)
from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()
K = EventKind


def event(kind, on, days=0, note=""):
    return ClockEvent(kind=kind, on=day(on), days=days, note=note)


def read(received, events=(), *, today="2026-01-05", **options):
    return read_clock(
        received_on=day(received),
        events=list(events),
        calendar=CALENDAR,
        today=day(today),
        **options,
    )


# (received, due, how it was counted)
PLAIN_CASES = [
    # 02-14 Sat 调休 = 1; 02-15..02-23 off; 02-24..02-27 = 2..5; 02-28 Sat 调休 = 6; 03-02..06 =
    # 7..11; 03-09..13 = 12..16; 03-16..19 = 17..20.
    ("2026-02-13", "2026-03-19", "eve of Spring Festival 2026"),
    # Received on 调休 Saturday 02-14 (not counted): 02-24..27 = 1..4, 02-28 = 5, 03-02..06 =
    # 6..10, 03-09..13 = 11..15, 03-16..20 = 16..20.
    ("2026-02-14", "2026-03-20", "received on a 调休 Saturday"),
    # Received on 调休 Sunday 2025-09-28: 09-29, 09-30 = 1, 2; 10-01..08 off; 10-09, 10 = 3, 4;
    # 10-11 Sat 调休 = 5; 10-13..17 = 6..10; 10-20..24 = 11..15; 10-27..31 = 16..20.
    ("2025-09-28", "2025-10-31", "received on a 调休 Sunday"),
    # 10-01..08 off; 10-09, 10 = 1, 2; 10-11 Sat 调休 = 3; 10-13..17 = 4..8; 10-20..24 = 9..13;
    # 10-27..31 = 14..18; 11-03, 04 = 19, 20.
    ("2025-09-30", "2025-11-04", "day before National Day 2025"),
    # 03-03..06 = 1..4, 03-09..13 = 5..9, 03-16..20 = 10..14, 03-23..27 = 15..19, 03-30 = 20.
    ("2026-03-02", "2026-03-30", "an ordinary month"),
]


@pytest.mark.parametrize(("received", "due", "why"), PLAIN_CASES, ids=[c[0] for c in PLAIN_CASES])
def test_due_date_without_events(received, due, why):
    reading = read(received, today=received)

    assert reading.due_on == day(due), why
    assert reading.start_on == day(received)
    assert reading.limit_days == 20
    assert reading.paused_since is None
    assert reading.problems == []


def test_spring_festival_2026_is_explained_step_by_step():
    reading = read("2026-02-13", today="2026-02-13")

    assert reading.explanation == [
        "受理日 2026-02-13（不计入）",
        "第1个工作日 2026-02-14（周六，因调休计为工作日）",
        "跳过 2026-02-15 至 2026-02-23（春节）",
        "第6个工作日 2026-02-28（周六，因调休计为工作日）",
        "届满日 2026-03-19（周四，第20个工作日）",
    ]


# (received, today, used, remaining): used days are counted up to today, never past the due day.
USED_CASES = [
    ("2026-02-13", "2026-02-13", 0, 20),
    ("2026-02-13", "2026-02-23", 1, 19),  # Only 02-14 so far; the holiday is not counted.
    ("2026-02-13", "2026-03-02", 7, 13),  # 02-14, 02-24..28, 03-02.
    ("2026-02-13", "2026-03-19", 20, 0),
    ("2026-02-13", "2026-04-01", 20, 0),  # Overdue: capped at the limit.
]


@pytest.mark.parametrize(("received", "today", "used", "remaining"), USED_CASES)
def test_used_and_remaining_days(received, today, used, remaining):
    reading = read(received, today=today)

    assert (reading.used_days, reading.remaining_days) == (used, remaining)


def test_supplement_notice_is_due_within_seven_working_days():
    # 02-14 Sat 调休 = 1, 02-24..27 = 2..5, 02-28 Sat 调休 = 6, 03-02 = 7.
    assert read("2026-02-13").supplement_notice_due_on == day("2026-03-02")


def test_late_supplement_notice_is_a_problem():
    reading = read(
        "2026-02-13",
        [event(K.SUPPLEMENT_REQUESTED, "2026-03-03"), event(K.SUPPLEMENT_RECEIVED, "2026-03-05")],
        today="2026-03-05",
    )

    assert reading.problems == [
        "补正告知 2026-03-03 晚于收到申请后7个工作日（应不晚于 2026-03-02，条例第三十条）。"
    ]


# Received 03-02 (Mon), 补正告知 03-05, supplement received 03-16 (Mon). Counting restarts after
# 03-16: 03-17..20 = 1..4, 03-23..27 = 5..9, 03-30, 31 = 10, 11, 04-01..03 = 12..14,
# 04-04..06 清明 off, 04-07..10 = 15..18, 04-13, 14 = 19, 20.
SUPPLEMENT = [
    event(K.SUPPLEMENT_REQUESTED, "2026-03-05"),
    event(K.SUPPLEMENT_RECEIVED, "2026-03-16"),
]


def test_supplement_restarts_the_clock_from_the_day_it_arrives():
    reading = read("2026-03-02", SUPPLEMENT, today="2026-03-16")

    assert reading.start_on == day("2026-03-16")
    assert reading.due_on == day("2026-04-14")
    assert reading.limit_days == 20
    assert reading.used_days == 0
    assert reading.explanation[:3] == [
        "受理日 2026-03-02",
        "补正告知 2026-03-05，答复期限停止计算（条例第三十条）",
        "收到补正 2026-03-16，答复期限自次日起重新计算（条例第三十条）",
    ]
    assert reading.explanation[-1] == "届满日 2026-04-14（周二，第20个工作日）"


def test_only_extensions_granted_after_the_supplement_count():
    before = event(K.EXTENDED, "2026-03-04", 10)  # Belonged to the old, stopped period.
    after = event(K.EXTENDED, "2026-04-01", 5)
    reading = read("2026-03-02", [before, *SUPPLEMENT, after], today="2026-04-01")

    # From 04-14 (day 20): 04-15..17 = 21..23, 04-20, 21 = 24, 25.
    assert reading.limit_days == 25
    assert reading.due_on == day("2026-04-21")


def test_clock_waiting_for_a_supplement_has_no_due_date():
    reading = read("2026-03-02", SUPPLEMENT[:1], today="2026-03-20")

    assert reading.due_on is None
    assert reading.paused_since == day("2026-03-05")
    assert "补正" in reading.pause_reason
    assert reading.used_days == 3  # 03-03, 04, 05.
    assert reading.is_overdue is False
    assert reading.explanation[-1] == (
        "自 2026-03-05 起停止计算（等待申请人补正，收到补正后依条例第三十条重新计算答复期限），"
        "此前已用3个工作日"
    )


def test_second_supplement_notice_is_a_problem():
    reading = read(
        "2026-03-02",
        [*SUPPLEMENT, event(K.SUPPLEMENT_REQUESTED, "2026-03-18")],
        today="2026-03-20",
    )

    assert reading.problems == ["补正应一次性告知（条例第三十条），本申请记录了2次补正告知。"]
    assert reading.due_on is None
    assert reading.paused_since == day("2026-03-18")


# (received, pause start, pause end, paused working days, due with the pause, due without)
PAUSE_CASES = [
    # Without: 2026-03-19 (see PLAIN_CASES). 03-02 is day 7; 03-03..06, 09, 10 are paused (6);
    # 03-11..13 = 8..10, 03-16..20 = 11..15, 03-23..27 = 16..20.
    ("2026-02-13", "2026-03-02", "2026-03-10", 6, "2026-03-27", "2026-03-19"),
    # Received 02-10 (Tue), day 1 = 02-11, day 2 = 02-12; paused 02-13, 02-14 (Sat 调休),
    # 02-24, 25, 26 (5); 02-27 = 3, 02-28 Sat 调休 = 4, 03-02..06 = 5..9, 03-09..13 = 10..14,
    # 03-16..20 = 15..19, 03-23 = 20. Without the pause: 03-16.
    ("2026-02-10", "2026-02-12", "2026-02-26", 5, "2026-03-23", "2026-03-16"),
    # 2025-09-30 received; pause 10-09..10-15 leaves 10-10, 10-11 (Sat 调休), 10-13, 14, 15 (5)
    # uncounted. Without: 11-04; plus five: 11-05, 06, 07, 10, 11.
    ("2025-09-30", "2025-10-09", "2025-10-15", 5, "2025-11-11", "2025-11-04"),
]


@pytest.mark.parametrize(
    ("received", "start", "end", "paused", "due", "due_without"),
    PAUSE_CASES,
    ids=[c[0] for c in PAUSE_CASES],
)
def test_consultation_moves_the_due_date_by_the_paused_working_days(
    received, start, end, paused, due, due_without
):
    events = [event(K.CONSULTATION_STARTED, start), event(K.CONSULTATION_ENDED, end)]
    reading = read(received, events, today=end)

    assert read(received, today=received).due_on == day(due_without)
    assert reading.due_on == day(due)
    assert f"其间{paused}个工作日不计入" in next(s for s in reading.explanation if "暂停" in s)


def test_pause_example_is_explained():
    events = [
        event(K.CONSULTATION_STARTED, "2026-03-02"),
        event(K.CONSULTATION_ENDED, "2026-03-10"),
        event(K.EXTENDED, "2026-03-12", 20, "经负责人同意"),
    ]
    reading = read("2026-02-13", events, today="2026-03-12")

    # From 03-27 (day 20, see PAUSE_CASES): 03-30, 31 = 21, 22; 04-01..03 = 23..25; 清明 04-04..06
    # off; 04-07..10 = 26..29; 04-13..17 = 30..34; 04-20..24 = 35..39; 04-27 = 40.
    assert reading.due_on == day("2026-04-27")
    assert reading.limit_days == 40
    assert reading.explanation == [
        "受理日 2026-02-13（不计入）",
        "第1个工作日 2026-02-14（周六，因调休计为工作日）",
        "跳过 2026-02-15 至 2026-02-23（春节）",
        "第6个工作日 2026-02-28（周六，因调休计为工作日）",
        "暂停 2026-03-02 至 2026-03-10（征求第三方意见，所需时间依条例第三十二条、"
        "第三十三条第三款不计入答复期限；其间6个工作日不计入）",
        "第8个工作日 2026-03-11（周三）",
        "跳过 2026-04-04 至 2026-04-06（清明）",
        "2026-03-12 延长20个工作日（经负责人同意，条例第三十三条第二款）",
        "届满日 2026-04-27（周一，第40个工作日）",
    ]


def test_overlapping_consultations_pause_once():
    events = [
        event(K.CONSULTATION_STARTED, "2026-03-02"),  # Third party.
        event(K.CONSULTATION_STARTED, "2026-03-05"),  # Another agency.
        event(K.CONSULTATION_ENDED, "2026-03-10"),
        event(K.CONSULTATION_ENDED, "2026-03-13"),
    ]
    # Paused 03-03..06, 09..13 (9). 03-02 = 7; 03-16..20 = 8..12; 03-23..27 = 13..17;
    # 03-30, 31 = 18, 19; 04-01 = 20.
    assert read("2026-02-13", events, today="2026-03-13").due_on == day("2026-04-01")


def test_open_consultation_leaves_no_due_date():
    reading = read("2026-02-13", [event(K.CONSULTATION_STARTED, "2026-03-02")], today="2026-03-20")

    assert reading.due_on is None
    assert reading.paused_since == day("2026-03-02")
    assert reading.pause_reason.startswith("征求第三方意见")
    assert reading.used_days == 7  # 02-14, 02-24..28, 03-02.
    assert reading.remaining_days == 13
    assert reading.is_overdue is False
    assert reading.explanation[-2].endswith("暂停前已用7个工作日，尚余13个工作日")
    # 03-03..06, 09..13, 16..20 = 14, 03-23 = 15: counted from the sending day until the
    # party's receipt is recorded.
    assert reading.explanation[-1].startswith("第三方的征求意见期限：2026-03-23（对方收到")


def test_open_pause_needs_no_later_calendar_year():
    # Received 2026-12-10, consultation from 12-11: nothing is counted in 2027, so no error.
    reading = read("2026-12-10", [event(K.CONSULTATION_STARTED, "2026-12-11")], today="2026-12-30")

    assert reading.due_on is None
    assert reading.used_days == 1


def test_consultation_after_the_due_date_does_not_move_it():
    reading = read("2026-02-13", [event(K.CONSULTATION_STARTED, "2026-03-20")], today="2026-03-23")

    assert reading.due_on == day("2026-03-19")
    assert reading.paused_since is None
    assert reading.is_overdue is True
    assert reading.problems == ["2026-03-20 开始的暂停晚于届满日 2026-03-19，不能延后答复期限。"]


# Received 03-02: fee notice 03-09 (day 5), paid 03-16; paused 03-10..13, 03-16 (5).
# Paused: 03-17..20 = 6..9, 03-23..27 = 10..14, 03-30, 31 = 15, 16, 04-01..03 = 17..19,
# 清明 04-04..06 off, 04-07 = 20. Not paused: 03-30 (PLAIN_CASES).
FEE_EVENTS = [event(K.FEE_NOTIFIED, "2026-03-09"), event(K.FEE_PAID, "2026-03-16")]


@pytest.mark.parametrize(
    ("fee_pauses_clock", "events", "due", "paused_since"),
    [
        (True, FEE_EVENTS, "2026-04-07", None),
        (False, FEE_EVENTS, "2026-03-30", None),
        (True, FEE_EVENTS[:1], None, "2026-03-09"),
        (False, FEE_EVENTS[:1], "2026-03-30", None),
    ],
    ids=["paid-paused", "paid-counted", "unpaid-paused", "unpaid-counted"],
)
def test_fee_period_pauses_only_when_configured(fee_pauses_clock, events, due, paused_since):
    reading = read("2026-03-02", events, today="2026-03-20", fee_pauses_clock=fee_pauses_clock)

    assert reading.due_on == (day(due) if due else None)
    assert reading.paused_since == (day(paused_since) if paused_since else None)


def test_fee_notice_after_the_due_date_is_a_problem():
    reading = read("2026-03-02", [event(K.FEE_NOTIFIED, "2026-03-31")], today="2026-03-31")

    assert reading.due_on == day("2026-03-30")
    assert "收费通知 2026-03-31 晚于届满日 2026-03-30" in reading.problems[0]


# Extensions on a clock received 2026-02-13 (due 03-19). From 03-19: 03-20 = 1, 03-23..27 =
# 2..6, 03-30, 31 = 7, 8, 04-01..03 = 9..11, 04-07..10 = 12..15, 04-13..17 = 16..20.
EXTENSION_CASES = [
    ([20], 40, "2026-04-17", []),
    ([10, 10], 40, "2026-04-17", []),
    ([5], 25, "2026-03-26", []),  # 03-20, 23, 24, 25, 26.
    (
        [20, 1],  # Recorded anyway; the reading flags it (validate_extension refuses it).
        41,
        "2026-04-20",
        ["延长期限合计21个工作日，超过条例第三十三条第二款规定的最长20个工作日。"],
    ),
]


@pytest.mark.parametrize(("days", "limit", "due", "problems"), EXTENSION_CASES)
def test_extensions(days, limit, due, problems):
    events = [event(K.EXTENDED, "2026-03-16", n, "经负责人同意") for n in days]
    reading = read("2026-02-13", events, today="2026-03-16")

    assert reading.limit_days == limit
    assert reading.due_on == day(due)
    assert reading.problems == problems


def test_extension_decided_after_the_due_date_is_a_problem():
    reading = read("2026-02-13", [event(K.EXTENDED, "2026-03-20", 20)], today="2026-03-20")

    assert reading.due_on == day("2026-04-17")
    assert reading.problems == [
        "2026-03-20 决定延长，晚于原届满日 2026-03-19：延长应在答复期限内决定（条例第三十三条）。"
    ]


@pytest.mark.parametrize(("existing", "new"), [(0, 20), (0, 1), (10, 10), (15, 5), (19, 1)])
def test_extension_allowed(existing, new):
    validate_extension(existing, new)


@pytest.mark.parametrize(("existing", "new"), [(0, 21), (20, 1), (10, 11), (0, 0), (5, -1)])
def test_extension_refused(existing, new):
    with pytest.raises(ClockError) as error:
        validate_extension(existing, new)
    assert error.value.message


def test_extension_refusal_says_how_much_is_left():
    with pytest.raises(ClockError) as error:
        validate_extension(15, 10)
    assert str(error.value) == (
        "已延长15个工作日，再延长10个工作日将超过条例第三十三条第二款规定的最长20个工作日"
        "（最多还可延长5个工作日）。"
    )


# (reply or today, replied?, overdue?) on a clock due 2026-03-19.
OVERDUE_CASES = [
    ("2026-03-18", True, False),
    ("2026-03-19", True, False),
    ("2026-03-20", True, True),
    ("2026-03-19", False, False),
    ("2026-03-20", False, True),
]


@pytest.mark.parametrize(("on", "replied", "overdue"), OVERDUE_CASES)
def test_overdue(on, replied, overdue):
    events = [event(K.REPLIED, on)] if replied else []
    reading = read("2026-02-13", events, today="2026-04-30" if replied else on)

    assert reading.due_on == day("2026-03-19")
    assert reading.is_overdue is overdue
    if replied:
        assert reading.replied_on == day(on)
        assert reading.explanation[-1] == f"答复日 {on}"


def test_late_reply_is_a_problem():
    reading = read("2026-02-13", [event(K.REPLIED, "2026-03-20")], today="2026-04-30")

    assert reading.problems == ["答复日 2026-03-20 晚于届满日 2026-03-19。"]
    assert reading.used_days == 20


def test_reply_day_counts_the_days_used():
    reading = read("2026-02-13", [event(K.REPLIED, "2026-03-02")], today="2026-04-30")

    assert (reading.used_days, reading.remaining_days) == (7, 13)


def test_closed_while_waiting_for_a_supplement_has_no_due_date():
    events = [event(K.SUPPLEMENT_REQUESTED, "2026-03-05"), event(K.CLOSED, "2026-03-20")]
    reading = read("2026-03-02", events, today="2026-04-30")

    assert reading.due_on is None
    assert reading.paused_since is None
    assert reading.pause_reason == ""
    assert reading.closed_on == day("2026-03-20")
    assert reading.is_overdue is False
    assert reading.explanation[-1] == "办结日 2026-03-20（未作答复）"


def test_events_are_read_in_date_order():
    events = [
        event(K.CONSULTATION_ENDED, "2026-03-10"),
        event(K.CONSULTATION_STARTED, "2026-03-02"),
    ]

    assert read("2026-02-13", events, today="2026-03-10").due_on == day("2026-03-27")


def test_unmatched_end_of_consultation_is_a_problem():
    reading = read("2026-02-13", [event(K.CONSULTATION_ENDED, "2026-03-02")], today="2026-03-02")

    assert reading.due_on == day("2026-03-19")
    assert reading.problems == [
        "2026-03-02 记录了“收到意见或期满”，但此前没有对应的“征求意见（第三方/其他机关）”。"
    ]


def test_event_before_receipt_is_a_problem():
    reading = read("2026-02-13", [event(K.REPLIED, "2026-02-12")], today="2026-02-13")

    assert reading.problems == ["“答复”的日期 2026-02-12 早于收到申请之日。"]


def test_unloaded_year_is_never_guessed():
    # 2026-12-11 = 1, 12-14..18 = 2..6, 12-21..25 = 7..11, 12-28..31 = 12..15; then 2027.
    with pytest.raises(YearNotLoaded) as error:
        read("2026-12-10", today="2026-12-10")
    assert error.value.year == 2027


def test_kind_may_be_given_as_its_stored_value():
    reading = read(
        "2026-02-13",
        [ClockEvent(kind="consultation_started", on=day("2026-03-02"))],
        today="2026-03-02",
    )

    assert reading.paused_since == day("2026-03-02")


# --- deadlines of the other parties ----------------------------------------------------------

DEADLINE_CASES = [
    # 补正 period set by the office: 02-14 Sat 调休 = 1, 02-24..27 = 2..5, 02-28 = 6, 03-02 = 7.
    (supplement_deadline, ("2026-02-13", 7), "2026-03-02"),
    (supplement_deadline, ("2026-03-02", 15), "2026-03-23"),  # 03-03..06, 09..13, 16..20, 23.
    # Third party, 15 working days: 10-09, 10, 11 (Sat) = 1..3, 10-13..17 = 4..8,
    # 10-20..24 = 9..13, 10-27, 28 = 14, 15.
    (third_party_deadline, ("2025-09-30",), "2025-10-28"),
    # Fee, 20 working days from the day after the notice arrives: 2026-02-13 → 03-19 as above.
    (fee_payment_deadline, ("2026-02-13",), "2026-03-19"),
    # 05-01..05 off; 05-06..08 = 1..3, 05-09 Sat 调休 = 4, 05-11..15 = 5..9, 05-18..22 =
    # 10..14, 05-25..29 = 15..19, 06-01 = 20.
    (fee_payment_deadline, ("2026-04-30",), "2026-06-01"),
]


@pytest.mark.parametrize(
    ("function", "arguments", "due"), DEADLINE_CASES, ids=lambda v: getattr(v, "__name__", None)
)
def test_other_deadlines(function, arguments, due):
    start, *rest = arguments
    assert function(day(start), *rest, CALENDAR) == day(due)


def test_supplement_period_must_be_positive():
    with pytest.raises(ClockError):
        supplement_deadline(day("2026-03-02"), 0, CALENDAR)


# Due 2026-03-19. Working days from today to the due day: 03-12 → 5 (13, 16, 17, 18, 19).
DUE_SOON_CASES = [
    ("2026-03-11", False),  # 6 working days left.
    ("2026-03-12", True),
    ("2026-03-19", True),  # Due today.
    ("2026-03-20", False),  # Overdue, not "soon".
]


@pytest.mark.parametrize(("today", "soon"), DUE_SOON_CASES)
def test_due_soon(today, soon):
    reading = read("2026-02-13", today=today)

    assert due_soon(reading, day(today), CALENDAR) is soon


def test_replied_or_paused_is_never_due_soon():
    replied = read("2026-02-13", [event(K.REPLIED, "2026-03-18")], today="2026-03-18")
    paused = read("2026-02-13", [event(K.CONSULTATION_STARTED, "2026-03-17")], today="2026-03-18")

    assert due_soon(replied, day("2026-03-18"), CALENDAR) is False
    assert due_soon(paused, day("2026-03-18"), CALENDAR) is False
    assert due_soon(read("2026-02-13", today="2026-03-10"), day("2026-03-10"), CALENDAR, 10)
