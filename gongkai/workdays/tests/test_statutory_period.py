"""Periods counted in calendar days as the law counts them (Civil Code Art.201, 203), over the
2026 schedule of spec §6. Every expected date was counted by hand on the spec's tables."""

import pytest

from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.rules import statutory_period_end
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()

# (start, days, last day, why)
CASES = [
    ("2026-03-02", 3, "2026-03-05", "Mon + 3 is Thu: a working day, nothing moves"),
    ("2026-03-03", 3, "2026-03-06", "Tue + 3 is Fri"),
    ("2026-03-04", 3, "2026-03-09", "Wed + 3 is Sat: moves over the weekend to Monday"),
    ("2026-03-05", 3, "2026-03-09", "Thu + 3 is Sun: moves to Monday"),
    ("2026-03-06", 3, "2026-03-09", "Fri + 3 is Mon; the weekend inside is counted"),
    ("2026-09-28", 3, "2026-10-08", "National Day 2026: Oct 1 – 7 off, Thu Oct 8"),
    ("2026-10-05", 3, "2026-10-08", "start inside the holiday, ends the day after it"),
    ("2026-10-07", 3, "2026-10-10", "Sat Oct 10 is a 调休 working day: it stays"),
    ("2026-02-12", 3, "2026-02-24", "Spring Festival 2026: Feb 15 – 23 off"),
    ("2026-02-11", 3, "2026-02-14", "Sat Feb 14 is a 调休 working day"),
    ("2026-09-17", 3, "2026-09-20", "Sun Sep 20 is a 调休 working day"),
    ("2026-09-22", 3, "2026-09-28", "中秋 Sep 25 – 27 off"),
    ("2026-03-07", 0, "2026-03-09", "zero days from a Saturday: the rest day still moves"),
    ("2026-03-04", 0, "2026-03-04", "zero days from a working day"),
]


@pytest.mark.parametrize(("start", "days", "expected", "why"), CASES)
def test_statutory_period_end(start, days, expected, why):
    assert statutory_period_end(day(start), days, CALENDAR) == day(expected), why


def test_a_last_day_in_an_unknown_year_fails_loudly():
    with pytest.raises(YearNotLoaded):
        statutory_period_end(day("2026-12-30"), 3, CALENDAR)


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        statutory_period_end(day("2026-03-04"), -1, CALENDAR)
