"""Console pages of public messages: the list by clock (overdue, due soon, past the
three-month line), the message with one small form per action, and each agency's reply limits.
Each view parses a form, asks `participation.access` and calls one service."""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai import limits
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.console.list_paging import SortKey, numbered_page, page_of
from gongkai.console.record_list_views import COUNT_CAP
from gongkai.console.views import staff_required
from gongkai.obligations import ledger
from gongkai.obligations.ledger import Clock
from gongkai.participation import access, mailbox, mailbox_services, publication_services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.mailbox import MessageAction
from gongkai.participation.models import (
    MessageCategory,
    MessageStatus,
    PublicMessage,
    RejectionGround,
)
from gongkai.participation.obligations import MESSAGE_REPLY
from gongkai.privacy import review_services
from gongkai.workdays.calendar import calendar_held
from gongkai.workdays.errors import WorkdaysError

SECTION_ROWS = 20  # each stage's first rows on the overview; ?stage= lists it all
PAGE_SIZE = 50  # one stage, page by page


class MessageFilterForm(forms.Form):
    agency = forms.TypedChoiceField(
        label=gettext_lazy("机关"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(label=gettext_lazy("类别"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("办理状态"), required=False)

    def __init__(self, *args, agencies, **kwargs):
        """`agencies`: (id, name) of the agencies the user reads, in the order offered."""
        super().__init__(*args, **kwargs)
        everything = [("", gettext_lazy("全部"))]
        self.fields["agency"].choices = everything + list(agencies)
        self.fields["category"].choices = everything + list(MessageCategory.choices)
        self.fields["status"].choices = everything + list(MessageStatus.choices)


class AcceptForm(forms.Form):
    responsible_unit = forms.CharField(
        label=gettext_lazy("承办单位（可选）"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("本机关内负责办理的科室或单位。"),
    )


class UnitForm(forms.Form):
    responsible_unit = forms.CharField(label=gettext_lazy("承办单位"), max_length=200)


class ForwardForm(forms.Form):
    to_agency = forms.ModelChoiceField(
        label=gettext_lazy("转至机关"),
        queryset=Agency.objects.none(),
        help_text=gettext_lazy("留言转到该机关办理，答复期限按该机关的时限自转办之日起重新计算。"),
    )
    note = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("转办说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, message: PublicMessage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = (
            Agency.objects.active().exclude(pk=message.agency_id).in_hierarchy_order()
        )


class RejectForm(forms.Form):
    ground = forms.ChoiceField(
        label=gettext_lazy("不予受理的原因"), choices=RejectionGround.choices
    )
    reason = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("给留言人的说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "留言人凭查询码可以看到。属于依申请公开的，页面会引导其提出申请；属于信访事项的，"
            "会提示其通过信访渠道反映。"
        ),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        max_length=limits.REPLY,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("答复内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CommentsForm(forms.Form):
    comments = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("退回意见"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConfirmForm(forms.Form):
    """An action with nothing to fill in."""


class PublishForm(forms.Form):
    public_subject = forms.CharField(label=gettext_lazy("公开标题"), max_length=200)
    public_body = forms.CharField(
        max_length=limits.REPLY,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("公开的留言内容"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "请删去姓名、电话、住址等个人信息；含有留言人姓名或联系方式时不能公开。"
        ),
    )
    public_reply = forms.CharField(
        label=gettext_lazy("公开的答复内容"),
        max_length=limits.REPLY,
        error_messages=limits.TOO_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "含有身份证号码、他人电话、电子邮箱、银行卡号时不能公开；留空则公开答复原文。"
        ),
    )


def _forward_form(data=None, *, message: PublicMessage, **kwargs) -> ForwardForm:
    return ForwardForm(data, message=message, **kwargs)


ACTIONS = {
    # name → (form factory, permission check, service call)
    "accept": (
        AcceptForm,
        access.can_handle_message,
        lambda r, m, d: mailbox_services.accept_message(
            message=m, actor=r.user, responsible_unit=d["responsible_unit"]
        ),
    ),
    "assign_unit": (
        UnitForm,
        access.can_handle_message,
        lambda r, m, d: mailbox_services.assign_unit(
            message=m, actor=r.user, responsible_unit=d["responsible_unit"]
        ),
    ),
    "forward": (
        _forward_form,
        access.can_handle_message,
        lambda r, m, d: mailbox_services.forward_message(
            message=m, actor=r.user, to_agency=d["to_agency"], note=d["note"]
        ),
    ),
    "reject": (
        RejectForm,
        access.can_handle_message,
        lambda r, m, d: mailbox_services.reject_message(
            message=m, actor=r.user, ground=d["ground"], reason=d["reason"]
        ),
    ),
    "reply": (
        ReplyForm,
        access.can_handle_message,
        lambda r, m, d: mailbox_services.draft_reply(message=m, actor=r.user, text=d["text"]),
    ),
    "return": (
        CommentsForm,
        access.can_approve_message,
        lambda r, m, d: mailbox_services.return_reply(
            message=m, actor=r.user, comments=d["comments"]
        ),
    ),
    "approve": (
        ConfirmForm,
        access.can_approve_message,
        lambda r, m, d: mailbox_services.approve_reply(message=m, actor=r.user),
    ),
    "publish": (
        PublishForm,
        access.can_approve_message,
        lambda r, m, d: publication_services.set_publication(
            message=m,
            actor=r.user,
            publish=True,
            public_subject=d["public_subject"],
            public_body=d["public_body"],
            public_reply=d["public_reply"],
            # The second button: publish the masked copy the check suggests.
            mask=r.POST.get("mask") == "1",
        ),
    ),
    "unpublish": (
        ConfirmForm,
        access.can_approve_message,
        lambda r, m, d: publication_services.set_publication(
            message=m, actor=r.user, publish=False
        ),
    ),
}
# Which workflow action each form runs (the table in participation/mailbox.py decides).
WORKFLOW_ACTION = {
    "accept": MessageAction.ACCEPT,
    "assign_unit": MessageAction.ASSIGN_UNIT,
    "forward": MessageAction.FORWARD,
    "reject": MessageAction.REJECT,
    "reply": MessageAction.DRAFT_REPLY,
    "return": MessageAction.RETURN_REPLY,
    "approve": MessageAction.APPROVE_REPLY,
    "publish": MessageAction.PUBLISH,
    "unpublish": MessageAction.UNPUBLISH,
}


def _message(request: HttpRequest, pk: int) -> PublicMessage:
    message = get_object_or_404(
        PublicMessage.objects.select_related(
            "agency", "forwarded_from", "reply_drafted_by", "reply_approved_by"
        ),
        pk=pk,
    )
    if not access.can_view_message(request.user, message):
        raise Http404  # another agency's message: not even its existence is shown
    return message


@dataclass(frozen=True)
class MessageRow:
    """A message as a list's row shows it ({% message_rows %})."""

    message: PublicMessage
    received_on: datetime.date
    clock: Clock | None  # None: the ledger has no clock for it
    is_past_line: bool  # open, and received more than three months ago


def _rows(messages, *, today: datetime.date, cutoff: datetime.date) -> list[MessageRow]:
    """Messages with their ledger clock (overdue, due soon, answered in time or late) and the
    three-month flag, for the list tables."""
    (rows,) = _rows_of_lists([messages], today=today, cutoff=cutoff)
    return rows


def _rows_of_lists(lists, *, today: datetime.date, cutoff: datetime.date) -> list[list[MessageRow]]:
    """`_rows` of several lists of messages, their clocks read in one query."""
    lists = [list(messages) for messages in lists]
    clocks = ledger.clocks_among(
        MESSAGE_REPLY,
        [m.pk for messages in lists for m in messages],
        today=today,
        now=timezone.now(),
    )

    def row(message) -> MessageRow:
        received_on = mailbox_services.received_on(message)
        return MessageRow(
            message=message,
            received_on=received_on,
            clock=clocks.get(message.pk),
            is_past_line=message.status in mailbox_services.OPEN_STATUSES and received_on < cutoff,
        )

    return [[row(message) for message in messages] for messages in lists]


@dataclass(frozen=True)
class Stage:
    """One stage of the work on a message, as the list shows it."""

    slug: str
    title: str
    messages: QuerySet  # filtered, unordered
    empty: str
    order: tuple  # the open ones the most urgent first, the answers the newest first
    is_answered: bool = False

    def ordered(self) -> QuerySet:
        return self.messages.order_by(*self.order)

    def count(self) -> tuple[int, bool]:
        """How many, and whether the count stopped at COUNT_CAP ("10000+"): the answers of
        every year are counted up to the cap (a province's 99,000 took 30 ms a page)."""
        if not self.is_answered:
            return self.messages.count(), False
        count = self.messages.order_by().values("pk")[: COUNT_CAP + 1].count()
        return min(count, COUNT_CAP), count > COUNT_CAP


# The answers' order: along their partial index (participation migration 0010), by cursor past
# the numbered pages.
ANSWERED_ORDER = SortKey("updated_at", descending=True)


def _stages(mine, *, today: datetime.date) -> list[Stage]:
    """The list's stages of the work: each message is in exactly one (待受理, 办理中,
    待审核或待公开, 已答复 — with 不予受理, which is also an answer)."""
    now = timezone.now()
    to_publish = Q(status=MessageStatus.ANSWERED, wants_public=True, is_published=False)
    answered = [MessageStatus.ANSWERED, MessageStatus.REJECTED]
    # Within an open stage the ledger's overdue first, then due soon, then by due day.
    overdue = ledger.overdue_ids(MESSAGE_REPLY, today=today, now=now)
    due_soon = ledger.due_soon_ids(MESSAGE_REPLY, today=today, now=now)
    urgency = Case(
        When(pk__in=overdue, then=Value(0)), When(pk__in=due_soon, then=Value(1)), default=2
    )
    by_urgency = (urgency, "due_on", "received_at", "pk")
    return [
        Stage(
            "received",
            gettext_lazy("待受理"),
            mine.filter(status=MessageStatus.RECEIVED),
            gettext_lazy("没有待受理的留言。"),
            by_urgency,
        ),
        Stage(
            "accepted",
            gettext_lazy("办理中"),
            mine.filter(status=MessageStatus.ACCEPTED),
            gettext_lazy("没有办理中的留言。"),
            by_urgency,
        ),
        Stage(
            "review",
            gettext_lazy("待审核或待公开"),
            mine.filter(Q(status=MessageStatus.REPLY_DRAFTED) | to_publish),
            gettext_lazy("没有待审核的答复，也没有同意公开而尚未公开的留言。"),
            by_urgency,
        ),
        Stage(
            "answered",
            gettext_lazy("已答复"),
            mine.filter(status__in=answered).exclude(to_publish),
            gettext_lazy("没有已答复的留言。"),
            ANSWERED_ORDER.order_by(),
            is_answered=True,
        ),
    ]


def _sections(stages: list[Stage], *, today: datetime.date, cutoff: datetime.date) -> list[dict]:
    """Every stage with its count and its first SECTION_ROWS messages (the overview); the
    clocks of all their rows in one query."""
    counts = [stage.count() for stage in stages]
    firsts = [
        stage.ordered()[:SECTION_ROWS] if count else []
        for stage, (count, _capped) in zip(stages, counts, strict=True)
    ]
    rows = _rows_of_lists(firsts, today=today, cutoff=cutoff)
    return [
        {
            "slug": stage.slug,
            "title": stage.title,
            "count": count,
            "capped": capped,
            "count_label": f"{count}+" if capped else str(count),
            "rows": stage_rows,
            "empty": stage.empty,
        }
        for stage, (count, capped), stage_rows in zip(stages, counts, rows, strict=True)
    ]


def _stage_page(stage: Stage, request: HttpRequest, *, today: datetime.date, cutoff) -> dict:
    """One stage, every message of it page by page: the open ones by number (few, in the
    ledger's order), the answers by number near the start and then by cursor (list_paging)."""
    count, capped = stage.count()
    if stage.is_answered:
        page = page_of(
            stage.messages,
            ANSWERED_ORDER,
            count=count,
            size=PAGE_SIZE,
            page=request.GET.get("page"),
            after=request.GET.get("after"),
            before=request.GET.get("before"),
        )
    else:
        ordered = stage.ordered()
        page = numbered_page(
            lambda offset, limit: ordered[offset : offset + limit],
            count=count,
            size=PAGE_SIZE,
            page=request.GET.get("page"),
        )
    first = page.start_index
    return {
        "slug": stage.slug,
        "title": stage.title,
        "count": count,
        "capped": capped,
        "count_label": f"{count}+" if capped else str(count),
        "rows": _rows(page.rows, today=today, cutoff=cutoff),
        "empty": stage.empty,
        "page": page,
        # 第 m–n 条 on a numbered page (a cursor's page does not know its place).
        "shown": (first, first + len(page.rows) - 1) if first and page.rows else None,
    }


@staff_required
@calendar_held()  # every row's clock reads the calendar: read it once
def message_list(request: HttpRequest) -> HttpResponse:
    """Messages by stage (待受理, 办理中, 待审核或待公开, 已答复), each once, the urgent first."""
    user = request.user
    today = timezone.localdate()
    cutoff = mailbox.veto_cutoff_on(today)
    visible = access.messages_for_staff(user)
    # The filter lists every readable agency (300 at a province): only what the option shows,
    # as values (300 agencies loaded as models took 3.1 ms, as values 0.7).
    readable = Agency.objects.filter(pk__in=agency_access.readable_agency_ids(user))
    form = MessageFilterForm(
        request.GET or None,
        agencies=readable.order_by("level", "code").values_list("pk", "name"),
    )
    mine = visible
    if form.is_valid():
        if form.cleaned_data["agency"]:
            mine = mine.filter(agency_id=form.cleaned_data["agency"])
        if form.cleaned_data["category"]:
            mine = mine.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["status"]:
            mine = mine.filter(status=form.cleaned_data["status"])
    mine = mine.select_related("agency")
    stages = _stages(mine, today=today)
    # ?stage=: one stage page by page; otherwise every stage's first rows.
    chosen = next((stage for stage in stages if stage.slug == request.GET.get("stage")), None)
    context = {
        "form": form,
        "today": today,
        "due_limit": ledger.soon_until_for(MESSAGE_REPLY, today),
        "past_line_count": mailbox_services.past_veto_line(mine, today=today).count(),
        "section_rows": SECTION_ROWS,
        "limit_agencies": [
            agency
            for agency in agency_access.member_agencies(user).order_by("code")
            if access.can_set_reply_limits(user, agency)
        ],
    }
    if chosen is not None:
        context["stage"] = _stage_page(chosen, request, today=today, cutoff=cutoff)
        context["stages"] = [(stage.slug, stage.title) for stage in stages]
    else:
        # Overdue is the ledger's (obligations/ledger.py).
        overdue = ledger.overdue_ids(MESSAGE_REPLY, today=today, now=timezone.now())
        supervised_ids = agency_access.supervised_agency_ids(user)
        context["sections"] = _sections(stages, today=today, cutoff=cutoff)
        context["supervised"] = _supervised_summary(
            visible, supervised_ids, overdue=overdue, cutoff=cutoff
        )
    return render(request, "console/message_list.html", context)


def _supervised_summary(visible, supervised_ids: set[int], *, overdue, cutoff) -> list[dict]:
    """Per subordinate agency: open, overdue and past the three-month line (the veto)."""
    if not supervised_ids:
        return []
    # Only agencies with open messages are listed, so only open messages are grouped: at a
    # province grouping all 100,000 took 80 ms (bench/province.py).
    return list(
        visible.filter(agency_id__in=supervised_ids, status__in=mailbox_services.OPEN_STATUSES)
        .values("agency_id", "agency__name")
        .annotate(
            open_count=Count("pk"),
            overdue_count=Count("pk", filter=Q(pk__in=overdue)),
            past_line_count=Count("pk", filter=Q(received_at__date__lt=cutoff)),
        )
        .order_by("-past_line_count", "-overdue_count", "agency__name")
    )


@staff_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    user = request.user
    today = timezone.localdate()
    explanation, clock_problem = None, ""
    try:
        explanation = mailbox_services.explain_due_date(message)
    except WorkdaysError as exc:
        clock_problem = exc.message
    allowed = mailbox.allowed_actions(message.status)
    permitted = {
        name
        for name, (_form, permission, _run) in ACTIONS.items()
        if WORKFLOW_ACTION[name] in allowed and permission(user, message)
    }
    if not message.wants_public or message.is_published:
        permitted.discard("publish")
    if not message.is_published:
        permitted.discard("unpublish")
    trail = AuditEvent.objects.for_object(message).select_related("actor")
    received_on = mailbox_services.received_on(message)
    return render(
        request,
        "console/message_detail.html",
        {
            "message": message,
            "received_on": received_on,
            "clock_start": mailbox_services.clock_start_of(message),
            "explanation": explanation,
            "clock_problem": clock_problem,
            "is_overdue": bool(
                ledger.overdue_among(MESSAGE_REPLY, [message.pk], today=today, now=timezone.now())
            ),
            "veto_line": mailbox.veto_line_on(received_on),
            "is_past_line": message.status in mailbox_services.OPEN_STATUSES
            and mailbox.is_past_veto_line(received_on, today=today),
            "permitted": permitted,
            # What the publish form would publish as it stands, checked before it is sent.
            "publication_findings": publication_services.review_publication(message)
            if "publish" in permitted
            else [],
            "last_return": trail.filter(action="participation.message.return_reply")
            .order_by("-at", "-id")
            .first(),
            "trail": trail[:100],
            "release_reviews": review_services.reviews_of(message)[:5],
            "forms": {
                "accept": AcceptForm(auto_id="accept_%s"),
                "assign_unit": UnitForm(
                    initial={"responsible_unit": message.responsible_unit},
                    auto_id="assign_unit_%s",
                ),
                "forward": ForwardForm(message=message, auto_id="forward_%s"),
                "reject": RejectForm(auto_id="reject_%s"),
                "reply": ReplyForm(initial={"text": message.reply}, auto_id="reply_%s"),
                "return": CommentsForm(auto_id="return_%s"),
                "approve": ConfirmForm(auto_id="approve_%s"),
                "publish": PublishForm(
                    initial={
                        "public_subject": message.public_subject or message.subject,
                        "public_body": message.public_body or message.body,
                        "public_reply": message.public_reply or message.reply,
                    },
                    auto_id="publish_%s",
                ),
                "unpublish": ConfirmForm(auto_id="unpublish_%s"),
            },
        },
    )


@require_POST
@staff_required
def message_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action on the message through its service; errors come back as messages."""
    message = _message(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_factory, permitted, run = ACTIONS[action]
    if not permitted(request.user, message):
        raise PermissionDenied
    form = (
        form_factory(request.POST, message=message)
        if form_factory is _forward_form
        else form_factory(request.POST)
    )
    if not form.is_valid():
        flash.error(request, _("填写有误：%(errors)s") % {"errors": form.errors.as_text()})
        return redirect("console:message-detail", pk=message.pk)
    try:
        run(request, message, form.cleaned_data)
    except ParticipationError as exc:
        flash.error(request, exc.message)
        return redirect("console:message-detail", pk=message.pk)
    flash.success(request, _("已保存。"))
    if not access.can_view_message(request.user, message):
        # Forwarded to an agency this clerk cannot read: back to the list.
        return redirect("console:messages")
    return redirect("console:message-detail", pk=message.pk)


class ReplyLimitsForm(forms.Form):
    """One limit per category, in working days."""

    def __init__(self, *args, limits: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for category, label in MessageCategory.choices:
            self.fields[category] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=mailbox_services.REPLY_LIMIT_MAX_WORKING_DAYS,
                initial=limits[category],
            )


@staff_required
def reply_limits(request: HttpRequest, agency_pk: int) -> HttpResponse:
    """The agency's reply limit per category (its administrators set them)."""
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not agency_access.can_read_agency(request.user, agency):
        raise Http404
    if not access.can_set_reply_limits(request.user, agency):
        raise PermissionDenied
    form = ReplyLimitsForm(request.POST or None, limits=mailbox_services.reply_limits_of(agency))
    if request.method == "POST" and form.is_valid():
        try:
            changed = mailbox_services.set_reply_limits(
                agency=agency, actor=request.user, limits=form.cleaned_data
            )
        except ParticipationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            flash.success(request, _("已保存，%(count)d项时限有变化。") % {"count": changed})
            return redirect("console:reply-limits", agency_pk=agency.pk)
    return render(request, "console/message_reply_limits.html", {"agency": agency, "form": form})
