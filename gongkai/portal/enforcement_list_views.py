"""Public pages of enforcement publicity (执法公示): an agency's enforcement list in force with
its earlier versions, the 随机抽查事项清单, and double-random inspection plans with their
commitment, draws, verification and published results. Only published list versions,
committed plans, performed draws' seeds and published results are shown.

These pages do not use `portal.caching.public_page`: its ETag follows records, agencies and
catalogues only, and would keep a draw's page "fresh" after the draw. Django's conditional
GET middleware gives them an ETag of their own content instead."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.enforcement import inspection_services as services
from gongkai.enforcement import list_services
from gongkai.enforcement.inspection_verification import check_lines, difference_lines, verdict
from gongkai.enforcement.models import Draw, EnforcementList, InspectionPlan, InspectionResult


def enforcement_home(request: HttpRequest, code: str) -> HttpResponse:
    """执法公示: the list in force, its history, and the inspection plans."""
    agency = get_object_or_404(Agency.objects.active(), code=code)
    today = timezone.localdate()
    current = list_services.current_list(agency, on=today)
    history = EnforcementList.objects.published().filter(agency=agency).order_by("-effective_from")
    plans = InspectionPlan.objects.public().filter(agency=agency).order_by("-year", "-pk")
    return render(
        request,
        "portal/enforcement_home.html",
        {
            "agency": agency,
            "version": current,
            "history": history,
            "plans": plans,
            "today": today,
        },
    )


def enforcement_list(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One published version of the list (the one in force, or history)."""
    agency = get_object_or_404(Agency.objects.active(), code=code)
    version = get_object_or_404(EnforcementList.objects.published(), agency=agency, pk=pk)
    return render(
        request,
        "portal/enforcement_list.html",
        {"agency": agency, "version": version, "today": timezone.localdate()},
    )


def _public_plan(pk: int) -> InspectionPlan:
    return get_object_or_404(
        InspectionPlan.objects.public().select_related("agency").filter(agency__is_active=True),
        pk=pk,
    )


def inspection_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan with its commitment(s), draw(s), verification link and published results."""
    plan = _public_plan(pk)
    draws = list(plan.draws.order_by("sequence"))
    current = draws[-1] if draws else None
    results = (
        InspectionResult.objects.published()
        .filter(draw=current)
        .select_related("target")
        .order_by("target__name")
        if current
        else []
    )
    return render(
        request,
        "portal/inspection_plan.html",
        {
            "plan": plan,
            "agency": plan.agency,
            "draws": [{"draw": d, "rows": services.drawn_rows(d)} for d in draws],
            "current": current,
            "results": results,
            "summary": services.plan_summary(plan, public=True),
        },
    )


def _public_draw(pk: int) -> Draw:
    return get_object_or_404(
        Draw.objects.select_related("plan__agency").filter(
            plan__status__in=["committed", "drawn"], plan__agency__is_active=True
        ),
        pk=pk,
    )


def draw_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Recompute the draw from its published inputs and seed and say whether it matches."""
    draw = _public_draw(pk)
    report = services.verify_draw(draw)
    return render(
        request,
        "portal/inspection_verify.html",
        {
            "draw": draw,
            "plan": draw.plan,
            "agency": draw.plan.agency,
            "report": report,
            "checks": check_lines(report) if report else [],
            "differences": difference_lines(report) if report else [],
            "verdict": verdict(report) if report else "",
        },
    )


def draw_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The published inputs (and after the draw the seed and result) as a JSON download."""
    draw = _public_draw(pk)
    body = json.dumps(services.published_inputs(draw), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inspection-plan-{draw.plan_id}-draw-{draw.sequence}.json"'
    )
    return response
