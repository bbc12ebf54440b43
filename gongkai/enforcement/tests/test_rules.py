"""The decision rules, table-driven over the 2026 schedule of spec §6 (dates counted by hand)."""

import datetime

import pytest

from gongkai.enforcement import rules
from gongkai.enforcement.models import CreditSeverity, DecisionKind, PenaltyCategory
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()

# (decided on, kind, due, why)
PUBLICATION = [
    ("2026-09-30", DecisionKind.LICENSING, "2026-10-15", "Oct 8, 9, 10 (调休 Sat), 12 … 15"),
    ("2026-09-30", DecisionKind.PENALTY, "2026-10-15", "penalties: 7 working days too"),
    ("2026-09-30", DecisionKind.COERCION, "2026-11-03", "other decisions: 20 working days"),
    ("2026-09-30", DecisionKind.INSPECTION, "2026-11-03", "inspections: 20"),
    ("2026-02-13", DecisionKind.LICENSING, "2026-03-02", "Spring Festival, Feb 14 and 28 worked"),
    ("2026-02-13", DecisionKind.OTHER, "2026-03-19", "Spring Festival, 20 working days"),
    ("2026-03-06", DecisionKind.PENALTY, "2026-03-17", "an ordinary fortnight"),
]


@pytest.mark.parametrize(("decided", "kind", "due", "why"), PUBLICATION)
def test_publication_due_on(decided, kind, due, why):
    assert rules.publication_due_on(day(decided), kind, CALENDAR) == day(due), why


def test_a_law_may_set_another_period_per_kind():
    due = rules.publication_due_on(
        day("2026-03-06"), DecisionKind.COERCION, CALENDAR, {DecisionKind.COERCION: 7}
    )
    assert due == day("2026-03-17")


# (changed on, counting, due, why)
WITHDRAWAL = [
    ("2026-03-04", rules.WORKING_DAYS, "2026-03-09", "Thu, Fri, Mon"),
    ("2026-03-05", rules.WORKING_DAYS, "2026-03-10", "Fri, Mon, Tue"),
    ("2026-03-05", rules.CALENDAR_DAYS, "2026-03-09", "Sun Mar 8 moves to Mon"),
    ("2026-09-30", rules.WORKING_DAYS, "2026-10-10", "Oct 8, 9, 10 (调休 Sat)"),
    ("2026-09-30", rules.CALENDAR_DAYS, "2026-10-08", "Oct 3 in the holiday: to Oct 8"),
    ("2026-02-12", rules.WORKING_DAYS, "2026-02-24", "Feb 13, 14 (调休 Sat), then 24"),
    ("2026-02-12", rules.CALENDAR_DAYS, "2026-02-24", "Feb 15 in Spring Festival: to Feb 24"),
    ("2026-02-11", rules.CALENDAR_DAYS, "2026-02-14", "Sat Feb 14 is worked: stays"),
]


@pytest.mark.parametrize(("changed", "counting", "due", "why"), WITHDRAWAL)
def test_withdrawal_due_on(changed, counting, due, why):
    assert rules.withdrawal_due_on(day(changed), CALENDAR, counting=counting) == day(due), why


def test_unknown_counting_is_refused():
    with pytest.raises(ValueError, match="counting"):
        rules.withdrawal_due_on(day("2026-03-04"), CALENDAR, counting="lunar")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2026-11-10", 12, "2027-11-10"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2026-11-10", 3, "2027-02-10"),
        ("2026-05-31", 36, "2029-05-31"),
    ],
)
def test_add_months(start, months, expected):
    assert rules.add_months(day(start), months) == day(expected)


FINE = [PenaltyCategory.FINE]
# (kind, severity, categories, shown, ends on, repair from)
PUBLICITY = [
    (DecisionKind.PENALTY, CreditSeverity.GENERAL, FINE, True, "2027-11-09", "2027-02-10"),
    (DecisionKind.PENALTY, CreditSeverity.SERIOUS, FINE, True, "2029-11-09", "2027-11-10"),
    (DecisionKind.PENALTY, CreditSeverity.MINOR, FINE, False, None, None),
    (DecisionKind.PENALTY, CreditSeverity.GENERAL, [PenaltyCategory.WARNING], False, None, None),
    (
        DecisionKind.PENALTY,
        CreditSeverity.GENERAL,
        [PenaltyCategory.WARNING, PenaltyCategory.CIRCULATED_CRITICISM],
        False,
        None,
        None,
    ),
    (DecisionKind.LICENSING, CreditSeverity.GENERAL, [], True, None, None),
    (DecisionKind.COERCION, CreditSeverity.SERIOUS, [], True, None, None),
]


@pytest.mark.parametrize(("kind", "severity", "categories", "shown", "ends", "repair"), PUBLICITY)
def test_publicity(kind, severity, categories, shown, ends, repair):
    result = rules.publicity(kind, severity, categories, day("2026-11-10"))
    assert result.is_shown is shown
    assert result.ends_on == (day(ends) if ends else None)
    assert result.repair_earliest_on == (day(repair) if repair else None)


def test_publicity_periods_are_configurable():
    result = rules.publicity(
        DecisionKind.PENALTY,
        CreditSeverity.GENERAL,
        FINE,
        day("2026-11-10"),
        {CreditSeverity.GENERAL: rules.PublicityPeriod(minimum_months=6, maximum_months=24)},
    )
    assert result.ends_on == day("2028-11-09")
    assert result.repair_earliest_on == day("2027-05-10")


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91110000101623741K", None),
        ("92130000MA0ABCDE1P", None),
        ("91110000101623741J", "校验码"),
        ("9111000010162374", "18位"),
        ("91110000101623741I", "大写字母"),
        ("9111AB00101623741K", "行政区划码"),
    ],
)
def test_credit_code_problem(code, problem):
    found = rules.credit_code_problem(code)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("11010519491231002X", None),
        ("130102198001011232", None),
        ("110105194912310021", "校验码"),
        ("110105194913310025", "出生日期"),
        ("11010519491231002", "18位"),
        ("11010519491231002Y", "最后一位"),
    ],
)
def test_resident_id_problem(number, problem):
    found = rules.resident_id_problem(number)
    assert (found is None) if problem is None else (problem in found)


def test_normalise_code():
    assert rules.normalise_code(" ９１１１-0000 101623741k ") == "91110000101623741K"


def test_decided_today_is_counted_from_tomorrow():
    assert rules.publication_due_on(
        datetime.date(2026, 3, 6), DecisionKind.LICENSING, CALENDAR
    ) > datetime.date(2026, 3, 6)


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("ENFORCEMENT_WITHDRAWAL_COUNTING", "working_days", True),
        ("ENFORCEMENT_WITHDRAWAL_COUNTING", "calendar_days", True),
        ("ENFORCEMENT_WITHDRAWAL_COUNTING", "workdays", False),
        ("ENFORCEMENT_NAME_MASK", "surname", True),
        ("ENFORCEMENT_NAME_MASK", "initials", False),
    ],
)
def test_a_misspelt_enforcement_setting_is_a_system_check_error(settings, name, value, ok):
    from gongkai.checks import check_enforcement_settings

    setattr(settings, name, value)
    problems = check_enforcement_settings(None)
    assert (problems == []) is ok
    if not ok:
        assert problems[0].id == "gongkai.E002"
        assert value in problems[0].msg
