"""The statutory reply clock of an application, derived from its events. Pure: no database.

条例第三十三条第二款: reply within 20 working days of receipt; the head of the disclosure office
may extend by at most 20 more. 第三款: time spent consulting third parties or other agencies
(第三十二条、第三十四条) is not counted. 第三十条: a 补正 notice (within 7 working days of
receipt) stops the clock, and the period is counted afresh from the day the supplement arrives.
Whether the fee period (notice to payment, 国办函〔2020〕109号) is counted is unsettled
(spec §2 [U]); `fee_pauses_clock` decides. 第三十五条: for an application clearly excessive in
quantity or frequency whose reasons are reasonable, the agency may set a delayed reply date
instead; that date is then the due date. Consultation periods are read by `consultations.py`.

Periods follow the workdays rules: the start day is not counted (民法典第二百零一条) and only
working days of the calendar count, so 调休 weekend days count and holidays do not. The year
after the last loaded notice is counted provisionally (`provisional_years` on the reading: the
due date is 暂定); any other unloaded year raises `YearNotLoaded`.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.foi.clock_events import EXTENSION_MAX_DAYS, ClockEvent, EventKind
from gongkai.foi.clock_text import (
    describe_extensions,
    describe_supplements,
    extension_problems,
    problems_of_order,
    supplement_problems,
)
from gongkai.foi.consultations import (
    ConsultationReading,
    consultation_deadline,
    describe_cap,
    describe_deadline,
    expired_problems,
    pause_reason,
    read_consultations,
)
from gongkai.foi.delays import delay_problems, delayed_until, describe_delays
from gongkai.workdays.rules import (
    WorkCalendar,
    add_working_days,
    describe_day,
    describe_rest_run,
    is_working_day,
    provisional_steps,
    working_days_between,
)

REPLY_DAYS = 20  # 条例第三十三条第二款
SUPPLEMENT_NOTICE_DAYS = 7  # 条例第三十条: 7个工作日内一次性告知补正
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号: 收到收费通知次日起20个工作日内缴费
DUE_SOON_DAYS = 5

ONE_DAY = datetime.timedelta(days=1)


class ClockError(ValueError):
    """A clock action the regulation does not allow; `message` is shown to the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ClockReading:
    """Where the reply clock stands, with the steps that lead there (see `read_clock`)."""

    received_on: datetime.date
    start_on: datetime.date
    limit_days: int
    due_on: datetime.date | None
    used_days: int
    remaining_days: int
    paused_since: datetime.date | None
    pause_reason: str
    is_overdue: bool
    replied_on: datetime.date | None
    closed_on: datetime.date | None
    supplement_notice_due_on: datetime.date
    explanation: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Years the due date was counted through without their holiday notice: the date is 暂定.
    provisional_years: tuple[int, ...] = ()
    consultations: tuple[ConsultationReading, ...] = ()
    # The delayed reply date set under 条例第三十五条 (then also `due_on`), if any.
    delayed_until: datetime.date | None = None

    @property
    def is_provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def expired_consultations(self) -> tuple[ConsultationReading, ...]:
        """征求意见期满未答复: open consultations past the party's deadline."""
        return tuple(c for c in self.consultations if c.is_expired)


# Why the clock does not run, by pause kind (consultations: by party, see consultations.py).
_FEE = "fee"
_SUPPLEMENT = "supplement"
_PAUSE_REASONS = {
    _FEE: gettext_lazy("等待申请人缴纳信息处理费，缴费期间不计入答复期限"),
    _SUPPLEMENT: gettext_lazy("等待申请人补正，收到补正后依条例第三十条重新计算答复期限"),
}


@dataclass(frozen=True)
class _Pause:
    """Working days d with start < d ≤ end are not counted; end None: not over yet.

    `notes` are explanation steps shown after the pause (a consultation cut at its deadline).
    """

    start: datetime.date
    end: datetime.date | None
    kinds: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def covers(self, day: datetime.date) -> bool:
        return self.start < day and (self.end is None or day <= self.end)

    @property
    def reason(self) -> str:
        return "；".join(
            str(_PAUSE_REASONS[kind]) if kind in _PAUSE_REASONS else pause_reason(kind)
            for kind in self.kinds
        )


@dataclass(frozen=True)
class _Walk:
    due_on: datetime.date | None
    counted: int  # Working days counted before the walk ended (limit, or up to a pause).
    stopped_by: _Pause | None
    steps: list[str]


def read_clock(
    *,
    received_on: datetime.date,
    events: Iterable[ClockEvent],
    calendar: WorkCalendar,
    fee_pauses_clock: bool = True,
    today: datetime.date | None = None,
) -> ClockReading:
    """The reply clock from the receipt date and the events (条例第三十条、第三十三条至第三十五条).

    Counting starts after `start_on`: the receipt date, or the latest supplement received (the
    clock restarts with the full 20 days plus only the extensions granted after it). A
    consultation, or a fee notice when `fee_pauses_clock`, from day a to day b leaves the
    working days a < d ≤ b uncounted; one not yet ended leaves no due date, and a consultation
    counts at most until the party's deadline (see consultations.py). An Art.35 delay replaces
    the due date with the date it sets. Events on the same day keep their given order. `today`
    defaults to the local date.
    """
    today = today or timezone.localdate()
    # Sorting is stable: same-day events keep their order. Kinds may come as stored strings.
    ordered = [replace(e, kind=EventKind(e.kind)) for e in sorted(events, key=lambda e: e.on)]
    problems: list[str] = []
    notice_due_on = add_working_days(received_on, SUPPLEMENT_NOTICE_DAYS, calendar)

    replied_on = next((e.on for e in ordered if e.kind == EventKind.REPLIED), None)
    closed_on = next((e.on for e in ordered if e.kind == EventKind.CLOSED), None)
    stopped_on = replied_on or closed_on
    as_of = stopped_on or today
    stop = _stop_index(ordered)
    problems.extend(problems_of_order(received_on, ordered, stop))
    ordered = ordered[: stop + 1]

    # 补正 (条例第三十条): the latest supplement received restarts the clock; a notice not
    # yet answered stops it.
    start_on, cycle_index, pending_request = received_on, -1, None
    for index, event in enumerate(ordered):
        if event.kind == EventKind.SUPPLEMENT_REQUESTED:
            pending_request = event
        elif event.kind == EventKind.SUPPLEMENT_RECEIVED:
            if pending_request is None:
                problems.append(
                    _("%(day)s 记录了收到补正，但此前没有补正告知。")
                    % {"day": event.on.isoformat()}
                )
            pending_request, start_on, cycle_index = None, event.on, index
    prologue = describe_supplements(received_on, ordered[: cycle_index + 1])
    problems.extend(supplement_problems(ordered, notice_due_on))

    cycle = ordered[cycle_index + 1 :]
    extensions = [e for e in cycle if e.kind == EventKind.EXTENDED]
    problems.extend(extension_problems(extensions))
    granted = [event for event in extensions if event.days > 0]
    limit = REPLY_DAYS + sum(event.days for event in granted)

    consultations, consultation_problems = _consultations(
        ordered, calendar=calendar, as_of=as_of, is_stopped=stopped_on is not None
    )
    problems.extend(consultation_problems)
    pauses = _pauses(ordered, consultations, fee_pauses_clock=fee_pauses_clock, problems=problems)
    if pending_request is not None:
        pauses = _merge([*pauses, _Pause(pending_request.on, None, (_SUPPLEMENT,))])

    walk = _walk(start_on, limit, pauses, calendar, extensions=granted)
    steps = prologue + walk.steps
    due_on = walk.due_on

    paused_since, pause_reason_ = None, ""
    if walk.stopped_by is not None and stopped_on is None:
        paused_since, pause_reason_ = walk.stopped_by.start, walk.stopped_by.reason
        steps.extend(describe_deadline(c) for c in consultations if c.pause_end is None)

    # 条例第三十五条: the delayed reply date, once set, is the due date.
    delays = [e for e in cycle if e.kind == EventKind.DELAYED]
    delayed_to = None
    if delays:
        delayed_to = delayed_until(delays[-1], calendar)
        steps.extend(describe_delays(delays, calendar, due_on))
        problems.extend(delay_problems(delays, cycle, due_on, delayed_to))
        due_on = delayed_to

    if due_on is not None:
        problems.extend(_late_problems(ordered, granted, start_on, pauses, calendar, due_on))
        open_pause = next((p for p in pauses if p.end is None and p.start >= due_on), None)
        if open_pause is not None and stopped_on is None and not delays:
            problems.append(
                _("%(day)s 开始的暂停晚于届满日 %(due)s，不能延后答复期限。")
                % {"day": open_pause.start.isoformat(), "due": due_on.isoformat()}
            )

    limit_of_count = due_on or (walk.stopped_by.start if walk.stopped_by else as_of)
    used = _count(start_on, min(as_of, limit_of_count), pauses, calendar)
    if delayed_to is not None:
        # The limit is what the delay gives: the days used plus the working days still left.
        limit = used + working_days_between(as_of, delayed_to, calendar)
    is_overdue = due_on is not None and as_of > due_on
    if replied_on is not None:
        steps.append(_("答复日 %(day)s") % {"day": replied_on.isoformat()})
        if due_on is not None and replied_on > due_on:
            problems.append(
                _("答复日 %(day)s 晚于届满日 %(due)s。")
                % {"day": replied_on.isoformat(), "due": due_on.isoformat()}
            )
    elif closed_on is not None:
        steps.append(_("办结日 %(day)s（未作答复）") % {"day": closed_on.isoformat()})
    provisional = tuple(calendar.provisional_between(start_on, due_on))
    if stopped_on is None:
        steps.extend(provisional_steps(provisional))

    return ClockReading(
        received_on=received_on,
        start_on=start_on,
        limit_days=limit,
        due_on=due_on,
        used_days=used,
        remaining_days=max(limit - used, 0),
        paused_since=paused_since,
        pause_reason=pause_reason_,
        is_overdue=is_overdue,
        replied_on=replied_on,
        closed_on=closed_on,
        supplement_notice_due_on=notice_due_on,
        explanation=steps,
        problems=problems,
        provisional_years=provisional if stopped_on is None else (),
        consultations=tuple(consultations),
        delayed_until=delayed_to,
    )


def supplement_deadline(
    notice_on: datetime.date, days: int, calendar: WorkCalendar
) -> datetime.date:
    """The applicant's deadline to supplement: the reasonable period the office sets in the
    notice, in working days after the notice day (条例第三十条: 合理的补正期限)."""
    if days < 1:
        raise ClockError(_("补正期限至少为1个工作日。"))
    return add_working_days(notice_on, days, calendar)


def third_party_deadline(sent_on: datetime.date, calendar: WorkCalendar) -> datetime.date:
    """The 15th working day after the consultation letter (条例第三十二条、第三十四条).

    The regulation counts from the day the party receives the 征求意见书; pass that day when
    it is known. Counting from the day it is sent gives the earliest possible deadline.
    """
    return consultation_deadline(sent_on, calendar)


def fee_payment_deadline(
    notice_received_on: datetime.date, calendar: WorkCalendar
) -> datetime.date:
    """The last day to pay: 20 working days from the day after the applicant receives the fee
    notice (国办函〔2020〕109号); later, the application counts as abandoned."""
    return add_working_days(notice_received_on, FEE_PAYMENT_DAYS, calendar)


def validate_extension(existing_days: int, new_days: int) -> None:
    """Refuse an extension that is not positive or brings the total over 20 working days
    (条例第三十三条第二款)."""
    if new_days < 1:
        raise ClockError(_("延长的期限至少为1个工作日。"))
    if existing_days + new_days > EXTENSION_MAX_DAYS:
        raise ClockError(
            _(
                "已延长%(existing)s个工作日，再延长%(new)s个工作日将超过"
                "条例第三十三条第二款规定的最长20个工作日（最多还可延长%(left)s个工作日）。"
            )
            % {
                "existing": existing_days,
                "new": new_days,
                "left": max(EXTENSION_MAX_DAYS - existing_days, 0),
            }
        )


def due_soon(
    reading: ClockReading,
    today: datetime.date,
    calendar: WorkCalendar,
    within: int = DUE_SOON_DAYS,
) -> bool:
    """An open, running clock whose due date is today or at most `within` working days away."""
    if reading.due_on is None or reading.replied_on or reading.closed_on:
        return False
    if today > reading.due_on:
        return False  # Overdue, not "due soon".
    return working_days_between(today, reading.due_on, calendar) <= within


# --- counting ------------------------------------------------------------------------------


def _days(
    start_on: datetime.date, pauses: list[_Pause], calendar: WorkCalendar
) -> Iterator[tuple[datetime.date, bool | None, _Pause | None]]:
    """Each day after `start_on`: (day, is a working day, the pause covering it).

    Ends with (day, None, pause) at the first day of a pause that has not ended.
    """
    day = start_on
    while True:
        day += ONE_DAY
        pause = next((p for p in pauses if p.covers(day)), None)
        if pause is not None and pause.end is None:
            yield day, None, pause
            return
        yield day, is_working_day(day, calendar), pause


def _count(
    start_on: datetime.date, end: datetime.date, pauses: list[_Pause], calendar: WorkCalendar
) -> int:
    """Counted working days d with start_on < d ≤ end, pauses left out."""
    counted = 0
    if end <= start_on:
        return 0
    for day, is_work, pause in _days(start_on, pauses, calendar):
        if is_work is None:
            break
        if is_work and pause is None:
            counted += 1
        if day >= end:
            break
    return counted


def _walk(
    start_on: datetime.date,
    limit: int,
    pauses: list[_Pause],
    calendar: WorkCalendar,
    *,
    extensions: list[ClockEvent],
) -> _Walk:
    """Count `limit` working days after `start_on`, describing each notable step."""
    steps: list[str] = []
    counted = 0
    rest_run: list[datetime.date] = []
    paused_work = 0
    after_pause = False
    for day, is_work, pause in _days(start_on, pauses, calendar):
        if is_work is None:
            steps.extend(describe_rest_run(rest_run, calendar))
            steps.extend(describe_extensions(extensions))
            steps.append(_describe_stop(pause, counted, limit))
            return _Walk(None, counted, pause, steps)
        if pause is not None:
            steps.extend(describe_rest_run(rest_run, calendar))
            rest_run = []
            paused_work += is_work
            if day == pause.end:
                steps.append(
                    _("暂停 %(first)s 至 %(last)s（%(reason)s；其间%(count)s个工作日不计入）")
                    % {
                        "first": pause.start.isoformat(),
                        "last": pause.end.isoformat(),
                        "reason": pause.reason,
                        "count": paused_work,
                    }
                )
                steps.extend(pause.notes)
                paused_work, after_pause = 0, True
            continue
        if not is_work:
            rest_run.append(day)
            continue
        steps.extend(describe_rest_run(rest_run, calendar))
        rest_run = []
        counted += 1
        if counted == limit:
            steps.extend(describe_extensions(extensions))
            steps.append(describe_day(day, counted, calendar, due=True))
            return _Walk(day, counted, None, steps)
        if counted == 1 or after_pause or day in calendar.makeup_workdays:
            steps.append(describe_day(day, counted, calendar, due=False))
        after_pause = False
    raise AssertionError("unreachable: _days ends only at an open pause")  # pragma: no cover


# --- events --------------------------------------------------------------------------------


def _stop_index(ordered: list[ClockEvent]) -> int:
    """Index of the reply, else of the closing; the last index when neither happened."""
    kinds = [event.kind for event in ordered]
    for wanted in (EventKind.REPLIED, EventKind.CLOSED):
        if wanted in kinds:
            return kinds.index(wanted)
    return len(ordered) - 1


def _late_problems(
    ordered: list[ClockEvent],
    extensions: list[ClockEvent],
    start_on: datetime.date,
    pauses: list[_Pause],
    calendar: WorkCalendar,
    due_on: datetime.date,
) -> list[str]:
    """Extensions decided after the due date they extend; fee notices after the due date."""
    problems = []
    earlier = 0
    for event in extensions:
        due_before = _walk(start_on, REPLY_DAYS + earlier, pauses, calendar, extensions=[]).due_on
        if due_before is not None and event.on > due_before:
            problems.append(
                _(
                    "%(day)s 决定延长，晚于原届满日 %(due)s："
                    "延长应在答复期限内决定（条例第三十三条）。"
                )
                % {"day": event.on.isoformat(), "due": due_before.isoformat()}
            )
        earlier += event.days
    for event in ordered:
        if event.kind == EventKind.FEE_NOTIFIED and event.on > due_on:
            problems.append(
                _(
                    "收费通知 %(day)s 晚于届满日 %(due)s："
                    "应在答复期限内发出（国办函〔2020〕109号）。"
                )
                % {"day": event.on.isoformat(), "due": due_on.isoformat()}
            )
    return problems


def _consultations(
    ordered: list[ClockEvent], *, calendar: WorkCalendar, as_of: datetime.date, is_stopped: bool
) -> tuple[list[ConsultationReading], list[str]]:
    """The consultations, and the problems: ends without a consultation, consultations past
    their deadline (征求意见期满未答复)."""
    readings, unmatched = read_consultations(
        [e for e in ordered if e.kind == EventKind.CONSULTATION_STARTED],
        [e for e in ordered if e.kind == EventKind.CONSULTATION_DELIVERED],
        [e for e in ordered if e.kind == EventKind.CONSULTATION_ENDED],
        calendar=calendar,
        as_of=as_of,
        is_stopped=is_stopped,
    )
    problems = [
        _("%(day)s 记录了“%(kind)s”，但此前没有对应的“%(opening)s”。")
        % {
            "day": event.on.isoformat(),
            "kind": EventKind.CONSULTATION_ENDED.label,
            "opening": EventKind.CONSULTATION_STARTED.label,
        }
        for event in unmatched
    ]
    for reading in readings:
        if reading.is_expired:
            problems.extend(expired_problems(reading))
    return readings, problems


def _pauses(
    ordered: list[ClockEvent],
    consultations: list[ConsultationReading],
    *,
    fee_pauses_clock: bool,
    problems: list[str],
) -> list[_Pause]:
    """Consultation and (optionally) fee periods, paired start to end, overlaps merged."""
    pauses = [
        _Pause(
            c.sent_on,
            c.pause_end,
            (c.party_kind.value,),
            (describe_cap(c),) if c.pause_end is not None and c.pause_end == c.deadline else (),
        )
        for c in consultations
    ]
    if fee_pauses_clock:
        opened: list[datetime.date] = []
        for event in ordered:
            if event.kind == EventKind.FEE_NOTIFIED:
                opened.append(event.on)
            elif event.kind == EventKind.FEE_PAID and opened:
                pauses.append(_Pause(opened.pop(0), event.on, (_FEE,)))
            elif event.kind == EventKind.FEE_PAID:
                problems.append(
                    _("%(day)s 记录了“%(kind)s”，但此前没有对应的“%(opening)s”。")
                    % {
                        "day": event.on.isoformat(),
                        "kind": EventKind.FEE_PAID.label,
                        "opening": EventKind.FEE_NOTIFIED.label,
                    }
                )
        pauses.extend(_Pause(start, None, (_FEE,)) for start in opened)
    return _merge(pauses)


def _merge(pauses: list[_Pause]) -> list[_Pause]:
    """Union of pauses: overlapping or touching ones become one, reasons joined."""
    merged: list[_Pause] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or pause.start <= last.end):
            end = None if last.end is None or pause.end is None else max(last.end, pause.end)
            kinds = last.kinds + tuple(k for k in pause.kinds if k not in last.kinds)
            notes = last.notes + tuple(n for n in pause.notes if n not in last.notes)
            merged[-1] = _Pause(last.start, end, kinds, notes)
        else:
            merged.append(pause)
    return merged


# --- explanation ---------------------------------------------------------------------------


def _describe_stop(pause: _Pause, counted: int, limit: int) -> str:
    values = {"day": pause.start.isoformat(), "reason": pause.reason, "used": counted}
    if _SUPPLEMENT in pause.kinds:
        return _("自 %(day)s 起停止计算（%(reason)s），此前已用%(used)s个工作日") % values
    return _(
        "自 %(day)s 起暂停（%(reason)s），暂停前已用%(used)s个工作日，尚余%(left)s个工作日"
    ) % {**values, "left": limit - counted}
