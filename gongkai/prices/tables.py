"""What the portal reads of the price lists: the current version's rows, searched, and the
open-data source `prices.current`."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.prices.models import PriceItem, PriceList, VersionStatus


def search_items(price_list: PriceList, query: str = "") -> QuerySet[PriceItem]:
    """The current (published) version's rows whose name or code contains `query`. A database
    query: the list is a few thousand rows at most, and (version, code) / (version, name) are
    indexed, so this needs no search engine."""
    items = PriceItem.objects.filter(
        version__price_list=price_list, version__status=VersionStatus.PUBLISHED
    ).order_by("code")
    query = (query or "").strip()[:60]
    if query:
        items = items.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return items


def source_table(agency):
    """Every current row of the lists `agency` publishes."""
    from gongkai.opendata.sources import Column, Table

    rows = (
        PriceItem.objects.filter(
            version__price_list__agency=agency, version__status=VersionStatus.PUBLISHED
        )
        .select_related("version__price_list__institution")
        .order_by("version__price_list__institution__code", "version__price_list__kind", "code")
    )
    return Table(
        columns=(
            Column("institution", _("医疗卫生机构")),
            Column("kind", _("价格类别")),
            Column("code", _("项目编码")),
            Column("name", _("项目名称")),
            Column("specification", _("规格")),
            Column("unit", _("计价单位")),
            Column("price", _("价格"), "number", _("元")),
            Column("effective_on", _("执行日期"), "date"),
            Column("note", _("备注")),
        ),
        rows=[
            (
                item.version.price_list.institution.name,
                item.version.price_list.get_kind_display(),
                item.code,
                item.name,
                item.specification,
                item.unit,
                item.price,
                item.effective_on,
                item.note,
            )
            for item in rows
        ],
    )
