"""The 2025 and 2026 holiday schedules exactly as spec/regulations.md §6 tabulates them.

Written out by hand from the spec, independently of the chinesecalendar package, so the
arithmetic tests and the check of the seeded database share one reference.
"""

import datetime
from types import MappingProxyType

from gongkai.workdays.rules import WorkCalendar


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def span(first: str, last: str) -> list[datetime.date]:
    """Every date from `first` to `last`, both included, as the spec's "Jan 28 – Feb 4"."""
    start, end = day(first), day(last)
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


# 国办发明电〔2024〕12号
HOLIDAYS_2025 = {
    "元旦": [day("2025-01-01")],
    "春节": span("2025-01-28", "2025-02-04"),
    "清明": span("2025-04-04", "2025-04-06"),
    "劳动节": span("2025-05-01", "2025-05-05"),
    "端午": span("2025-05-31", "2025-06-02"),
    "国庆、中秋": span("2025-10-01", "2025-10-08"),
}
MAKEUP_WORKDAYS_2025 = {
    "春节": [day("2025-01-26"), day("2025-02-08")],
    "劳动节": [day("2025-04-27")],
    "国庆、中秋": [day("2025-09-28"), day("2025-10-11")],
}

# 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）
HOLIDAYS_2026 = {
    "元旦": span("2026-01-01", "2026-01-03"),
    "春节": span("2026-02-15", "2026-02-23"),
    "清明": span("2026-04-04", "2026-04-06"),
    "劳动节": span("2026-05-01", "2026-05-05"),
    "端午": span("2026-06-19", "2026-06-21"),
    "中秋": span("2026-09-25", "2026-09-27"),
    "国庆": span("2026-10-01", "2026-10-07"),
}
MAKEUP_WORKDAYS_2026 = {
    "元旦": [day("2026-01-04")],
    "春节": [day("2026-02-14"), day("2026-02-28")],
    "劳动节": [day("2026-05-09")],
    "国庆": [day("2026-09-20"), day("2026-10-10")],
}

SCHEDULES = {
    2025: (HOLIDAYS_2025, MAKEUP_WORKDAYS_2025),
    2026: (HOLIDAYS_2026, MAKEUP_WORKDAYS_2026),
}


def dates_of(table: dict[str, list[datetime.date]]) -> set[datetime.date]:
    return {d for days in table.values() for d in days}


def spec_calendar() -> WorkCalendar:
    """2025 and 2026 loaded from the spec's tables; every other year unknown."""
    names = {}
    holidays: set[datetime.date] = set()
    makeup_workdays: set[datetime.date] = set()
    for holiday_table, makeup_table in SCHEDULES.values():
        for name, days in holiday_table.items():
            holidays.update(days)
            names.update(dict.fromkeys(days, name))
        for name, days in makeup_table.items():
            makeup_workdays.update(days)
            names.update(dict.fromkeys(days, name))
    return WorkCalendar(
        loaded_years=frozenset(SCHEDULES),
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(makeup_workdays),
        names=MappingProxyType(names),
    )
