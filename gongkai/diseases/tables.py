"""What the pages show of a month: its rows compared with last year, class totals, and the
charts (gongkai/charts) — read from the database, computed by rules.py."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.charts.svg import Chart, Series, bar_chart, line_chart
from gongkai.diseases import rules
from gongkai.diseases.classification import class_label
from gongkai.diseases.models import DiseaseCount, MonthlyReport
from gongkai.diseases.services import published_month, rows_of

# Bars for the month's top diseases: five fit with their names under the bars on a phone-wide
# chart (480 units); the rest are in the table.
TOP_N = 5


@dataclass
class MonthTable:
    report: MonthlyReport
    has_previous: bool
    # [(class label, [Compared] with a case or death now or last year, [names of the others],
    #   (Total, Change, Change))]
    groups: list
    total_cases: int
    total_deaths: int


def month_table(report: MonthlyReport) -> MonthTable:
    """The month's diseases by class, each with last year's same month (published only)."""
    rows = rows_of(report)
    last = published_month(report.agency, rules.same_month_last_year(report.month))
    previous_rows = rows_of(last) if last else None
    compared = rules.compare(rows, previous_rows)
    totals = rules.compare_totals(
        rules.class_totals(rows),
        rules.class_totals(previous_rows) if previous_rows is not None else None,
    )
    groups = []
    for total, cases, deaths in totals:
        mine = [c for c in compared if c.disease_class == total.disease_class]
        reported = [c for c in mine if _any_figure(c)]
        quiet = [c.disease for c in mine if not _any_figure(c)]
        groups.append((class_label(total.disease_class), reported, quiet, (total, cases, deaths)))
    return MonthTable(
        report,
        last is not None,
        groups,
        sum(r.cases for r in rows),
        sum(r.deaths for r in rows),
    )


def _any_figure(row: rules.Compared) -> bool:
    """A disease worth a row: a case or death this month or in last year's month."""
    return bool(
        row.cases.current or row.deaths.current or row.cases.previous or row.deaths.previous
    )


def top_chart(report: MonthlyReport, n: int = TOP_N) -> Chart:
    """Bars: the month's N diseases with most cases."""
    rows = sorted((r for r in rows_of(report) if r.cases), key=lambda r: (-r.cases, r.disease))[:n]
    return bar_chart(
        _("%(month)s发病数居前%(n)s位的病种") % {"month": rules.month_label(report.month), "n": n},
        [r.disease for r in rows],
        [Series(_("发病数"), [r.cases for r in rows])],
        unit=_("例"),
    )


def monthly_totals(agency, year: int) -> list[int | None]:
    """Total cases of each month of `year` from the published months (None: not published)."""
    totals: list[int | None] = [None] * 12
    reports = MonthlyReport.objects.published().filter(agency=agency, month__year=year)
    sums: dict[int, int] = {}
    for count in DiseaseCount.objects.filter(report__in=reports).values("report__month", "cases"):
        month = count["report__month"].month
        sums[month] = sums.get(month, 0) + count["cases"]
    for report in reports:
        totals[report.month.month - 1] = sums.get(report.month.month, 0)
    return totals


def year_chart(agency, year: int) -> Chart:
    """Lines: total cases month by month, this year against last year."""
    return line_chart(
        _("%(year)s年与%(last)s年各月法定传染病发病总数") % {"year": year, "last": year - 1},
        [_("%(month)s月") % {"month": m} for m in range(1, 13)],
        [
            Series(_("%(year)s年") % {"year": year}, monthly_totals(agency, year)),
            Series(_("%(year)s年") % {"year": year - 1}, monthly_totals(agency, year - 1)),
        ],
        unit=_("例"),
    )


def published_months(agency) -> list[MonthlyReport]:
    return list(MonthlyReport.objects.published().filter(agency=agency).order_by("-month"))


def source_table(agency):
    """The open-data source `diseases.monthly`: every published month's rows."""
    from gongkai.opendata.sources import Column, Table

    rows = (
        DiseaseCount.objects.filter(report__agency=agency, report__status="published")
        .order_by("report__month", "position")
        .values_list("report__month", "disease", "disease_class", "cases", "deaths")
    )
    return Table(
        columns=(
            Column("month", _("月份")),
            Column("disease", _("病种")),
            Column("disease_class", _("类别")),
            Column("cases", _("发病数"), "integer", _("例")),
            Column("deaths", _("死亡数"), "integer", _("例")),
        ),
        rows=[
            (month.strftime("%Y-%m"), disease, class_label(value), cases, deaths)
            for month, disease, value, cases, deaths in rows
        ],
    )


def parse_month(text: str) -> datetime.date | None:
    try:
        year, month = (int(part) for part in text.split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return None
