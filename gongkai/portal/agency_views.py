"""An agency's 政府信息公开 column: its 制度, the catalogue tree with the records under each node,
依申请公开, the annual reports and the agency's own details. The column's front page and the
指南 live in views.py. Only published, proactively disclosed records are ever shown."""

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem, StandardCategory
from gongkai.catalogue.tree import ORGANISATION_CATEGORY_CODE, build_tree
from gongkai.documents import tally
from gongkai.documents.models import Document
from gongkai.foi import clock
from gongkai.foi.clock_events import EXTENSION_MAX_DAYS
from gongkai.portal.caching import public_page
from gongkai.portal.forms import CatalogueFilterForm
from gongkai.portal.paging import RecordPaginator
from gongkai.portal.views import MAX_PAGES, PAGE_SIZE, _bounded_page, _public_list
from gongkai.reports.models import AnnualReport


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


def _paged(request: HttpRequest, records, known_count: int | None = None) -> dict:
    """One page of `records` (newest first) and the query string the pager keeps; without a
    `known_count` the records are counted up to the last page that may be shown."""
    paginator = RecordPaginator(
        _public_list(records.order_by("-published_at", "-id")),
        PAGE_SIZE,
        cap=MAX_PAGES * PAGE_SIZE,
        known_count=known_count,
    )
    page = paginator.get_page(min(_bounded_page(request.GET.get("page")), MAX_PAGES))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode(), "max_pages": MAX_PAGES}


@public_page
def agency_catalogue(request: HttpRequest, code: str, item_code: str = "") -> HttpResponse:
    """法定主动公开内容: the catalogue as a tree with record counts, and the table of records of
    the chosen node (an item, a category with `?category=`, or the whole catalogue)."""
    agency = _active_agency(code)
    items = list(AgencyItem.objects.filter(catalogue__agency=agency).applicable())
    public = Document.objects.public().filter(agency=agency)
    # Every node's count from the tally of public records (documents/tally.py).
    tallied = tally.public_count_by_item(agency.pk)
    counts = {item.pk: tallied[item.pk] for item in items if item.pk in tallied}
    tree = build_tree(items, counts, dict(StandardCategory.objects.values_list("code", "order")))

    chosen_item = chosen_category = None
    if item_code:
        chosen_item = next((item for item in items if item.code == item_code), None)
        if chosen_item is None:
            raise Http404
        records = public.filter(catalogue_item=chosen_item)
        node_count = counts.get(chosen_item.pk, 0)
        open_category = chosen_item.category_code
    elif request.GET.get("category"):
        chosen_category = next(
            (node for node in tree if node.code == request.GET["category"]), None
        )
        if chosen_category is None:
            raise Http404
        records = public.filter(catalogue_item__in=[node.item for node in chosen_category.items])
        node_count = chosen_category.count
        open_category = chosen_category.code
    else:
        records = public.filter(catalogue_item__in=items)
        node_count = sum(counts.values())
        open_category = ""

    form = CatalogueFilterForm(request.GET or None)
    filtered = form.is_bound and form.is_valid() and any(form.cleaned_data.values())
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            records = records.filter(
                Q(title__icontains=data["q"])
                | Q(document_number__icontains=data["q"])
                | Q(index_number__icontains=data["q"])
            )
        if data["year"]:
            records = records.filter(published_at__year=data["year"])
        if data["validity"]:
            records = records.filter(validity=data["validity"])
    return render(
        request,
        "portal/agency_catalogue.html",
        {
            "agency": agency,
            "column": "catalogue",
            "tree": tree,
            "total": sum(node.count for node in tree),
            "chosen_item": chosen_item,
            "chosen_category": chosen_category,
            "open_category": open_category,
            "form": form,
            "filtered": filtered,
            **_paged(request, records, known_count=None if filtered else node_count),
        },
    )


@public_page
def agency_rules(request: HttpRequest, code: str) -> HttpResponse:
    """政府信息公开制度: the agency's own rules and policies on disclosure work."""
    agency = _active_agency(code)
    records = Document.objects.public().filter(agency=agency).disclosure_rules()
    return render(
        request,
        "portal/agency_rules.html",
        {"agency": agency, "column": "rules", **_paged(request, records)},
    )


@public_page
def agency_on_request(request: HttpRequest, code: str) -> HttpResponse:
    """依申请公开: how to apply to this agency, the time limits, and where to follow a request."""
    agency = _active_agency(code)
    terms = {
        "reply_days": clock.REPLY_DAYS,
        "extension_days": EXTENSION_MAX_DAYS,
        "supplement_days": clock.SUPPLEMENT_NOTICE_DAYS,
    }
    return render(
        request,
        "portal/agency_on_request.html",
        {"agency": agency, "column": "on-request", "terms": terms},
    )


@public_page
def agency_reports(request: HttpRequest, code: str) -> HttpResponse:
    """政府信息公开工作年度报告 (条例第四十九条): the published ones, newest year first."""
    agency = _active_agency(code)
    reports = (
        AnnualReport.objects.published()
        .filter(agency=agency, published_document__in=Document.objects.public())
        .select_related("published_document")
        .order_by("-year")
    )
    return render(
        request,
        "portal/agency_reports.html",
        {"agency": agency, "column": "reports", "reports": reports},
    )


@public_page
def agency_about(request: HttpRequest, code: str) -> HttpResponse:
    """机构信息: the agency's details and contact, its superior and subordinate agencies, and the
    records filed under 机构职能 (functions, structure, leaders)."""
    agency = _active_agency(code)
    records = Document.objects.public().filter(
        agency=agency, catalogue_item__category_code=ORGANISATION_CATEGORY_CODE
    )
    return render(
        request,
        "portal/agency_about.html",
        {
            "agency": agency,
            "column": "about",
            "parent": agency.parent if agency.parent and agency.parent.is_active else None,
            "children": agency.children.active().in_hierarchy_order(),
            "records": _public_list(records.order_by("-published_at", "-id"))[:PAGE_SIZE],
        },
    )
