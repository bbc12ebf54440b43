"""Reading the working-day calendar from the database for the pure rules in `rules.py`."""

from types import MappingProxyType

from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay
from gongkai.workdays.rules import WorkCalendar


def get_calendar() -> WorkCalendar:
    """Every loaded year with its holidays and 调休 working days (two queries)."""
    loaded_years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    holidays = set()
    makeup_workdays = set()
    names = {}
    for day, kind, name in SpecialDay.objects.values_list("day", "kind", "name"):
        (makeup_workdays if kind == DayKind.WORKDAY else holidays).add(day)
        names[day] = name
    return WorkCalendar(
        loaded_years=loaded_years,
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(makeup_workdays),
        names=MappingProxyType(names),
    )
