"""The month's figures: class totals and the comparison with the same month of last year.
Pure functions: no database, no settings."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from gongkai.diseases.classification import ORDER, DiseaseClass


@dataclass(frozen=True)
class Row:
    disease: str
    disease_class: str
    cases: int
    deaths: int


@dataclass(frozen=True)
class Total:
    disease_class: str
    cases: int
    deaths: int
    diseases_reported: int  # diseases with at least one case


def class_totals(rows: Iterable[Row]) -> list[Total]:
    """One total per class (甲, 乙, 丙, in that order), zeros included, and nothing else."""
    rows = list(rows)
    totals = []
    for value in DiseaseClass.values:
        mine = [r for r in rows if r.disease_class == value]
        totals.append(
            Total(
                value,
                sum(r.cases for r in mine),
                sum(r.deaths for r in mine),
                sum(1 for r in mine if r.cases),
            )
        )
    return totals


@dataclass(frozen=True)
class Change:
    """This month against the same month of last year; `previous` None = 去年同期无数据."""

    current: int
    previous: int | None

    @property
    def has_previous(self) -> bool:
        return self.previous is not None

    @property
    def difference(self) -> int | None:
        return None if self.previous is None else self.current - self.previous

    @property
    def percent(self) -> Decimal | None:
        """Change in % to one decimal; None without last year or when last year was 0."""
        if not self.previous:
            return None
        value = Decimal(self.current - self.previous) * 100 / Decimal(self.previous)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Compared:
    disease: str
    disease_class: str
    cases: Change
    deaths: Change


def compare(current: Sequence[Row], previous: Sequence[Row] | None) -> list[Compared]:
    """Each disease of this month (and any reported last year but absent now, at 0) with last
    year's figures; `previous` None means last year's month was not published."""
    last = {r.disease: r for r in previous or ()}
    now = {r.disease: r for r in current}
    names = sorted(set(now) | set(last), key=lambda name: ORDER.get(name, len(ORDER)))
    result = []
    for name in names:
        row = now.get(name)
        before = last.get(name)
        disease_class = (row or before).disease_class
        if previous is None:
            prev_cases = prev_deaths = None
        else:  # a published month lists what it had; a disease missing there had 0
            prev_cases = before.cases if before else 0
            prev_deaths = before.deaths if before else 0
        result.append(
            Compared(
                name,
                disease_class,
                Change(row.cases if row else 0, prev_cases),
                Change(row.deaths if row else 0, prev_deaths),
            )
        )
    return result


def compare_totals(
    current: Sequence[Total], previous: Sequence[Total] | None
) -> list[tuple[Total, Change, Change]]:
    last = {t.disease_class: t for t in previous or ()}
    return [
        (
            t,
            Change(t.cases, last[t.disease_class].cases if previous is not None else None),
            Change(t.deaths, last[t.disease_class].deaths if previous is not None else None),
        )
        for t in current
    ]


def same_month_last_year(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year - 1, day=1)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def due_on(month: datetime.date, due_day: int) -> datetime.date:
    """The month's figures are due on `due_day` of the next month (the last day if shorter)."""
    start = next_month(month)
    last_day = (next_month(start) - datetime.timedelta(days=1)).day
    return start.replace(day=min(due_day, last_day))


def month_label(month: datetime.date) -> str:
    """2026年11月 (in the active language: the English UI showed Chinese months)."""
    return _("%(year)s年%(month)s月") % {"year": month.year, "month": month.month}
