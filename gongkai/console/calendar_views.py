"""The working-day calendar in the console (system administrators): load next year's holiday
notice from its file after seeing every open due date it moves, and list the dates it moved."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.audit.models import AuditEvent
from gongkai.workdays import services
from gongkai.workdays.access import can_manage_calendar
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.due_dates import sources
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.notices import MAX_FILE_BYTES, InvalidNotice, parse_notice
from gongkai.workdays.rules import notice_awaited

# Where each kind of object with a due date is handled in the console.
DETAIL_URLS = {
    "foi.application": "console:foi-detail",
    "documents.document": "console:document-detail",
    "participation.publicmessage": "console:message-detail",
}


class NoticeUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("放假通知文件（JSON）"),
        help_text=gettext_lazy(
            "格式见 gongkai/workdays/data/notices/ 中各年的文件：放假日期段和调休上班日。"
        ),
    )


class NoticeConfirmForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_FILE_BYTES)


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_calendar(request.user):
        raise PermissionDenied


def _detail_url(obj) -> str:
    name = DETAIL_URLS.get(obj._meta.label_lower)
    return reverse(name, args=[obj.pk]) if name else ""


@login_required
def calendar_home(request: HttpRequest) -> HttpResponse:
    """Loaded years, the provisional one, and the form to load a notice (with its preview)."""
    _require_manager(request)
    notice, changes, errors, confirm_text = None, [], [], ""
    upload = NoticeUploadForm()
    if request.method == "POST" and request.POST.get("action") == "load":
        confirm = NoticeConfirmForm(request.POST)
        if confirm.is_valid():
            try:
                notice = parse_notice(confirm.cleaned_data["text"])
            except InvalidNotice as exc:
                errors = exc.messages
            else:
                with transaction.atomic():
                    services.load_notice(notice, actor=request.user)
                messages.success(
                    request,
                    _("%(year)s年的放假通知已载入，未办结事项的期限已重新计算。")
                    % {"year": notice.year},
                )
                return redirect(f"{reverse('console:calendar-changes')}?year={notice.year}")
    elif request.method == "POST":
        upload = NoticeUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            uploaded = upload.cleaned_data["file"]
            if uploaded.size > MAX_FILE_BYTES:
                errors = [_("文件过大：一年的放假通知不应超过64KB。")]
            else:
                text = uploaded.read()
                try:
                    notice = parse_notice(text)
                except InvalidNotice as exc:
                    errors, notice = exc.messages, None
                else:
                    changes = services.preview_notice(notice)
                    confirm_text = text.decode("utf-8")
    calendar = get_calendar()
    provisional = sorted(calendar.provisional_years)
    context = {
        "years": CalendarYear.objects.order_by("-year")[:4],
        "provisional_year": provisional[0] if provisional else None,
        "provisional_days": [
            (day, calendar.names.get(day, ""))
            for day in sorted(calendar.holidays)
            if day.year in calendar.provisional_years
        ],
        "awaited": notice_awaited(timezone.localdate(), calendar.loaded_years),
        "upload": upload,
        "errors": errors,
        "notice": notice,
        "changes": [(change, _detail_url(change.obj)) for change in changes],
        "confirm": NoticeConfirmForm(initial={"text": confirm_text}) if notice else None,
    }
    return render(request, "console/calendar.html", context)


@login_required
def calendar_changes(request: HttpRequest) -> HttpResponse:
    """The due dates that a calendar change moved, from the audit trail (newest first)."""
    _require_manager(request)
    actions = [source.recomputed_action for source in sources()]
    kinds = {source.recomputed_action: source.kind for source in sources()}
    events = AuditEvent.objects.filter(action__in=actions).select_related(
        "agency", "actor", "content_type"
    )
    year = request.GET.get("year", "")
    load = None
    if year.isdigit():
        calendar_year = CalendarYear.objects.filter(year=int(year)).first()
        load = (
            AuditEvent.objects.for_object(calendar_year).order_by("-at").first()
            if calendar_year
            else None
        )
        if load is not None:
            events = events.filter(at__gte=load.at)
    rows = [
        {
            "event": event,
            "kind": kinds.get(event.action, ""),
            "url": _event_url(event),
            "before": event.before or {},
            "after": event.after or {},
        }
        for event in events[:500]
    ]
    return render(
        request, "console/calendar_changes.html", {"rows": rows, "year": year, "load": load}
    )


def _event_url(event: AuditEvent) -> str:
    name = DETAIL_URLS.get(f"{event.content_type.app_label}.{event.content_type.model}")
    return reverse(name, args=[event.object_id]) if name else ""
