"""How an indicator turns a finding's figure into points, and how totals are ranked. Pure: no
database, no clock (the 考核 scheme of the year says which method and weight apply)."""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

TWO_PLACES = Decimal("0.01")


class Method(models.TextChoices):
    DEDUCTION = "deduction", _("满分减每项扣分，扣完为止")
    RATE = "rate", _("合格率×分值")


def indicator_points(
    *, method: str, weight: Decimal, deduction: Decimal, count: int, base: int | None
) -> Decimal:
    """Points of one indicator: `weight` minus `deduction` per finding down to zero, or the
    share of the `base` (e.g. records due) without a finding × `weight`; no base, full marks."""
    weight = Decimal(weight)
    if method == Method.RATE:
        if not base:
            points = weight
        else:
            good = max(base - count, 0)
            points = weight * Decimal(good) / Decimal(base)
    else:
        points = weight - Decimal(deduction) * count
    return max(points, Decimal(0)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def ranks(totals: Mapping[int, Decimal]) -> dict[int, int]:
    """{key: rank} by total, highest first; equal totals share a rank (1, 1, 3)."""
    ordered = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    result: dict[int, int] = {}
    previous = None
    for position, (key, total) in enumerate(ordered, start=1):
        if previous is None or total != previous[1]:
            previous = (position, total)
        result[key] = previous[0]
    return result
