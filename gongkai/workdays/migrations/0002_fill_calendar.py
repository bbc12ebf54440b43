"""Seed the working-day calendar with every year the chinesecalendar package knows.

Data, not schema: holidays and 调休 working days are then edited by administrators, who
load each new year from the State Council's notice (gongkai/workdays/README.md).
"""

import datetime
from importlib.metadata import version

from django.db import migrations

SOURCE = "chinesecalendar"
# The notices behind the package's data, where checked (spec/regulations.md §6).
NOTICES = {
    2025: "国办发明电〔2024〕12号",
    2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
}
NOTICE_URLS = {
    2025: "https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm",
    2026: "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
}


def known_years() -> list[int]:
    """The consecutive years chinesecalendar has data for, found by asking it."""
    from chinese_calendar import is_workday
    from chinese_calendar.constants import holidays

    years = []
    year = min(holidays).year
    while True:
        try:
            is_workday(datetime.date(year, 1, 1))
        except NotImplementedError:
            return years
        years.append(year)
        year += 1


def holiday_name(value: str) -> str:
    """The Chinese name of a chinesecalendar Holiday value, e.g. "Spring Festival" → 春节."""
    from chinese_calendar.constants import Holiday

    try:
        return Holiday(value).chinese
    except ValueError:
        return value


def fill_calendar(apps, schema_editor):
    from chinese_calendar.constants import holidays, workdays

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    SpecialDay = apps.get_model("workdays", "SpecialDay")
    major, minor = version("chinesecalendar").split(".")[:2]
    package_notice = f"chinesecalendar {major}.{minor} 数据"
    present = set(CalendarYear.objects.values_list("year", flat=True))
    for year in known_years():
        if year in present:
            continue
        calendar_year = CalendarYear.objects.create(
            year=year,
            notice=NOTICES.get(year, package_notice),
            notice_url=NOTICE_URLS.get(year, ""),
            source=SOURCE,
        )
        # Every statutory holiday date is kept, weekend or not: it records the notice, and a
        # weekend holiday changes no arithmetic.
        days = [
            SpecialDay(year=calendar_year, day=day, kind="holiday", name=holiday_name(value))
            for day, value in holidays.items()
            if day.year == year
        ] + [
            SpecialDay(year=calendar_year, day=day, kind="workday", name=holiday_name(value))
            for day, value in workdays.items()
            if day.year == year
        ]
        SpecialDay.objects.bulk_create(days)


def unfill_calendar(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarYear.objects.filter(source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_calendar, unfill_calendar),
    ]
