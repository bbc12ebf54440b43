"""Public pages of surveys (民意调查): the list, one survey with its form while it takes
answers, and its results (tables and charts) once published. One response per browser: a
random token in a cookie, stored by the service only as a keyed hash (see
gongkai/surveys/README.md); the page says what this measure can and cannot do."""

import secrets

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from gongkai import limits
from gongkai.charts.svg import Series, bar_chart
from gongkai.http.client_ip import client_ip
from gongkai.http.ratelimit import limit_submissions
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.ratelimits.form_tokens import submit_once
from gongkai.surveys import rules, services
from gongkai.surveys.errors import AlreadyAnswered, SurveyError
from gongkai.surveys.models import RespondentRule, Survey, SurveyStatus

RESPONDENT_COOKIE = "gk_respondent"
RESPONDENT_COOKIE_AGE = 365 * 24 * 3600
INVALID_CHOICE = gettext_lazy("所选选项不属于本题，请重新选择。")


class SurveyForm(OneTimeForm):
    """One field per question, named q<number>. Every check of the answers is the service's
    (rules.check_answers): the fields only render and read what was sent."""

    def __init__(self, *args, questions, needs_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if needs_code:
            self.fields["code"] = forms.CharField(
                label=gettext_lazy("参与码"),
                max_length=20,
                required=False,
                help_text=gettext_lazy("由组织调查的机关发放，每个参与码只能提交一次。"),
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "autocapitalize": "characters"}
                ),
            )
            self.fields["code"].widget.is_required = True
        self.text_limit = limits.SURVEY_ANSWER
        for q in questions:
            name = f"q{q.number}"
            label = f"{q.number}. {q.text}"
            errors = {"invalid_choice": INVALID_CHOICE}
            if q.kind == rules.SINGLE:
                field = forms.ChoiceField(
                    choices=list(zip(q.option_ids, q.options, strict=True)),
                    widget=forms.RadioSelect,
                    error_messages=errors,
                )
            elif q.kind == rules.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=list(zip(q.option_ids, q.options, strict=True)),
                    widget=forms.CheckboxSelectMultiple,
                    error_messages=errors,
                )
            elif q.kind == rules.SCALE:
                field = forms.ChoiceField(
                    choices=[(v, str(v)) for v in rules.SCALE_VALUES],
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    error_messages=errors,
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4, "maxlength": limits.SURVEY_ANSWER})
                )
            field.label = label
            field.required = False
            field.question = q
            # The * shows what the service will require; the form itself does not check.
            field.widget.is_required = q.is_required
            self.fields[name] = field
        self.order_fields([f"q{q.number}" for q in questions])

    def sent(self) -> dict[int, list[str]]:
        """What was sent for each question, as the rules read it."""
        return {
            q.number: [str(v) for v in self.data.getlist(f"q{q.number}")] for q in self.questions
        }

    def code_field(self):
        return self["code"] if "code" in self.fields else None

    def question_fields(self):
        return [(self[f"q{q.number}"], q) for q in self.questions]


def _public_surveys():
    return Survey.objects.public().select_related("agency", "decision_document", "consultation")


def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(_public_surveys().order_by("-opens_at", "-id")[:200])
    now = timezone.now()
    return render(
        request,
        "portal/survey_list.html",
        {
            "taking": [s for s in surveys if services.is_taking_answers(s, now)],
            "results": [s for s in surveys if s.status == SurveyStatus.RESULTS],
            "others": [
                s
                for s in surveys
                if s.status != SurveyStatus.RESULTS and not services.is_taking_answers(s, now)
            ],
        },
    )


def _charts(results: list[rules.QuestionResult]) -> list[tuple[rules.QuestionResult, object]]:
    charts = []
    for result in results:
        chart = None
        if result.kind in (rules.SINGLE, rules.MULTIPLE):
            chart = bar_chart(
                result.text,
                [o.text for o in result.options],
                [Series(_("人数"), [o.count for o in result.options])],
                unit=_("人"),
            )
        elif result.kind == rules.SCALE:
            chart = bar_chart(
                result.text,
                [_("%(n)d分") % {"n": v} for v in rules.SCALE_VALUES],
                [Series(_("人数"), result.distribution)],
                unit=_("人"),
            )
        charts.append((result, chart))
    return charts


@never_cache
@limit_submissions("survey-response")
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(_public_surveys(), pk=pk)
    token = request.COOKIES.get(RESPONDENT_COOKIE, "")
    new_token = "" if token else secrets.token_urlsafe(24)
    taking = services.is_taking_answers(survey)
    answered = services.has_answered(survey, token)
    questions = services.question_specs(survey)
    needs_code = survey.respondent_rule == RespondentRule.CODE
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        needs_code=needs_code,
    )
    if request.method == "POST":
        if not taking:  # the form is not shown any more: say it above the page
            messages.error(request, _("该调查不在答卷时间内，不能提交。"))
        elif form.is_valid():  # the one-time token (and options that belong to the questions)
            try:
                submit_once(
                    form.cleaned_data["once"],
                    "survey",
                    lambda: str(
                        services.submit_response(
                            survey=survey,
                            token=token or new_token,
                            address=client_ip(request) or "",
                            sent=form.sent(),
                            code=form.data.get("code", ""),
                        ).pk
                    ),
                )
            except AlreadyAnswered as exc:
                if exc.field in form.fields:  # a used code: the form stays as it was filled
                    form.add_error(exc.field, exc.message)
                else:
                    messages.info(request, exc.message)
                    return _with_cookie(redirect("portal:survey-detail", pk=pk), new_token, request)
            except SurveyError as exc:
                for number, problem in exc.problems.items():
                    name = f"q{number}"
                    form.add_error(name if name in form.fields else None, problem)
                if not exc.problems:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("您的答卷已提交。感谢您的参与！"))
                return _with_cookie(redirect("portal:survey-detail", pk=pk), new_token, request)
    results = None
    if survey.status == SurveyStatus.RESULTS:
        results = _charts(services.results(survey))
    response = render(
        request,
        "portal/survey_detail.html",
        {
            "survey": survey,
            "form": form,
            "taking": taking,
            "answered": answered and not needs_code,
            "needs_code": needs_code,
            "not_yet_open": survey.status == SurveyStatus.OPEN and timezone.now() < survey.opens_at,
            "results": results,
            "responses": survey.responses.count() if results is not None else None,
        },
    )
    return _with_cookie(response, new_token, request)


def _with_cookie(response: HttpResponse, token: str, request: HttpRequest) -> HttpResponse:
    """Give a browser without one its random respondent token (no personal data in it)."""
    if token:
        response.set_cookie(
            RESPONDENT_COOKIE,
            token,
            max_age=RESPONDENT_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
