"""The step-by-step explanation of a due date, as shown to clerks and applicants."""

from types import MappingProxyType

import pytest

from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.rules import WorkCalendar, add_working_days, explain_add_working_days
from gongkai.workdays.tests.spec_schedules import day, spec_calendar
from gongkai.workdays.tests.test_working_day_arithmetic import ADD_CASES

CALENDAR = spec_calendar()


def test_spring_festival_2026_explained():
    explanation = explain_add_working_days(day("2026-02-13"), 20, CALENDAR)

    assert explanation.due_on == day("2026-03-19")
    assert explanation.steps == [
        "起算日 2026-02-13（不计入）",
        "第1个工作日 2026-02-14（周六，因调休计为工作日）",
        "跳过 2026-02-15 至 2026-02-23（春节）",
        "第6个工作日 2026-02-28（周六，因调休计为工作日）",
        "届满日 2026-03-19（周四，第20个工作日）",
    ]


def test_national_day_2025_explained():
    explanation = explain_add_working_days(day("2025-09-30"), 20, CALENDAR)

    assert explanation.due_on == day("2025-11-04")
    assert explanation.steps == [
        "起算日 2025-09-30（不计入）",
        "跳过 2025-10-01 至 2025-10-08（国庆、中秋）",
        "第1个工作日 2025-10-09（周四）",
        "第3个工作日 2025-10-11（周六，因调休计为工作日）",
        "届满日 2025-11-04（周二，第20个工作日）",
    ]


def test_single_holiday_and_plain_weekends():
    # Jan 1 2025 is skipped by name; the weekends of January are not worth a line.
    explanation = explain_add_working_days(day("2024-12-31"), 7, CALENDAR)

    assert explanation.due_on == day("2025-01-10")
    assert explanation.steps == [
        "起算日 2024-12-31（不计入）",
        "跳过 2025-01-01（元旦）",
        "第1个工作日 2025-01-02（周四）",
        "届满日 2025-01-10（周五，第7个工作日）",
    ]


def test_due_on_a_makeup_saturday():
    explanation = explain_add_working_days(day("2026-02-13"), 1, CALENDAR)

    assert explanation.steps == [
        "起算日 2026-02-13（不计入）",
        "届满日 2026-02-14（周六，因调休计为工作日，第1个工作日）",
    ]


def test_zero_days():
    explanation = explain_add_working_days(day("2026-02-15"), 0, CALENDAR)

    assert explanation.due_on == day("2026-02-15")
    assert explanation.steps == [
        "起算日 2026-02-15（不计入）",
        "期限为0个工作日，届满日即起算日 2026-02-15",
    ]


def test_unnamed_holiday_is_called_a_statutory_holiday():
    calendar = WorkCalendar(
        loaded_years=frozenset({2026}),
        holidays=frozenset({day("2026-03-10")}),
        makeup_workdays=frozenset(),
        names=MappingProxyType({}),
    )

    steps = explain_add_working_days(day("2026-03-09"), 1, calendar).steps

    assert "跳过 2026-03-10（法定节假日）" in steps


def test_explanation_refuses_an_unloaded_year():
    with pytest.raises(YearNotLoaded):
        explain_add_working_days(day("2026-12-20"), 20, CALENDAR)


@pytest.mark.parametrize(("start", "n", "due", "why"), ADD_CASES, ids=lambda v: str(v))
def test_explanation_agrees_with_the_arithmetic(start, n, due, why):
    assert explain_add_working_days(day(start), n, CALENDAR).due_on == day(due)
    assert add_working_days(day(start), n, CALENDAR) == day(due)
