import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from gongkai.diseases import rules
from gongkai.diseases.classification import CLASS_OF, DISEASES, canonical_name, parse_class

R = rules.Row


def test_the_classification_has_two_class_a_diseases_and_new_names():
    assert [n for n, c in DISEASES if c == "A"] == ["鼠疫", "霍乱"]
    assert CLASS_OF["新型冠状病毒感染"] == "B"  # 乙类乙管 since 2023-01-08
    assert CLASS_OF["猴痘"] == "B"
    assert canonical_name("人感染H7N9禽流感") == "人感染新亚型流感"  # merged by the 2025 law
    assert canonical_name("普通感冒") is None
    assert len({n for n, _c in DISEASES}) == len(DISEASES)


@pytest.mark.parametrize(
    ("text", "value"),
    [("甲类", "A"), ("乙", "B"), ("c", "C"), ("丙类 ", "C"), ("丁类", None), ("", None)],
)
def test_parse_class(text, value):
    assert parse_class(text) == value


@pytest.mark.parametrize(("text", "value"), [("C", "C"), ("A", "A"), ("丙类", "C")])
def test_parse_class_reads_the_same_in_an_english_session(text, value):
    with translation.override("en"):
        assert parse_class(text) == value


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], [("A", 0, 0, 0), ("B", 0, 0, 0), ("C", 0, 0, 0)]),
        (
            [R("霍乱", "A", 1, 0), R("肺结核", "B", 20, 1), R("梅毒", "B", 5, 0)],
            [("A", 1, 0, 1), ("B", 25, 1, 2), ("C", 0, 0, 0)],
        ),
        (
            [R("流行性感冒", "C", 300, 0), R("手足口病", "C", 0, 0), R("狂犬病", "B", 1, 1)],
            [("A", 0, 0, 0), ("B", 1, 1, 1), ("C", 300, 0, 1)],
        ),
    ],
)
def test_class_totals(rows, expected):
    totals = rules.class_totals(rows)
    assert [(t.disease_class, t.cases, t.deaths, t.diseases_reported) for t in totals] == expected


@pytest.mark.parametrize(
    ("current", "previous", "difference", "percent"),
    [
        (12, 10, 2, Decimal("20.0")),
        (5, 10, -5, Decimal("-50.0")),
        (3, 0, 3, None),  # last year 0: no percentage
        (7, None, None, None),  # 去年同期无数据
        (1, 3, -2, Decimal("-66.7")),
    ],
)
def test_change(current, previous, difference, percent):
    change = rules.Change(current, previous)
    assert change.difference == difference
    assert change.percent == percent
    assert change.has_previous is (previous is not None)


def test_compare_with_same_month_and_without():
    now = [R("肺结核", "B", 20, 1), R("流行性感冒", "C", 30, 0)]
    last = [R("肺结核", "B", 25, 0), R("麻疹", "B", 2, 0)]
    compared = {c.disease: c for c in rules.compare(now, last)}
    assert compared["肺结核"].cases.difference == -5
    assert compared["肺结核"].deaths.difference == 1
    assert compared["麻疹"].cases == rules.Change(0, 2)  # reported last year, none now
    assert compared["流行性感冒"].cases == rules.Change(30, 0)
    assert [c.disease for c in rules.compare(now, last)] == ["麻疹", "肺结核", "流行性感冒"]
    without = rules.compare(now, None)
    assert all(not c.cases.has_previous for c in without)


@pytest.mark.parametrize(
    ("month", "day", "due"),
    [
        (datetime.date(2026, 1, 1), 20, datetime.date(2026, 2, 20)),
        (datetime.date(2026, 12, 1), 10, datetime.date(2027, 1, 10)),
        (datetime.date(2026, 1, 1), 31, datetime.date(2026, 2, 28)),
    ],
)
def test_due_on_a_day_of_the_next_month(month, day, due):
    assert rules.due_on(month, day) == due
