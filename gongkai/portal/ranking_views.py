"""The public 考核 ranking of a supervising agency's subordinates, when its scheme of the year
says so: agency names and points only, no figures about persons."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.obligations import ledger
from gongkai.supervision import league
from gongkai.supervision.periods import Period


# Not a `public_page`: the table counts work in progress as of now (overdue applications,
# open findings), which no publication generation follows.
def ranking(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), code=code)
    scheme = league.scheme_of(agency, year)
    if scheme is None or not scheme.is_ranking_public:
        raise Http404
    now, today = ledger.now_and_today()
    table = league.league_table(agency, Period.year(year), today=today, now=now)
    return render(request, "portal/ranking.html", {"agency": agency, "table": table})
