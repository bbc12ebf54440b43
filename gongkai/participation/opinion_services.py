"""State changes of public-opinion events (政务舆情). Each is one function in one transaction
that re-derives the clock from the event's history (`participation.opinion`) and writes an
audit event. Permission checks are the caller's (participation.access)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.participation import obligations
from gongkai.participation import opinion as rules
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    Escalation,
    OpinionEvent,
    OpinionResponse,
    OpinionSource,
    OpinionStatus,
    ResponseKind,
    Severity,
    VerificationRequest,
)

EVENT_FIELDS = [
    "title",
    "source",
    "source_detail",
    "link",
    "summary",
    "first_seen_at",
    "severity",
    "responsible_unit",
    "assessment",
    "status",
    "respond_by",
    "first_response_at",
    "closed_at",
    "closing_note",
]
CLOCK_FIELDS = ["severity", "respond_by", "first_response_at"]
VERIFICATION_FIELDS = [
    "requester",
    "question",
    "requested_at",
    "answer_by",
    "answered_at",
    "answer",
]


# --- shared steps ------------------------------------------------------------------------


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ParticipationError(_("请填写此项。"), field=field)
    return value


def _check_time(
    value: datetime.datetime | None,
    field: str,
    *,
    now: datetime.datetime,
    not_before: datetime.datetime | None = None,
    not_before_message: str = "",
) -> datetime.datetime:
    if value is None:
        raise ParticipationError(_("请填写日期和时间。"), field=field)
    if timezone.is_naive(value):
        raise ParticipationError(_("时间须带时区。"), field=field)
    if value > now:
        raise ParticipationError(_("时间不能晚于现在。"), field=field)
    if not_before is not None and value < not_before:
        raise ParticipationError(not_before_message, field=field)
    return value


def _require_open(event: OpinionEvent) -> None:
    if event.status != OpinionStatus.OPEN:
        raise ParticipationError(_("该舆情事件已办结，不能再登记。"))


def severity_history(event: OpinionEvent) -> list[tuple[datetime.datetime, str]]:
    """(time, severity) pairs: the grade at first sighting, then each recorded change."""
    changes = list(event.escalations.order_by("changed_at", "id")) if event.pk else []
    initial = changes[0].from_severity if changes else event.severity
    return [(event.first_seen_at, initial)] + [(c.changed_at, c.to_severity) for c in changes]


def read_clock(event: OpinionEvent) -> rules.Clock:
    """The event's clock as its severity history says now."""
    return rules.read_clock(event.first_seen_at, severity_history(event))


def _refresh_clock(event: OpinionEvent) -> None:
    """Re-derive the cached deadline and first qualifying response from the history."""
    clock = read_clock(event)
    event.respond_by = clock.respond_by
    responses = event.responses.values_list("kind", "responded_at") if event.pk else []
    event.first_response_at = rules.first_qualifying_response(clock, event.first_seen_at, responses)


def clock_result(event: OpinionEvent, *, now: datetime.datetime | None = None):
    """How the event stands against its clock (see participation.opinion, rule 4)."""
    return rules.clock_result(
        respond_by=event.respond_by,
        first_response_at=event.first_response_at,
        closed_at=event.closed_at,
        has_responses=event.responses.exists(),
        now=now or timezone.now(),
    )


def _audit(event: OpinionEvent, actor, action: str, before, after, note: str = "") -> None:
    record_event(
        actor=actor,
        action=f"participation.opinion.{action}",
        obj=event,
        agency=event.agency,
        before=before,
        after=after,
        note=note,
    )


# --- state changes -----------------------------------------------------------------------


def _saved(instance):
    """Save a new row once its texts are within their limits."""
    limits.check_text_lengths(instance, error=ParticipationError)
    instance.save()
    return instance


@transaction.atomic
def record_opinion_event(
    *,
    agency: Agency,
    actor,
    title: str,
    source: str,
    summary: str,
    first_seen_at: datetime.datetime,
    severity: str,
    responsible_unit: str,
    source_detail: str = "",
    link: str = "",
    assessment: str = "",
) -> OpinionEvent:
    """Register an event as first seen, graded and assigned (属地管理、谁主管谁负责)."""
    now = timezone.now()
    if source not in OpinionSource.values:
        raise ParticipationError(_("请选择舆情来源。"), field="source")
    if severity not in Severity.values:
        raise ParticipationError(_("请选择舆情级别。"), field="severity")
    event = OpinionEvent(
        agency=agency,
        title=_required(title, "title"),
        source=source,
        source_detail=(source_detail or "").strip(),
        link=(link or "").strip(),
        summary=_required(summary, "summary"),
        first_seen_at=_check_time(first_seen_at, "first_seen_at", now=now),
        severity=severity,
        responsible_unit=_required(responsible_unit, "responsible_unit"),
        assessment=(assessment or "").strip(),
        created_by=_actor(actor),
        created_at=now,
    )
    _refresh_clock(event)
    limits.check_text_lengths(event, error=ParticipationError)
    event.save()
    _audit(event, actor, "record", None, snapshot(event, EVENT_FIELDS))
    return event


@transaction.atomic
def update_assessment(
    *, event: OpinionEvent, actor, assessment: str, responsible_unit: str
) -> OpinionEvent:
    """Revise the assessment notes (研判意见) and the responsible unit."""
    _require_open(event)
    before = snapshot(event, ["assessment", "responsible_unit"])
    event.assessment = (assessment or "").strip()
    event.responsible_unit = _required(responsible_unit, "responsible_unit")
    fields = ["assessment", "responsible_unit"]
    limits.check_text_lengths(event, error=ParticipationError, fields=fields)
    event.save(update_fields=fields)
    _audit(event, actor, "assess", before, snapshot(event, ["assessment", "responsible_unit"]))
    return event


@transaction.atomic
def escalate(
    *, event: OpinionEvent, actor, to_severity: str, changed_at: datetime.datetime, reason: str
) -> Escalation:
    """Regrade the event (up or down) with when and why; the deadline is re-derived."""
    _require_open(event)
    if to_severity not in Severity.values:
        raise ParticipationError(_("请选择舆情级别。"), field="to_severity")
    if to_severity == event.severity:
        raise ParticipationError(_("新级别与当前级别相同。"), field="to_severity")
    last = event.escalations.order_by("-changed_at", "-id").first()
    _check_time(
        changed_at,
        "changed_at",
        now=timezone.now(),
        not_before=last.changed_at if last else event.first_seen_at,
        not_before_message=_("调整时间不能早于首次发现时间或上一次级别调整。"),
    )
    before = snapshot(event, CLOCK_FIELDS)
    escalation = _saved(
        Escalation(
            event=event,
            from_severity=event.severity,
            to_severity=to_severity,
            changed_at=changed_at,
            reason=_required(reason, "reason"),
            recorded_by=_actor(actor),
        )
    )
    event.severity = to_severity
    _refresh_clock(event)
    event.save(update_fields=CLOCK_FIELDS)
    _audit(event, actor, "escalate", before, snapshot(event, CLOCK_FIELDS), note=escalation.reason)
    return escalation


@transaction.atomic
def record_response(
    *,
    event: OpinionEvent,
    actor,
    kind: str,
    responded_at: datetime.datetime,
    summary: str,
    link: str = "",
) -> OpinionResponse:
    """Record a response (press conference, release, statement, interview, follow-up)."""
    _require_open(event)
    if kind not in ResponseKind.values:
        raise ParticipationError(_("请选择回应方式。"), field="kind")
    _check_time(
        responded_at,
        "responded_at",
        now=timezone.now(),
        not_before=event.first_seen_at,
        not_before_message=_("回应时间不能早于首次发现时间。"),
    )
    before = snapshot(event, CLOCK_FIELDS)
    response = _saved(
        OpinionResponse(
            event=event,
            kind=kind,
            responded_at=responded_at,
            summary=_required(summary, "summary"),
            link=(link or "").strip(),
            recorded_by=_actor(actor),
        )
    )
    _refresh_clock(event)
    event.save(update_fields=CLOCK_FIELDS)
    _audit(
        event,
        actor,
        "respond",
        before,
        {**snapshot(event, CLOCK_FIELDS), "response": snapshot(response, ["kind", "responded_at"])},
    )
    return response


@transaction.atomic
def record_verification_request(
    *,
    event: OpinionEvent,
    actor,
    requester: str,
    question: str,
    requested_at: datetime.datetime,
) -> VerificationRequest:
    """A request to verify facts arrived; it must be answered within 24 hours."""
    _require_open(event)
    _check_time(
        requested_at,
        "requested_at",
        now=timezone.now(),
        not_before=event.first_seen_at,
        not_before_message=_("收到时间不能早于首次发现时间。"),
    )
    request = _saved(
        VerificationRequest(
            event=event,
            requester=_required(requester, "requester"),
            question=_required(question, "question"),
            requested_at=requested_at,
            answer_by=rules.verification_answer_by(requested_at),
            recorded_by=_actor(actor),
        )
    )
    _audit(
        event,
        actor,
        "verification_request",
        None,
        {"verification": request.pk, **snapshot(request, VERIFICATION_FIELDS)},
    )
    return request


@transaction.atomic
def answer_verification_request(
    *,
    request: VerificationRequest,
    actor,
    answer: str,
    answered_at: datetime.datetime,
) -> VerificationRequest:
    """Record the answer to a verification request, once."""
    _require_open(request.event)
    if request.answered_at is not None:
        raise ParticipationError(_("该核实请求已答复。"), field="verification")
    _check_time(
        answered_at,
        "answered_at",
        now=timezone.now(),
        not_before=request.requested_at,
        not_before_message=_("答复时间不能早于收到核实请求的时间。"),
    )
    before = snapshot(request, ["answered_at", "answer"])
    request.answer = _required(answer, "answer")
    request.answered_at = answered_at
    limits.check_text_lengths(request, error=ParticipationError, fields=["answer"])
    request.save(update_fields=["answered_at", "answer"])
    _audit(
        request.event,
        actor,
        "verification_answer",
        {"verification": request.pk, **before},
        {"verification": request.pk, **snapshot(request, ["answered_at", "answer"])},
    )
    return request


@transaction.atomic
def close_event(*, event: OpinionEvent, actor, closing_note: str = "") -> OpinionEvent:
    """Close the event: it needs a response, or a note explaining why none was needed."""
    _require_open(event)
    closing_note = (closing_note or "").strip()
    if not closing_note and not event.responses.exists():
        raise ParticipationError(
            _("尚未登记任何回应，办结时须说明无需回应的理由。"), field="closing_note"
        )
    if event.verification_requests.filter(answered_at__isnull=True).exists():
        raise ParticipationError(_("尚有未答复的核实请求，请先登记答复。"))
    before = snapshot(event, ["status", "closed_at", "closing_note"])
    event.status = OpinionStatus.CLOSED
    event.closed_at = timezone.now()
    event.closing_note = closing_note
    limits.check_text_lengths(event, error=ParticipationError, fields=["closing_note"])
    event.save(update_fields=["status", "closed_at", "closing_note"])
    _audit(event, actor, "close", before, snapshot(event, ["status", "closed_at", "closing_note"]))
    return event


# --- readings for the console ------------------------------------------------------------


@dataclass(frozen=True)
class EventClock:
    """An event in a list: how it stands and the hours left (or overdue) to its deadline."""

    event: OpinionEvent
    result: rules.ClockResult
    time_left: rules.TimeLeft


@dataclass(frozen=True)
class VerificationClock:
    request: VerificationRequest
    result: rules.ClockResult
    time_left: rules.TimeLeft


@dataclass(frozen=True)
class EventReading:
    """Everything the event page says about the clocks."""

    clock: rules.Clock
    result: rules.ClockResult
    time_left: rules.TimeLeft
    responses: list[tuple[OpinionResponse, bool]]  # (response, meets the clock)
    # Major event with authoritative releases but no press conference yet (rule 1).
    lacks_press_conference: bool
    verifications: list[VerificationClock]


def _ledger_moments(
    kind: str, ids
) -> dict[int, tuple[datetime.datetime, datetime.datetime | None]]:
    """{object id: (due at, done at)} from the obligations ledger: the one place that holds each
    duty's deadline (the owning app describes it; obligations.py)."""
    from gongkai.obligations.models import Obligation

    rows = Obligation.objects.of_kind(kind).filter(object_id__in=list(ids))
    return {
        object_id: (due_at, done_at)
        for object_id, due_at, done_at in rows.values_list("object_id", "due_at", "done_at")
        if due_at is not None
    }


def _event_moments(
    event: OpinionEvent, ledger: dict
) -> tuple[datetime.datetime, datetime.datetime | None]:
    # A row missing from the ledger (before its first rebuild) falls back to the event's fields.
    return ledger.get(event.pk, (event.respond_by, event.first_response_at))


def _reference_time(
    event: OpinionEvent, first_response_at: datetime.datetime | None, now: datetime.datetime
) -> datetime.datetime:
    """Time left is counted to now, or frozen at the first response or the closing."""
    return first_response_at or event.closed_at or now


def event_clocks(events, *, now: datetime.datetime | None = None) -> list[EventClock]:
    """Events with their clock results, deadlines from the ledger (for lists and monthly
    figures)."""
    now = now or timezone.now()
    events = list(events.annotate(response_count=Count("responses")))
    ledger = _ledger_moments(obligations.OPINION_RESPONSE, [e.pk for e in events])
    rows = []
    for event in events:
        due_at, done_at = _event_moments(event, ledger)
        result = rules.clock_result(
            respond_by=due_at,
            first_response_at=done_at,
            closed_at=event.closed_at,
            has_responses=event.response_count > 0,
            now=now,
        )
        left = rules.time_left(due_at, _reference_time(event, done_at, now))
        rows.append(EventClock(event, result, left))
    return rows


def read_event(event: OpinionEvent, *, now: datetime.datetime | None = None) -> EventReading:
    """The event's clock, its responses marked by whether they meet it, and the 24-hour
    clocks of its verification requests; the deadlines as the ledger holds them."""
    now = now or timezone.now()
    clock = read_clock(event)
    responses = list(event.responses.select_related("recorded_by"))
    marked = [(r, r.kind in clock.qualifying_kinds) for r in responses]
    requests = list(event.verification_requests.select_related("recorded_by"))
    answers = _ledger_moments(obligations.VERIFICATION_ANSWER, [r.pk for r in requests])
    verifications = []
    for request in requests:
        answer_by, answered_at = answers.get(request.pk, (request.answer_by, request.answered_at))
        verifications.append(
            VerificationClock(
                request,
                rules.clock_result(
                    respond_by=answer_by,
                    first_response_at=answered_at,
                    closed_at=None,
                    has_responses=False,
                    now=now,
                ),
                rules.time_left(answer_by, answered_at or now),
            )
        )
    due_at, done_at = _event_moments(
        event, _ledger_moments(obligations.OPINION_RESPONSE, [event.pk])
    )
    return EventReading(
        clock=clock,
        result=rules.clock_result(
            respond_by=due_at,
            first_response_at=done_at,
            closed_at=event.closed_at,
            has_responses=bool(responses),
            now=now,
        ),
        time_left=rules.time_left(due_at, _reference_time(event, done_at, now)),
        responses=marked,
        lacks_press_conference=clock.needs_press_conference
        and bool(responses)
        and not any(qualifies for _r, qualifies in marked),
        verifications=verifications,
    )


def monthly_figures(
    events, *, tz: datetime.tzinfo, now: datetime.datetime | None = None
) -> list[tuple[Agency, list[rules.MonthFigures]]]:
    """Monthly figures per agency (events, on-time rate, median response hours)."""
    by_agency: dict[int, tuple[Agency, list]] = {}
    for row in event_clocks(events.select_related("agency"), now=now):
        _, records = by_agency.setdefault(row.event.agency_id, (row.event.agency, []))
        records.append((row.event.first_seen_at, row.event.first_response_at, row.result))
    return [
        (agency, rules.monthly_figures(records, tz))
        for agency, records in sorted(by_agency.values(), key=lambda item: item[0].code)
    ]
