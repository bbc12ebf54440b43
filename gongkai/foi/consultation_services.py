"""Consultations (征求意见) on an application: a third party (条例第三十二条) or another agency
that made the information together with this one (条例第三十四条).

Each state change is one function in one transaction that logs the event, re-derives the due
date and writes an audit event (through `services._save`). The rules of the period are pure,
in `gongkai.foi.consultations`.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import snapshot
from gongkai.foi import workflow
from gongkai.foi.clock import ClockReading
from gongkai.foi.consultations import (
    ConsultationParty,
    ConsultationReading,
    ConsultationResult,
    consultation_deadline,
    read_consultations,
)
from gongkai.foi.errors import FoiError
from gongkai.foi.models import CLOCK_KINDS, Application, Event, LogKind, Status
from gongkai.foi.services import (
    AUDITED_FIELDS,
    _log,
    _require,
    _save,
    save_due_date,
    to_clock_event,
)
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError


def consultations_of(
    application: Application, *, today: datetime.date | None = None
) -> list[tuple[Event, ConsultationReading]]:
    """Each consultation's start in the log with how it stands (deadline, receipt, end)."""
    log = [event for event in application.events.all() if event.kind in CLOCK_KINDS]
    values = [to_clock_event(event) for event in log]
    starts = [event for event in log if event.kind == LogKind.CONSULTATION_STARTED]
    readings, _unmatched = read_consultations(
        [v for v in values if v.kind == LogKind.CONSULTATION_STARTED],
        [v for v in values if v.kind == LogKind.CONSULTATION_DELIVERED],
        [v for v in values if v.kind == LogKind.CONSULTATION_ENDED],
        calendar=get_calendar(),
        as_of=today or timezone.localdate(),
        is_stopped=not application.is_open,
    )
    return list(zip(starts, readings, strict=True))


def open_consultations(application: Application) -> list[tuple[Event, ConsultationReading]]:
    """The consultations not yet ended, oldest first."""
    return [(start, reading) for start, reading in consultations_of(application) if reading.is_open]


def _chosen(
    application: Application, consultation_id: int | None
) -> tuple[Event, ConsultationReading]:
    """The open consultation `consultation_id` names; with None, the only open one."""
    current = open_consultations(application)
    if consultation_id is not None:
        for start, reading in current:
            if start.pk == consultation_id:
                return start, reading
        raise FoiError(_("所选的征求意见不存在或者已经结束。"), field="consultation")
    if not current:
        raise FoiError(_("没有进行中的征求意见。"), field="consultation")
    if len(current) > 1:
        raise FoiError(_("有多项征求意见正在进行，请选择要登记的一项。"), field="consultation")
    return current[0]


@transaction.atomic
def start_consultation(
    *,
    application: Application,
    actor,
    on: datetime.date,
    party: str,
    party_kind: str = ConsultationParty.THIRD_PARTY,
) -> Application:
    """书面征求意见: a third party whose rights disclosure could harm (条例第三十二条), or
    another agency that made the information with this one (条例第三十四条). The time is not
    counted (第三十三条第三款) up to the party's 15 working days."""
    target = _require(workflow.Action.START_CONSULTATION, application)
    if not (party or "").strip():
        raise FoiError(_("请填写征求意见的对象。"), field="party")
    if party_kind not in ConsultationParty.values:
        raise FoiError(
            _("请选择征求意见的对象是第三方（第三十二条）还是其他行政机关（第三十四条）。"),
            field="party_kind",
        )
    try:
        # The earliest deadline: the party's own runs from its receipt (recorded later).
        reply_due = consultation_deadline(on, get_calendar())
    except WorkdaysError as exc:
        raise FoiError(exc.message) from exc
    before = snapshot(application, AUDITED_FIELDS)
    application.status = target
    _log(
        application,
        LogKind.CONSULTATION_STARTED,
        on=on,
        actor=actor,
        note=party.strip(),
        details={"party_kind": party_kind, "reply_due": reply_due.isoformat()},
    )
    _save(application, actor, "start_consultation", before, note=party.strip())
    return application


@transaction.atomic
def record_consultation_receipt(
    *, application: Application, actor, on: datetime.date, consultation_id: int | None = None
) -> Application:
    """The day the party received the request for comments: its 15 working days run from it
    (条例第三十二条、第三十四条). Recording it again corrects it."""
    _require(workflow.Action.RECORD_CONSULTATION_RECEIPT, application)
    start, _reading = _chosen(application, consultation_id)
    if on < start.on:
        raise FoiError(
            _("对方收到征求意见书的日期不能早于发出日期 %(day)s。") % {"day": start.on.isoformat()},
            field="on",
        )
    before = snapshot(application, AUDITED_FIELDS)
    _log(
        application,
        LogKind.CONSULTATION_DELIVERED,
        on=on,
        actor=actor,
        note=start.note,
        details={"consultation": start.pk},
    )
    _save(application, actor, "consultation_receipt", before, note=start.note)
    return application


@transaction.atomic
def end_consultation(
    *,
    application: Application,
    actor,
    on: datetime.date,
    note: str = "",
    result: str = ConsultationResult.ANSWERED,
    decision: str = "",
    consultation_id: int | None = None,
) -> Application:
    """End a consultation: the opinion arrived, or the party's period passed without one.

    Silence means different things (and the letter to the applicant depends on it): another
    agency is deemed to consent (条例第三十四条); a third party is not, and the agency decides
    by law whether to disclose (条例第三十二条), so that decision is recorded. Silence can only
    be recorded once the party's receipt is known and its 15 working days have passed.
    """
    target = _require(workflow.Action.END_CONSULTATION, application)
    start, reading = _chosen(application, consultation_id)
    if on < start.on:
        raise FoiError(_("结束日期不能早于开始征求意见的日期。"), field="on")
    if result not in ConsultationResult.values:
        raise FoiError(_("请选择征求意见的结果。"), field="result")
    note, decision = (note or "").strip(), (decision or "").strip()
    if result == ConsultationResult.NO_REPLY:
        note = _no_reply_note(reading, on=on, note=note, decision=decision)
    before = snapshot(application, AUDITED_FIELDS)
    still_open = [s for s, _r in open_consultations(application) if s.pk != start.pk]
    application.status = Status.CONSULTING if still_open else target
    _log(
        application,
        LogKind.CONSULTATION_ENDED,
        on=on,
        actor=actor,
        note=note,
        details={"consultation": start.pk, "result": result, "decision": decision},
    )
    _save(application, actor, "end_consultation", before, note=note)
    return application


def _no_reply_note(
    reading: ConsultationReading, *, on: datetime.date, note: str, decision: str
) -> str:
    """Check that silence may be recorded and word it for the log (条例第三十二条、第三十四条)."""
    if reading.party_received_on is None:
        raise FoiError(
            _(
                "请先登记对方收到征求意见书的日期：逾期未提出意见，"
                "自对方收到征求意见书之日起计算15个工作日（条例第三十二条、第三十四条）。"
            ),
            field="result",
        )
    if reading.deadline is None:
        raise FoiError(_("征求意见期限所在年份的工作日历尚未载入，无法判断是否逾期。"))
    if on <= reading.deadline or timezone.localdate() <= reading.deadline:
        raise FoiError(
            _("征求意见期限 %(day)s 尚未届满，不能按逾期未提出意见结束。")
            % {"day": reading.deadline.isoformat()},
            field="result",
        )
    if reading.party_kind == ConsultationParty.AGENCY:
        deemed = _("逾期未提出意见，视为同意公开（条例第三十四条）。")
        return f"{deemed}{note}" if note else deemed
    if not decision:
        raise FoiError(
            _(
                "第三方逾期未提出意见，不视为同意：请记录本机关依法作出的是否公开的决定"
                "（条例第三十二条）。"
            ),
            field="decision",
        )
    return _("第三方逾期未提出意见（条例第三十二条）。本机关决定：%(decision)s") % {
        "decision": decision
    }


def refresh_consultation_clocks(*, today: datetime.date) -> list[tuple[Application, ClockReading]]:
    """Daily: re-derive the due dates of applications waiting for a consultation.

    A consultation pauses the clock only up to the party's deadline, so with time alone a
    paused application gets a due date again: this makes it appear in the due and overdue
    lists and reminders. Each change is saved and audited in its own transaction. Returns the
    applications with a consultation past its deadline (征求意见期满未答复).
    """
    calendar = get_calendar()
    flagged = []
    waiting = (
        Application.objects.filter(status=Status.CONSULTING)
        .select_related("agency", "handler")
        .prefetch_related("events")
    )
    for application in waiting:
        with transaction.atomic():
            reading, _changed = save_due_date(
                application,
                calendar,
                actor=None,
                note=_("征求意见期限届满，答复期限恢复计算"),
                today=today,
            )
        if reading is not None and reading.expired_consultations:
            flagged.append((application, reading))
    return flagged
