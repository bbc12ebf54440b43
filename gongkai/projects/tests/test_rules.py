"""The pure rules of stages.py: the kinds in order, what must precede what, required fields and
the due date counted in working days over a holiday."""

import datetime

import pytest

from gongkai.projects import stages
from gongkai.projects.stages import StageKind
from gongkai.workdays.rules import WorkCalendar

D = datetime.date
NATIONAL_DAY = frozenset(D(2026, 10, day) for day in range(1, 8))  # Thu 1 – Wed 7 October


def calendar(makeup=()) -> WorkCalendar:
    return WorkCalendar(
        loaded_years=frozenset({2026}), holidays=NATIONAL_DAY, makeup_workdays=frozenset(makeup)
    )


def test_eight_kinds_in_the_order_of_the_guidance():
    assert [str(k.label) for k in stages.ORDER] == [
        "批准服务信息",
        "批准结果信息",
        "招标投标信息",
        "征收土地信息",
        "重大设计变更信息",
        "施工有关信息",
        "质量安全监督信息",
        "竣工有关信息",
    ]
    assert set(stages.RULES) == set(StageKind)


@pytest.mark.parametrize(
    ("kind", "settled", "waiting"),
    [
        (StageKind.APPROVAL_SERVICE, set(), []),
        (StageKind.APPROVAL_RESULT, set(), [StageKind.APPROVAL_SERVICE]),
        (StageKind.APPROVAL_RESULT, {StageKind.APPROVAL_SERVICE}, []),
        (StageKind.TENDERING, {StageKind.APPROVAL_SERVICE}, [StageKind.APPROVAL_RESULT]),
        (StageKind.LAND, {StageKind.APPROVAL_RESULT}, []),
        (StageKind.CONSTRUCTION, {StageKind.APPROVAL_RESULT}, [StageKind.TENDERING]),
        (StageKind.SUPERVISION, {StageKind.TENDERING}, []),
        (
            StageKind.COMPLETION,
            {k for k in StageKind if k not in (StageKind.COMPLETION, StageKind.LAND)},
            [StageKind.LAND],
        ),
        (StageKind.COMPLETION, {k for k in StageKind if k != StageKind.COMPLETION}, []),
    ],
)
def test_stage_order(kind, settled, waiting):
    assert stages.unsettled_before(kind, {str(k) for k in settled}) == waiting


@pytest.mark.parametrize(
    ("kind", "formed", "earlier"),
    [
        (StageKind.APPROVAL_RESULT, {StageKind.APPROVAL_SERVICE: D(2026, 3, 2)}, None),
        (
            StageKind.APPROVAL_RESULT,
            {StageKind.APPROVAL_SERVICE: D(2026, 3, 4)},
            StageKind.APPROVAL_SERVICE,
        ),
        (StageKind.TENDERING, {StageKind.APPROVAL_SERVICE: D(2026, 3, 4)}, None),
    ],
)
def test_information_cannot_precede_the_stage_it_follows(kind, formed, earlier):
    assert stages.formed_before_prerequisite(kind, D(2026, 3, 3), formed) == earlier


@pytest.mark.parametrize(
    ("kind", "details", "missing"),
    [
        (
            StageKind.APPROVAL_RESULT,
            {},
            ["approval", "authority", "document_number", "approved_on"],
        ),
        (
            StageKind.APPROVAL_RESULT,
            {"approval": "批复", "authority": "发改局", "document_number": "1号"},
            ["approved_on"],
        ),
        (StageKind.COMPLETION, {"accepted_on": "2026-01-01", "result": "  "}, ["result"]),
        (StageKind.COMPLETION, {"accepted_on": "2026-01-01", "result": "合格"}, []),
        (StageKind.SUPERVISION, {"agency": "质监站", "contact": "0356-1"}, []),
    ],
)
def test_required_fields(kind, details, missing):
    assert [f.name for f in stages.missing_fields(kind, details)] == missing


@pytest.mark.parametrize(
    ("formed_on", "licensing", "makeup", "due"),
    [
        (D(2026, 9, 7), False, (), D(2026, 10, 12)),  # 17 days, the holiday, 3 more
        (D(2026, 9, 25), False, (), D(2026, 10, 30)),  # 3 days, the holiday, then 17
        (D(2026, 9, 25), False, (D(2026, 10, 10),), D(2026, 10, 29)),  # a 调休 Saturday
        (D(2026, 9, 25), True, (), D(2026, 10, 13)),  # licensing: 7 working days
        (D(2026, 11, 2), False, (), D(2026, 11, 30)),  # no holiday: four weeks
    ],
)
def test_due_date_in_working_days(formed_on, licensing, makeup, due):
    assert stages.due_on(formed_on, licensing, calendar(makeup)) == due
