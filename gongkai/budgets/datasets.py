"""The published tables as generated open-data resources (gongkai/opendata/sources.py): every
line and every 三公 row of an agency's published budgets and final accounts. Only published
versions: a draft, a superseded or a withdrawn table is not in the data."""

from django.utils.translation import gettext_lazy as _

from gongkai.budgets import services
from gongkai.budgets.models import BudgetTable
from gongkai.opendata import sources
from gongkai.opendata.sources import Column, Table

LINE_COLUMNS = (
    Column("year", _("年度"), "year"),
    Column("kind", _("类别")),
    Column("code", _("科目编码")),
    Column("name", _("科目名称")),
    Column("level", _("科目级次")),
    Column("amount", _("金额"), "number", _("万元")),
)
SANGONG_COLUMNS = (
    Column("year", _("年度"), "year"),
    Column("kind", _("类别")),
    Column("item", _("项目")),
    Column("amount", _("金额"), "number", _("万元")),
    Column("previous", _("上年金额"), "number", _("万元")),
    Column("change", _("增减额"), "number", _("万元")),
    Column("change_percent", _("增减率（%）"), "number"),
)


def _published(agency):
    return (
        BudgetTable.objects.published()
        .filter(agency=agency)
        .select_related("agency")
        .prefetch_related("lines")
        .order_by("year", "kind")
    )


def line_rows(agency) -> Table:
    rows = []
    for table in _published(agency):
        kind = table.get_kind_display()
        for line in services.table_lines(table):
            level = str(services.rules.LEVEL_LABELS[line.level])
            rows.append((table.year, str(kind), line.code, line.name, level, float(line.amount)))
    return Table(LINE_COLUMNS, rows)


def sangong_rows(agency) -> Table:
    rows = []
    for table in _published(agency):
        kind = str(table.get_kind_display())
        for item in services.sangong(table):
            change = item.change

            def number(value):
                return float(value) if value is not None else None

            rows.append(
                (
                    table.year,
                    kind,
                    str(item.label),
                    float(item.amount),
                    number(item.previous),
                    number(change.amount),
                    number(change.percent),
                )
            )
    return Table(SANGONG_COLUMNS, rows)


def register_sources() -> None:
    sources.register(sources.Source("budgets.lines", _("部门预算决算支出功能分类科目"), line_rows))
    sources.register(sources.Source("budgets.sangong", _("“三公”经费预算决算及增减"), sangong_rows))
