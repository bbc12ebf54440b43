"""State changes of public messages (留言、领导信箱、咨询、投诉、建议), and the reads the portal,
console and API share. Each change is one function in one transaction that checks the
workflow table (`mailbox.TRANSITIONS`), re-derives the due date where the clock moves, saves
only the fields it changed and writes an audit event. The rules are in `mailbox.py`."""

import datetime
import re
from collections.abc import Mapping

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.foi.services import new_query_code
from gongkai.participation import mailbox
from gongkai.participation.errors import ParticipationError
from gongkai.participation.mailbox import MessageAction, MessageFacts, MonthStatistics
from gongkai.participation.models import (
    MessageCategory,
    MessageStatus,
    PublicMessage,
    RejectionGround,
    ReplyLimit,
)
from gongkai.participation.models.mailbox import DEFAULT_REPLY_WORKING_DAYS
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import WorkCalendar

BODY_MAX_LENGTH = limits.MESSAGE_BODY
REPLY_MAX_LENGTH = limits.REPLY
REPLY_LIMIT_MAX_WORKING_DAYS = 60
STATISTICS_MONTHS = 12
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 \-]{5,30}$")

# The sender's contact details are left out: the audit trail need not copy them again.
AUDITED_FIELDS = [
    "agency",
    "category",
    "subject",
    "status",
    "wants_public",
    "received_at",
    "reply_working_days",
    "due_on",
    "due_problem",
    "due_is_provisional",
    "responsible_unit",
    "forwarded_from",
    "forwarded_at",
    "rejection_ground",
    "rejection_reason",
    "reply",
    "reply_drafted_by",
    "reply_approved_by",
    "answered_at",
    "rejected_at",
    "is_published",
    "public_subject",
    "public_body",
    "public_reply",
    "published_at",
]

DUE_FIELDS = ["due_on", "due_problem", "due_is_provisional"]


# --- reads ---------------------------------------------------------------------------------


def reply_limit_of(agency: Agency, category: str) -> int:
    """The agency's limit for the category in working days (default 5, regulations.md §5.2)."""
    limit = ReplyLimit.objects.filter(agency=agency, category=category).first()
    return limit.working_days if limit else DEFAULT_REPLY_WORKING_DAYS


def reply_limits_of(agency: Agency) -> dict[str, int]:
    """Every category's limit for the agency, defaults filled in."""
    limits = dict.fromkeys(MessageCategory.values, DEFAULT_REPLY_WORKING_DAYS)
    limits.update(ReplyLimit.objects.filter(agency=agency).values_list("category", "working_days"))
    return limits


def received_on(message: PublicMessage) -> datetime.date:
    return timezone.localdate(message.received_at)


def clock_start_of(message: PublicMessage) -> datetime.date:
    forwarded_on = timezone.localdate(message.forwarded_at) if message.forwarded_at else None
    return mailbox.clock_start_on(received_on(message), forwarded_on)


def explain_due_date(message: PublicMessage, calendar: WorkCalendar | None = None):
    """How the due date follows from the clock's start and the limit; WorkdaysError if the
    calendar does not reach it."""
    return mailbox.explain_reply_due(
        clock_start_of(message), message.reply_working_days, calendar or get_calendar()
    )


OPEN_STATUSES = frozenset(
    {MessageStatus.RECEIVED, MessageStatus.ACCEPTED, MessageStatus.REPLY_DRAFTED}
)


def past_veto_line(messages: QuerySet, *, today: datetime.date) -> QuerySet:
    """Open messages unanswered for more than three months (国办秘函〔2019〕19号)."""
    cutoff = mailbox.veto_cutoff_on(today)
    return messages.open().filter(received_at__date__lt=cutoff)


def statistics(
    messages: QuerySet, *, today: datetime.date, months: int = STATISTICS_MONTHS
) -> list[MonthStatistics]:
    """Monthly figures of the given messages for the last `months` months, newest first."""
    shown = mailbox.last_months(today, months)
    since = shown[-1]
    rows = messages.filter(Q(received_at__date__gte=since) | Q(answered_at__date__gte=since))
    facts = [
        MessageFacts(
            received_on=timezone.localdate(received),
            answered_on=timezone.localdate(answered) if answered else None,
            is_rejected=status == MessageStatus.REJECTED,
        )
        for received, answered, status in rows.values_list("received_at", "answered_at", "status")
    ]
    return mailbox.monthly_statistics(facts, months=shown, calendar=get_calendar())


# --- shared steps --------------------------------------------------------------------------


def refresh_due_date(message: PublicMessage, calendar: WorkCalendar | None = None) -> None:
    """Re-derive the cached due date from the clock's start, the limit and the calendar."""
    calendar = calendar or get_calendar()
    start = clock_start_of(message)
    try:
        message.due_on = mailbox.reply_due_on(start, message.reply_working_days, calendar)
        message.due_problem = ""
    except WorkdaysError as exc:
        message.due_on = None
        message.due_problem = str(exc.message)[:300]
    message.due_is_provisional = bool(calendar.provisional_between(start, message.due_on))


def new_message_code() -> str:
    """A query code like an application's: 10 characters, none confusable on the phone."""
    return new_query_code(PublicMessage)


def _locked(message: PublicMessage) -> PublicMessage:
    """The message re-read under a row lock, so that two clerks cannot both act on it."""
    PublicMessage.objects.select_for_update().only("pk").get(pk=message.pk)
    message.refresh_from_db()
    return message


def _require(action: str, message: PublicMessage) -> str:
    if not mailbox.is_allowed(action, message.status):
        raise ParticipationError(
            _("留言当前状态为“%(status)s”，不能进行此操作。")
            % {"status": message.get_status_display()}
        )
    return mailbox.target_status(action, message.status)


def _save(
    message: PublicMessage,
    *,
    actor,
    action: str,
    before: dict,
    fields: list[str],
    note: str = "",
    audited: list[str] = AUDITED_FIELDS,
    also: Mapping | None = None,
) -> None:
    """Save the changed fields and audit `audited`; `also` adds facts that are not fields."""
    limits.check_text_lengths(message, error=ParticipationError, fields=fields, before=before)
    message.updated_at = timezone.now()
    message.save(update_fields=[*fields, "updated_at"])
    record_event(
        actor=actor,
        action=f"participation.message.{action}",
        obj=message,
        agency=message.agency,
        before=before,
        after={**snapshot(message, audited), **(also or {})},
        note=note,
    )


def _text(value: str, *, field: str, max_length: int, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ParticipationError(message, field=field)
    if len(value) > max_length:
        try:
            label = str(PublicMessage._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            label = _("内容")
        raise ParticipationError(
            limits.too_long_message(label, max_length, len(value)), field=field
        )
    return value


# --- intake --------------------------------------------------------------------------------


@transaction.atomic
def submit_message(
    *,
    agency: Agency,
    category: str,
    subject: str,
    body: str,
    sender_name: str,
    phone: str,
    email: str = "",
    wants_public: bool = False,
    account=None,
    received_at: datetime.datetime | None = None,
) -> PublicMessage:
    """A message written on the public form; the sender gets its query code.

    The clock starts on the receipt date with the agency's limit for the category.
    `received_at` is for messages taken down from another channel (a letter, a call).
    """
    if not agency.is_active:
        raise ParticipationError(_("该机关已停止使用本平台，请选择其他机关。"), field="agency")
    if category not in MessageCategory.values:
        raise ParticipationError(_("请选择留言类别。"), field="category")
    phone = (phone or "").strip()
    if not PHONE_PATTERN.match(phone):
        raise ParticipationError(_("请填写有效的联系电话。"), field="phone")
    message = PublicMessage(
        agency=agency,
        query_code=new_message_code(),
        category=category,
        subject=_text(subject, field="subject", max_length=200, message=_("请填写标题。")),
        body=_text(body, field="body", max_length=BODY_MAX_LENGTH, message=_("请填写留言内容。")),
        sender_name=_text(
            sender_name, field="sender_name", max_length=100, message=_("请填写姓名。")
        ),
        phone=phone,
        email=(email or "").strip(),
        sender_user=account if getattr(account, "is_authenticated", False) else None,
        wants_public=bool(wants_public),
        received_at=received_at or timezone.now(),
        status=MessageStatus.RECEIVED,
        reply_working_days=reply_limit_of(agency, category),
    )
    limits.check_text_lengths(message, error=ParticipationError)
    refresh_due_date(message)
    message.save()
    record_event(
        actor=None,
        action="participation.message.submit",
        obj=message,
        agency=agency,
        after=snapshot(message, AUDITED_FIELDS),
    )
    return message


# --- handling (the agency's publishers and administrators) ---------------------------------


@transaction.atomic
def accept_message(*, message: PublicMessage, actor, responsible_unit: str = "") -> PublicMessage:
    """Accept the message for an answer, optionally naming the unit that will prepare it."""
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    message.status = _require(MessageAction.ACCEPT, message)
    message.responsible_unit = (responsible_unit or "").strip()[:200]
    _save(
        message,
        actor=actor,
        action="accept",
        before=before,
        fields=["status", "responsible_unit"],
    )
    return message


@transaction.atomic
def assign_unit(*, message: PublicMessage, actor, responsible_unit: str) -> PublicMessage:
    """Hand an accepted message to a unit of the agency (a 科室 or a hospital it runs)."""
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    _require(MessageAction.ASSIGN_UNIT, message)
    unit = (responsible_unit or "").strip()
    if not unit:
        raise ParticipationError(_("请填写承办单位。"), field="responsible_unit")
    message.responsible_unit = unit[:200]
    _save(message, actor=actor, action="assign_unit", before=before, fields=["responsible_unit"])
    return message


@transaction.atomic
def forward_message(
    *,
    message: PublicMessage,
    actor,
    to_agency: Agency,
    note: str = "",
    at: datetime.datetime | None = None,
) -> PublicMessage:
    """Forward the message to the agency responsible for it (转办); it moves there.

    The working-day clock restarts on the forwarding date with the receiving agency's limit
    for the category (mailbox.py); the original receipt date stays and the three-month veto
    line keeps counting from it. A draft reply of the first agency is dropped.
    """
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    status = _require(MessageAction.FORWARD, message)
    if to_agency.pk == message.agency_id:
        raise ParticipationError(_("不能转给本机关，请选择其他机关。"), field="to_agency")
    if not to_agency.is_active:
        raise ParticipationError(_("该机关已停止使用本平台。"), field="to_agency")
    message.forwarded_from = message.agency
    message.forwarded_at = at or timezone.now()
    message.agency = to_agency
    message.status = status
    message.responsible_unit = ""
    message.reply = ""
    message.reply_drafted_by = None
    message.reply_working_days = reply_limit_of(to_agency, message.category)
    refresh_due_date(message)
    fields = [
        "forwarded_from",
        "forwarded_at",
        "agency",
        "status",
        "responsible_unit",
        "reply",
        "reply_drafted_by",
        "reply_working_days",
        "due_on",
        "due_problem",
        "due_is_provisional",
    ]
    _save(message, actor=actor, action="forward", before=before, fields=fields, note=note)
    return message


@transaction.atomic
def reject_message(*, message: PublicMessage, actor, ground: str, reason: str) -> PublicMessage:
    """Decline the message as out of scope, with the ground and a reason the asker reads.

    A disclosure application goes to the application process (条例第二十七条), a 信访 matter
    to the 信访 channel; the public page says where.
    """
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    status = _require(MessageAction.REJECT, message)
    if ground not in RejectionGround.values:
        raise ParticipationError(_("请选择不予受理的原因。"), field="ground")
    message.rejection_reason = _text(
        reason, field="reason", max_length=limits.REASON, message=_("请写明不予受理的说明。")
    )
    message.rejection_ground = ground
    message.status = status
    message.rejected_at = timezone.now()
    _save(
        message,
        actor=actor,
        action="reject",
        before=before,
        fields=["rejection_ground", "rejection_reason", "status", "rejected_at"],
    )
    return message


@transaction.atomic
def draft_reply(*, message: PublicMessage, actor, text: str) -> PublicMessage:
    """Write (or rewrite) the reply; it goes to the agency's reviewer."""
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    status = _require(MessageAction.DRAFT_REPLY, message)
    message.reply = _text(
        text, field="text", max_length=REPLY_MAX_LENGTH, message=_("请填写答复内容。")
    )
    message.reply_drafted_by = actor
    message.status = status
    _save(
        message,
        actor=actor,
        action="draft_reply",
        before=before,
        fields=["reply", "reply_drafted_by", "status"],
    )
    return message


# --- review (the agency's reviewers); publication is in publication_services.py ------------


def set_publication(**arguments) -> PublicMessage:
    """Moved to `publication_services.set_publication`; this name stays for the callers of
    the old place (other branches), imported on call because that module imports this one."""
    from gongkai.participation import publication_services

    return publication_services.set_publication(**arguments)


@transaction.atomic
def return_reply(*, message: PublicMessage, actor, comments: str) -> PublicMessage:
    """Send the draft back with the reviewer's comments (kept in the audit note)."""
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    status = _require(MessageAction.RETURN_REPLY, message)
    comments = _text(
        comments, field="comments", max_length=limits.REASON, message=_("请填写退回意见。")
    )
    message.status = status
    _save(
        message, actor=actor, action="return_reply", before=before, fields=["status"], note=comments
    )
    return message


@transaction.atomic
def approve_reply(
    *, message: PublicMessage, actor, at: datetime.datetime | None = None
) -> PublicMessage:
    """Approve the draft: the reply is given, the message answered, the clock stopped."""
    message = _locked(message)
    before = snapshot(message, AUDITED_FIELDS)
    message.status = _require(MessageAction.APPROVE_REPLY, message)
    message.reply_approved_by = actor
    message.answered_at = at or timezone.now()
    _save(
        message,
        actor=actor,
        action="approve_reply",
        before=before,
        fields=["status", "reply_approved_by", "answered_at"],
    )
    return message


# --- settings and the calendar -------------------------------------------------------------


@transaction.atomic
def set_reply_limits(*, agency: Agency, actor, limits: Mapping[str, int]) -> int:
    """Set the agency's reply limits per category; returns how many changed.

    A new limit applies to messages received (or forwarded here) from now on: the due date
    of a message already received keeps the limit in force when its clock started.
    """
    current = reply_limits_of(agency)
    changed = 0
    for category, days in limits.items():
        if category not in MessageCategory.values:
            raise ParticipationError(_("未知的留言类别。"), field=category)
        if not 1 <= int(days) <= REPLY_LIMIT_MAX_WORKING_DAYS:
            raise ParticipationError(
                _("答复时限应在1至%(max)d个工作日之间。") % {"max": REPLY_LIMIT_MAX_WORKING_DAYS},
                field=category,
            )
        if current[category] == int(days):
            continue
        limit, _created = ReplyLimit.objects.get_or_create(
            agency=agency, category=category, defaults={"working_days": int(days)}
        )
        if not _created:
            limit.working_days = int(days)
            limit.save(update_fields=["working_days"])
        record_event(
            actor=actor,
            action="participation.reply_limit.set",
            obj=limit,
            agency=agency,
            before={"category": category, "working_days": current[category]},
            after={"category": category, "working_days": int(days)},
        )
        changed += 1
    return changed


def recompute_due_dates(*, actor) -> int:
    """Re-derive every open message's due date after the calendar changed (audited)."""
    changed = 0
    calendar = get_calendar()  # read once, not once per message
    for message in PublicMessage.objects.open().select_related("agency"):
        with transaction.atomic():
            before = snapshot(message, DUE_FIELDS)
            refresh_due_date(message, calendar)
            after = snapshot(message, DUE_FIELDS)
            if before == after:
                continue
            message.save(update_fields=DUE_FIELDS)
            record_event(
                actor=actor,
                action="participation.message.due_recomputed",
                obj=message,
                agency=message.agency,
                before=before,
                after=after,
                note=_("工作日历变更后重新计算"),
            )
            changed += 1
    return changed
