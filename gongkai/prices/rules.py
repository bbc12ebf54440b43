"""The history of a price list: what changed between two versions. Pure: no database."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ChangeKind(models.TextChoices):
    # Their own context: the same words are buttons elsewhere (“Add”, “Cancel”).
    ADDED = "added", pgettext_lazy("price change", "新增")
    REMOVED = "removed", pgettext_lazy("price change", "取消")
    PRICE = "price", _("调价")
    DETAILS = "details", _("信息变更")


@dataclass(frozen=True)
class ItemValues:
    code: str
    name: str
    specification: str
    unit: str
    price: Decimal
    effective_on: datetime.date
    note: str = ""


@dataclass(frozen=True)
class ItemChange:
    code: str
    name: str
    kind: str
    old_price: Decimal | None = None
    new_price: Decimal | None = None
    effective_on: datetime.date | None = None  # of the new row (none for a removal)

    @property
    def kind_label(self) -> str:
        return str(ChangeKind(self.kind).label)

    @property
    def difference(self) -> Decimal | None:
        if self.old_price is None or self.new_price is None:
            return None
        return self.new_price - self.old_price


def diff(old: Mapping[str, ItemValues], new: Mapping[str, ItemValues]) -> list[ItemChange]:
    """Changes from `old` to `new` (both keyed by item code), by code."""
    changes = []
    for code in sorted(set(old) | set(new)):
        before, after = old.get(code), new.get(code)
        if before is None:
            kind = ChangeKind.ADDED
        elif after is None:
            changes.append(ItemChange(code, before.name, ChangeKind.REMOVED, before.price, None))
            continue
        elif before.price != after.price:
            kind = ChangeKind.PRICE
        elif (before.name, before.specification, before.unit) != (
            after.name,
            after.specification,
            after.unit,
        ):
            kind = ChangeKind.DETAILS
        else:
            continue
        old_price = before.price if before else None
        changes.append(
            ItemChange(code, after.name, kind, old_price, after.price, after.effective_on)
        )
    return changes


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    published_on: datetime.date | None
    change: ItemChange


def item_history(
    snapshots: Sequence[tuple[int, datetime.date | None, ItemValues | None]],
) -> list[HistoryEntry]:
    """One item through the public versions in order: (version, published on, the item's row
    in it or None) → each change, oldest first (its first appearance is 新增)."""
    entries = []
    previous: ItemValues | None = None
    for number, published_on, values in snapshots:
        code = (values or previous).code if (values or previous) else ""
        old = {code: previous} if previous else {}
        new = {code: values} if values else {}
        entries += [HistoryEntry(number, published_on, change) for change in diff(old, new)]
        previous = values
    return entries


MAX_PRICE = Decimal("99999999.99")


def parse_price(text: str) -> Decimal | None:
    """元 with at most 2 decimals, ≥ 0; None when not a price."""
    text = (text or "").strip().replace(",", "").removesuffix("元")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        return None
    if value != value.quantize(Decimal("0.01")):
        # Excel writes 12.3 as 12.300000000000001: round what is float noise, refuse real cents
        rounded = value.quantize(Decimal("0.01"))
        if abs(value - rounded) > Decimal("0.000001"):
            return None
        value = rounded
    return value.quantize(Decimal("0.01"))
