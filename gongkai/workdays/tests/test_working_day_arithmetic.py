"""Working-day arithmetic over the 2025 and 2026 schedules of spec §6.

Every expected date was counted by hand on a paper calendar from the spec's tables; none is
computed by the code under test.
"""

import pytest

from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.rules import (
    WorkCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()

# (start, working days, due date, why)
ADD_CASES = [
    # Spring Festival 2025: Jan 28 – Feb 4 off; Sat Feb 8 worked.
    ("2025-01-27", 20, "2025-03-03", "eve of Spring Festival 2025, Feb 8 counted as day 4"),
    ("2025-01-27", 7, "2025-02-12", "Feb 5, 6, 7, 8 (Sat), 10, 11, 12"),
    ("2025-01-24", 1, "2025-01-26", "Sunday Jan 26 is a 调休 working day"),
    ("2025-02-07", 1, "2025-02-08", "Saturday Feb 8 is a 调休 working day"),
    # Spring Festival 2026: Feb 15 – Feb 23 off; Sat Feb 14 and Sat Feb 28 worked.
    ("2026-02-13", 20, "2026-03-19", "Friday before Spring Festival 2026"),
    ("2026-02-13", 7, "2026-03-02", "Feb 14 (Sat), 24, 25, 26, 27, 28 (Sat), Mar 2"),
    ("2026-02-13", 1, "2026-02-14", "Saturday Feb 14 is a 调休 working day"),
    ("2026-02-27", 1, "2026-02-28", "Saturday Feb 28 is a 调休 working day"),
    # National Day 2025 (with 中秋): Oct 1 – Oct 8 off; Sun Sep 28 and Sat Oct 11 worked.
    ("2025-09-30", 20, "2025-11-04", "National Day 2025, Oct 11 counted as day 3"),
    ("2025-09-30", 7, "2025-10-16", "Oct 9, 10, 11 (Sat), 13, 14, 15, 16"),
    # National Day 2026: Oct 1 – Oct 7 off; Sat Oct 10 worked.
    ("2026-09-30", 20, "2026-11-03", "National Day 2026, Oct 10 counted as day 3"),
    ("2026-09-30", 7, "2026-10-15", "Oct 8, 9, 10 (Sat), 12, 13, 14, 15"),
    ("2026-09-18", 1, "2026-09-20", "Sunday Sep 20 is a 调休 working day"),
    # Start on a holiday: counting starts the next day all the same.
    ("2026-02-17", 20, "2026-03-20", "start on the 2nd day of Spring Festival 2026"),
    ("2025-10-03", 7, "2025-10-16", "start in the middle of National Day 2025"),
    # Start on a 调休 Saturday: it is not counted (Civil Code Art.201).
    ("2026-02-14", 20, "2026-03-20", "start on 调休 Saturday Feb 14"),
    ("2026-02-28", 7, "2026-03-10", "start on 调休 Saturday Feb 28"),
    ("2025-02-08", 1, "2025-02-10", "start on 调休 Saturday Feb 8"),
    # Other holidays and the turn of the year.
    ("2025-12-31", 1, "2026-01-04", "Jan 1 – 3 off, Sunday Jan 4 worked"),
    ("2026-04-30", 7, "2026-05-13", "May 1 – 5 off, Sat May 9 worked"),
    ("2025-04-25", 3, "2025-04-29", "Sun Apr 27 worked before Labour Day"),
    ("2026-04-03", 1, "2026-04-07", "清明 Apr 4 – 6 off"),
    ("2025-05-30", 1, "2025-06-03", "端午 May 31 – Jun 2 off"),
    ("2026-03-06", 1, "2026-03-09", "an ordinary weekend"),
    ("2024-12-31", 1, "2025-01-02", "start day's year need not be loaded: it is not counted"),
    # n = 0: the start day itself, whatever the calendar.
    ("2026-02-15", 0, "2026-02-15", "zero days on a holiday"),
    ("2027-03-01", 0, "2027-03-01", "zero days in an unloaded year"),
]


@pytest.mark.parametrize(
    ("start", "n", "due", "why"), ADD_CASES, ids=[f"{c[0]}+{c[1]}" for c in ADD_CASES]
)
def test_add_working_days(start, n, due, why):
    assert add_working_days(day(start), n, CALENDAR) == day(due), why


@pytest.mark.parametrize(
    ("start", "n", "due", "why"), [c for c in ADD_CASES if c[1] > 0], ids=lambda v: str(v)
)
def test_counting_back_gives_the_same_number_of_days(start, n, due, why):
    assert working_days_between(day(start), day(due), CALENDAR) == n
    assert is_working_day(day(due), CALENDAR)


@pytest.mark.parametrize(
    ("start", "n", "unloaded_year"),
    [
        ("2026-12-20", 20, 2027),  # Dec 21–25, 28–31 are nine working days; then 2027.
        ("2026-12-31", 1, 2027),
        ("2024-12-20", 20, 2024),
    ],
)
def test_period_reaching_an_unloaded_year_fails_loudly(start, n, unloaded_year):
    with pytest.raises(YearNotLoaded) as raised:
        add_working_days(day(start), n, CALENDAR)
    assert raised.value.year == unloaded_year
    assert f"{unloaded_year}年的工作日无法确定" in raised.value.message


def test_period_ending_on_the_last_day_of_the_loaded_years_needs_no_next_year():
    assert add_working_days(day("2026-12-30"), 1, CALENDAR) == day("2026-12-31")


def test_negative_period_is_a_programming_error():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(day("2026-03-02"), -1, CALENDAR)


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2026-02-14", True),  # Sat, 调休
        ("2026-01-04", True),  # Sun, 调休
        ("2026-02-15", False),  # Sun, Spring Festival
        ("2026-02-16", False),  # Mon, Spring Festival
        ("2026-02-21", False),  # Sat, Spring Festival
        ("2026-03-07", False),  # ordinary Saturday
        ("2026-03-08", False),  # ordinary Sunday
        ("2026-03-09", True),  # ordinary Monday
        ("2025-10-06", False),  # Mon, 中秋 inside National Day
        ("2025-10-09", True),  # Thu after National Day
        ("2025-10-11", True),  # Sat, 调休
    ],
)
def test_is_working_day(iso, expected):
    assert is_working_day(day(iso), CALENDAR) is expected


def test_is_working_day_refuses_an_unloaded_year():
    with pytest.raises(YearNotLoaded) as raised:
        is_working_day(day("2027-01-04"), CALENDAR)
    assert raised.value.year == 2027


# (start, end, working days d with start < d <= end)
BETWEEN_CASES = [
    ("2026-02-13", "2026-03-19", 20),
    ("2025-01-27", "2025-03-03", 20),
    ("2025-09-30", "2025-10-08", 0),  # all of National Day
    ("2025-09-30", "2025-10-11", 3),  # Oct 9, 10, 11 (Sat, 调休)
    ("2025-12-31", "2026-01-04", 1),  # Sun Jan 4 only
    ("2026-02-13", "2026-02-14", 1),
    ("2026-02-14", "2026-02-14", 0),  # the start day is never counted
    ("2026-03-19", "2026-02-13", 0),  # end before start
]


@pytest.mark.parametrize(("start", "end", "expected"), BETWEEN_CASES)
def test_working_days_between(start, end, expected):
    assert working_days_between(day(start), day(end), CALENDAR) == expected


def test_working_days_between_refuses_an_unloaded_year():
    with pytest.raises(YearNotLoaded) as raised:
        working_days_between(day("2026-12-20"), day("2027-01-05"), CALENDAR)
    assert raised.value.year == 2027


def test_weekend_holiday_dates_change_nothing():
    """Storing only the Mon–Fri holiday dates gives the same arithmetic as storing them all."""
    weekdays_only = WorkCalendar(
        loaded_years=CALENDAR.loaded_years,
        holidays=frozenset(d for d in CALENDAR.holidays if d.weekday() < 5),
        makeup_workdays=CALENDAR.makeup_workdays,
    )
    for start, n, due, _why in ADD_CASES:
        assert add_working_days(day(start), n, weekdays_only) == day(due)
