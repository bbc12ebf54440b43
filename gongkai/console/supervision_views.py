"""督查考核 in the console: the league table of the supervising agency's subordinates, the
drill-down behind each figure, trends, the 考核 scheme editor and the circular (通报)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem, ExpectedPublication
from gongkai.console import supervision_forms as forms
from gongkai.console.views import staff_required
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document
from gongkai.foi.models import Application
from gongkai.obligations import ledger
from gongkai.participation.models import OpinionEvent, PublicMessage
from gongkai.projects.models import Procurement, ProjectStage
from gongkai.service_guides.models import ServiceItem
from gongkai.supervision import access, circulars, findings, league, services
from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.obligations import RECTIFICATION
from gongkai.supervision.periods import Period, last_months
from gongkai.supervision.progress_models import ProgressReport

DRILL_DOWN_LIMIT = 300


def _supervising(
    request: HttpRequest, agency_id: int | None = None, agencies: list | None = None
) -> tuple[list, Agency]:
    """The agencies the user supervises (unless given), and the one asked for (the first by
    default)."""
    if agencies is None:
        agencies = list(access.supervising_agencies(request.user))
    if not agencies:
        raise PermissionDenied
    if agency_id is None:
        return agencies, agencies[0]
    for agency in agencies:
        if agency.pk == agency_id:
            return agencies, agency
    raise PermissionDenied


def _period(value, today) -> Period:
    return value or Period.year(today.year)


@staff_required
def league_table(request: HttpRequest) -> HttpResponse:
    """考核排名: one row per subordinate, each indicator's figure and points, total, rank."""
    now, today = ledger.now_and_today()
    agencies = list(access.supervising_agencies(request.user))
    if not agencies:
        raise PermissionDenied
    form = forms.LeagueFilter(request.GET or None, agencies=agencies)
    agency_id, period = None, None
    if form.is_valid():
        agency_id, period = form.cleaned_data["agency"], form.cleaned_data["period"]
    agencies, agency = _supervising(request, agency_id, agencies)
    period = _period(period, today)
    table = league.league_table(agency, period, today=today, now=now)
    # Rectifications overdue now, by agency: from the ledger's overdue rows the table read.
    overdue_tasks = findings.overdue_counts(table.scope, RECTIFICATION)
    for row in table.rows:
        row.overdue_tasks = overdue_tasks.get(row.agency.pk, 0)
    return render(
        request,
        "console/supervision_league.html",
        {
            "form": form,
            "table": table,
            "rectification_kind": RECTIFICATION,
            "agency": agency,
            "period": period,
            "can_edit_scheme": access.can_edit_scheme(request.user, agency),
            "can_draft_circular": access.can_draft_circular(request.user, agency),
        },
    )


def object_row(kind: findings.FindingKind, obj) -> dict:
    """How an object behind a finding is named and where it opens in the console. Applications
    and messages are named by number and date only: no applicant, no request text, no query
    code (supervisors read this page)."""
    if isinstance(obj, Document):
        return {"label": obj.title, "link": reverse("console:document-detail", args=[obj.pk])}
    if isinstance(obj, Application):
        label = _("依申请公开申请 %(number)s（%(received)s 收到，%(due)s 到期）") % {
            "number": obj.pk,
            "received": obj.received_on.isoformat(),
            "due": obj.due_on.isoformat() if obj.due_on else "—",
        }
        return {"label": label, "link": reverse("console:foi-detail", args=[obj.pk])}
    if isinstance(obj, PublicMessage):
        label = _("留言 %(number)s（%(received)s 收到）") % {
            "number": obj.pk,
            "received": timezone.localdate(obj.received_at).isoformat(),
        }
        return {"label": label, "link": reverse("console:message-detail", args=[obj.pk])}
    if isinstance(obj, OpinionEvent):
        return {"label": obj.title, "link": reverse("console:opinion-detail", args=[obj.pk])}
    if isinstance(obj, ExpectedPublication):
        item = obj.agency_item
        return {
            "label": _("%(item)s（%(start)s 至 %(end)s）")
            % {"item": item.name, "start": obj.period_start, "end": obj.period_end},
            "link": reverse("console:catalogue-detail", args=[item.catalogue.agency_id]),
        }
    if isinstance(obj, AgencyItem):
        return {
            "label": f"{obj.code} {obj.name}",
            "link": reverse("console:catalogue-detail", args=[obj.catalogue.agency_id]),
        }
    if isinstance(obj, ProgressReport):
        return {
            "label": obj.period.label,
            "link": reverse("console:progress-report-detail", args=[obj.pk]),
        }
    if isinstance(obj, Agency):
        if kind.code in ("no_training", "no_leadership_review"):
            return {
                "label": obj.name,
                "link": reverse("console:work-ledger") + f"?agency={obj.pk}",
            }
        if kind.code == "annual_report_late":
            return {"label": obj.name, "link": reverse("console:report-home")}
        return {"label": obj.name, "link": reverse("console:catalogue-detail", args=[obj.pk])}
    if isinstance(obj, ServiceItem):
        return {
            "label": f"{obj.code} {obj.name}",
            "link": reverse("console:service-item-detail", args=[obj.pk]),
        }
    if isinstance(obj, ProjectStage):
        return {"label": str(obj), "link": reverse("console:project-stage", args=[obj.pk])}
    if isinstance(obj, Procurement):
        return {"label": str(obj), "link": reverse("console:project-procurement", args=[obj.pk])}
    from gongkai.newmedia.consistency import Gap
    from gongkai.newmedia.models import Account

    if isinstance(obj, Account):
        return {"label": str(obj), "link": reverse("console:newmedia-account", args=[obj.pk])}
    if isinstance(obj, Gap):
        link = reverse("console:newmedia-document", args=[obj.document.pk])
        return {"label": str(obj), "link": link}
    return {"label": str(obj), "link": None}


@staff_required
def finding_detail(request: HttpRequest, agency_pk: int, code: str) -> HttpResponse:
    """The objects behind one figure of one subordinate, and its monthly trend."""
    subordinate = get_object_or_404(Agency, pk=agency_pk)
    kind = findings.get_kind(code)
    if kind is None:
        raise Http404
    if subordinate.parent is None or not access.can_supervise_agency(
        request.user, subordinate.parent
    ):
        raise PermissionDenied
    now, today = ledger.now_and_today()
    try:
        period = Period.parse(request.GET.get("period", ""))
    except SupervisionError:
        period = Period.year(today.year)
    scope = league.scope_for(subordinate, period, today=today, now=now)
    objects = list(kind.objects(scope, subordinate.pk)[:DRILL_DOWN_LIMIT])
    rows = [object_row(kind, obj) for obj in objects]
    trend = []
    if not kind.is_snapshot:
        months = last_months(today)
        trend = list(zip(months, findings.monthly_trend(kind, scope, months), strict=True))
    return render(
        request,
        "console/supervision_finding.html",
        {
            "agency": subordinate,
            "kind": kind,
            "period": period,
            "rows": rows,
            "limit": DRILL_DOWN_LIMIT,
            "trend": trend,
        },
    )


@staff_required
def trends(request: HttpRequest) -> HttpResponse:
    """Each period finding's total over the subordinates, month by month for the last year."""
    now, today = ledger.now_and_today()
    agency_id = request.GET.get("agency")
    _agencies, agency = _supervising(
        request, int(agency_id) if agency_id and agency_id.isdigit() else None
    )
    months = last_months(today)
    scope = findings.Scope(
        frozenset(access.subordinates(agency).values_list("pk", flat=True)),
        Period.year(today.year),
        today,
        now,
    )
    rows = [
        {"kind": kind, "totals": findings.monthly_trend(kind, scope, months)}
        for kind in findings.KINDS
        if not kind.is_snapshot
    ]
    return render(
        request,
        "console/supervision_trends.html",
        {"agency": agency, "months": months, "rows": rows},
    )


@staff_required
def scheme_edit(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    """The 考核 scheme of a year: indicators, weights, methods; whether the ranking is public."""
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not access.can_edit_scheme(request.user, agency):
        raise PermissionDenied
    scheme = league.scheme_of(agency, year)
    specs = league.indicators_of(scheme)
    initial = {
        "name": scheme.name if scheme else _("%(year)s年度政务公开工作考核") % {"year": year},
        "is_ranking_public": scheme.is_ranking_public if scheme else False,
        "stale_months": scheme.stale_months if scheme else league.DEFAULT_STALE_MONTHS,
    }
    form = forms.SchemeForm(request.POST or None, initial=initial)
    formset = forms.IndicatorFormSet(
        request.POST or None,
        prefix="indicators",
        initial=[
            {
                "finding": s.finding,
                "name": s.name,
                "weight": s.weight,
                "method": s.method,
                "deduction": s.deduction,
            }
            for s in specs
        ],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        indicators = [
            f.spec() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.save_scheme(
                agency=agency,
                year=year,
                actor=request.user,
                indicators=indicators,
                **form.cleaned_data,
            )
        except SupervisionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("考核方案已保存。"))
            return redirect(f"{reverse('console:supervision')}?agency={agency.pk}&period={year}")
    return render(
        request,
        "console/supervision_scheme.html",
        {"agency": agency, "year": year, "form": form, "formset": formset, "scheme": scheme},
    )


def _circular(request: HttpRequest, data) -> tuple[Agency, circulars.Circular] | None:
    form = forms.CircularForm(data, agencies=access.supervising_agencies(request.user))
    if not form.is_valid():
        return None
    _agencies, agency = _supervising(request, form.cleaned_data["agency"])
    now, today = ledger.now_and_today()
    table = league.league_table(agency, form.cleaned_data["period"], today=today, now=now)
    circular = circulars.draft_circular(table, form.cleaned_data["findings"], today=today, now=now)
    return agency, circular


@staff_required
def circular_draft(request: HttpRequest) -> HttpResponse:
    """Pick a period and findings; see the draft circular, download it, or save it as a record."""
    agencies = list(access.supervising_agencies(request.user))
    if not agencies:
        raise PermissionDenied
    _now, today = ledger.now_and_today()
    data = request.GET if "period" in request.GET else None
    form = forms.CircularForm(
        data,
        agencies=agencies,
        initial={"agency": agencies[0].pk, "period": str(today.year)},
    )
    drafted = _circular(request, request.GET) if data is not None else None
    agency, circular = drafted if drafted else (None, None)
    return render(
        request,
        "console/supervision_circular.html",
        {
            "form": form,
            "circular": circular,
            "agency": agency,
            "query": request.GET.urlencode(),
            "can_draft_circular": agency is not None
            and access.can_draft_circular(request.user, agency),
        },
    )


@staff_required
def circular_docx(request: HttpRequest) -> HttpResponse:
    drafted = _circular(request, request.GET)
    if drafted is None:
        raise Http404
    _agency, circular = drafted
    response = HttpResponse(
        circulars.render_docx(circular),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''circular.docx"
    return response


@staff_required
@require_POST
def circular_record(request: HttpRequest) -> HttpResponse:
    """One click: the circular becomes a draft record (通知公告) for review and publication."""
    drafted = _circular(request, request.POST)
    if drafted is None:
        messages.error(request, _("请选择通报机关和期间。"))
        return redirect("console:supervision-circular")
    agency, circular = drafted
    if not access.can_draft_circular(request.user, agency):
        raise PermissionDenied
    try:
        document = circulars.create_circular_record(
            agency=agency, circular=circular, actor=request.user
        )
    except (SupervisionError, DocumentError) as exc:
        messages.error(request, exc.message)
        return redirect("console:supervision-circular")
    messages.success(request, _("通报已存为政府信息草稿，请提交审核后发布。"))
    return redirect("console:document-detail", pk=document.pk)
