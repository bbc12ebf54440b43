"""民意调查 in the console: the surveys of the agencies the user reads, a survey's settings and
questions (a formset), opening and closing, the review of free-text answers, the results and
the CSV export. Views parse input, ask surveys.access and call one service each."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.survey_forms import (
    CodesForm,
    QuestionFormSet,
    ResultsNoteForm,
    SurveyForm,
)
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.surveys import access, services
from gongkai.surveys.errors import SurveyError
from gongkai.surveys.models import Answer, Survey, SurveyStatus, TextReview


def _running_agencies(user) -> list[Agency]:
    return [
        a
        for a in agency_access.member_agencies(user).order_by("code")
        if access.can_run_in(user, a)
    ]


def _survey_for(request: HttpRequest, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("agency"), pk=pk)
    if not access.can_view(request.user, survey):
        raise Http404  # another agency's survey does not exist for this user
    return survey


def _add_error(form, exc: SurveyError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@staff_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = access.surveys_for_staff(request.user).select_related("agency")
    return render(
        request,
        "console/survey_list.html",
        {"surveys": surveys, "can_create": bool(_running_agencies(request.user))},
    )


@staff_required
def survey_create(request: HttpRequest) -> HttpResponse:
    choices = _running_agencies(request.user)
    agency_id = parse_id(request.POST.get("agency") or request.GET.get("agency"))
    agency = next((a for a in choices if a.pk == agency_id), choices[0] if choices else None)
    if agency is None:
        raise PermissionDenied
    form = SurveyForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(
                agency=agency, actor=request.user, values=form.cleaned_data
            )
        except SurveyError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已新建调查。请添加题目。"))
            return redirect("console:survey-questions", survey.pk)
    return render(request, "console/survey_form.html", {"form": form, "agency": agency})


@staff_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for(request, pk)
    if not access.can_run(request.user, survey):
        raise PermissionDenied
    initial = {name: getattr(survey, name) for name in services.SURVEY_FIELDS}
    form = SurveyForm(request.POST or None, initial=initial, agency=survey.agency)
    if survey.status != SurveyStatus.DRAFT:
        for name in form.fields:
            if name != "closes_at":
                form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        values = (
            form.cleaned_data
            if survey.status == SurveyStatus.DRAFT
            else {"closes_at": form.cleaned_data["closes_at"]}
        )
        try:
            services.update_survey(survey=survey, actor=request.user, values=values)
        except SurveyError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("console:survey-detail", survey.pk)
    return render(
        request,
        "console/survey_form.html",
        {"form": form, "agency": survey.agency, "survey": survey},
    )


@staff_required
def survey_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's questions as a formset: add, change, delete, in order."""
    survey = _survey_for(request, pk)
    if not access.can_run(request.user, survey) or survey.status != SurveyStatus.DRAFT:
        raise PermissionDenied
    initial = [
        {
            "text": q.text,
            "kind": q.kind,
            "is_required": q.is_required,
            "options": "\n".join(q.options),
            "max_choices": q.max_choices,
            "scale_low_label": q.scale_low_label,
            "scale_high_label": q.scale_high_label,
        }
        for q in services.question_specs(survey)
    ]
    formset = QuestionFormSet(request.POST or None, initial=initial, prefix="q")
    if request.method == "POST" and formset.is_valid():
        kept = [
            f
            for f in formset.forms
            if f.cleaned_data.get("text") and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.save_questions(
                survey=survey,
                actor=request.user,
                questions=[f.spec(n) for n, f in enumerate(kept, start=1)],
            )
        except SurveyError as exc:
            formset._non_form_errors = formset.error_class([exc.message])
        else:
            messages.success(request, _("题目已保存。"))
            return redirect("console:survey-detail", survey.pk)
    return render(request, "console/survey_questions.html", {"survey": survey, "formset": formset})


@staff_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for(request, pk)
    user = request.user
    return render(
        request,
        "console/survey_detail.html",
        {
            "survey": survey,
            "questions": services.question_specs(survey),
            "responses": survey.responses.count(),
            "results": services.results(survey, shown_only=False)
            if survey.status in (SurveyStatus.CLOSED, SurveyStatus.RESULTS)
            else None,
            "pending": Answer.objects.filter(
                response__survey=survey, text_review=TextReview.PENDING
            ).count(),
            "can_run": access.can_run(user, survey),
            "can_publish": access.can_publish_results(user, survey),
            "note_form": ResultsNoteForm(),
            "codes_form": CodesForm(),
            "codes_issued": survey.access_codes.count(),
            "codes_used": survey.access_codes.filter(used_at__isnull=False).count(),
            "now": timezone.now(),
        },
    )


@staff_required
@require_POST
def survey_state(request: HttpRequest, pk: int) -> HttpResponse:
    """发布 (open) or 结束 (close), as `action` says."""
    survey = _survey_for(request, pk)
    if not access.can_run(request.user, survey):
        raise PermissionDenied
    action = request.POST.get("action", "")
    try:
        if action == "open":
            services.open_survey(survey=survey, actor=request.user)
            messages.success(request, _("调查已发布。"))
        elif action == "close":
            services.close_survey(survey=survey, actor=request.user)
            messages.success(request, _("调查已结束。请审核文字回答后公布结果。"))
        else:
            messages.error(request, _("未知操作。"))
    except SurveyError as exc:
        messages.error(request, exc.message)
    return redirect("console:survey-detail", survey.pk)


@staff_required
@require_POST
def survey_codes(request: HttpRequest, pk: int) -> HttpResponse:
    """New one-time codes, shown on this page only (they are not stored in clear)."""
    survey = _survey_for(request, pk)
    if not access.can_run(request.user, survey):
        raise PermissionDenied
    form = CodesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写1至2000之间的数量。"))
        return redirect("console:survey-detail", survey.pk)
    try:
        codes = services.issue_codes(
            survey=survey, actor=request.user, count=form.cleaned_data["count"]
        )
    except SurveyError as exc:
        messages.error(request, exc.message)
        return redirect("console:survey-detail", survey.pk)
    # The console's cache policy already makes every page private and no-store.
    return render(request, "console/survey_codes.html", {"survey": survey, "codes": codes})


@staff_required
def survey_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Free-text answers: show or withhold each; the privacy detector's findings beside it."""
    survey = _survey_for(request, pk)
    can_review = access.can_run(request.user, survey) and survey.status == SurveyStatus.CLOSED
    answers = list(
        Answer.objects.filter(response__survey=survey)
        .exclude(text="")
        .select_related("question")
        .order_by("question__number", "id")
    )
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        decisions = {
            a.pk: request.POST.get(f"a{a.pk}", "")
            for a in answers
            if request.POST.get(f"a{a.pk}", "") in (TextReview.SHOWN, TextReview.WITHHELD)
        }
        try:
            changed = services.review_text_answers(
                survey=survey, actor=request.user, decisions=decisions
            )
        except SurveyError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已审核 %(n)d 条回答。") % {"n": changed})
            return redirect("console:survey-review", survey.pk)
    rows = [(a, services.personal_data_in(a.text)) for a in answers]
    return render(
        request,
        "console/survey_review.html",
        {"survey": survey, "rows": rows, "can_review": can_review},
    )


@staff_required
@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for(request, pk)
    if not access.can_publish_results(request.user, survey):
        raise PermissionDenied
    form = ResultsNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.publish_results(survey=survey, actor=request.user, note=note)
    except SurveyError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("调查结果已公布。"))
    return redirect("console:survey-detail", survey.pk)


@staff_required
def survey_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response as a row (CSV, UTF-8 with BOM for spreadsheet programs)."""
    survey = _survey_for(request, pk)
    if not access.can_run(request.user, survey):
        raise PermissionDenied
    questions = services.question_specs(survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("答卷编号"), _("提交时间"), *[f"{q.number}. {q.text}" for q in questions]])
    options = {i: text for q in questions for i, text in zip(q.option_ids, q.options, strict=True)}
    rows: dict[int, dict] = {}
    answers = Answer.objects.filter(response__survey=survey).select_related("response", "question")
    for answer in answers.order_by("response_id", "question__number", "id"):
        row = rows.setdefault(
            answer.response_id, {"at": timezone.localtime(answer.response.submitted_at)}
        )
        cell = row.setdefault(answer.question.number, [])
        if answer.option_id is not None:
            cell.append(options.get(answer.option_id, ""))
        elif answer.scale_value is not None:
            cell.append(str(answer.scale_value))
        else:
            cell.append(_csv_safe(answer.text))
    for number, row in enumerate(rows.values(), start=1):
        writer.writerow(
            [
                number,
                row["at"].strftime("%Y-%m-%d %H:%M"),
                *["；".join(row.get(q.number, [])) for q in questions],
            ]
        )
    return response


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
