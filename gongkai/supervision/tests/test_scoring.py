"""Points from figures, and ranks from totals (pure functions)."""

from decimal import Decimal

import pytest

from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.periods import Period, last_months
from gongkai.supervision.scoring import Method, indicator_points, ranks


@pytest.mark.parametrize(
    ("method", "weight", "deduction", "count", "base", "points"),
    [
        (Method.DEDUCTION, 10, 2, 0, None, "10.00"),
        (Method.DEDUCTION, 10, 2, 3, None, "4.00"),
        (Method.DEDUCTION, 10, 2, 6, None, "0.00"),  # down to zero, never below
        (Method.DEDUCTION, 10, "2.5", 1, None, "7.50"),
        (Method.RATE, 10, 0, 1, 4, "7.50"),
        (Method.RATE, 10, 0, 0, 0, "10.00"),  # nothing was due: full marks
        (Method.RATE, 5, 0, 2, 3, "1.67"),
        (Method.RATE, 10, 0, 5, 4, "0.00"),
    ],
)
def test_indicator_points(method, weight, deduction, count, base, points):
    result = indicator_points(
        method=method,
        weight=Decimal(weight),
        deduction=Decimal(deduction),
        count=count,
        base=base,
    )
    assert result == Decimal(points)


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        ({1: Decimal(90), 2: Decimal(80), 3: Decimal(70)}, {1: 1, 2: 2, 3: 3}),
        ({1: Decimal(90), 2: Decimal(90), 3: Decimal(70)}, {1: 1, 2: 1, 3: 3}),
        ({1: Decimal(50)}, {1: 1}),
        ({}, {}),
    ],
)
def test_ranks(totals, expected):
    assert ranks(totals) == expected


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [("2026", "2026-01-01", "2026-12-31"), ("2026-02", "2026-02-01", "2026-02-28")],
)
def test_period_parse(key, start, end):
    period = Period.parse(key)
    assert (period.start.isoformat(), period.end.isoformat(), period.key) == (start, end, key)


@pytest.mark.parametrize("key", ["", "26", "2026-13", "2026-1", "abcd"])
def test_period_parse_rejects(key):
    with pytest.raises(SupervisionError):
        Period.parse(key)


def test_last_months_cross_the_year():
    import datetime

    months = last_months(datetime.date(2026, 2, 10), 3)
    assert [m.key for m in months] == ["2025-12", "2026-01", "2026-02"]
