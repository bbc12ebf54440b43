"""The calendar a freshly migrated database starts with (data migration 0002_fill_calendar)."""

from importlib import import_module

import pytest
from django.apps import apps

from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.models import CalendarYear, DayKind, Source, SpecialDay
from gongkai.workdays.rules import add_working_days
from gongkai.workdays.tests.spec_schedules import SCHEDULES, dates_of, day

pytestmark = pytest.mark.django_db


def test_fresh_database_knows_2004_to_2026_and_not_2027():
    years = set(CalendarYear.objects.values_list("year", flat=True))

    assert years == set(range(2004, 2027))
    assert 2027 not in get_calendar().loaded_years


@pytest.mark.parametrize("year", sorted(SCHEDULES))
def test_seeded_year_matches_the_spec_day_for_day(year):
    holiday_table, makeup_table = SCHEDULES[year]
    days = SpecialDay.objects.filter(year__year=year)

    holidays = set(days.filter(kind=DayKind.HOLIDAY).values_list("day", flat=True))
    makeup_workdays = set(days.filter(kind=DayKind.WORKDAY).values_list("day", flat=True))

    assert holidays == dates_of(holiday_table)
    assert makeup_workdays == dates_of(makeup_table)


@pytest.mark.parametrize(
    ("year", "notice"),
    [
        (2025, "国办发明电〔2024〕12号"),
        (2026, "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）"),
        (2024, "chinesecalendar 1.11 数据"),
    ],
)
def test_seeded_years_cite_their_notice(year, notice):
    calendar_year = CalendarYear.objects.get(year=year)

    assert calendar_year.notice == notice
    assert calendar_year.source == Source.CHINESECALENDAR


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("2026-02-17", "春节"),
        ("2025-10-06", "中秋"),
        ("2026-10-10", "国庆节"),
        ("2025-01-01", "元旦"),
    ],
)
def test_seeded_days_carry_chinese_holiday_names(iso, name):
    assert SpecialDay.objects.get(day=day(iso)).name == name


def test_get_calendar_reads_the_database_in_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        calendar = get_calendar()

    assert add_working_days(day("2026-02-13"), 20, calendar) == day("2026-03-19")
    assert add_working_days(day("2025-01-27"), 20, calendar) == day("2025-03-03")
    assert calendar.names[day("2026-02-14")] == "春节"
    # 2027 has no notice yet: it is counted provisionally, 2028 not at all.
    assert calendar.provisional_years == {2027}
    assert add_working_days(day("2026-12-20"), 20, calendar) == day("2027-01-18")
    with pytest.raises(YearNotLoaded):
        add_working_days(day("2027-12-20"), 20, calendar)


def test_data_migration_is_reversible():
    migration = import_module("gongkai.workdays.migrations.0002_fill_calendar")
    manual = CalendarYear.objects.create(year=2027, notice="管理员载入的通知")
    days_before = SpecialDay.objects.count()

    migration.unfill_calendar(apps, None)
    assert list(CalendarYear.objects.all()) == [manual]  # only the seeded rows go

    migration.fill_calendar(apps, None)
    assert CalendarYear.objects.count() == 24
    assert SpecialDay.objects.count() == days_before
