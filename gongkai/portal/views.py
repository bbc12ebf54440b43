"""The public website. Only published, proactively disclosed records are ever shown."""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.documents import tally
from gongkai.documents.models import (
    POLICY_LIBRARY_TYPES,
    Attribute,
    Document,
    DocumentLink,
    DocumentType,
    Issuer,
    LinkKind,
    Status,
)
from gongkai.documents.searching import find_by_number, search_public_documents
from gongkai.enforcement.searching import search_public_decisions
from gongkai.foi import clock, fees
from gongkai.foi.clock_events import EXTENSION_MAX_DAYS
from gongkai.http.ratelimit import count_search, too_many_requests
from gongkai.opendata.searching import search_public_datasets
from gongkai.portal import display
from gongkai.portal.caching import let_page_cache_keep, page_cacheable, public_page
from gongkai.portal.forms import DeadlineForm, PolicyFilterForm, SearchForm
from gongkai.portal.paging import RecordPaginator
from gongkai.portal.report_views import published_report_of
from gongkai.portal.templatetags.search_result_tags import RECORD_HIT_FIELDS
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.search.errors import SearchError
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import explain_add_working_days

HOME_LIST_SIZE = 10
PAGE_SIZE = 20
MAX_PAGES = 50  # no deep offsets: narrow the filters or search instead


# What a list of records never shows: left in the database (a body runs to tens of KB, and
# loading 20 of them was a third of a list page's rendering).
NOT_LISTED = ("body", "withholding_reason", "interpretation_waiver", "review_comments")


def _public_list(queryset, *, issuers: bool = False):
    """A public list's rows: with the agency, without the body; the issuers (one query more)
    only for a list that shows them (the policy library)."""
    queryset = queryset.select_related("agency").defer(*NOT_LISTED)
    if issuers:
        queryset = queryset.prefetch_related(
            Prefetch("issuers", queryset=Issuer.objects.order_by("position"))
        )
    return queryset


@public_page
def home(request: HttpRequest) -> HttpResponse:
    public = Document.objects.public().order_by("-published_at")
    counts = tally.public_count_by_agency()
    agencies = list(Agency.objects.active().in_hierarchy_order().only("id", "code", "name"))
    for agency in agencies:
        agency.public_count = counts.get(agency.id, 0)
    return render(
        request,
        "portal/home.html",
        {
            "latest": _public_list(public.exclude(document_type=DocumentType.INTERPRETATION))[
                :HOME_LIST_SIZE
            ],
            "interpretations": _public_list(
                public.filter(document_type=DocumentType.INTERPRETATION)
            )[:5],
            "notices": _public_list(public.filter(document_type=DocumentType.NOTICE))[:5],
            "agencies": agencies,
        },
    )


def agency_switch(request: HttpRequest) -> HttpResponse:
    """Go to the chosen agency's pages (the switcher works without JavaScript)."""
    agency = get_object_or_404(Agency.objects.active(), code=request.GET.get("code", ""))
    return redirect("portal:agency-home", code=agency.code)


@public_page
def agency_home(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), code=code)
    records = _public_list(
        Document.objects.public().filter(agency=agency).order_by("-published_at")
    )[:20]
    return render(
        request,
        "portal/agency_home.html",
        {"agency": agency, "column": "home", "records": records},
    )


@public_page
def agency_guide(request: HttpRequest, code: str) -> HttpResponse:
    """政府信息公开指南, generated from the agency's own data (条例 Art.12)."""
    agency = get_object_or_404(Agency.objects.active(), code=code)
    # The periods and fee bands come from the rules the clock and the fee notices use, so the
    # guide cannot drift from how applications are actually handled.
    terms = {
        "reply_days": clock.REPLY_DAYS,
        "extension_days": EXTENSION_MAX_DAYS,
        "supplement_days": clock.SUPPLEMENT_NOTICE_DAYS,
        "fee_payment_days": clock.FEE_PAYMENT_DAYS,
        "requests_free": fees.REQUESTS_FREE,
        "requests_first_band_last": fees.REQUESTS_FIRST_BAND_LAST,
        "requests_first_band_rate": fees.REQUESTS_FIRST_BAND_RATE,
        "requests_band_size": fees.REQUESTS_BAND_SIZE,
        "requests_band_step": fees.REQUESTS_BAND_STEP,
        "page_bands": fees.PAGE_BANDS,
    }
    return render(
        request,
        "portal/agency_guide.html",
        {"agency": agency, "column": "guide", "terms": terms},
    )


@public_page
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = Document.objects.public().select_related("agency", "catalogue_item").filter(pk=pk)
    document = document.first()
    if document is None:
        withdrawn = Document.objects.withdrawn_from_public().select_related("agency").filter(pk=pk)
        if not withdrawn.exists():
            raise Http404
        return render(
            request, "portal/document_withdrawn.html", {"document": withdrawn.get()}, status=410
        )
    public = Document.objects.public()
    return render(
        request,
        "portal/document_detail.html",
        {
            "document": document,
            "issuers": document.issuers.all(),
            "attachments": document.attachments.all(),
            "changed_by": public.filter(
                outgoing_links__target=document,
                outgoing_links__kind__in=[LinkKind.AMENDS, LinkKind.REPEALS],
            ),
            "catalogue_item_url": _catalogue_item_url(document),
            "related": _related_records(document),
            "same_item": _same_item_records(document, public),
            "annual_report": published_report_of(document)
            if document.document_type == DocumentType.ANNUAL_REPORT
            else None,
        },
    )


# How a link reads from each end: (seen from its source, seen from its target).
LINK_ROLES = {
    LinkKind.INTERPRETS: (_("解读的政策文件"), _("政策解读")),
    LinkKind.AMENDS: (_("本文件修改的文件"), _("修改本文件的文件")),
    LinkKind.REPEALS: (_("本文件废止的文件"), _("废止本文件的文件")),
    LinkKind.FINAL_VERSION_OF: (_("征求意见稿"), _("正式文本")),
    LinkKind.FEEDBACK_ON: (_("征求意见稿"), _("意见采纳情况反馈")),
}
SAME_ITEM_COUNT = 5


def _related_records(document: Document) -> list[tuple[str, list[Document]]]:
    """相关文件: the record's links in both directions, grouped under what each one is to it."""
    groups: dict[str, list[Document]] = {}
    # The other end's publicity as a join condition: `target__in=public` made SQLite build
    # the set of every public record first (a second a query at 1M records).
    outgoing = DocumentLink.objects.filter(
        source=document, target__status=Status.PUBLISHED, target__attribute=Attribute.PROACTIVE
    ).select_related("target")
    incoming = DocumentLink.objects.filter(
        target=document, source__status=Status.PUBLISHED, source__attribute=Attribute.PROACTIVE
    ).select_related("source")
    for link in outgoing.order_by("kind", "-target__published_at"):
        groups.setdefault(str(LINK_ROLES[link.kind][0]), []).append(link.target)
    for link in incoming.order_by("kind", "-source__published_at"):
        groups.setdefault(str(LINK_ROLES[link.kind][1]), []).append(link.source)
    return list(groups.items())


def _catalogue_item_url(document: Document) -> str:
    """The record's catalogue item on its agency's catalogue page (the breadcrumb's link)."""
    if document.catalogue_item is None:
        return ""
    return reverse(
        "portal:agency-catalogue-item", args=[document.agency.code, document.catalogue_item.code]
    )


def _same_item_records(document: Document, public) -> list[Document]:
    """A few other records of the same catalogue item, newest first."""
    if document.catalogue_item_id is None:
        return []
    return list(
        public.filter(catalogue_item_id=document.catalogue_item_id)
        .exclude(pk=document.pk)
        .order_by("-published_at", "-id")[:SAME_ITEM_COUNT]
    )


@public_page
def policy_library(request: HttpRequest) -> HttpResponse:
    """政策文件库: policies and interpretations, filtered; bounded paging."""
    form = PolicyFilterForm(request.GET or None)
    records = Document.objects.public().filter(document_type__in=POLICY_LIBRARY_TYPES)
    filtered = form.is_bound and form.is_valid() and any(form.cleaned_data.values())
    if form.is_valid():
        data = form.cleaned_data
        if data["issuer"]:
            records = records.filter(issuers__name__icontains=data["issuer"]).distinct()
        if data["topic"]:
            records = records.filter(topic=data["topic"])
        if data["year"]:
            records = records.filter(published_at__year=data["year"])
        if data["validity"]:
            records = records.filter(validity=data["validity"])
        if data["type"]:
            records = records.filter(document_type=data["type"])
    paginator = RecordPaginator(
        _public_list(records.order_by("-published_at", "-id"), issuers=True),
        PAGE_SIZE,
        cap=MAX_PAGES * PAGE_SIZE,
        # Unfiltered: every public policy and interpretation, from the tally.
        known_count=None if filtered else tally.public_count(document_types=POLICY_LIBRARY_TYPES),
    )
    page_number = _bounded_page(request.GET.get("page"))
    page = paginator.get_page(min(page_number, MAX_PAGES))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/policy_library.html",
        {"form": form, "page": page, "query": query.urlencode(), "max_pages": MAX_PAGES},
    )


def _bounded_page(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


@page_cacheable
def search(request: HttpRequest) -> HttpResponse:
    """Search public records; an exact 文号 or 索引号 goes straight to its record.

    Not behind the public-page validators: results follow the search index, which catches up
    with a publication a moment after its commit, so an ETag taken at commit could pin a
    stale result page in a proxy.
    """
    form = SearchForm(request.GET or None)
    context: dict = {"form": form, "max_pages": MAX_PAGES}
    if form.is_valid() and form.cleaned_data["q"]:
        try:
            count_search(request)
        except RateLimitExceeded as exc:
            return too_many_requests(request, exc)
        data = form.cleaned_data
        exact = find_by_number(data["q"]) if not form.has_filters() else None
        if exact is not None:
            return redirect("portal:document-detail", pk=exact.pk)
        try:
            found = search_public_documents(
                data["q"],
                agency=data["agency"] or None,
                doc_type=data["type"] or None,
                year=data["year"],
                validity=data["validity"] or None,
                sort=data["sort"] or "relevance",
                page=min(_bounded_page(request.GET.get("page")), MAX_PAGES),
                fields=RECORD_HIT_FIELDS,
            )
        except SearchError as exc:
            context["problem"] = exc.message
        else:
            query = request.GET.copy()
            query.pop("page", None)
            context.update(found=found, results=found.results, query=query.urlencode())
            if found.results.page == 1 and not data["year"] and not data["validity"]:
                # Enforcement decisions (双公示) are found too: the best few, beside the records.
                context["decisions"] = search_public_decisions(
                    data["q"], agency=data["agency"] or None
                )
                # Open datasets too (gongkai/opendata/searching.py).
                context["datasets"] = search_public_datasets(
                    data["q"], agency=data["agency"] or None
                )
    # The page cache keys result pages on the search index's state too (portal/page_cache.py).
    return let_page_cache_keep(render(request, "portal/search.html", context))


@public_page
def deadline_calculator(request: HttpRequest) -> HttpResponse:
    """Public working-day calculator: the due date and how it was counted."""
    form = DeadlineForm(request.GET or None)
    explanation, problem = None, ""
    if form.is_valid():
        try:
            explanation = explain_add_working_days(
                form.cleaned_data["received_on"], form.cleaned_data["days"], get_calendar()
            )
        except WorkdaysError as exc:
            problem = exc.message
    return render(
        request,
        "portal/deadline.html",
        {"form": form, "explanation": explanation, "problem": problem},
    )


def display_preference(request: HttpRequest) -> HttpResponse:
    """字号 大/中/小 (large is the 适老化 mode), remembered per visitor in a cookie; works without
    JavaScript.

    A plain link (GET) so that public pages carry no per-visitor CSRF token and stay cacheable.
    """
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    size = display.requested_text_size(request.GET)
    response.delete_cookie(display.LEGACY_LARGE_TEXT_COOKIE)
    if size == display.MEDIUM:
        response.delete_cookie(display.TEXT_SIZE_COOKIE)
    else:
        response.set_cookie(
            display.TEXT_SIZE_COOKIE, size, max_age=display.TEXT_SIZE_COOKIE_AGE, samesite="Lax"
        )
    return response
