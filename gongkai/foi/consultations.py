"""Consultations while an application is handled: a third party (条例第三十二条) or another
agency that made the information together with this one (条例第三十四条). Pure: no database.

Both have 15 working days **from the day they receive** the request for comments (征求意见书).
Until that day is recorded the sending day stands in, which gives the earliest deadline
possible. The time spent consulting is not counted in the reply period (第三十三条第三款), but
only up to the party's deadline: after it the regulation lets the agency decide on its own
(third party, 第三十二条: 由行政机关依照本条例的规定决定是否公开) or deems the other agency to
consent (第三十四条: 逾期未提出意见的视为同意公开). So a pause ends on the day the opinion
arrives or on the deadline, whichever is first, and a consultation still open after its
deadline is flagged: the clerk must end it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import WorkCalendar, add_working_days

if TYPE_CHECKING:
    from gongkai.foi.clock import ClockEvent

CONSULTATION_DAYS = 15  # 条例第三十二条、第三十四条: 自收到征求意见书之日起15个工作日内提出意见


class ConsultationParty(models.TextChoices):
    """Whom the agency consults; their silence means different things."""

    THIRD_PARTY = "third_party", gettext_lazy("第三方（条例第三十二条）")
    AGENCY = "agency", gettext_lazy("其他行政机关（条例第三十四条）")


class ConsultationResult(models.TextChoices):
    """How a consultation ended."""

    ANSWERED = "answered", gettext_lazy("收到意见")
    NO_REPLY = "no_reply", gettext_lazy("期满未提出意见")


def party_of(value: str) -> ConsultationParty:
    """The stored party kind; consultations logged before the split were all third parties
    (the only letter the platform had was the third-party letter)."""
    return ConsultationParty(value) if value else ConsultationParty.THIRD_PARTY


@dataclass(frozen=True)
class ConsultationReading:
    """One consultation as the clock sees it.

    `pause_end` is the last day the pause covers: the day the opinion arrived, capped at the
    deadline; for an open consultation, the deadline once it has passed, else None (the pause
    is still running). `is_expired`: the deadline has passed and nothing ends the consultation.
    """

    ref: str
    party_kind: ConsultationParty
    sent_on: datetime.date
    party_received_on: datetime.date | None
    deadline: datetime.date | None  # None when the calendar cannot count that far yet
    ended_on: datetime.date | None
    pause_end: datetime.date | None
    is_expired: bool

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def counts_from(self) -> datetime.date:
        """The day the party's 15 working days start after (its receipt, else the sending)."""
        return self.party_received_on or self.sent_on


def consultation_deadline(counts_from: datetime.date, calendar: WorkCalendar) -> datetime.date:
    """The party's last day: the 15th working day after it received the request (条例第三十二条、
    第三十四条; the start day is not counted)."""
    return add_working_days(counts_from, CONSULTATION_DAYS, calendar)


def read_consultations(
    starts: Iterable["ClockEvent"],
    deliveries: Iterable["ClockEvent"],
    ends: Iterable["ClockEvent"],
    *,
    calendar: WorkCalendar,
    as_of: datetime.date,
    is_stopped: bool,
) -> tuple[list[ConsultationReading], list["ClockEvent"]]:
    """Each consultation with its receipt, end, deadline and pause; and the ends that match no
    consultation. Events come in date order.

    An end or a receipt names its consultation by `ref`; an end without one (logged before
    consultations had references) closes the oldest consultation still open. `as_of` is the
    reply or closing day, else today; `is_stopped` says the case is answered or closed, so an
    open consultation past its deadline is no longer flagged.
    """
    opened = list(starts)
    received: dict[str, datetime.date] = {}
    for delivery in deliveries:
        if delivery.ref:
            received[delivery.ref] = delivery.on  # The latest record wins (a correction).
    ended: dict[int, datetime.date] = {}
    unmatched: list[ClockEvent] = []
    for end in ends:
        index = next(
            (i for i, start in enumerate(opened) if end.ref and start.ref == end.ref), None
        )
        if index is None and not end.ref:
            index = next(
                (i for i, start in enumerate(opened) if i not in ended and start.on <= end.on),
                None,
            )
        if index is None or index in ended:
            unmatched.append(end)
        else:
            ended[index] = end.on
    readings = []
    for index, start in enumerate(opened):
        party_received_on = received.get(start.ref) if start.ref else None
        try:
            deadline = consultation_deadline(party_received_on or start.on, calendar)
        except WorkdaysError:
            deadline = None  # Past the years the calendar knows: the pause stays open.
        ended_on = ended.get(index)
        if ended_on is not None:
            pause_end = min(ended_on, deadline) if deadline else ended_on
        elif deadline is not None and as_of > deadline:
            pause_end = deadline
        else:
            pause_end = None
        readings.append(
            ConsultationReading(
                ref=start.ref,
                party_kind=party_of(start.party_kind),
                sent_on=start.on,
                party_received_on=party_received_on,
                deadline=deadline,
                ended_on=ended_on,
                pause_end=pause_end,
                is_expired=ended_on is None and pause_end is not None and not is_stopped,
            )
        )
    return readings, unmatched


def pause_reason(party_kind: str) -> str:
    """Why the clock does not run while this party is consulted."""
    if party_kind == ConsultationParty.AGENCY:
        return _("征求其他机关意见，所需时间依条例第三十三条第三款、第三十四条不计入答复期限")
    return _("征求第三方意见，所需时间依条例第三十二条、第三十三条第三款不计入答复期限")


def describe_deadline(reading: ConsultationReading) -> str:
    """The party's deadline and what it counts from, for the clock's explanation."""
    third_party = reading.party_kind == ConsultationParty.THIRD_PARTY
    values = {
        "party": _("第三方") if third_party else _("其他机关"),
        "due": reading.deadline.isoformat() if reading.deadline else "",
        "from": reading.counts_from.isoformat(),
    }
    if reading.deadline is None:
        return _("%(party)s的征求意见期限尚不能计算（所需年份的工作日历尚未载入）") % values
    if reading.party_received_on is None:
        return (
            _(
                "%(party)s的征求意见期限：%(due)s（对方收到征求意见书的日期尚未登记，暂自发出之日"
                " %(from)s 起算15个工作日，为最早可能的期限）"
            )
            % values
        )
    return (
        _("%(party)s的征求意见期限：%(due)s（自对方收到征求意见书之日 %(from)s 起15个工作日）")
        % values
    )


def describe_cap(reading: ConsultationReading) -> str:
    """The explanation step of a pause that ran into the party's deadline."""
    return _("征求意见期限 %(due)s 届满，此后的时间计入答复期限（条例第三十二条、第三十四条）") % {
        "due": reading.deadline.isoformat() if reading.deadline else ""
    }


def expired_problems(reading: ConsultationReading) -> list[str]:
    """征求意见期满未答复: what the clerk must do, by party."""
    values = {"due": reading.deadline.isoformat() if reading.deadline else ""}
    if reading.party_kind == ConsultationParty.AGENCY:
        message = _(
            "征求意见期满未答复：被征求意见的机关应于 %(due)s 前提出意见，"
            "逾期未提出意见的视为同意公开（条例第三十四条）。"
            "请结束征求意见；此后的时间计入答复期限。"
        )
    else:
        message = _(
            "征求意见期满未答复：第三方应于 %(due)s 前提出意见。"
            "第三方逾期未提出意见的，由本机关依法决定是否公开（条例第三十二条），不视为同意。"
            "请结束征求意见并记录决定；此后的时间计入答复期限。"
        )
    problems = [message % values]
    if reading.party_received_on is None:
        problems.append(
            _("对方收到征求意见书的日期尚未登记，征求意见期限暂按发出之日计算，请登记。")
        )
    return problems
