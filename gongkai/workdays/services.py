"""Changing the working-day calendar. Each change is one function: it runs in a transaction,
writes an audit event on the calendar year, and announces `calendar_changed` after commit so
that stored due dates are re-derived (design.md)."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event, snapshot
from gongkai.workdays.calendar import loaded_years, special_days
from gongkai.workdays.due_dates import DueChange, preview_due_changes
from gongkai.workdays.errors import (
    CalendarYearMissing,
    InvalidSpecialDay,
    SpecialDayNotFound,
    WorkdaysError,
)
from gongkai.workdays.models import CalendarYear, DayKind, Source, SpecialDay
from gongkai.workdays.notices import Notice, with_notice
from gongkai.workdays.rules import check_special_day
from gongkai.workdays.signals import calendar_changed

ACTION_ADD_YEAR = "workdays.add_year"
ACTION_LOAD_YEAR = "workdays.load_year"
ACTION_REMOVE_YEAR = "workdays.remove_year"
ACTION_UPDATE_NOTICE = "workdays.update_notice"
ACTION_SET_DAY = "workdays.set_special_day"
ACTION_REMOVE_DAY = "workdays.remove_special_day"

YEAR_FIELDS = ["year", "notice", "notice_url", "source"]
DAY_FIELDS = ["day", "kind", "name"]

Actor = AbstractBaseUser | None
DayEntry = tuple[datetime.date, str]


@transaction.atomic
def load_year(
    *,
    year: int,
    notice: str,
    notice_url: str = "",
    actor: Actor,
    holidays: Sequence[DayEntry],
    makeup_workdays: Sequence[DayEntry],
) -> CalendarYear:
    """Load a year from the State Council's holiday notice, replacing what it had before."""
    notice = _required_notice(notice)
    entries = _notice_entries(year, holidays, makeup_workdays)
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    before = None
    if calendar_year is None:
        calendar_year = CalendarYear(year=year)
    else:
        before = _year_state(calendar_year)
        calendar_year.days.all().delete()
    calendar_year.notice = notice
    calendar_year.notice_url = notice_url
    calendar_year.source = Source.MANUAL
    if before is None:
        calendar_year.save()
    else:
        calendar_year.save(update_fields=["notice", "notice_url", "source", "updated_at"])
    SpecialDay.objects.bulk_create(
        SpecialDay(year=calendar_year, day=day, kind=kind, name=name) for day, kind, name in entries
    )
    record_event(
        actor=actor,
        action=ACTION_LOAD_YEAR,
        obj=calendar_year,
        before=before,
        after=_year_state(calendar_year),
    )
    _announce_calendar_change(actor=actor, years={year})
    return calendar_year


@transaction.atomic
def remove_year(*, year: int, actor: Actor) -> None:
    """Unload a year: deadlines reaching it fail loudly again until it is loaded."""
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    if calendar_year is None:
        raise CalendarYearMissing(year)
    _delete_calendar_year(calendar_year, actor=actor)
    _announce_calendar_change(actor=actor, years={year})


@transaction.atomic
def update_notice(*, year: int, notice: str, notice_url: str = "", actor: Actor) -> CalendarYear:
    """Correct the notice a year cites; no day changes, so nothing is announced."""
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    if calendar_year is None:
        raise CalendarYearMissing(year)
    calendar_year.notice = _required_notice(notice)
    calendar_year.notice_url = notice_url
    _save_calendar_year(calendar_year, actor=actor)
    return calendar_year


@transaction.atomic
def set_special_day(
    *, year: int, day: datetime.date, kind: str, name: str, actor: Actor
) -> SpecialDay:
    """Make `day` a holiday or a 调休 working day of a loaded year (create or update)."""
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    if calendar_year is None:
        raise CalendarYearMissing(year)
    special_day = SpecialDay.objects.filter(day=day).first() or SpecialDay(day=day)
    special_day.year = calendar_year
    special_day.kind = _day_kind(kind)
    special_day.name = name
    if _save_special_day(special_day, actor=actor):
        _announce_calendar_change(actor=actor, years={year})
    return special_day


@transaction.atomic
def remove_special_day(*, day: datetime.date, actor: Actor) -> None:
    """Make `day` an ordinary day again: a working day on Mon–Fri, a rest day at weekends."""
    special_day = SpecialDay.objects.select_related("year").filter(day=day).first()
    if special_day is None:
        raise SpecialDayNotFound(day)
    _delete_special_day(special_day, actor=actor)
    _announce_calendar_change(actor=actor, years={day.year})


# The functions below change one row without announcing it. The admin uses them so that one
# save of a year with many inline days sends `calendar_changed` once; callers must run them
# inside transaction.atomic and then call _announce_calendar_change.


def _save_calendar_year(calendar_year: CalendarYear, *, actor: Actor) -> None:
    """Insert or update a year's own fields (not its days), with its audit event."""
    if calendar_year.pk is None:
        calendar_year.save()
        record_event(
            actor=actor,
            action=ACTION_ADD_YEAR,
            obj=calendar_year,
            after=snapshot(calendar_year, YEAR_FIELDS),
        )
        return
    before = snapshot(CalendarYear.objects.get(pk=calendar_year.pk), YEAR_FIELDS)
    calendar_year.save(update_fields=["notice", "notice_url", "source", "updated_at"])
    after = snapshot(calendar_year, YEAR_FIELDS)
    if before != after:
        record_event(
            actor=actor, action=ACTION_UPDATE_NOTICE, obj=calendar_year, before=before, after=after
        )


def _delete_calendar_year(calendar_year: CalendarYear, *, actor: Actor) -> None:
    """Delete a year and its days, recording what they were."""
    record_event(
        actor=actor, action=ACTION_REMOVE_YEAR, obj=calendar_year, before=_year_state(calendar_year)
    )
    calendar_year.delete()


def _save_special_day(special_day: SpecialDay, *, actor: Actor) -> bool:
    """Validate and save one day with its audit event; False when nothing changed."""
    calendar_year = special_day.year
    check_special_day(
        year=calendar_year.year,
        day=special_day.day,
        is_makeup_workday=special_day.kind == DayKind.WORKDAY,
    )
    special_day.name = special_day.name.strip()
    if not special_day.name:
        raise InvalidSpecialDay(
            _("请填写%(day)s对应的节日名称。") % {"day": special_day.day.isoformat()}
        )
    before = None
    if special_day.pk is not None:
        before = snapshot(SpecialDay.objects.get(pk=special_day.pk), DAY_FIELDS)
    after = snapshot(special_day, DAY_FIELDS)
    if before == after:
        return False
    if before is None:
        special_day.save()
    else:
        special_day.save(update_fields=DAY_FIELDS)
    calendar_year.save(update_fields=["updated_at"])
    record_event(actor=actor, action=ACTION_SET_DAY, obj=calendar_year, before=before, after=after)
    return True


def _delete_special_day(special_day: SpecialDay, *, actor: Actor) -> None:
    """Delete one day with its audit event."""
    calendar_year = special_day.year
    before = snapshot(special_day, DAY_FIELDS)
    special_day.delete()
    calendar_year.save(update_fields=["updated_at"])
    record_event(actor=actor, action=ACTION_REMOVE_DAY, obj=calendar_year, before=before)


def _announce_calendar_change(*, actor: Actor, years: Iterable[int]) -> None:
    """Send `calendar_changed` once the transaction commits, so receivers read the new days."""
    changed = frozenset(years)
    transaction.on_commit(
        lambda: calendar_changed.send(sender=CalendarYear, actor=actor, years=set(changed))
    )


def _year_state(calendar_year: CalendarYear) -> dict[str, Any]:
    """A year's fields and days, for the audit trail."""
    state = snapshot(calendar_year, YEAR_FIELDS)
    days = list(calendar_year.days.order_by("day").values_list("day", "kind", "name"))
    state["holidays"] = [[d.isoformat(), n] for d, k, n in days if k == DayKind.HOLIDAY]
    state["makeup_workdays"] = [[d.isoformat(), n] for d, k, n in days if k == DayKind.WORKDAY]
    return state


def _required_notice(notice: str) -> str:
    notice = notice.strip()
    if not notice:
        raise WorkdaysError(_("请填写放假通知的文号或标题，例如“国办发明电〔2024〕12号”。"))
    return notice


def _day_kind(kind: str) -> DayKind:
    try:
        return DayKind(kind)
    except ValueError:
        raise InvalidSpecialDay(_("未知的日期类型“%(kind)s”。") % {"kind": kind}) from None


def _notice_entries(
    year: int, holidays: Sequence[DayEntry], makeup_workdays: Sequence[DayEntry]
) -> list[tuple[datetime.date, DayKind, str]]:
    """A notice's days, checked: each in the year, 调休 days at weekends, none twice, named."""
    if not holidays:
        raise InvalidSpecialDay(_("放假通知中至少应有一个放假日。"))
    entries: list[tuple[datetime.date, DayKind, str]] = []
    seen: set[datetime.date] = set()
    for kind, days in ((DayKind.HOLIDAY, holidays), (DayKind.WORKDAY, makeup_workdays)):
        for day, name in days:
            check_special_day(year=year, day=day, is_makeup_workday=kind == DayKind.WORKDAY)
            if day in seen:
                raise InvalidSpecialDay(
                    _("%(day)s 在通知中出现了不止一次。") % {"day": day.isoformat()}
                )
            if not name.strip():
                raise InvalidSpecialDay(
                    _("请填写%(day)s对应的节日名称。") % {"day": day.isoformat()}
                )
            seen.add(day)
            entries.append((day, kind, name.strip()))
    return entries


# --- notices as files ----------------------------------------------------------------------


def preview_notice(notice: Notice) -> list[DueChange]:
    """What loading `notice` would do to every open due date; saves nothing."""
    calendar = with_notice(loaded_years(), special_days(), notice)
    return preview_due_changes(calendar)


def load_notice(notice: Notice, *, actor: Actor) -> CalendarYear:
    """Load a checked notice file (audited; open clocks are recomputed after commit)."""
    return load_year(
        year=notice.year,
        notice=notice.notice,
        notice_url=notice.notice_url,
        actor=actor,
        holidays=list(notice.holidays),
        makeup_workdays=list(notice.makeup_workdays),
    )


def notice_of_year(year: int) -> Notice:
    """A loaded year as a notice (for `gongkai calendar export-year`)."""
    calendar_year = CalendarYear.objects.filter(year=year).first()
    if calendar_year is None:
        raise CalendarYearMissing(year)
    days = list(calendar_year.days.order_by("day").values_list("day", "kind", "name"))
    return Notice(
        year=year,
        notice=calendar_year.notice,
        notice_url=calendar_year.notice_url,
        holidays=tuple((d, n) for d, k, n in days if k == DayKind.HOLIDAY),
        makeup_workdays=tuple((d, n) for d, k, n in days if k == DayKind.WORKDAY),
    )
