"""法定传染病疫情 and 医疗价格 pages of an agency: published figures only, each chart with the
table behind it (gongkai/charts). The rules live in gongkai/diseases and gongkai/prices."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.diseases import tables as disease_tables
from gongkai.diseases.models import MonthlyReport, ReportStatus
from gongkai.portal.caching import public_page
from gongkai.portal.views import MAX_PAGES, _bounded_page
from gongkai.prices import services as price_services
from gongkai.prices import tables as price_tables
from gongkai.prices.models import PriceItem, PriceKind, PriceList

PRICE_PAGE_SIZE = 50


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


@public_page
def agency_diseases(request: HttpRequest, code: str) -> HttpResponse:
    """The months published, newest first, and the latest year's line against the year before."""
    agency = _active_agency(code)
    months = disease_tables.published_months(agency)
    year = months[0].month.year if months else None
    return render(
        request,
        "portal/disease_months.html",
        {
            "agency": agency,
            "column": "diseases",
            "months": months,
            "year_chart": disease_tables.year_chart(agency, year) if year else None,
        },
    )


@public_page
def disease_month(request: HttpRequest, code: str, month: str) -> HttpResponse:
    """One month: the table by class with last year's same month, and its two charts."""
    agency = _active_agency(code)
    first = disease_tables.parse_month(month)
    if first is None:
        raise Http404
    reports = MonthlyReport.objects.filter(agency=agency, month=first)
    report = reports.filter(status=ReportStatus.PUBLISHED).first()
    if report is None:
        withdrawn = reports.filter(status=ReportStatus.WITHDRAWN).order_by("-version").first()
        if withdrawn is None:
            raise Http404
        return render(
            request,
            "portal/disease_withdrawn.html",
            {"agency": agency, "column": "diseases", "report": withdrawn},
            status=410,
        )
    return render(
        request,
        "portal/disease_month.html",
        {
            "agency": agency,
            "column": "diseases",
            "report": report,
            "table": disease_tables.month_table(report),
            "top_chart": disease_tables.top_chart(report),
            "year_chart": disease_tables.year_chart(agency, first.year),
        },
    )


@public_page
def agency_prices(request: HttpRequest, code: str) -> HttpResponse:
    """The price lists this agency publishes, per institution and kind."""
    agency = _active_agency(code)
    lists = [
        (price_list, price_services.current_version(price_list))
        for price_list in PriceList.objects.filter(agency=agency).select_related("institution")
    ]
    return render(
        request,
        "portal/price_lists.html",
        {"agency": agency, "column": "prices", "lists": [(pl, v) for pl, v in lists if v]},
    )


def _price_list(code: str, institution: str, kind: str) -> PriceList:
    agency = _active_agency(code)
    if kind not in PriceKind.values:
        raise Http404
    return get_object_or_404(
        PriceList.objects.select_related("agency", "institution"),
        agency=agency,
        institution__code=institution,
        kind=kind,
    )


@public_page
def price_list(request: HttpRequest, code: str, institution: str, kind: str) -> HttpResponse:
    """The current list, searched by name or code (a GET form), paged."""
    price_list = _price_list(code, institution, kind)
    version = price_services.current_version(price_list)
    if version is None:
        raise Http404
    query = (request.GET.get("q") or "").strip()[:60]
    items = price_tables.search_items(price_list, query)
    page = Paginator(items, PRICE_PAGE_SIZE).get_page(
        min(_bounded_page(request.GET.get("page")), MAX_PAGES)
    )
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(
        request,
        "portal/price_list.html",
        {
            "agency": price_list.agency,
            "column": "prices",
            "price_list": price_list,
            "version": version,
            "q": query,
            "page": page,
            "query": kept.urlencode(),
            "max_pages": MAX_PAGES,
        },
    )


@public_page
def price_item(
    request: HttpRequest, code: str, institution: str, kind: str, item_code: str
) -> HttpResponse:
    """One item's history through the public versions: added, price changes, removed."""
    price_list = _price_list(code, institution, kind)
    history = price_services.history_of(price_list, item_code)
    if not history:
        raise Http404
    current = PriceItem.objects.filter(
        version__price_list=price_list, version__status="published", code=item_code
    ).first()
    return render(
        request,
        "portal/price_item.html",
        {
            "agency": price_list.agency,
            "column": "prices",
            "price_list": price_list,
            "item_code": item_code,
            "current": current,
            "history": list(reversed(history)),
        },
    )
