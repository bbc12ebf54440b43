"""What the sender of a message sees of its progress: 已提交 → 已受理 → 已答复 → 已公开.

已公开 is a step only for a sender who agreed to publication; a rejected message ends at
不予受理. Dates only, never staff names or notes.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.participation.models import MessageStatus, PublicMessage

LABELS = {
    "submitted": _("已提交"),
    "accepted": _("已受理"),
    "answered": _("已答复"),
    "published": _("已公开"),
    "rejected": _("不予受理"),
}
ACCEPTED_STATUSES = frozenset(
    {MessageStatus.ACCEPTED, MessageStatus.REPLY_DRAFTED, MessageStatus.ANSWERED}
)


@dataclass(frozen=True)
class Step:
    """One step: `state` is done, current or upcoming."""

    key: str
    label: str
    on: datetime.date | None
    state: str

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def message_steps(message: PublicMessage) -> list[Step]:
    """The steps with the current one marked and the dates of the passed ones."""
    received_on = _day(message.received_at)
    if message.status == MessageStatus.REJECTED:
        keys_dates = [("submitted", received_on), ("rejected", _day(message.rejected_at))]
        reached = 1
    else:
        keys_dates = [("submitted", received_on), ("accepted", None), ("answered", None)]
        if message.wants_public or message.is_published:
            keys_dates.append(("published", None))
        reached = 0
        if message.status in ACCEPTED_STATUSES:
            reached = 1
        if message.status == MessageStatus.ANSWERED:
            reached = 2
            keys_dates[2] = ("answered", _day(message.answered_at))
            if message.is_published:
                reached = 3
                keys_dates[3] = ("published", _day(message.published_at))
    steps = []
    for index, (key, on) in enumerate(keys_dates):
        state = "done" if index < reached else "current" if index == reached else "upcoming"
        steps.append(Step(key=key, label=str(LABELS[key]), on=on, state=state))
    return steps
