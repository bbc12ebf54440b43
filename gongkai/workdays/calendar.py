"""Reading the working-day calendar from the database for the pure rules in `rules.py`."""

import contextlib
import contextvars
from collections.abc import Iterator

from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay
from gongkai.workdays.notices import build_calendar
from gongkai.workdays.rules import WorkCalendar


def get_calendar(*, provisional: bool = True) -> WorkCalendar:
    """Every loaded year with its holidays and 调休 working days (two queries).

    With `provisional` (the default), the year after the last loaded one is counted from the
    放假办法 until its notice is loaded (spec/regulations.md §6): dates that reach into it are
    暂定. A year before the first loaded one, or two years ahead, stays unknown.
    """
    held = _held.get()
    if held is not None and provisional in held:
        return held[provisional]
    calendar = build_calendar(loaded_years(), special_days(), provisional=provisional)
    if held is not None:
        held[provisional] = calendar
    return calendar


_held: contextvars.ContextVar[dict | None] = contextvars.ContextVar("calendar", default=None)


@contextlib.contextmanager
def calendar_held() -> Iterator[None]:
    """Read the calendar once for the whole block: for bulk work that changes no holidays
    (the demo's year of history replays hundreds of steps, each of which reads it)."""
    token = _held.set({})
    try:
        yield
    finally:
        _held.reset(token)


def loaded_years() -> frozenset[int]:
    return frozenset(CalendarYear.objects.values_list("year", flat=True))


def special_days() -> list:
    """Every stored day as (day, is 调休 working day, name)."""
    return [
        (day, kind == DayKind.WORKDAY, name)
        for day, kind, name in SpecialDay.objects.values_list("day", "kind", "name")
    ]


def provisional_year() -> int | None:
    """The year counted provisionally now, if any."""
    years = get_calendar().provisional_years
    return min(years) if years else None
