"""The agency's work ledger in the console: the year's work-point tasks with their progress,
and the trainings and leadership reviews held."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.limits import REASON, STAFF_TEXT
from gongkai.obligations import ledger
from gongkai.supervision import work_services as services
from gongkai.supervision.work_models import MeetingKind, WorkMeeting, WorkTask


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("任务"), max_length=300)
    owner = forms.CharField(label=gettext_lazy("责任单位（科室）"), max_length=200)
    due_on = forms.DateField(
        label=gettext_lazy("完成时限"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ProgressForm(forms.Form):
    progress = forms.CharField(
        label=gettext_lazy("进展情况"),
        required=False,
        max_length=STAFF_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    done_on = forms.DateField(
        label=gettext_lazy("完成日期"),
        required=False,
        help_text=gettext_lazy("完成后填写；留空表示尚在进行。"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=MeetingKind.choices)
    held_on = forms.DateField(
        label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.CharField(label=gettext_lazy("主题"), max_length=300)
    attendees = forms.IntegerField(label=gettext_lazy("参加人数"), min_value=0, initial=0)
    notes = forms.CharField(
        label=gettext_lazy("内容和参加人员"),
        required=False,
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _agency(request: HttpRequest) -> Agency:
    """?agency=<id>, else the user's first agency where the ledger may be kept (or read)."""
    agency_id = parse_id(request.GET.get("agency") or request.POST.get("agency"))
    if agency_id is not None:
        agency = get_object_or_404(Agency, pk=agency_id)
        if not agency_access.can_read_agency(request.user, agency):
            raise Http404
        return agency
    mine = list(agency_access.member_agencies(request.user).order_by("code"))
    for agency in mine:
        if services.can_keep_ledger(request.user, agency):
            return agency
    if mine:
        return mine[0]  # read only (a 督查员, a reviewer)
    raise Http404


@staff_required
def work_ledger(request: HttpRequest) -> HttpResponse:
    """One agency's ledger for a year (?year=); its keepers add tasks and meetings here."""
    agency = _agency(request)
    today = timezone.localdate()
    year = parse_id(request.GET.get("year")) or today.year
    can_keep = services.can_keep_ledger(request.user, agency)
    task_form, meeting_form = TaskForm(), MeetingForm()
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied
        is_task = request.POST.get("action") == "task"
        form = TaskForm(request.POST) if is_task else MeetingForm(request.POST)
        if form.is_valid():
            try:
                if is_task:
                    services.add_task(
                        agency=agency, actor=request.user, year=year, **form.cleaned_data
                    )
                else:
                    services.record_meeting(agency=agency, actor=request.user, **form.cleaned_data)
            except services.WorkLedgerError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("已登记。"))
                return redirect(f"{request.path}?agency={agency.pk}&year={year}")
        task_form, meeting_form = (form, meeting_form) if is_task else (task_form, form)
    meetings = WorkMeeting.objects.filter(agency=agency, held_on__year=year)
    tasks = list(WorkTask.objects.filter(agency=agency, year=year))
    overdue = ledger.overdue_among(
        services.WORK_TASK, [t.pk for t in tasks], today=today, now=timezone.now()
    )
    for task in tasks:
        task.is_overdue = task.pk in overdue  # the obligations ledger's word
    return render(
        request,
        "console/work_ledger.html",
        {
            "agency": agency,
            "year": year,
            "years": range(today.year + 1, today.year - 4, -1),
            "tasks": tasks,
            "meetings": meetings,
            "no_training": not meetings.filter(kind=MeetingKind.TRAINING).exists(),
            "no_review": not meetings.filter(kind=MeetingKind.LEADERSHIP_REVIEW).exists(),
            "can_keep": can_keep,
            "task_form": task_form,
            "meeting_form": meeting_form,
            "today": today,
        },
    )


@staff_required
def work_task(request: HttpRequest, pk: int) -> HttpResponse:
    """One task: its progress and completion day."""
    task = get_object_or_404(WorkTask.objects.select_related("agency"), pk=pk)
    if not agency_access.can_read_agency(request.user, task.agency):
        raise Http404
    can_keep = services.can_keep_ledger(request.user, task.agency)
    form = ProgressForm(initial={"progress": task.progress, "done_on": task.done_on})
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied
        form = ProgressForm(request.POST)
        if form.is_valid():
            try:
                services.record_task_progress(task=task, actor=request.user, **form.cleaned_data)
            except services.WorkLedgerError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("已保存。"))
                ledger = reverse("console:work-ledger")
                return redirect(f"{ledger}?agency={task.agency_id}&year={task.year}")
    return render(
        request, "console/work_task.html", {"task": task, "form": form, "can_keep": can_keep}
    )
