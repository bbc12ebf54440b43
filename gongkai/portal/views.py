"""The public website. Only published, proactively disclosed records are ever shown."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.agencies.models import Agency
from gongkai.documents.models import (
    POLICY_LIBRARY_TYPES,
    Attribute,
    Document,
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
from gongkai.portal.caching import public_page
from gongkai.portal.forms import DeadlineForm, PolicyFilterForm, SearchForm
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.search.errors import SearchError
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import explain_add_working_days

LARGE_TEXT_COOKIE_AGE = 365 * 24 * 3600
HOME_LIST_SIZE = 10
PAGE_SIZE = 20
MAX_PAGES = 50  # no deep offsets: narrow the filters or search instead


def _public_list(queryset):
    return queryset.select_related("agency").prefetch_related(
        Prefetch("issuers", queryset=Issuer.objects.order_by("position"))
    )


@public_page
def home(request: HttpRequest) -> HttpResponse:
    public = Document.objects.public().order_by("-published_at")
    agencies = (
        Agency.objects.active()
        .in_hierarchy_order()
        .annotate(
            public_count=Count(
                "documents",
                filter=Q(
                    documents__status=Status.PUBLISHED, documents__attribute=Attribute.PROACTIVE
                ),
            )
        )
    )
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
            "interpretations": public.filter(
                outgoing_links__target=document, outgoing_links__kind=LinkKind.INTERPRETS
            ),
            "interpreted": public.filter(
                incoming_links__source=document, incoming_links__kind=LinkKind.INTERPRETS
            ),
            "changed_by": public.filter(
                outgoing_links__target=document,
                outgoing_links__kind__in=[LinkKind.AMENDS, LinkKind.REPEALS],
            ),
            "changes": public.filter(
                incoming_links__source=document,
                incoming_links__kind__in=[LinkKind.AMENDS, LinkKind.REPEALS],
            ),
        },
    )


@public_page
def policy_library(request: HttpRequest) -> HttpResponse:
    """政策文件库: policies and interpretations, filtered; bounded paging."""
    form = PolicyFilterForm(request.GET or None)
    records = Document.objects.public().filter(document_type__in=POLICY_LIBRARY_TYPES)
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
    paginator = Paginator(_public_list(records.order_by("-published_at", "-id")), PAGE_SIZE)
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
    return render(request, "portal/search.html", context)


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
    """Large-text (适老化) mode, remembered per visitor in a cookie; works without JavaScript.

    A plain link (GET) so that public pages carry no per-visitor CSRF token and stay cacheable.
    """
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if request.GET.get("large_text") == "1":
        response.set_cookie("large_text", "1", max_age=LARGE_TEXT_COOKIE_AGE, samesite="Lax")
    else:
        response.delete_cookie("large_text")
    return response
