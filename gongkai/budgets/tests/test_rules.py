"""The pure rules: hierarchy from codes, check sums, 三公 arithmetic, year-on-year change."""

from decimal import Decimal

import pytest

from gongkai.budgets import rules
from gongkai.budgets.rules import Line

D = Decimal


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("210", "class", ""),
        ("21001", "section", "210"),
        ("2100101", "item", "21001"),
        ("208", "class", ""),
        ("2080505", "item", "20805"),
    ],
)
def test_level_and_parent_come_from_the_code(code, level, parent):
    assert rules.level_of(code) == level
    assert rules.parent_code(code) == parent


@pytest.mark.parametrize("code", ["", "21", "2100", "210010", "21001011", "21O01", " 210", "abc"])
def test_bad_codes_are_refused(code):
    assert not rules.is_valid_code(code)
    with pytest.raises(ValueError, match="not a functional classification code"):
        rules.level_of(code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", D("12.50")),
        ("1,234.567", D("1234.57")),
        (" 0 ", D("0.00")),
        (3, D("3.00")),
        (2.25, D("2.25")),
        ("十二", None),
        ("", None),
        ("nan", None),
        ("1e30", None),
    ],
)
def test_parse_amount(text, expected):
    assert rules.parse_amount(text) == expected


GOOD = [
    Line("210", "卫生健康支出", D("300")),
    Line("21001", "卫生健康管理事务", D("100")),
    Line("2100101", "行政运行", D("80")),
    Line("2100199", "其他", D("20")),
    Line("21004", "公共卫生", D("200")),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (GOOD, []),
        # A 类 alone (no 款 given): nothing to check.
        ([Line("210", "卫生健康支出", D("300"))], []),
        # 款 given but short of the 类.
        (
            [GOOD[0], GOOD[1], GOOD[2], GOOD[3]],
            [
                "类级科目210 卫生健康支出的金额为300.00万元，但其下级科目合计为100.00万元，相差200.00万元。"  # noqa: E501
            ],
        ),
        # 项 given but not adding up to the 款.
        (
            [GOOD[0], GOOD[1], GOOD[2], GOOD[4]],
            [
                "款级科目21001 卫生健康管理事务的金额为100.00万元，但其下级科目合计为80.00万元，相差20.00万元。"  # noqa: E501
            ],
        ),
        # Printed in 万元 from 元: two children may miss their parent by a cent each way.
        (
            [
                Line("210", "卫生健康支出", D("100.01")),
                Line("21001", "卫生健康管理事务", D("100.01")),
                Line("2100101", "行政运行", D("80.00")),
                Line("2100199", "其他", D("20.00")),
            ],
            [],
        ),
        # Three cents over two children is not rounding.
        (
            [
                Line("210", "卫生健康支出", D("100.03")),
                Line("21001", "卫生健康管理事务", D("100.03")),
                Line("2100101", "行政运行", D("80.00")),
                Line("2100199", "其他", D("20.00")),
            ],
            [
                "款级科目21001 卫生健康管理事务的金额为100.03万元，但其下级科目合计为100.00万元，相差0.03万元。"  # noqa: E501
            ],
        ),
        # A child whose parent is missing.
        (
            [Line("21001", "卫生健康管理事务", D("1"))],
            ["科目21001 卫生健康管理事务的上级科目210没有列出。"],
        ),
    ],
)
def test_sum_problems_in_chinese(lines, expected):
    assert rules.sum_problems(lines) == expected


@pytest.mark.parametrize(
    ("total", "problems"),
    [(D("300"), 0), (None, 0), (D("301"), 1)],
)
def test_classes_make_the_expenditure_total(total, problems):
    assert len(rules.total_problems(GOOD, total)) == problems


@pytest.mark.parametrize(
    ("current", "previous", "amount", "percent", "note", "words"),
    [
        (D("11.40"), D("12.70"), D("-1.30"), D("-10.2"), "", "减少1.30万元（−10.2%）"),
        (D("27.80"), D("11.38"), D("16.42"), D("144.3"), "", "增加16.42万元（+144.3%）"),
        (D("5.00"), D("5.00"), D("0.00"), D("0.0"), "", "持平"),
        (D("18.00"), D("0"), D("18.00"), None, "上年为零", "增加18.00万元（上年为零）"),
        (D("0"), D("0"), D("0"), None, "", "持平"),
        (D("3.00"), None, None, None, "上年无数据", "上年无数据"),
    ],
)
def test_year_on_year_change(current, previous, amount, percent, note, words):
    change = rules.change(current, previous)
    assert change.amount == amount
    assert change.percent == percent
    assert change.note == note
    assert rules.describe_change(change) == words


def _values(abroad="0", purchase="0", operation="8.50", reception="4.20"):
    return {
        "abroad": D(abroad),
        "vehicle_purchase": D(purchase),
        "vehicle_operation": D(operation),
        "reception": D(reception),
    }


def test_sangong_vehicles_and_total_are_sums():
    items = {
        item.key: item
        for item in rules.sangong_items(_values(purchase="18", operation="6.85"), None)
    }
    assert items["vehicles"].amount == D("24.85")
    assert items["total"].amount == D("29.05")
    assert items["total"].previous is None
    assert items["total"].change.note == "上年无数据"


@pytest.mark.parametrize(
    ("now", "before", "required"),
    [
        (_values(), None, False),  # no previous table: nothing to explain against
        (_values(), _values(), False),  # unchanged
        (_values(reception="4.00"), _values(), True),
        (_values(purchase="18"), _values(), True),  # a part changed
    ],
)
def test_explanation_required_when_an_item_changed(now, before, required):
    assert rules.explanation_required(rules.sangong_items(now, before)) is required


@pytest.mark.parametrize(
    ("vehicles", "total", "which"),
    [
        (D("8.50"), D("12.70"), []),
        (None, None, []),
        (D("9.00"), None, ["vehicles"]),
        (None, D("12.00"), ["total"]),
        (D("1"), D("1"), ["vehicles", "total"]),
    ],
)
def test_sangong_stated_totals_must_add_up(vehicles, total, which):
    problems = rules.sangong_total_problem(_values(), vehicles, total)
    assert [key for key, _message in problems] == which


def test_check_lines_reports_each_problem():
    rows = [
        {"code": "210", "name": "卫生健康支出", "amount": "300"},
        {"code": "2100", "name": "坏编码", "amount": "1"},
        {"code": "21001", "name": "卫生健康管理事务", "amount": ""},
        {"code": "21004", "name": "公共卫生", "amount": "两百"},
        {"code": "210", "name": "重复", "amount": "1"},
        {"code": "21011", "name": "", "amount": "-1"},
    ]
    lines, problems = rules.check_lines(rows)
    assert [line.code for line in lines] == ["210"]
    assert [(p.index, p.field) for p in problems] == [
        (1, "code"),
        (2, "amount"),
        (3, "amount"),
        (4, "code"),
        (5, "name"),
        (5, "amount"),
    ]
    assert "重复" in problems[3].message
