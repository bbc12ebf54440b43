"""The reply deadline: three months from assignment (交办之日起三个月内), month ends clamped;
any other deadline needs a reason."""

import datetime

import pytest

from gongkai.proposals import rules

D = datetime.date


@pytest.mark.parametrize(
    ("assigned_on", "due_on"),
    [
        (D(2026, 3, 10), D(2026, 6, 10)),  # the same day three months on
        (D(2026, 11, 30), D(2027, 2, 28)),  # February is shorter: its last day
        (D(2027, 11, 30), D(2028, 2, 29)),  # a leap year's February
        (D(2026, 5, 31), D(2026, 8, 31)),  # both months have 31 days
        (D(2026, 3, 31), D(2026, 6, 30)),  # June has 30
        (D(2026, 10, 15), D(2027, 1, 15)),  # across the year end
        (D(2026, 12, 31), D(2027, 3, 31)),
    ],
)
def test_default_deadline_is_three_months_from_assignment(assigned_on, due_on):
    assert rules.default_due_on(assigned_on) == due_on


@pytest.mark.parametrize(
    ("due_on", "reason", "problems"),
    [
        (None, "", {}),  # the default is taken
        (D(2026, 6, 10), "", {}),  # exactly the default: no reason needed
        (D(2026, 5, 10), "", {"due_on": "请写明调整的理由"}),  # shorter, no reason
        (D(2026, 9, 10), "  ", {"due_on": "请写明调整的理由"}),  # longer, blank reason
        (D(2026, 9, 10), "重点督办件，经交办机关同意延长至六个月。", {}),
        (D(2026, 4, 10), "协办单位一个月内向主办单位提出意见。", {}),
        (D(2026, 3, 10), "当天", {"due_on": "必须晚于交办日期"}),
        (D(2026, 3, 1), "更早", {"due_on": "必须晚于交办日期"}),
    ],
)
def test_deadline_override_needs_a_reason(due_on, reason, problems):
    found = rules.deadline_problems(assigned_on=D(2026, 3, 10), due_on=due_on, reason=reason)
    assert set(found) == set(problems)
    for field, words in problems.items():
        assert words in found[field]


def test_deadline_without_assignment_day():
    assert "assigned_on" in rules.deadline_problems(assigned_on=None, due_on=None, reason="")
