"""The clock of a public-opinion event (政务舆情回应), in hours. Pure: no database, no settings.

国办发〔2016〕61号 (regulations.md §5.1): opinion about a 特别重大、重大突发事件 must be met
快速反应、及时发声, "最迟应在24小时内举行新闻发布会"; other 政务舆情 are answered within 48
hours; afterwards authoritative information keeps coming as the work goes on.

Hours run on calendar time: 24 hours are 24 elapsed hours, whatever the clock on the wall
says, so midnight, weekends and the National Day holiday change nothing. (Working days, and
the workdays calendar, are for the 条例's clocks, not this one.) Datetimes must be aware;
arithmetic is done in UTC so that even a zone with summer time would get elapsed hours.

Choices this module makes, and why:

1. **What stops the major clock.** The notice names the form: a press conference
   (举行新闻发布会) within 24 hours. So for 特别重大、重大 only a 新闻发布会 meets the
   clock. A statement or press release issued earlier is recorded and shown ("已发布权威信息，
   尚未举行新闻发布会"), but the clock keeps running. For 一般 events "予以回应" is any
   response, so every kind (press release, statement, interview, published information,
   follow-up) meets the 48-hour clock. A county bureau that cannot hold a press conference
   for an event it called 重大 should revisit the grade (with a recorded reason) rather
   than have a statement counted as if the notice had been followed.

2. **Escalation to 重大 at t**: deadline = min(current deadline, t + 24 h). The agency
   gets the full 24 hours from the moment it judged the event major (it could not hold a
   press conference for a grade it did not yet know), but an escalation never gives more
   time than the clock already allowed. Since t ≥ first seen, the deadline is never
   earlier than first seen + 24 h, nor earlier than t itself; and it is never later than
   first seen + 48 h.

3. **De-escalation to 一般 at t**: if the deadline has not passed at t, the event is on the
   48-hour clock from first seen (and any response meets it); if it has passed, the
   deadline and the need for a press conference stay as they were: regrading after the
   fact does not turn a missed clock into a kept one.

4. **Results.** An event whose first qualifying response came at or before the deadline is
   on time, after it late. A closed event without a qualifying response missed its clock,
   unless it had no response at all and was closed by the deadline with a note saying why
   none was needed: then it is exempt and stays out of the on-time rate (closing an
   overdue event with such a note does not help the rate). Open events are pending until
   the deadline passes, then overdue.

Verification requests (核实请求) have their own clock: answer within 24 hours.
"""

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy

from gongkai.participation.models.opinion import ResponseKind, Severity

RESPONSE_HOURS = {Severity.MAJOR: 24, Severity.GENERAL: 48}  # 国办发〔2016〕61号
VERIFICATION_HOURS = 24  # issue #6: verification requests are answered within 24 hours

UTC = datetime.UTC
ALL_KINDS = frozenset(ResponseKind.values)
MAJOR_KINDS = frozenset({ResponseKind.PRESS_CONFERENCE.value})


class ClockResult(models.TextChoices):
    PENDING = "pending", gettext_lazy("未到期")
    OVERDUE = "overdue", gettext_lazy("已超期未回应")
    ON_TIME = "on_time", gettext_lazy("按时回应")
    LATE = "late", gettext_lazy("超时回应")
    MISSED = "missed", gettext_lazy("未按要求回应")
    EXEMPT = "exempt", gettext_lazy("无需回应")


# Results that count in the on-time rate: the clock has been decided one way or the other.
DECIDED = frozenset(
    {ClockResult.ON_TIME, ClockResult.LATE, ClockResult.MISSED, ClockResult.OVERDUE}
)


@dataclass(frozen=True)
class Clock:
    """Where the clock stands after the severity history: deadline and what stops it."""

    respond_by: datetime.datetime
    needs_press_conference: bool

    @property
    def qualifying_kinds(self) -> frozenset[str]:
        return MAJOR_KINDS if self.needs_press_conference else ALL_KINDS


@dataclass(frozen=True)
class TimeLeft:
    """Hours and minutes to the deadline, or past it when `is_overdue`."""

    is_overdue: bool
    hours: int
    minutes: int


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    events: int
    decided: int
    on_time: int
    median_response_hours: float | None

    @property
    def on_time_rate(self) -> float | None:
        """Share of decided clocks kept, 0–1; None when nothing was decided that month."""
        return self.on_time / self.decided if self.decided else None


def _aware(value: datetime.datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def add_hours(start: datetime.datetime, hours: int) -> datetime.datetime:
    """`start` plus elapsed hours (UTC arithmetic), in `start`'s time zone."""
    _aware(start, "start")
    moved = start.astimezone(UTC) + datetime.timedelta(hours=hours)
    return moved.astimezone(start.tzinfo)


def read_clock(
    first_seen_at: datetime.datetime,
    severity_history: Sequence[tuple[datetime.datetime, str]],
) -> Clock:
    """The deadline and what meets it, from (time, severity) pairs: the first is the grade
    given when the event was first seen, the others are changes, read in time order
    (国办发〔2016〕61号; rules 1–3 of the module)."""
    _aware(first_seen_at, "first_seen_at")
    if not severity_history:
        raise ValueError("severity_history needs the initial severity")
    initial = severity_history[0][1]
    changes = sorted(severity_history[1:], key=lambda change: change[0])
    clock = Clock(
        respond_by=add_hours(first_seen_at, RESPONSE_HOURS[Severity(initial)]),
        needs_press_conference=initial == Severity.MAJOR,
    )
    current = initial
    for changed_at, severity in changes:
        _aware(changed_at, "changed_at")
        if changed_at < first_seen_at:
            raise ValueError("a severity change cannot precede the first sighting")
        if severity == current:
            continue
        if severity == Severity.MAJOR:
            escalated_by = add_hours(changed_at, RESPONSE_HOURS[Severity.MAJOR])
            clock = Clock(min(clock.respond_by, escalated_by), needs_press_conference=True)
        elif changed_at <= clock.respond_by:
            general_by = add_hours(first_seen_at, RESPONSE_HOURS[Severity.GENERAL])
            clock = Clock(general_by, needs_press_conference=False)
        current = severity
    return clock


def respond_by(
    first_seen_at: datetime.datetime,
    severity_history: Sequence[tuple[datetime.datetime, str]],
) -> datetime.datetime:
    """The response deadline after the severity history (see `read_clock`)."""
    return read_clock(first_seen_at, severity_history).respond_by


def first_qualifying_response(
    clock: Clock,
    first_seen_at: datetime.datetime,
    responses: Iterable[tuple[str, datetime.datetime]],
) -> datetime.datetime | None:
    """The earliest (kind, time) response that meets the clock, or None."""
    times = [at for kind, at in responses if kind in clock.qualifying_kinds and at >= first_seen_at]
    return min(times, default=None)


def verification_answer_by(requested_at: datetime.datetime) -> datetime.datetime:
    """A verification request is answered within 24 hours of its arrival."""
    return add_hours(requested_at, VERIFICATION_HOURS)


def time_left(deadline: datetime.datetime, now: datetime.datetime) -> TimeLeft:
    """Whole hours and minutes to `deadline` (or past it), rounded down to the minute."""
    _aware(deadline, "deadline")
    _aware(now, "now")
    seconds = (deadline - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    return TimeLeft(is_overdue=seconds < 0, hours=minutes // 60, minutes=minutes % 60)


def clock_result(
    *,
    respond_by: datetime.datetime,
    first_response_at: datetime.datetime | None,
    closed_at: datetime.datetime | None,
    has_responses: bool,
    now: datetime.datetime,
) -> ClockResult:
    """How the event stands against its clock (rule 4 of the module).

    `first_response_at` is the first *qualifying* response; `has_responses` says whether
    there is any response at all."""
    if first_response_at is not None:
        return ClockResult.ON_TIME if first_response_at <= respond_by else ClockResult.LATE
    if closed_at is not None:
        if not has_responses and closed_at <= respond_by:
            return ClockResult.EXEMPT
        return ClockResult.MISSED
    return ClockResult.OVERDUE if now > respond_by else ClockResult.PENDING


def monthly_figures(
    records: Iterable[tuple[datetime.datetime, datetime.datetime | None, str]],
    tz: datetime.tzinfo,
) -> list[MonthFigures]:
    """Per month of first sighting (local time in `tz`): events, decided clocks, clocks kept,
    and the median hours from first sighting to the first qualifying response.

    `records` are (first_seen_at, first_response_at, ClockResult value) tuples."""
    months: dict[tuple[int, int], list[tuple[datetime.datetime, datetime.datetime | None, str]]]
    months = {}
    for record in records:
        local = record[0].astimezone(tz)
        months.setdefault((local.year, local.month), []).append(record)
    figures = []
    for (year, month), rows in sorted(months.items()):
        hours = [
            (answered - seen).total_seconds() / 3600
            for seen, answered, _result in rows
            if answered is not None
        ]
        figures.append(
            MonthFigures(
                year=year,
                month=month,
                events=len(rows),
                decided=sum(1 for *_, result in rows if result in DECIDED),
                on_time=sum(1 for *_, result in rows if result == ClockResult.ON_TIME),
                median_response_hours=statistics.median(hours) if hours else None,
            )
        )
    return figures
