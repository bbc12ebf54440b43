"""新闻发布 pages of an agency's column: its spokespeople, its press conferences and
interviews (预告 and past, a past one linking to its transcript record), and an online
interview's page where anyone asks a question (moderated before it is shown; the published
page shows the accepted questions with their answers)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.documents.models import Attribute
from gongkai.documents.models import Status as DocumentStatus
from gongkai.http.ratelimit import limit_submissions
from gongkai.portal.caching import public_page
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.portal.plain_forms import PlainErrors
from gongkai.press import rules, services
from gongkai.press.errors import PressError
from gongkai.press.models import EventState, PressEvent, Question, Spokesperson
from gongkai.ratelimits.form_tokens import submit_once


class QuestionForm(PlainErrors, OneTimeForm):
    body = forms.CharField(
        label=gettext_lazy("您的问题"),
        max_length=limits.INTERVIEW_QUESTION,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    asker_name = forms.CharField(
        label=gettext_lazy("网名或称呼（选填，随问题公开）"), max_length=50, required=False
    )


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


def _serving(agency: Agency):
    return Spokesperson.objects.filter(agency=agency, is_serving=True).order_by(
        "-is_first", "position", "id"
    )


def _public_record(document):
    if (
        document is not None
        and document.status == DocumentStatus.PUBLISHED
        and document.attribute == Attribute.PROACTIVE
    ):
        return document
    return None


@public_page
def agency_press(request: HttpRequest, code: str) -> HttpResponse:
    """The 新闻发布 column: serving spokespeople, events announced and to come, past events."""
    agency = _active_agency(code)
    now = timezone.now()
    events = list(PressEvent.objects.public().filter(agency=agency).select_related("document"))
    upcoming = sorted(
        (e for e in events if rules.is_upcoming(state=e.state, starts_at=e.starts_at, now=now)),
        key=lambda e: e.starts_at,
    )
    past = [e for e in events if e not in upcoming]
    return render(
        request,
        "portal/press_column.html",
        {
            "agency": agency,
            "column": "press",
            "spokespeople": _serving(agency),
            "upcoming": upcoming,
            "past": past,
            "EventState": EventState,
        },
    )


@public_page
def spokespeople(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's serving spokespeople, the principal (第一新闻发言人) first."""
    agency = _active_agency(code)
    return render(
        request,
        "portal/press_spokespeople.html",
        {"agency": agency, "column": "press", "spokespeople": _serving(agency)},
    )


@never_cache
@limit_submissions("comment")
def event_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One event; an online interview taking questions carries the question form."""
    agency = _active_agency(code)
    event = get_object_or_404(
        PressEvent.objects.public().select_related("document", "policy", "opinion_event"),
        agency=agency,
        pk=pk,
    )
    takes = rules.takes_questions(
        kind=event.kind,
        state=event.state,
        is_announced=event.is_announced,
        accepts_questions=event.accepts_questions,
    )
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not takes:
            form.add_error(None, _("该访谈已停止征集问题。"))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                # The same form sent twice files one question.
                submit_once(
                    data["once"],
                    "press-question",
                    lambda: str(
                        services.submit_question(
                            event=event, body=data["body"], asker_name=data["asker_name"]
                        ).pk
                    ),
                )
            except PressError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("您的问题已提交，经审核后公开。感谢您的参与！"))
                return redirect("portal:press-event", code=agency.code, pk=event.pk)
    questions = (
        Question.objects.accepted()
        .filter(event=event)
        .select_related("answered_by")
        .order_by("submitted_at", "id")
    )
    return render(
        request,
        "portal/press_event.html",
        {
            "agency": agency,
            "column": "press",
            "event": event,
            "speakers": event.speakers.all(),
            "questions": questions,
            "takes_questions": takes,
            "form": form,
            "record": _public_record(event.document),
            "policy": services.linked_policy(event),
            "EventState": EventState,
        },
    )
