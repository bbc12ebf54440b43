import datetime
from decimal import Decimal

import pytest

from gongkai.prices import rules

D = datetime.date(2026, 1, 1)


def v(code, price, name="项目", unit="次", spec="", on=D):
    return rules.ItemValues(code, name, spec, unit, Decimal(price), on)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({}, {"A": v("A", "10.00")}, [("A", "added", None, "10.00")]),
        ({"A": v("A", "10.00")}, {}, [("A", "removed", "10.00", None)]),
        ({"A": v("A", "10.00")}, {"A": v("A", "12.50")}, [("A", "price", "10.00", "12.50")]),
        ({"A": v("A", "10.00")}, {"A": v("A", "10.00")}, []),
        (
            {"A": v("A", "10.00")},
            {"A": v("A", "10.00", unit="项")},
            [("A", "details", "10.00", "10.00")],
        ),
        (
            {"A": v("A", "1.00"), "B": v("B", "2.00")},
            {"B": v("B", "2.50"), "C": v("C", "3.00")},
            [
                ("A", "removed", "1.00", None),
                ("B", "price", "2.00", "2.50"),
                ("C", "added", None, "3.00"),
            ],
        ),
    ],
)
def test_diff(old, new, expected):
    changes = rules.diff(old, new)
    got = [
        (c.code, c.kind, c.old_price and str(c.old_price), c.new_price and str(c.new_price))
        for c in changes
    ]
    assert got == expected


def test_price_change_carries_the_new_effective_date_and_difference():
    later = datetime.date(2026, 7, 1)
    (change,) = rules.diff({"A": v("A", "10.00")}, {"A": v("A", "8.00", on=later)})
    assert change.effective_on == later
    assert change.difference == Decimal("-2.00")


def test_item_history_through_versions():
    entries = rules.item_history(
        [
            (1, D, v("A", "10.00")),
            (2, D, v("A", "10.00")),
            (3, D, v("A", "11.00")),
            (4, D, None),
            (5, D, v("A", "9.00")),
        ]
    )
    assert [(e.version, e.change.kind) for e in entries] == [
        (1, "added"),
        (3, "price"),
        (4, "removed"),
        (5, "added"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.5", Decimal("12.50")),
        ("1,234.00", Decimal("1234.00")),
        ("0", Decimal("0.00")),
        ("12.300000000000001", Decimal("12.30")),
        ("8元", Decimal("8.00")),
        ("12.345", None),
        ("-1", None),
        ("abc", None),
        ("", None),
        ("NaN", None),
        ("1e20", None),
    ],
)
def test_parse_price(text, value):
    assert rules.parse_price(text) == value
