"""Rectification tasks (整改) in the console: the supervisor opens them, the subordinate
answers with evidence, the supervisor accepts or returns them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.audit.labels import action_label
from gongkai.audit.models import AuditEvent
from gongkai.console import supervision_forms as forms
from gongkai.console.views import staff_required
from gongkai.obligations import ledger
from gongkai.supervision import access, findings, services, workflow
from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.models import RectificationTask
from gongkai.supervision.obligations import RECTIFICATION


def _task_for(request: HttpRequest, pk: int) -> RectificationTask:
    task = get_object_or_404(
        RectificationTask.objects.select_related("agency", "supervisor_agency"), pk=pk
    )
    if not access.can_view_task(request.user, task):
        raise Http404
    return task


@staff_required
def task_list(request: HttpRequest) -> HttpResponse:
    """The tasks the user answers or reviews, open ones first."""
    tasks = list(
        access.tasks_for(request.user)
        .select_related("agency", "supervisor_agency")
        .order_by("status", "due_on", "pk")
    )
    now, today = ledger.now_and_today()
    overdue = ledger.overdue_among(RECTIFICATION, [t.pk for t in tasks], today=today, now=now)
    for task in tasks:
        task.is_overdue = task.pk in overdue  # the obligations ledger says so, not the page
    return render(
        request,
        "console/rectification_list.html",
        {
            "tasks": tasks,
            "can_open": access.supervising_agencies(request.user).exists(),
        },
    )


@staff_required
def task_new(request: HttpRequest) -> HttpResponse:
    """Open a task, from a finding of the league table or free."""
    supervising = access.supervising_agencies(request.user)
    subordinates = Agency.objects.active().filter(parent__in=supervising).order_by("code")
    if not subordinates.exists():
        raise PermissionDenied
    _now, today = ledger.now_and_today()
    initial = {"due_on": forms.default_due_on(today)}
    for name in ("agency", "finding", "period"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    kind = findings.get_kind(request.GET.get("finding", ""))
    if kind is not None:
        initial["title"] = _("整改：%(label)s") % {"label": kind.label}
        initial["requirement"] = kind.rule
    form = forms.TaskForm(request.POST or None, agencies=subordinates, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = get_object_or_404(subordinates, pk=data["agency"])
        if not access.can_open_task(request.user, agency):
            raise PermissionDenied
        try:
            task = services.open_task(
                agency=agency,
                title=data["title"],
                requirement=data["requirement"],
                finding=data["finding"],
                period=data["period"],
                due_on=data["due_on"],
                actor=request.user,
            )
        except SupervisionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("整改任务已交办。"))
            return redirect("console:supervision-task", pk=task.pk)
    return render(request, "console/rectification_form.html", {"form": form})


@staff_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    can_answer = access.can_answer_task(request.user, task) and workflow.can_transition(
        task.status, workflow.Action.ANSWER
    )
    can_review = access.can_review_task(request.user, task) and workflow.can_transition(
        task.status, workflow.Action.ACCEPT
    )
    kind = findings.get_kind(task.finding)
    return render(
        request,
        "console/rectification_detail.html",
        {
            "task": task,
            "kind": kind,
            "answer_form": forms.AnswerForm() if can_answer else None,
            "review_form": forms.ReviewForm() if can_review else None,
            "events": _events(task),
        },
    )


def _events(task: RectificationTask) -> list[AuditEvent]:
    events = list(
        AuditEvent.objects.filter(
            content_type__app_label="supervision",
            object_id=str(task.pk),
            action__startswith="supervision.task",
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    for event in events:
        event.label = action_label(event.action)
    return events


@staff_required
@require_POST
def task_answer(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    if not access.can_answer_task(request.user, task):
        raise PermissionDenied
    form = forms.AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["evidence"]
        try:
            services.answer_task(
                task=task,
                response=form.cleaned_data["response"],
                evidence=upload.read() if upload else None,
                evidence_name=upload.name if upload else "",
                actor=request.user,
            )
        except SupervisionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("整改情况已反馈。"))
    else:
        messages.error(request, _("请填写整改情况。"))
    return redirect("console:supervision-task", pk=task.pk)


@staff_required
@require_POST
def task_review(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    task = _task_for(request, pk)
    if not access.can_review_task(request.user, task):
        raise PermissionDenied
    form = forms.ReviewForm(request.POST)
    comments = form.cleaned_data["comments"] if form.is_valid() else ""
    try:
        if action == workflow.Action.ACCEPT:
            services.accept_task(task=task, comments=comments, actor=request.user)
            messages.success(request, _("整改已验收。"))
        elif action == workflow.Action.RETURN:
            services.return_task(task=task, comments=comments, actor=request.user)
            messages.success(request, _("已退回重新整改。"))
        else:
            raise Http404
    except SupervisionError as exc:
        messages.error(request, exc.message)
    return redirect("console:supervision-task", pk=task.pk)


@staff_required
def task_evidence(request: HttpRequest, pk: int) -> FileResponse:
    task = _task_for(request, pk)
    if not task.evidence:
        raise Http404
    # Served here, after the access check, not under MEDIA_URL (gongkai/http/media.py knows
    # no rectification task, so the file is 404 there).
    response = FileResponse(
        task.evidence.open("rb"), as_attachment=True, filename=task.evidence_name or "evidence"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
