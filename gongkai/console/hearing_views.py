"""Hearings and forums on a consultation in the console: the announcement (create, change
while a draft, publish), the registrations with names and contacts (staff only), the
selection (first come, or the draw in two steps), participants, their opinions (entered as
the consultation's comments) and the minutes. Each POST calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.console.survey_forms import HearingForm, MinutesForm, OpinionForm, ParticipantForm
from gongkai.console.views import staff_required
from gongkai.participation import access
from gongkai.participation import hearing_services as services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import Consultation, Hearing, HearingStatus


def _consultation_for(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("agency", "draft"), pk=pk)
    if consultation.agency_id not in access.consultations_for_staff(request.user).values_list(
        "agency_id", flat=True
    ):
        raise Http404
    return consultation


def _hearing_for(request: HttpRequest, pk: int) -> Hearing:
    hearing = get_object_or_404(
        Hearing.objects.select_related("consultation__agency", "consultation__draft"), pk=pk
    )
    if not access.consultations_for_staff(request.user).filter(pk=hearing.consultation_id).exists():
        raise Http404  # another agency's hearing does not exist for this user
    return hearing


@staff_required
def hearing_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation_for(request, pk)
    if not access.can_run_consultation(request.user, consultation):
        raise PermissionDenied
    form = HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.create_hearing(
                consultation=consultation, actor=request.user, values=form.cleaned_data
            )
        except ParticipationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已新建会议。核对后发布公告。"))
            return redirect("console:hearing-detail", hearing.pk)
    return render(
        request, "console/hearing_form.html", {"form": form, "consultation": consultation}
    )


@staff_required
def hearing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = _hearing_for(request, pk)
    can_run = access.can_run_consultation(request.user, hearing.consultation)
    registrations = list(hearing.registrations.all())
    participants = list(hearing.participants.select_related("registration"))
    return render(
        request,
        "console/hearing_detail.html",
        {
            "hearing": hearing,
            "consultation": hearing.consultation,
            "can_run": can_run,
            "registrations": registrations,
            "participants": participants,
            "opinions": hearing.opinions.select_related("participant", "comment"),
            "participant_form": ParticipantForm(
                registrations=[r for r in registrations if r.is_selected]
            ),
            "opinion_form": OpinionForm(
                participants=participants, clauses=hearing.consultation.clauses.all()
            ),
            "minutes_form": MinutesForm(initial={"minutes": hearing.minutes}),
            "HearingStatus": HearingStatus,
        },
    )


@staff_required
@require_POST
def hearing_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the hearing, named by `action`."""
    hearing = _hearing_for(request, pk)
    if not access.can_run_consultation(request.user, hearing.consultation):
        raise PermissionDenied
    action, user = request.POST.get("action", ""), request.user
    try:
        if action == "announce":
            services.announce_hearing(hearing=hearing, actor=user)
            messages.success(request, _("会议公告已发布在征求意见页面上。"))
        elif action == "select":
            chosen = services.select_first_come(hearing=hearing, actor=user)
            messages.success(request, _("已确定参加人：%(codes)s。") % {"codes": "、".join(chosen)})
        elif action == "commit":
            services.commit_draw(hearing=hearing, actor=user)
            messages.success(request, _("已公布抽取输入和随机种子的承诺值。"))
        elif action == "draw":
            chosen = services.run_draw(hearing=hearing, actor=user)
            messages.success(request, _("抽取完成：%(codes)s。") % {"codes": "、".join(chosen)})
        elif action == "held":
            services.mark_held(hearing=hearing, actor=user)
            messages.success(request, _("已登记会议已举行。"))
        elif action == "participant":
            _add_participant(request, hearing)
        elif action == "opinion":
            _record_opinion(request, hearing)
        elif action == "minutes":
            form = MinutesForm(request.POST)
            if not form.is_valid():
                raise ParticipationError(_("请填写会议纪要。"))
            services.publish_minutes(
                hearing=hearing, actor=user, minutes=form.cleaned_data["minutes"]
            )
            messages.success(request, _("会议纪要已公布。"))
        else:
            messages.error(request, _("未知操作。"))
    except ParticipationError as exc:
        messages.error(request, exc.message)
    return redirect("console:hearing-detail", hearing.pk)


def _add_participant(request: HttpRequest, hearing: Hearing) -> None:
    form = ParticipantForm(
        request.POST, registrations=hearing.registrations.filter(is_selected=True)
    )
    if not form.is_valid():
        raise ParticipationError(_("请选择角色，填写姓名或选择报名人。"))
    data = form.cleaned_data
    registration = (
        hearing.registrations.filter(pk=data["registration"]).first()
        if data["registration"]
        else None
    )
    services.add_participant(
        hearing=hearing,
        actor=request.user,
        role=data["role"],
        name=data["name"],
        registration=registration,
        show_name=data["show_name"],
    )
    messages.success(request, _("已登记参加人。"))


def _record_opinion(request: HttpRequest, hearing: Hearing) -> None:
    participants = list(hearing.participants.all())
    clauses = list(hearing.consultation.clauses.all())
    form = OpinionForm(request.POST, participants=participants, clauses=clauses)
    if not form.is_valid():
        raise ParticipationError(_("请选择发言人并填写意见内容。"))
    data = form.cleaned_data
    services.record_opinion(
        hearing=hearing,
        actor=request.user,
        participant=next(p for p in participants if p.pk == data["participant"]),
        body=data["body"],
        clause=next((c for c in clauses if c.pk == data["clause"]), None),
    )
    messages.success(request, _("已登记意见，请在征求意见中作采纳处理。"))
