"""The state of one obligation, from its due and done moments. Pure: no database, no clock.

An obligation is due either on a day (a working-day clock: the reply is in time if it is made
on or before `due_on`) or at an instant (the 24/48-hour clocks of 舆情 responses: in time if done
at or before `due_at`).
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    OPEN = "open", _("办理中")
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已逾期")
    DONE_ON_TIME = "done_on_time", _("按时完成")
    DONE_LATE = "done_late", _("逾期完成")
    NO_DUE_DATE = "no_due_date", _("期限未定")


OPEN_STATES = (State.OPEN, State.DUE_SOON, State.OVERDUE, State.NO_DUE_DATE)


@dataclass(frozen=True)
class Moments:
    due_on: datetime.date | None
    due_at: datetime.datetime | None = None
    done_on: datetime.date | None = None
    done_at: datetime.datetime | None = None


def is_late(m: Moments) -> bool | None:
    """Whether a done obligation was done late; None while open or without a due date."""
    if m.done_on is None and m.done_at is None:
        return None
    if m.due_at is not None and m.done_at is not None:
        return m.done_at > m.due_at
    if m.due_on is None:
        return None
    done_on = m.done_on if m.done_on is not None else m.done_at.date()
    return done_on > m.due_on


def state_of(
    m: Moments,
    *,
    now: datetime.datetime,
    today: datetime.date,
    soon_until: datetime.date | None = None,
    soon_until_at: datetime.datetime | None = None,
) -> State:
    """The state on `today` (at `now`). An open day-clock is due soon when its day is on or
    before `soon_until` (the caller counts the warning window in working days); an open
    instant-clock when its instant is at or before `soon_until_at`."""
    late = is_late(m)
    if late is not None:
        return State.DONE_LATE if late else State.DONE_ON_TIME
    if m.done_on is not None or m.done_at is not None:
        return State.DONE_ON_TIME  # done, and nothing was due
    if m.due_at is not None:
        if now > m.due_at:
            return State.OVERDUE
        if soon_until_at is not None and m.due_at <= soon_until_at:
            return State.DUE_SOON
        return State.OPEN
    if m.due_on is None:
        return State.NO_DUE_DATE
    if today > m.due_on:
        return State.OVERDUE
    if soon_until is not None and m.due_on <= soon_until:
        return State.DUE_SOON
    return State.OPEN
