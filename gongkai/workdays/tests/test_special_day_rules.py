"""Which days a year's calendar may hold (checked before any save, in services and admin)."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.workdays.errors import InvalidSpecialDay
from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay
from gongkai.workdays.rules import check_special_day
from gongkai.workdays.tests.spec_schedules import day


@pytest.mark.parametrize(
    ("year", "iso", "is_makeup_workday"),
    [
        (2026, "2026-02-14", True),  # Saturday
        (2026, "2026-01-04", True),  # Sunday
        (2026, "2026-02-16", False),  # holiday on a Monday
        (2026, "2026-02-15", False),  # holiday on a Sunday: kept, harmless
    ],
)
def test_allowed_days(year, iso, is_makeup_workday):
    check_special_day(year=year, day=day(iso), is_makeup_workday=is_makeup_workday)


def test_makeup_workday_must_be_a_weekend_day():
    with pytest.raises(InvalidSpecialDay) as raised:
        check_special_day(year=2026, day=day("2026-02-13"), is_makeup_workday=True)
    assert raised.value.message == "2026-02-13 是周五。只有周六或周日才能设为调休上班日。"


def test_day_must_lie_in_its_year():
    with pytest.raises(InvalidSpecialDay) as raised:
        check_special_day(year=2027, day=day("2026-12-31"), is_makeup_workday=False)
    assert "不在2027年内" in raised.value.message


def test_model_validation_reports_the_rule_on_the_day_field():
    special_day = SpecialDay(
        year=CalendarYear(year=2026, notice="通知"),
        day=day("2026-02-13"),
        kind=DayKind.WORKDAY,
        name="春节",
    )
    with pytest.raises(ValidationError) as raised:
        special_day.clean()
    assert raised.value.message_dict == {
        "day": ["2026-02-13 是周五。只有周六或周日才能设为调休上班日。"]
    }
