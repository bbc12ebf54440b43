"""Console pages for public-opinion events (政务舆情回应): staff only, never public.

The list puts unanswered events first, by time left (overdue first); the event page shows
the 24/48-hour clock, the timeline and one form per action; the figures page gives monthly
numbers per agency. Supervisors read; the agency's publishers, reviewers and administrators
act (participation.access)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.charts.svg import Chart, Series, bar_chart
from gongkai.console import opinion_forms as forms
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.participation import access
from gongkai.participation import opinion_services as services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import OpinionEvent, OpinionStatus

CLOSED_LIST_LIMIT = 50


def _event(request: HttpRequest, pk: int) -> OpinionEvent:
    # Another agency's event is "not found", exactly like a missing one: a 403 would tell a
    # clerk that the event exists (security review #11).
    return get_object_or_404(
        access.opinion_events_for_staff(request.user).select_related("agency", "created_by"),
        pk=pk,
    )


def _recording_agencies(user) -> list[Agency]:
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_record_opinion_in(user, agency)
    ]


def _agency_filter(request: HttpRequest, events):
    """The agencies the user reads, and the events narrowed to ?agency= if given."""
    agencies = Agency.objects.filter(
        pk__in=agency_access.readable_agency_ids(request.user)
    ).order_by("code")
    chosen = request.GET.get("agency", "")
    agency_id = parse_id(chosen)
    if agency_id is not None and agencies.filter(pk=agency_id).exists():
        events = events.filter(agency_id=agency_id)
    else:
        chosen = ""
    return agencies, chosen, events


@staff_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    """Open events by time left (overdue first), answered open events, then closed ones."""
    agencies, chosen, events = _agency_filter(
        request, access.opinion_events_for_staff(request.user).select_related("agency")
    )
    now = timezone.now()
    open_events = events.filter(status=OpinionStatus.OPEN)
    return render(
        request,
        "console/opinion_list.html",
        {
            "agencies": agencies,
            "chosen": chosen,
            "awaiting": services.event_clocks(
                open_events.filter(first_response_at__isnull=True).order_by("respond_by", "pk"),
                now=now,
            ),
            "answered": services.event_clocks(
                open_events.filter(first_response_at__isnull=False).order_by("-first_seen_at"),
                now=now,
            ),
            "closed": services.event_clocks(
                events.filter(status=OpinionStatus.CLOSED).order_by("-closed_at")[
                    :CLOSED_LIST_LIMIT
                ],
                now=now,
            ),
            "can_record": bool(_recording_agencies(request.user)),
        },
    )


@staff_required
def opinion_new(request: HttpRequest) -> HttpResponse:
    """Record an event as first seen, with its grade and responsible unit."""
    agencies = _recording_agencies(request.user)
    if not agencies:
        raise PermissionDenied
    queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("code")
    form = forms.EventForm(request.POST or None, agencies=queryset)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.record_opinion_event(
                agency=data["agency"],
                actor=request.user,
                title=data["title"],
                source=data["source"],
                source_detail=data["source_detail"],
                link=data["link"],
                summary=data["summary"],
                first_seen_at=data["first_seen_at"],
                severity=data["severity"],
                responsible_unit=data["responsible_unit"],
                assessment=data["assessment"],
            )
        except ParticipationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("舆情事件已登记。"))
            return redirect("console:opinion-detail", pk=event.pk)
    return render(request, "console/opinion_form.html", {"form": form})


def _action_forms(event: OpinionEvent, data=None, name: str = "") -> dict:
    """One unbound form per action, or the bound one for the action `name`."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    made = {
        "assess": lambda d: forms.AssessmentForm(
            d,
            initial={"assessment": event.assessment, "responsible_unit": event.responsible_unit},
            auto_id="assess_%s",
        ),
        "escalate": lambda d: forms.EscalationForm(
            d, initial={"changed_at": now}, auto_id="escalate_%s"
        ),
        "respond": lambda d: forms.ResponseForm(
            d, initial={"responded_at": now}, auto_id="respond_%s"
        ),
        "verification": lambda d: forms.VerificationForm(
            d, initial={"requested_at": now}, auto_id="verification_%s"
        ),
        "answer": lambda d: forms.AnswerForm(
            d, event=event, initial={"answered_at": now}, auto_id="answer_%s"
        ),
        "close": lambda d: forms.CloseForm(d, auto_id="close_%s"),
    }
    return {key: make(data if key == name else None) for key, make in made.items()}


def _render_detail(
    request: HttpRequest, event: OpinionEvent, action_forms: dict, open_action: str = ""
) -> HttpResponse:
    can_handle = access.can_handle_opinion(request.user, event)
    reading = services.read_event(event)
    return render(
        request,
        "console/opinion_detail.html",
        {
            "event": event,
            "reading": reading,
            "escalations": event.escalations.select_related("recorded_by"),
            "trail": AuditEvent.objects.for_object(event).select_related("actor")[:100],
            "can_handle": can_handle and event.status == OpinionStatus.OPEN,
            "forms": action_forms,
            "open_action": open_action,
            "has_unanswered": any(v.request.answered_at is None for v in reading.verifications),
        },
    )


@staff_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return _render_detail(request, event, _action_forms(event))


def _run(name: str, event: OpinionEvent, user, data: dict) -> None:
    """Call the one service behind the action `name`."""
    if name == "assess":
        services.update_assessment(event=event, actor=user, **data)
    elif name == "escalate":
        services.escalate(event=event, actor=user, **data)
    elif name == "respond":
        services.record_response(event=event, actor=user, **data)
    elif name == "verification":
        services.record_verification_request(event=event, actor=user, **data)
    elif name == "answer":
        services.answer_verification_request(
            request=data["verification"],
            actor=user,
            answer=data["answer"],
            answered_at=data["answered_at"],
        )
    elif name == "close":
        services.close_event(event=event, actor=user, **data)


ACTION_NAMES = ("assess", "escalate", "respond", "verification", "answer", "close")
SUCCESS = {
    "assess": gettext_lazy("研判意见已保存。"),
    "escalate": gettext_lazy("级别已调整，回应时限已重新计算。"),
    "respond": gettext_lazy("回应已登记。"),
    "verification": gettext_lazy("核实请求已登记。"),
    "answer": gettext_lazy("核实答复已登记。"),
    "close": gettext_lazy("舆情事件已办结。"),
}


@require_POST
@staff_required
def opinion_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action through its service; a refused entry comes back as a form error."""
    event = _event(request, pk)
    if action not in ACTION_NAMES:
        raise Http404
    if not access.can_handle_opinion(request.user, event):
        raise PermissionDenied
    action_forms = _action_forms(event, request.POST, action)
    form = action_forms[action]
    if form.is_valid():
        try:
            _run(action, event, request.user, form.cleaned_data)
        except ParticipationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, SUCCESS[action])
            return redirect("console:opinion-detail", pk=event.pk)
    event.refresh_from_db()
    return _render_detail(request, event, action_forms, open_action=action)


@staff_required
def opinion_stats(request: HttpRequest) -> HttpResponse:
    """Monthly figures per agency for a year: events, on-time rate, median response hours."""
    today = timezone.localdate()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else today.year
    tz = timezone.get_current_timezone()
    agencies, chosen, events = _agency_filter(
        request, access.opinion_events_for_staff(request.user)
    )
    events = events.filter(
        first_seen_at__gte=datetime.datetime(year, 1, 1, tzinfo=tz),
        first_seen_at__lt=datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )
    return render(
        request,
        "console/opinion_stats.html",
        {
            "agencies": agencies,
            "chosen": chosen,
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "figures": [
                (agency, months, _on_time_chart(agency, months))
                for agency, months in services.monthly_figures(events, tz=tz)
            ],
        },
    )


def _on_time_chart(agency, months) -> Chart:
    """The months' responses in time and late, stacked: the on-time rate to look at."""
    return bar_chart(
        _("%(name)s每月按时和超时回应的舆情") % {"name": agency.display_name},
        [f"{f.year}-{f.month:02d}" for f in months],
        [
            Series(_("按时回应"), [f.on_time for f in months]),
            Series(_("超时或未回应"), [f.decided - f.on_time for f in months]),
        ],
        stacked=True,
        unit=_("件"),
    )
