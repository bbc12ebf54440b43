"""State changes of information applications. Each is one function in one transaction that
appends to the application's log, re-derives the due date and writes an audit event."""

import datetime
import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.documents.errors import UploadRejected
from gongkai.documents.uploads import check_size, detect_type
from gongkai.foi import clock, identity, workflow
from gongkai.foi.errors import FoiError
from gongkai.foi.models import (
    CLOCK_KINDS,
    Application,
    Event,
    LogKind,
    RemedyCase,
    Status,
)
from gongkai.foi.outcomes import Outcome, OutcomeError, check_not_held
from gongkai.foi.receipt import (
    CONFIRMED_CHANNELS,
    Channel,
    ReceiptDateError,
    check_confirmation,
    receipt_date,
)
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import WorkCalendar

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
QUERY_CODE_LENGTH = 10
ID_COPY_MAX_BYTES = 5 * 1024 * 1024

APPLICANT_FIELDS = [
    "applicant_type",
    "applicant_name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_numbers",
    "delivery_form",
]
AUDITED_FIELDS = [
    *APPLICANT_FIELDS,
    "channel",
    "submitted_on",
    "signed_on",
    "confirmed_on",
    "arrived_on",
    "confirmation_delay_reason",
    "received_on",
    "status",
    "handler",
    "due_on",
    "due_is_provisional",
    "outcome",
    "already_public",
    "not_held_reason",
    "responsible_agency",
    "responsible_agency_contact",
    "reply_text",
    "replied_on",
    "closed_on",
    "fee_method",
    "fee_quantity",
    "fee_amount",
    "fee_paid_amount",
    "fee_notice_service",
    "fee_notice_received_on",
]
DUE_FIELDS = ["due_on", "due_problem", "due_is_provisional"]


# --- shared steps ------------------------------------------------------------------------


def fee_pauses_clock() -> bool:
    # Unsettled in the spec (regulations.md §2 [U]); default: the fee period is not counted.
    return settings.FOI_FEE_PAUSES_CLOCK


def to_clock_event(event: Event) -> clock.ClockEvent:
    """One log entry as the pure value the clock reads.

    A consultation is named by its start's id: the receipt by the party and the end carry it
    in `details["consultation"]`; the party kind is in the start's `details["party_kind"]`. An
    Art.35 delay set as a date keeps it in `details["until"]` (one set in working days is
    recounted from `days`, so a calendar change moves it).
    """
    details = event.details or {}
    ref, party_kind, until = "", "", None
    if event.kind == LogKind.CONSULTATION_STARTED:
        ref, party_kind = str(event.pk or ""), details.get("party_kind", "")
    elif event.kind in (LogKind.CONSULTATION_DELIVERED, LogKind.CONSULTATION_ENDED):
        ref = str(details.get("consultation") or "")
    elif event.kind == LogKind.DELAYED and not event.days and details.get("until"):
        until = datetime.date.fromisoformat(details["until"])
    return clock.ClockEvent(
        kind=event.kind,
        on=event.on,
        days=event.days,
        note=event.note,
        ref=ref,
        party_kind=party_kind,
        until=until,
    )


def clock_events(application: Application) -> list[clock.ClockEvent]:
    """The log entries that move the clock, as pure values."""
    if application.pk is None:
        return []
    return [
        to_clock_event(event) for event in application.events.all() if event.kind in CLOCK_KINDS
    ]


def read_clock(
    application: Application,
    *,
    today: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
):
    """The clock as the events and the calendar say now; raises WorkdaysError for a year
    whose holidays are not loaded."""
    return clock.read_clock(
        received_on=application.received_on,
        events=clock_events(application),
        calendar=calendar or get_calendar(),
        fee_pauses_clock=fee_pauses_clock(),
        today=today or timezone.localdate(),
    )


def refresh_due_date(
    application: Application,
    calendar: WorkCalendar | None = None,
    *,
    today: datetime.date | None = None,
) -> clock.ClockReading | None:
    """Re-derive the cached due date (never entered by hand: design.md); returns the reading,
    None when the calendar cannot count it."""
    try:
        reading = read_clock(application, calendar=calendar, today=today)
    except WorkdaysError as exc:
        application.due_on = None
        application.due_problem = str(exc.message)[:300]
        application.due_is_provisional = False
        return None
    application.due_on = reading.due_on
    application.due_is_provisional = reading.is_provisional
    application.due_problem = (
        str(reading.pause_reason or "")[:300] if reading.due_on is None else ""
    )
    return reading


def save_due_date(
    application: Application,
    calendar: WorkCalendar,
    *,
    actor,
    note: str,
    today: datetime.date | None = None,
) -> tuple[clock.ClockReading | None, bool]:
    """Re-derive the due date and, when it changed, save it with a `foi.due_recomputed` audit
    event; returns the reading and whether it changed. The caller holds the transaction."""
    before = snapshot(application, DUE_FIELDS)
    reading = refresh_due_date(application, calendar, today=today)
    after = snapshot(application, DUE_FIELDS)
    if before == after:
        return reading, False
    application.save(update_fields=DUE_FIELDS)
    record_event(
        actor=actor,
        action="foi.due_recomputed",
        obj=application,
        agency=application.agency,
        before=before,
        after=after,
        note=note,
    )
    return reading, True


def _require(action: str, application: Application) -> str:
    if not workflow.is_allowed(action, application.status):
        raise FoiError(
            _("申请当前状态为“%(status)s”，不能进行此操作。")
            % {"status": application.get_status_display()}
        )
    return workflow.target_status(action, application.status)


def _log(
    application: Application,
    kind: str,
    *,
    on: datetime.date,
    actor,
    days: int = 0,
    note: str = "",
    details: Mapping[str, Any] | None = None,
) -> Event:
    limits.check_values(Event, {"note": note}, error=FoiError)
    return Event.objects.create(
        application=application,
        kind=kind,
        on=on,
        days=days,
        note=note,
        details=dict(details or {}),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _save(application: Application, actor, action: str, before: dict, note: str = "") -> None:
    limits.check_text_lengths(application, error=FoiError, before=before)
    limits.check_values(Event, {"note": note}, error=FoiError)
    refresh_due_date(application)
    application.updated_at = timezone.now()
    application.save()
    record_event(
        actor=actor,
        action=f"foi.{action}",
        obj=application,
        agency=application.agency,
        before=before,
        after=snapshot(application, AUDITED_FIELDS),
        note=note,
    )


def new_query_code(model=Application) -> str:
    """A query code not yet used in `model` (applications; public messages use it too)."""
    while True:
        code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
        if not model.objects.filter(query_code=code).exists():
            return code


def _check_applicant(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: values.get(name, "") for name in APPLICANT_FIELDS}
    for name in ("applicant_name", "id_number", "phone", "description"):
        if not str(cleaned.get(name) or "").strip():
            raise FoiError(_("请填写必填项。"), field=name)
    limits.check_values(Application, cleaned, error=FoiError)
    try:
        cleaned["id_number"] = identity.check_id(cleaned["id_type"], cleaned["id_number"])
    except identity.IdentityError as exc:
        raise FoiError(str(exc), field="id_number") from exc
    return cleaned


def _store_id_copy(application: Application, name: str, data: bytes) -> None:
    """Keep a copy of the applicant's ID: a PDF or an image, checked by content."""
    try:
        check_size(len(data), ID_COPY_MAX_BYTES)
        detected = detect_type(data)
    except UploadRejected as exc:
        raise FoiError(exc.message, field="id_copy") from exc
    if detected.kind not in ("pdf", "image"):
        raise FoiError(_("身份证明复印件只接受 PDF 或图片。"), field="id_copy")
    application.id_copy.save(f"id.{detected.extension}", ContentFile(data), save=False)


# --- intake ------------------------------------------------------------------------------


@transaction.atomic
def submit_online(
    *,
    agency: Agency,
    values: Mapping[str, Any],
    id_copy: tuple[str, bytes] | None = None,
    on: datetime.date | None = None,
    account=None,
) -> Application:
    """An application filed on the public website.

    条例第三十一条第（三）项: online, the receipt date is the day both parties confirm. The
    system confirms at once by issuing the receipt with its query code, so that day counts.
    """
    today = on or timezone.localdate()
    application = Application(
        agency=agency,
        query_code=new_query_code(),
        applicant_user=account if getattr(account, "is_authenticated", False) else None,
        channel=Channel.ONLINE,
        submitted_on=today,
        arrived_on=today,
        confirmed_on=today,
        received_on=today,
        status=Status.REGISTERED,
        **_check_applicant(values),
    )
    if id_copy is not None:
        _store_id_copy(application, *id_copy)
    refresh_due_date(application)
    application.save()
    _log(application, LogKind.RECEIVED, on=today, actor=None, note=_("网上提交，系统即时确认收到"))
    record_event(
        actor=None,
        action="foi.submit_online",
        obj=application,
        agency=agency,
        after=snapshot(application, AUDITED_FIELDS),
    )
    return application


@transaction.atomic
def register_application(
    *,
    agency: Agency,
    actor,
    values: Mapping[str, Any],
    channel: str,
    submitted_on: datetime.date,
    signed_on: datetime.date | None = None,
    confirmed_on: datetime.date | None = None,
    arrived_on: datetime.date | None = None,
    confirmation_delay_reason: str = "",
    id_copy: tuple[str, bytes] | None = None,
) -> Application:
    """An application received in person, by post, by fax or online, registered by staff.

    The receipt date follows 条例第三十一条 for the channel. Ordinary letters, fax and online
    applications also need the day they arrived; confirming later needs a reason, which is
    kept and flags the case to reviewers and supervisors.
    """
    try:
        received_on = receipt_date(
            channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
        )
        delay_reason = check_confirmation(
            channel,
            submitted_on=submitted_on,
            arrived_on=arrived_on,
            confirmed_on=confirmed_on,
            delay_reason=confirmation_delay_reason,
        )
    except ReceiptDateError as exc:
        raise FoiError(str(exc), field=exc.field or "channel") from exc
    application = Application(
        agency=agency,
        query_code=new_query_code(),
        channel=channel,
        submitted_on=submitted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        arrived_on=arrived_on if channel in CONFIRMED_CHANNELS else None,
        confirmation_delay_reason=delay_reason,
        received_on=received_on,
        status=Status.REGISTERED,
        created_by=actor,
        **_check_applicant(values),
    )
    if id_copy is not None:
        _store_id_copy(application, *id_copy)
    refresh_due_date(application)
    application.save()
    _log(
        application, LogKind.RECEIVED, on=received_on, actor=actor, note=str(Channel(channel).label)
    )
    record_event(
        actor=actor,
        action="foi.register",
        obj=application,
        agency=agency,
        after=snapshot(application, AUDITED_FIELDS),
    )
    return application


# --- handling ----------------------------------------------------------------------------


@transaction.atomic
def assign_handler(*, application: Application, handler, actor) -> Application:
    """Give the case to a 依申请公开承办人."""
    _require(workflow.Action.ASSIGN, application)
    before = snapshot(application, AUDITED_FIELDS)
    application.handler = handler
    if application.status == Status.REGISTERED:
        application.status = Status.IN_PROGRESS
    _log(
        application,
        LogKind.ASSIGNED,
        on=timezone.localdate(),
        actor=actor,
        note=handler.get_full_name() or handler.get_username(),
    )
    _save(application, actor, "assign", before)
    return application


@transaction.atomic
def request_supplement(
    *, application: Application, actor, on: datetime.date, items: str, deadline_days: int
) -> Application:
    """补正告知 (条例第三十条): once, listing everything needed, within 7 working days of
    receipt; the applicant's deadline is `deadline_days` working days from the notice."""
    target = _require(workflow.Action.REQUEST_SUPPLEMENT, application)
    if not (items or "").strip():
        raise FoiError(_("请一次性列明需要补正的全部事项。"), field="items")
    if application.events.filter(kind=LogKind.SUPPLEMENT_REQUESTED).exists():
        raise FoiError(_("补正告知只能发出一次（条例第三十条：一次性告知）。"))
    if not 1 <= deadline_days <= 30:
        raise FoiError(_("补正期限应为1至30个工作日。"), field="deadline_days")
    try:
        deadline = clock.supplement_deadline(on, deadline_days, get_calendar())
    except WorkdaysError as exc:
        raise FoiError(exc.message) from exc
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    _log(
        application,
        LogKind.SUPPLEMENT_REQUESTED,
        on=on,
        actor=actor,
        days=deadline_days,
        note=items.strip(),
        details={"deadline": deadline.isoformat()},
    )
    _save(application, actor, "request_supplement", before, note=items.strip())
    return application


def supplement_deadline_of(application: Application) -> datetime.date | None:
    event = application.events.filter(kind=LogKind.SUPPLEMENT_REQUESTED).last()
    if event is None or "deadline" not in event.details:
        return None
    return datetime.date.fromisoformat(event.details["deadline"])


@transaction.atomic
def record_supplement(*, application: Application, actor, on: datetime.date) -> Application:
    """The supplement arrived: the clock restarts from this day (条例第三十条)."""
    target = _require(workflow.Action.RECORD_SUPPLEMENT, application)
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    _log(application, LogKind.SUPPLEMENT_RECEIVED, on=on, actor=actor)
    _save(application, actor, "record_supplement", before)
    return application


@transaction.atomic
def close_abandoned(*, application: Application, actor, on: datetime.date) -> Application:
    """No supplement by its deadline without good reason: processing stops (条例第三十条);
    report row 其他处理1."""
    target = _require(workflow.Action.CLOSE_ABANDONED, application)
    deadline = supplement_deadline_of(application)
    if deadline is not None and on <= deadline:
        raise FoiError(
            _("补正期限 %(day)s 尚未届满，不能按逾期不补正办结。") % {"day": deadline.isoformat()}
        )
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.outcome = Outcome("other.1")
    application.closed_on = on
    _log(
        application, LogKind.CLOSED, on=on, actor=actor, note=str(application.get_outcome_display())
    )
    _save(application, actor, "close_abandoned", before)
    return application


@transaction.atomic
def extend_deadline(
    *, application: Application, actor, on: datetime.date, days: int, approved_by: str
) -> Application:
    """延长答复期限 (条例第三十三条第二款): at most 20 working days in all, approved by the
    head of the disclosure office, with notice to the applicant."""
    _require(workflow.Action.EXTEND, application)
    if not (approved_by or "").strip():
        raise FoiError(
            _("延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。"), field="approved_by"
        )
    existing = sum(application.events.filter(kind=LogKind.EXTENDED).values_list("days", flat=True))
    try:
        clock.validate_extension(existing, days)
    except clock.ClockError as exc:
        raise FoiError(str(exc), field="days") from exc
    before = snapshot(application, AUDITED_FIELDS)
    _log(
        application,
        LogKind.EXTENDED,
        on=on,
        actor=actor,
        days=days,
        note=_("经%(person)s同意") % {"person": approved_by.strip()},
    )
    _save(application, actor, "extend", before)
    return application


# --- the reply ---------------------------------------------------------------------------


@transaction.atomic
def draft_reply(
    *,
    application: Application,
    actor,
    outcome: str,
    text: str,
    already_public: bool = False,
    not_held_reason: str = "",
    responsible_agency: str = "",
    responsible_agency_contact: str = "",
    responsible_agency_unknown: bool = False,
) -> Application:
    """The handler drafts the reply; its outcome is the annual-report row (条例第三十六条).

    本机关不掌握 states one answer: the information does not exist (第三十六条第（四）项) or is
    another agency's to disclose, named with its contact where it can be determined (第（五）项).
    """
    target = _require(workflow.Action.DRAFT_REPLY, application)
    if outcome not in Outcome.values:
        raise FoiError(_("请选择答复类型。"), field="outcome")
    if outcome in ("other.1", "other.2"):
        raise FoiError(_("逾期不补正、逾期未缴费的申请请用相应的办结操作。"), field="outcome")
    if not (text or "").strip():
        raise FoiError(_("请填写答复内容。"), field="text")
    if already_public and outcome != "granted":
        raise FoiError(_("“已主动公开”只适用于予以公开的答复。"), field="already_public")
    try:
        check_not_held(
            outcome,
            reason=not_held_reason,
            responsible_agency=responsible_agency,
            responsible_agency_contact=responsible_agency_contact,
            responsible_agency_unknown=responsible_agency_unknown,
        )
    except OutcomeError as exc:
        raise FoiError(exc.message, field=exc.field) from exc
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.outcome = outcome
    application.already_public = already_public
    application.not_held_reason = not_held_reason
    application.responsible_agency = responsible_agency.strip()
    application.responsible_agency_contact = responsible_agency_contact.strip()
    application.reply_text = text.strip()
    application.reply_drafted_by = actor
    _log(
        application,
        LogKind.REPLY_DRAFTED,
        on=timezone.localdate(),
        actor=actor,
        note=str(application.get_outcome_display()),
        # Kept with the draft: a 第（五）项 reply without a name says it could not be found.
        details={"responsible_agency_unknown": True} if responsible_agency_unknown else None,
    )
    _save(application, actor, "draft_reply", before)
    return application


@transaction.atomic
def return_reply(*, application: Application, actor, comments: str) -> Application:
    """The reviewer sends the draft reply back."""
    target = _require(workflow.Action.RETURN_REPLY, application)
    if not (comments or "").strip():
        raise FoiError(_("退回时请写明意见。"), field="comments")
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    _log(
        application,
        LogKind.REPLY_RETURNED,
        on=timezone.localdate(),
        actor=actor,
        note=comments.strip(),
    )
    _save(application, actor, "return_reply", before, note=comments.strip())
    return application


@transaction.atomic
def approve_reply(*, application: Application, actor, on: datetime.date) -> Application:
    """The reviewer (not the drafter) approves: the reply goes out and the case closes."""
    target = _require(workflow.Action.APPROVE_REPLY, application)
    if application.reply_drafted_by_id == getattr(actor, "pk", None):
        raise FoiError(_("答复须由起草人以外的审核人审核。"))
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    application.reply_approved_by = actor
    application.replied_on = on
    application.closed_on = on
    _log(
        application,
        LogKind.REPLIED,
        on=on,
        actor=actor,
        note=str(application.get_outcome_display()),
    )
    _save(application, actor, "approve_reply", before)
    return application


# --- one matter per application, repeats ------------------------------------------------


@transaction.atomic
def split_application(*, application: Application, actor, matters: list[str]) -> list[Application]:
    """一事一申请: the original keeps the first matter; each further one becomes its own
    application with the same applicant and receipt date (109号第四条)."""
    _require(workflow.Action.SPLIT, application)
    matters = [m.strip() for m in matters if m and m.strip()]
    if len(matters) < 2:
        raise FoiError(_("拆分至少需要两项事项，每行一项。"), field="matters")
    before = snapshot(application, AUDITED_FIELDS)
    for matter in matters:
        limits.check_values(Application, {"description": matter}, error=FoiError)
    application.description = matters[0]
    parts = [application]
    for matter in matters[1:]:
        part = Application.objects.get(pk=application.pk)
        part.pk = None
        part.id = None
        part.query_code = new_query_code()
        part.parent = application
        part.description = matter
        part.status = Status.IN_PROGRESS if application.handler_id else Status.REGISTERED
        part.created_by = actor
        part.created_at = part.updated_at = timezone.now()
        part.save()
        for event in application.events.filter(kind__in=[LogKind.RECEIVED, LogKind.ASSIGNED]):
            Event.objects.create(
                application=part, kind=event.kind, on=event.on, note=event.note, actor=event.actor
            )
        record_event(
            actor=actor,
            action="foi.split_part",
            obj=part,
            agency=part.agency,
            after=snapshot(part, AUDITED_FIELDS),
            note=application.query_code,
        )
        parts.append(part)
    _log(
        application,
        LogKind.SPLIT,
        on=timezone.localdate(),
        actor=actor,
        note=_("拆分为 %(count)d 件") % {"count": len(parts)},
        details={"parts": [p.query_code for p in parts]},
    )
    _save(application, actor, "split", before)
    return parts


_SPACES = re.compile(r"\s+")


def _normalised(text: str) -> str:
    return _SPACES.sub("", text or "").lower()


def find_repeats(application: Application):
    """Earlier, answered applications by the same applicant for the same information: offer
    the clerk 不予处理（重复申请）(条例第三十六条第六项)."""
    earlier = Application.objects.filter(
        agency=application.agency,
        id_number=application.id_number,
        replied_on__isnull=False,
    ).exclude(pk=application.pk)
    wanted = _normalised(application.description)
    return [
        a for a in earlier.order_by("-received_on")[:50] if _normalised(a.description) == wanted
    ]


# --- clocks after a calendar change -----------------------------------------------------


@transaction.atomic
def recompute_due_dates(*, actor) -> int:
    """Re-derive every open application's due date after the calendar changed (audited)."""
    changed = 0
    calendar = get_calendar()  # read once, not once per application
    for application in (
        Application.objects.open().select_related("agency").prefetch_related("events")
    ):
        _reading, was_changed = save_due_date(
            application, calendar, actor=actor, note=_("工作日历变更后重新计算")
        )
        changed += was_changed
    return changed


# --- review and litigation ---------------------------------------------------------------


@transaction.atomic
def add_remedy_case(
    *, application: Application, actor, kind: str, filed_on: datetime.date, authority: str = ""
) -> RemedyCase:
    """Record an administrative review or lawsuit about the application."""
    limits.check_values(RemedyCase, {"authority": authority}, error=FoiError)
    case = RemedyCase.objects.create(
        application=application, kind=kind, filed_on=filed_on, authority=authority
    )
    record_event(
        actor=actor,
        action="foi.remedy_added",
        obj=application,
        agency=application.agency,
        after={"case": case.pk, "kind": kind, "filed_on": filed_on.isoformat()},
    )
    return case


@transaction.atomic
def conclude_remedy_case(
    *, case: RemedyCase, actor, result: str, concluded_on: datetime.date | None
) -> RemedyCase:
    """Record the result: 维持 / 纠正 / 其他 / 尚未审结."""
    before = snapshot(case, ["result", "concluded_on"])
    case.result = result
    case.concluded_on = concluded_on
    case.save(update_fields=["result", "concluded_on"])
    record_event(
        actor=actor,
        action="foi.remedy_result",
        obj=case.application,
        agency=case.application.agency,
        before=before,
        after=snapshot(case, ["result", "concluded_on"]),
    )
    return case
