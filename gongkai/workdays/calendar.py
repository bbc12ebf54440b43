"""Reading the working-day calendar from the database for the pure rules in `rules.py`."""

from types import MappingProxyType

from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay
from gongkai.workdays.rules import WorkCalendar
from gongkai.workdays.statutory import FIRST_YEAR, provisional_rest_days


def get_calendar(*, provisional: bool = True) -> WorkCalendar:
    """Every loaded year with its holidays and 调休 working days (two queries).

    With `provisional` (the default), the year after the last loaded one is counted from the
    放假办法 until its notice is loaded (spec/regulations.md §6): dates that reach into it are
    暂定. A year before the first loaded one, or two years ahead, stays unknown.
    """
    loaded_years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    holidays = set()
    makeup_workdays = set()
    names = {}
    for day, kind, name in SpecialDay.objects.values_list("day", "kind", "name"):
        (makeup_workdays if kind == DayKind.WORKDAY else holidays).add(day)
        names[day] = name
    provisional_years: frozenset[int] = frozenset()
    next_year = provisional_year(loaded_years)
    if provisional and next_year is not None:
        provisional_years = frozenset({next_year})
        for rest_day in provisional_rest_days(next_year):
            holidays.add(rest_day.day)
            names[rest_day.day] = rest_day.name
    return WorkCalendar(
        loaded_years=loaded_years,
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(makeup_workdays),
        names=MappingProxyType(names),
        provisional_years=provisional_years,
    )


def provisional_year(loaded_years: "frozenset[int] | set[int]") -> int | None:
    """The year that is counted provisionally: the one after the last loaded year."""
    if not loaded_years:
        return None
    year = max(loaded_years) + 1
    return year if year >= FIRST_YEAR else None
