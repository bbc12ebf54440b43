"""The pure rules of public messages: the reply clock over the 2026 holidays and 调休 working
weekends, the three-month veto line, monthly statistics, personal details and the workflow."""

import datetime

import pytest

from gongkai.participation import mailbox
from gongkai.participation.mailbox import MessageAction, MessageFacts
from gongkai.participation.models import MessageStatus
from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()


@pytest.mark.parametrize(
    ("received", "forwarded", "limit", "due"),
    [
        # An ordinary week: Monday + 5 working days is the next Monday.
        ("2026-03-02", None, 5, "2026-03-09"),
        # Sent on a Saturday: the count starts on Monday.
        ("2026-03-07", None, 5, "2026-03-13"),
        # Spring Festival (02-15…02-23): Saturday 02-14 is a 调休 working day and counts.
        ("2026-02-12", None, 5, "2026-02-26"),
        ("2026-02-13", None, 5, "2026-02-27"),
        # Received on the last holiday: the fifth working day is the 调休 Saturday 02-28.
        ("2026-02-23", None, 5, "2026-02-28"),
        # Mid-Autumn (09-25…09-27) and National Day (10-01…10-07); 09-20 and 10-10 are worked.
        ("2026-09-18", None, 5, "2026-09-24"),
        ("2026-09-24", None, 5, "2026-10-09"),
        ("2026-09-30", None, 5, "2026-10-13"),
        ("2026-09-30", None, 10, "2026-10-20"),
        # Received on the 调休 Saturday itself: that day is not counted (Civil Code Art.201).
        ("2026-10-10", None, 5, "2026-10-16"),
        # New Year: 01-01…01-03 off, Sunday 01-04 worked.
        ("2025-12-31", None, 5, "2026-01-08"),
        # Forwarded on 09-30: the clock restarts there, whatever the receipt date.
        ("2026-09-28", "2026-09-30", 5, "2026-10-13"),
        ("2026-09-18", "2026-09-18", 5, "2026-09-24"),
    ],
)
def test_reply_due_date_counts_working_days_from_the_day_after(received, forwarded, limit, due):
    start = mailbox.clock_start_on(day(received), day(forwarded) if forwarded else None)

    assert mailbox.reply_due_on(start, limit, CALENDAR) == day(due)


def test_reply_due_date_is_never_guessed_past_the_loaded_calendar():
    with pytest.raises(YearNotLoaded):
        mailbox.reply_due_on(day("2026-12-28"), 5, CALENDAR)


def test_the_explanation_names_the_holiday_and_the_makeup_day():
    explanation = mailbox.explain_reply_due(day("2026-02-23"), 5, CALENDAR)

    assert explanation.due_on == day("2026-02-28")
    assert any("2026-02-28" in step for step in explanation.steps)
    assert "2026-02-23" in explanation.steps[0]


@pytest.mark.parametrize(
    ("received", "line"),
    [
        ("2026-01-15", "2026-04-15"),
        ("2025-11-30", "2026-02-28"),  # no 02-30: the month's last day
        ("2023-11-30", "2024-02-29"),  # leap year
        ("2026-08-31", "2026-11-30"),
        ("2026-12-31", "2027-03-31"),
        ("2026-10-31", "2027-01-31"),
    ],
)
def test_the_veto_line_is_three_calendar_months_after_receipt(received, line):
    assert mailbox.veto_line_on(day(received)) == day(line)


@pytest.mark.parametrize(
    ("received", "today", "answered", "past"),
    [
        ("2026-01-15", "2026-04-15", None, False),  # on the line: not yet more than 3 months
        ("2026-01-15", "2026-04-16", None, True),
        ("2026-01-15", "2026-06-01", "2026-04-15", False),  # answered on the last day
        ("2026-01-15", "2026-06-01", "2026-04-16", True),  # answered, but a day too late
        ("2025-11-30", "2026-02-28", None, False),
        ("2025-11-30", "2026-03-01", None, True),
    ],
)
def test_unanswered_for_more_than_three_months(received, today, answered, past):
    answered_on = day(answered) if answered else None

    assert (
        mailbox.is_past_veto_line(day(received), today=day(today), answered_on=answered_on) is past
    )


def test_the_cutoff_selects_exactly_the_messages_past_the_line():
    # The database asks "received before the cutoff"; it must agree with the rule every day.
    today = day("2026-01-01")
    mismatches = []
    while today <= day("2026-12-31"):
        cutoff = mailbox.veto_cutoff_on(today)
        for back in range(60, 150):
            received = today - datetime.timedelta(days=back)
            if (received < cutoff) != mailbox.is_past_veto_line(received, today=today):
                mismatches.append((received, today))
        today += datetime.timedelta(days=1)
    assert not mismatches[:5]


def test_monthly_statistics_over_the_spring_festival():
    facts = [
        # February: received 02-13, answered 02-27: 5 working days (02-14 worked), 14 days.
        MessageFacts(day("2026-02-13"), day("2026-02-27"), False),
        # Answered the day it came: 0 and 0.
        MessageFacts(day("2026-02-24"), day("2026-02-24"), False),
        # Rejected: received, never answered.
        MessageFacts(day("2026-02-25"), None, True),
        # Received in January, answered in February: January received, February answered.
        (day("2026-01-30"), day("2026-02-02"), False),
        # Still open.
        MessageFacts(day("2026-02-26"), None, False),
    ]
    months = mailbox.last_months(day("2026-02-27"), 2)

    february, january = mailbox.monthly_statistics(facts, months=months, calendar=CALENDAR)

    assert months == [day("2026-02-01"), day("2026-01-01")]
    assert (february.received, february.rejected, february.answered) == (4, 1, 3)
    # Reply times 5, 0 and 1 working days (01-30 → 02-02); 14, 0 and 3 calendar days.
    assert february.average_working_days == 2.0
    assert february.slowest_working_days == 5
    assert february.average_days == pytest.approx(5.7)
    assert february.slowest_days == 14
    assert (january.received, january.answered, january.average_days) == (1, 0, None)


def test_statistics_leave_working_days_unknown_where_the_calendar_ends():
    facts = [MessageFacts(day("2026-12-20"), day("2027-01-05"), False)]

    (january,) = mailbox.monthly_statistics(facts, months=[day("2027-01-01")], calendar=CALENDAR)

    assert january.answered == 1
    assert january.working_days_unknown
    assert january.average_working_days is None
    assert january.slowest_days == 16


def test_months_are_listed_newest_first_across_the_year():
    assert mailbox.last_months(day("2026-02-10"), 3) == [
        day("2026-02-01"),
        day("2026-01-01"),
        day("2025-12-01"),
    ]


@pytest.mark.parametrize(
    ("action", "status", "allowed", "target"),
    [
        (MessageAction.ACCEPT, MessageStatus.RECEIVED, True, MessageStatus.ACCEPTED),
        (MessageAction.ACCEPT, MessageStatus.ACCEPTED, False, None),
        (MessageAction.FORWARD, MessageStatus.ACCEPTED, True, MessageStatus.RECEIVED),
        (MessageAction.FORWARD, MessageStatus.REPLY_DRAFTED, False, None),
        (MessageAction.REJECT, MessageStatus.RECEIVED, True, MessageStatus.REJECTED),
        (MessageAction.REJECT, MessageStatus.ANSWERED, False, None),
        (MessageAction.DRAFT_REPLY, MessageStatus.RECEIVED, False, None),
        (MessageAction.DRAFT_REPLY, MessageStatus.REPLY_DRAFTED, True, MessageStatus.REPLY_DRAFTED),
        (MessageAction.RETURN_REPLY, MessageStatus.REPLY_DRAFTED, True, MessageStatus.ACCEPTED),
        (MessageAction.APPROVE_REPLY, MessageStatus.ACCEPTED, False, None),
        (MessageAction.APPROVE_REPLY, MessageStatus.REPLY_DRAFTED, True, MessageStatus.ANSWERED),
        (MessageAction.PUBLISH, MessageStatus.ANSWERED, True, MessageStatus.ANSWERED),
        (MessageAction.PUBLISH, MessageStatus.REJECTED, False, None),
        (MessageAction.ASSIGN_UNIT, MessageStatus.ACCEPTED, True, MessageStatus.ACCEPTED),
    ],
)
def test_the_workflow_table(action, status, allowed, target):
    assert mailbox.is_allowed(action, status) is allowed
    if allowed:
        assert mailbox.target_status(action, status) == target


def test_closed_messages_allow_nothing_but_publication():
    assert mailbox.allowed_actions(MessageStatus.REJECTED) == set()
    assert mailbox.allowed_actions(MessageStatus.ANSWERED) == {
        MessageAction.PUBLISH,
        MessageAction.UNPUBLISH,
    }
