"""Reading the working-day calendar from the database for the pure rules in `rules.py`."""

from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay
from gongkai.workdays.notices import build_calendar
from gongkai.workdays.rules import WorkCalendar


def get_calendar(*, provisional: bool = True) -> WorkCalendar:
    """Every loaded year with its holidays and 调休 working days (two queries).

    With `provisional` (the default), the year after the last loaded one is counted from the
    放假办法 until its notice is loaded (spec/regulations.md §6): dates that reach into it are
    暂定. A year before the first loaded one, or two years ahead, stays unknown.
    """
    return build_calendar(loaded_years(), special_days(), provisional=provisional)


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
