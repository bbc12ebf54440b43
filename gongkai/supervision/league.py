"""The league table (考核排名): each subordinate's finding figures turned into points by the
indicators of the year's scheme, the total and the rank. One grouped query or two per
indicator, whatever the number of agencies."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.supervision import findings
from gongkai.supervision.access import subordinates
from gongkai.supervision.models import AssessmentScheme
from gongkai.supervision.periods import Period
from gongkai.supervision.scoring import indicator_points, ranks

DEFAULT_STALE_MONTHS = 6


@dataclass(frozen=True)
class IndicatorSpec:
    finding: str
    name: str
    weight: Decimal
    method: str
    deduction: Decimal

    @property
    def kind(self) -> findings.FindingKind:
        return findings.BY_CODE[self.finding]


def default_indicators() -> list[IndicatorSpec]:
    """Every finding kind with a default weight, with its method (weights add up to 100);
    kinds without one are offered in the scheme editor only."""
    return [
        IndicatorSpec(
            kind.code,
            str(kind.label),
            kind.default_weight,
            kind.default_method,
            kind.default_deduction,
        )
        for kind in findings.KINDS
        if kind.default_weight > 0
    ]


def scheme_of(agency: Agency, year: int) -> AssessmentScheme | None:
    return AssessmentScheme.objects.filter(agency=agency, year=year).first()


def indicators_of(scheme: AssessmentScheme | None) -> list[IndicatorSpec]:
    if scheme is None:
        return default_indicators()
    specs = [
        IndicatorSpec(i.finding, i.name, i.weight, i.method, i.deduction)
        for i in scheme.indicators.all()
        if i.finding in findings.BY_CODE
    ]
    return specs or default_indicators()


@dataclass
class Cell:
    indicator: IndicatorSpec
    count: int
    base: int | None
    points: Decimal


@dataclass
class Row:
    agency: Agency
    cells: list[Cell]
    total: Decimal
    rank: int = 0


@dataclass
class Table:
    agency: Agency
    period: Period
    scheme: AssessmentScheme | None
    indicators: list[IndicatorSpec]
    rows: list[Row]
    # The scope the figures were read in: its shared figures (e.g. every ledger kind's overdue
    # rows) serve the page's other columns without another query.
    scope: findings.Scope | None = None

    @property
    def full_marks(self) -> Decimal:
        return sum((i.weight for i in self.indicators), Decimal(0))


def league_table(
    agency: Agency, period: Period, *, today: datetime.date, now: datetime.datetime
) -> Table:
    """`agency`'s subordinates ranked by the scheme of the period's year, best first."""
    scheme = scheme_of(agency, period.start.year)
    indicators = indicators_of(scheme)
    agencies = list(subordinates(agency))
    scope = findings.Scope(
        frozenset(a.pk for a in agencies),
        period,
        today,
        now,
        scheme.stale_months if scheme else DEFAULT_STALE_MONTHS,
    )
    figures: dict[str, findings.Figures] = {}
    for indicator in indicators:
        if indicator.finding not in figures:
            figures[indicator.finding] = indicator.kind.count(scope)
    rows = []
    for subordinate in agencies:
        cells = []
        for indicator in indicators:
            found = figures[indicator.finding]
            count = found.counts.get(subordinate.pk, 0)
            base = found.bases.get(subordinate.pk, 0) if found.bases is not None else None
            points = indicator_points(
                method=indicator.method,
                weight=indicator.weight,
                deduction=indicator.deduction,
                count=count,
                base=base,
            )
            cells.append(Cell(indicator, count, base, points))
        rows.append(Row(subordinate, cells, sum((c.points for c in cells), Decimal(0))))
    ranking = ranks({row.agency.pk: row.total for row in rows})
    for row in rows:
        row.rank = ranking[row.agency.pk]
    rows.sort(key=lambda row: (row.rank, row.agency.code))
    return Table(agency, period, scheme, indicators, rows, scope)


def scope_for(
    agency: Agency, period: Period, *, today: datetime.date, now: datetime.datetime
) -> findings.Scope:
    """The scope of one subordinate's drill-down, with its supervisor's scheme settings."""
    supervisor = agency.parent
    scheme = scheme_of(supervisor, period.start.year) if supervisor else None
    return findings.Scope(
        frozenset({agency.pk}),
        period,
        today,
        now,
        scheme.stale_months if scheme else DEFAULT_STALE_MONTHS,
    )
