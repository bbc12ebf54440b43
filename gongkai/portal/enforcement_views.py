"""Public pages of enforcement decisions (双公示): lists with filters, a page per decision, and
the withdrawal notice (410). Every value shown passes through enforcement.public (masks)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.enforcement.models import Decision, DecisionKind
from gongkai.enforcement.public import public_view
from gongkai.enforcement.queries import DecisionFilter, filter_decisions
from gongkai.portal.enforcement_forms import DecisionFilterForm
from gongkai.portal.views import MAX_PAGES, PAGE_SIZE

SECTIONS = {
    "licensing": (DecisionKind.LICENSING, _("行政许可公示")),
    "penalties": (DecisionKind.PENALTY, _("行政处罚公示")),
    "all": ("", _("执法决定公示")),
}


def decision_list(request: HttpRequest, section: str = "all", code: str = "") -> HttpResponse:
    if section not in SECTIONS:
        raise Http404
    kind, title = SECTIONS[section]
    agency = get_object_or_404(Agency.objects.active(), code=code) if code else None
    form = DecisionFilterForm(request.GET or None, fixed_kind=kind, fixed_agency=code)
    data = form.cleaned_data if form.is_valid() else {}
    decisions = filter_decisions(
        Decision.objects.public(on=timezone.localdate()).select_related("agency"),
        DecisionFilter(
            party=data.get("party", ""),
            credit_code=data.get("credit_code", ""),
            number=data.get("number", ""),
            kind=kind or data.get("kind", ""),
            agency=code or data.get("agency", ""),
            decided_from=data.get("decided_from"),
            decided_to=data.get("decided_to"),
        ),
    )
    paginator = Paginator(decisions, PAGE_SIZE)
    page = paginator.get_page(min(_bounded_page(request.GET.get("page")), MAX_PAGES))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/decision_list.html",
        {
            "form": form,
            "page": page,
            "rows": [public_view(d) for d in page.object_list],
            "query": query.urlencode(),
            "max_pages": MAX_PAGES,
            "title": title,
            "section": section,
            "agency": agency,
        },
    )


def _bounded_page(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision on the public list; a withdrawn one answers 410 with its notice; one whose
    publicity ended (or that is not shown) is not found."""
    decision = get_object_or_404(Decision.objects.select_related("agency"), pk=pk)
    if decision.status == "withdrawn":
        return render(
            request, "portal/decision_withdrawn.html", {"d": public_view(decision)}, status=410
        )
    if not decision.is_public_on(timezone.localdate()):
        raise Http404
    return render(request, "portal/decision_detail.html", {"d": public_view(decision)})
