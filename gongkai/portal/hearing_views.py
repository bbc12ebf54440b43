"""Public pages of hearings and forums on a consultation: the announcement with the
registration form, the selection (first come, or the draw with its inputs, seed and result to
re-run), the participants by role and the published minutes. Registrants' names, contacts and
statements never appear here: the public knows a registration by its number (B001)."""

import json

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from gongkai import limits
from gongkai.documents.models import Attribute, Status
from gongkai.http.ratelimit import limit_submissions
from gongkai.participation import hearing_services as services
from gongkai.participation import hearings as rules
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    Consultation,
    Hearing,
    HearingStatus,
    InterestKind,
    ParticipantRole,
    SelectionRule,
)
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.portal.plain_forms import PhoneField, PlainErrors
from gongkai.ratelimits.form_tokens import submit_once


class RegistrationForm(PlainErrors, OneTimeForm):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    contact = PhoneField(
        label=gettext_lazy("联系电话（不公开，用于通知是否入选）"),
    )
    interest = forms.ChoiceField(
        label=gettext_lazy("身份或利益关系"),
        choices=[("", gettext_lazy("请选择")), *InterestKind.choices],
    )
    statement = forms.CharField(
        label=gettext_lazy("主要观点（不公开）"),
        max_length=limits.HEARING_STATEMENT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("简要说明您对草案的主要观点，供遴选和会议安排参考。"),
    )


def _public_hearing(pk: int, hearing_pk: int) -> Hearing:
    consultation = get_object_or_404(
        Consultation.objects.published().filter(
            draft__status=Status.PUBLISHED, draft__attribute=Attribute.PROACTIVE
        ),
        pk=pk,
    )
    hearing = (
        Hearing.objects.public()
        .filter(consultation=consultation, pk=hearing_pk)
        .select_related("consultation__draft", "consultation__agency")
        .first()
    )
    if hearing is None:
        raise Http404
    return hearing


@never_cache
@limit_submissions("hearing-registration")
def hearing_detail(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    hearing = _public_hearing(pk, hearing_pk)
    problem = services.registration_problems(hearing)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if problem:
            form.add_error(None, problem)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                code, _first = submit_once(
                    data["once"],
                    "hearing",
                    lambda: (
                        services.register(
                            hearing=hearing,
                            name=data["name"],
                            contact=data["contact"],
                            interest=data["interest"],
                            statement=data["statement"],
                        ).code
                    ),
                )
            except ParticipationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("报名成功，您的报名序号是 %(code)s，请记下。遴选结果按报名序号公布。")
                    % {"code": code},
                )
                return redirect("portal:hearing-detail", pk=pk, hearing_pk=hearing_pk)
    selected = []
    if hearing.status not in (HearingStatus.DRAFT, HearingStatus.ANNOUNCED):
        selected = [r.code for r in hearing.registrations.filter(is_selected=True)]
    verification = None
    if hearing.drawn_at:
        verification = services.verify_draw(hearing)
    now = timezone.now()
    return render(
        request,
        "portal/hearing_detail.html",
        {
            "hearing": hearing,
            "consultation": hearing.consultation,
            "form": form,
            "accepts": not problem,
            "problem": problem,
            "registrations": hearing.registrations.count(),
            "selected": selected,
            "drawn_order": rules.drawn_codes(hearing.draw_result) if hearing.drawn_at else [],
            "verification": verification,
            "participants": _in_role_order(hearing)
            if hearing.status in (HearingStatus.HELD, HearingStatus.MINUTES)
            else [],
            "is_draw": hearing.selection_rule == SelectionRule.DRAW,
            "before_window": now < hearing.registration_opens_at,
        },
    )


def _in_role_order(hearing: Hearing) -> list:
    """The host first, then the roles as ParticipantRole lists them."""
    order = {role: n for n, role in enumerate(ParticipantRole.values)}
    participants = hearing.participants.select_related("registration")
    return sorted(participants, key=lambda p: (order.get(p.role, 99), p.pk))


def hearing_draw(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    """The draw's published document: inputs (registration numbers only), seed, result."""
    hearing = _public_hearing(pk, hearing_pk)
    if hearing.committed_at is None:
        raise Http404
    body = json.dumps(services.public_draw(hearing), ensure_ascii=False, indent=2, sort_keys=True)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="hearing-{hearing.pk}-draw.json"'
    return response
