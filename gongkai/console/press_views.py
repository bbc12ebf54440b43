"""新闻发布 in the console: spokespeople (appoint, correct, end a term), press events (plan,
announce, hold or cancel, the transcript and its publication by a reviewer), an online
interview's questions (moderate, answer), and for supervisors the leaders' interpretations
of their subordinates' year. Views parse input, ask press.access and call one service each."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.press_forms import (
    AnswerForm,
    CancelForm,
    EndTermForm,
    EventForm,
    ModerateForm,
    PublishTranscriptForm,
    SpokespersonForm,
    TranscriptForm,
)
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.press import access, leadership, publication, services
from gongkai.press.errors import PressError
from gongkai.press.models import EventState, PressEvent, Question, QuestionStatus, Spokesperson
from gongkai.supervision import access as supervision_access


def _managing_agencies(user) -> list[Agency]:
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_manage_in(user, agency)
    ]


def _chosen_agency(request: HttpRequest) -> Agency:
    choices = _managing_agencies(request.user)
    agency_id = parse_id(request.POST.get("agency") or request.GET.get("agency"))
    agency = next((a for a in choices if a.pk == agency_id), choices[0] if choices else None)
    if agency is None:
        raise PermissionDenied
    return agency


def _add_errors(form, exc: PressError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _event_for(request: HttpRequest, pk: int) -> PressEvent:
    event = get_object_or_404(
        PressEvent.objects.select_related("agency", "policy", "opinion_event", "document"), pk=pk
    )
    if not access.can_view(request.user, event.agency):
        raise Http404  # another agency's event does not exist for this user
    return event


def _spokesperson_for(request: HttpRequest, pk: int) -> Spokesperson:
    spokesperson = get_object_or_404(Spokesperson.objects.select_related("agency"), pk=pk)
    if not access.can_view(request.user, spokesperson.agency):
        raise Http404
    return spokesperson


@staff_required
def press_home(request: HttpRequest) -> HttpResponse:
    """Spokespeople and events of the agencies the user reads."""
    return render(
        request,
        "console/press_home.html",
        {
            "spokespeople": access.spokespeople_for_staff(request.user)
            .select_related("agency")
            .order_by("agency__code", "-is_serving", "-is_first", "position", "id"),
            "events": access.events_for_staff(request.user).select_related("agency", "document"),
            "can_manage": bool(_managing_agencies(request.user)),
            "supervises": supervision_access.supervising_agencies(request.user).exists(),
        },
    )


# --- spokespeople ----------------------------------------------------------------------------


@staff_required
def spokesperson_create(request: HttpRequest) -> HttpResponse:
    agency = _chosen_agency(request)
    form = SpokespersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_spokesperson(
                agency=agency, actor=request.user, values=form.cleaned_data
            )
        except PressError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已新增新闻发言人。"))
            return redirect("console:press")
    return render(
        request,
        "console/press_form.html",
        {"form": form, "agency": agency, "title": _("新增新闻发言人")},
    )


@staff_required
def spokesperson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    spokesperson = _spokesperson_for(request, pk)
    can_manage = access.can_manage_in(request.user, spokesperson.agency)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = SpokespersonForm(
        request.POST if request.method == "POST" and "name" in request.POST else None,
        initial={
            "name": spokesperson.name,
            "post": spokesperson.post,
            "term_starts_on": spokesperson.term_starts_on,
            "is_first": spokesperson.is_first,
            "contact": spokesperson.contact,
            "position": spokesperson.position,
        },
    )
    end_form = EndTermForm(
        request.POST if request.method == "POST" and "term_ends_on" in request.POST else None
    )
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                services.update_spokesperson(
                    spokesperson=spokesperson, actor=request.user, values=form.cleaned_data
                )
                messages.success(request, _("已保存。"))
                return redirect("console:press")
            if end_form.is_bound and end_form.is_valid():
                services.end_term(
                    spokesperson=spokesperson,
                    actor=request.user,
                    ends_on=end_form.cleaned_data["term_ends_on"],
                )
                messages.success(request, _("已结束任期。"))
                return redirect("console:press")
        except PressError as exc:
            _add_errors(form if form.is_bound else end_form, exc)
    return render(
        request,
        "console/press_spokesperson.html",
        {
            "spokesperson": spokesperson,
            "form": form,
            "end_form": end_form,
            "can_manage": can_manage,
        },
    )


# --- events ----------------------------------------------------------------------------------


@staff_required
def event_create(request: HttpRequest) -> HttpResponse:
    agency = _chosen_agency(request)
    form = EventForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.plan_event(
                agency=agency, actor=request.user, values=form.values(), speakers=form.speakers()
            )
        except PressError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已新增活动。预告后在门户网站显示。"))
            return redirect("console:press-event", event.pk)
    return render(
        request,
        "console/press_event_form.html",
        {"form": form, "agency": agency, "title": _("计划新闻发布活动")},
    )


@staff_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    if not access.can_manage_in(request.user, event.agency):
        raise PermissionDenied
    form = EventForm(
        request.POST or None, agency=event.agency, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                event=event, actor=request.user, values=form.values(), speakers=form.speakers()
            )
        except PressError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("console:press-event", event.pk)
    return render(
        request,
        "console/press_event_form.html",
        {"form": form, "agency": event.agency, "event": event, "title": _("修改活动")},
    )


@staff_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    user = request.user
    can_manage = access.can_manage_in(user, event.agency)
    questions = list(
        Question.objects.filter(event=event).select_related("answered_by").order_by("submitted_at")
    )
    suggested = publication.suggested_interpreter(event)
    return render(
        request,
        "console/press_event.html",
        {
            "event": event,
            "speakers": event.speakers.all(),
            "questions": questions,
            "can_manage": can_manage,
            "can_publish": access.can_publish(user, event.agency),
            "EventState": EventState,
            "QuestionStatus": QuestionStatus,
            "cancel_form": CancelForm(),
            "transcript_form": TranscriptForm(
                initial={"transcript": event.transcript, "materials": event.materials}
            ),
            "publish_form": PublishTranscriptForm(
                initial={
                    "interpreter_role": suggested["role"],
                    "interpreter_name": suggested["name"],
                    "interpreter_post": suggested["post"],
                }
            ),
            "interprets_policy": publication.interprets_policy(event),
            "moderate_form": ModerateForm(),
            "answer_form": AnswerForm(event=event),
        },
    )


def _act(request: HttpRequest, pk: int, *, publish: bool = False):
    event = _event_for(request, pk)
    allowed = (
        access.can_publish(request.user, event.agency)
        if publish
        else access.can_manage_in(request.user, event.agency)
    )
    if not allowed:
        raise PermissionDenied
    return event


def _done(request: HttpRequest, event: PressEvent, call, success: str) -> HttpResponse:
    try:
        call()
    except PressError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("console:press-event", event.pk)


@staff_required
@require_POST
def event_announce(request: HttpRequest, pk: int) -> HttpResponse:
    event = _act(request, pk)
    return _done(
        request,
        event,
        lambda: services.announce_event(event=event, actor=request.user),
        _("已在门户网站预告。"),
    )


@staff_required
@require_POST
def event_close_questions(request: HttpRequest, pk: int) -> HttpResponse:
    event = _act(request, pk)
    return _done(
        request,
        event,
        lambda: services.close_questions(event=event, actor=request.user),
        _("已停止征集问题。"),
    )


@staff_required
@require_POST
def event_hold(request: HttpRequest, pk: int) -> HttpResponse:
    event = _act(request, pk)
    return _done(
        request,
        event,
        lambda: services.hold_event(event=event, actor=request.user),
        _("已记为已举行。"),
    )


@staff_required
@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _act(request, pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else request.POST.get("reason", "")
    return _done(
        request,
        event,
        lambda: services.cancel_event(event=event, actor=request.user, reason=reason),
        _("已取消活动。"),
    )


@staff_required
@require_POST
def event_transcript(request: HttpRequest, pk: int) -> HttpResponse:
    event = _act(request, pk)
    form = TranscriptForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("console:press-event", event.pk)
    return _done(
        request,
        event,
        lambda: services.record_transcript(
            event=event,
            actor=request.user,
            transcript=form.cleaned_data["transcript"],
            materials=form.cleaned_data["materials"],
        ),
        _("已保存实录，待审核员公开。"),
    )


@staff_required
@require_POST
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = _act(request, pk, publish=True)
    form = PublishTranscriptForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _done(
        request,
        event,
        lambda: publication.publish_transcript(
            event=event,
            actor=request.user,
            interpreter_role=data.get("interpreter_role", ""),
            interpreter_name=data.get("interpreter_name", ""),
            interpreter_post=data.get("interpreter_post", ""),
        ),
        _("已公开实录。"),
    )


def _question_for(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("event__agency"), pk=pk)
    if not access.can_view(request.user, question.event.agency):
        raise Http404
    if not access.can_manage_in(request.user, question.event.agency):
        raise PermissionDenied
    return question


@staff_required
@require_POST
def question_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    return _done(
        request,
        question.event,
        lambda: services.moderate_question(
            question=question,
            actor=request.user,
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("已审核。"),
    )


@staff_required
@require_POST
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    speaker_id = parse_id(request.POST.get("speaker"))
    speaker = question.event.speakers.filter(pk=speaker_id).first() if speaker_id else None
    return _done(
        request,
        question.event,
        lambda: services.answer_question(
            question=question,
            actor=request.user,
            answer=request.POST.get("answer", ""),
            speaker=speaker,
        ),
        _("已保存答复。"),
    )


# --- supervision: leaders' interpretations ---------------------------------------------------


@staff_required
def leader_interpretations(request: HttpRequest) -> HttpResponse:
    """For a supervising agency: each subordinate's interpretations by its leaders in a year."""
    supervising = list(supervision_access.supervising_agencies(request.user))
    if not supervising:
        raise PermissionDenied
    agency_id = parse_id(request.GET.get("agency"))
    agency = next((a for a in supervising if a.pk == agency_id), supervising[0])
    today = timezone.localdate()
    year = parse_id(request.GET.get("year")) or today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    subordinates = list(supervision_access.subordinates(agency))
    ids = [a.pk for a in subordinates]
    records = (
        leadership.leader_interpretations(ids, year)
        .select_related("agency")
        .order_by("agency__code", "published_at")
    )
    by_agency: dict[int, list] = {}
    for record in records:
        by_agency.setdefault(record.agency_id, []).append(record)
    owing = set(leadership.owing_agencies(ids).values_list("pk", flat=True))
    rows = [(a, by_agency.get(a.pk, []), a.pk in owing) for a in subordinates]
    return render(
        request,
        "console/press_leaders.html",
        {
            "agency": agency,
            "supervising": supervising,
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "rows": rows,
            "year_over": today > datetime.date(year, 12, 31),
            "minimum": leadership.MINIMUM_PER_YEAR,
        },
    )
