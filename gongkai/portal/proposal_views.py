"""An agency's 建议提案办理结果 page in its 政府信息公开 column: the published replies to
deputies' suggestions and CPPCC proposals, and the yearly counts per class (国办发〔2014〕46号
asks for the results and the overall handling to be public). Only results whose record is
published are listed; the counts are of every reply given."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.charts.svg import Series, bar_chart
from gongkai.documents.models import Document
from gongkai.portal.caching import public_page
from gongkai.portal.views import PAGE_SIZE, _bounded_page
from gongkai.proposals import services
from gongkai.proposals.models import Classification, Proposal


@public_page
def agency_proposals(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), code=code)
    published = (
        Proposal.objects.published()
        .filter(agency=agency, record__in=Document.objects.public())
        .select_related("record")
        .order_by("-year", "kind", "number")
    )
    page = Paginator(published, PAGE_SIZE).get_page(_bounded_page(request.GET.get("page")))
    counts = services.yearly_counts([agency.pk])
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: {"A": 0, "B": 0, "C": 0})
    for row in counts:
        for value, number in (("A", row.a), ("B", row.b), ("C", row.c)):
            by_year[row.year][value] += number
    years = sorted(by_year)
    chart = bar_chart(
        _("各年度建议提案办理结果分类"),
        [str(year) for year in years],
        [
            Series(str(label), [by_year[year][value] for year in years])
            for value, label in Classification.choices
        ],
        stacked=True,
        unit=_("件"),
    )
    return render(
        request,
        "portal/agency_proposals.html",
        {"agency": agency, "column": "proposals", "page": page, "counts": counts, "chart": chart},
    )
