"""预决算公开: an agency's published budgets and final accounts by year, each table's page with
its charts (expenditure by functional class, totals over the years) and the 三公 page (this
year against last year, the change and the explanation). Charts are server-rendered SVG with
the table of their figures (gongkai/charts); a withdrawn table says so (410) with the reason."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongkai.agencies.models import Agency
from gongkai.budgets import rules, services
from gongkai.budgets.models import BudgetTable, Kind, TableStatus
from gongkai.charts.svg import Series, bar_chart, line_chart
from gongkai.portal.caching import public_page

UNIT = "万元"
KIND_TITLES = {Kind.BUDGET: _lazy("部门预算"), Kind.FINAL: _lazy("部门决算")}


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


def _published(agency: Agency):
    return BudgetTable.objects.published().filter(agency=agency)


def totals_chart(agency: Agency, kind: str):
    """收入总计 and 支出总计 of every published table of this kind, year by year."""
    tables = {t.year: t for t in _published(agency).filter(kind=kind)}
    years = list(range(min(tables), max(tables) + 1)) if tables else []

    def values(name):
        return [
            float(getattr(tables[y], name))
            if y in tables and getattr(tables[y], name) is not None
            else None
            for y in years
        ]

    title = _("历年收支总计（%(kind)s）") % {"kind": Kind(kind).label}
    return line_chart(
        title,
        [_("%(year)s年") % {"year": y} for y in years],
        [
            Series(_("收入总计"), values("income_total")),
            Series(_("支出总计"), values("expenditure_total")),
        ],
        unit=UNIT,
        decimals=2,
    )


def class_chart(table: BudgetTable, lines: list[rules.Line]):
    """Expenditure by 类 of the functional classification."""
    classes = [line for line in lines if line.level == "class"]
    return bar_chart(
        _("按支出功能分类（类）的支出"),
        [line.name for line in classes],
        [Series(_("%(year)s年") % {"year": table.year}, [float(line.amount) for line in classes])],
        unit=UNIT,
        decimals=2,
    )


def sangong_chart(table: BudgetTable, items: list[rules.SangongItem], previous):
    """The three 三公 items, last year's bars beside this year's."""
    shown = [item for item in items if not item.is_part and not item.is_total]
    series = []
    if previous is not None:
        series.append(
            Series(_("%(year)s年") % {"year": previous.year}, [float(i.previous) for i in shown])
        )
    series.append(Series(_("%(year)s年") % {"year": table.year}, [float(i.amount) for i in shown]))
    return bar_chart(
        _("“三公”经费%(kind)s：本年与上年") % {"kind": table.get_kind_display()},
        [str(item.label) for item in shown],
        series,
        unit=UNIT,
        decimals=2,
    )


def expenditure_chart(agency: Agency):
    """支出总计 year by year, the budget's beside the final accounts' (planned and spent)."""
    tables = list(_published(agency))
    years = list(range(min(t.year for t in tables), max(t.year for t in tables) + 1))
    found = {(t.year, t.kind): t.expenditure_total for t in tables}

    def values(kind):
        return [
            float(found[(y, kind)]) if found.get((y, kind)) is not None else None for y in years
        ]

    return line_chart(
        _("历年支出总计：预算与决算"),
        [_("%(year)s年") % {"year": y} for y in years],
        [Series(str(label), values(kind)) for kind, label in Kind.choices],
        unit=UNIT,
        decimals=2,
    )


@public_page
def agency_budgets(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's 预决算 page: every published table by year and kind, and the totals."""
    agency = _active_agency(code)
    tables = list(_published(agency).order_by("-year", "kind"))
    years: dict[int, dict[str, BudgetTable]] = {}
    for table in tables:
        years.setdefault(table.year, {})[table.kind] = table
    return render(
        request,
        "portal/budget_list.html",
        {
            "agency": agency,
            "column": "budgets",
            "years": [
                (year, [(KIND_TITLES[kind], years[year].get(kind)) for kind in Kind.values])
                for year in years
            ],
            "kinds": [KIND_TITLES[kind] for kind in Kind.values],
            "chart": expenditure_chart(agency) if tables else None,
        },
    )


def _table(code: str, year: int, kind: str):
    """The published table, or (None, the withdrawn one) for the 410 page; 404 otherwise."""
    agency = _active_agency(code)
    if kind not in Kind.values:
        raise Http404
    tables = BudgetTable.objects.filter(agency=agency, year=year, kind=kind).select_related(
        "agency", "document"
    )
    table = tables.filter(status=TableStatus.PUBLISHED).first()
    if table is not None:
        return table, None
    withdrawn = tables.filter(status=TableStatus.WITHDRAWN).order_by("-version").first()
    if withdrawn is None:
        raise Http404
    return None, withdrawn


def _withdrawn(request, table: BudgetTable) -> HttpResponse:
    return render(
        request,
        "portal/budget_withdrawn.html",
        {"agency": table.agency, "table": table, "column": "budgets"},
        status=410,
    )


@public_page
def budget_table(request: HttpRequest, code: str, year: int, kind: str) -> HttpResponse:
    """One table: totals, the lines by functional class with their levels, the charts."""
    table, withdrawn = _table(code, year, kind)
    if table is None:
        return _withdrawn(request, withdrawn)
    lines = services.table_lines(table)
    previous = services.previous_table(table)
    items = services.sangong(table, previous)
    return render(
        request,
        "portal/budget_table.html",
        {
            "agency": table.agency,
            "column": "budgets",
            "table": table,
            "lines": lines,
            "problems": rules.sum_problems(lines)
            + rules.total_problems(lines, table.expenditure_total),
            "sangong_total": items[-1],
            "class_chart": class_chart(table, lines),
            "totals_chart": totals_chart(table.agency, table.kind),
        },
    )


@public_page
def budget_sangong(request: HttpRequest, code: str, year: int, kind: str) -> HttpResponse:
    """The 三公 page: each item this year and last, the change (amount and %), the chart and
    the explanation."""
    table, withdrawn = _table(code, year, kind)
    if table is None:
        return _withdrawn(request, withdrawn)
    previous = services.previous_table(table)
    items = services.sangong(table, previous)
    return render(
        request,
        "portal/budget_sangong.html",
        {
            "agency": table.agency,
            "column": "budgets",
            "table": table,
            "previous": previous,
            "items": items,
            "chart": sangong_chart(table, items, previous),
        },
    )
