"""The holidays that the law itself fixes, for a year whose State Council notice is not loaded.

全国年节及纪念日放假办法 (2024 revision, in force 2025-01-01) Art.2 gives everyone: 元旦 1 day
(1 January), 春节 4 days (农历除夕 to 正月初三), 清明 1 day (the 清明 solar term), 劳动节 2 days
(1–2 May), 端午 1 day (五月初五), 中秋 1 day (八月十五) and 国庆 3 days (1–3 October). Art.6: a
holiday that falls on a Saturday or Sunday is made up (补假) on a working day. Art.7's 调休
working weekends exist only by the year's notice, so a provisional year has none
(spec/regulations.md §6).

Our reading of Art.6, where the text names no day: each day lost to a weekend (or to two
holidays on one date, e.g. 中秋 on 3 October) is made up on the next Monday-to-Friday after
the holiday, as every notice since 2014 has done (2022 元旦 on Saturday → 3 January off).

Lunar and solar-term dates come from the `lunar_python` package, not from a typed table.
Pure functions: no database, no settings.
"""

import datetime
import functools
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lunar_python import Lunar, Solar

from gongkai.workdays.rules import is_weekend

ONE_DAY = datetime.timedelta(days=1)
# The 2024 revision of the 放假办法 applies from 2025; earlier years had other rules and all
# have their notices loaded.
FIRST_YEAR = 2025


@dataclass(frozen=True)
class StatutoryDay:
    """One day off the 放假办法 gives; `is_makeup` marks an Art.6 补假 day."""

    day: datetime.date
    name: str
    is_makeup: bool = False


def _solar(value: Solar) -> datetime.date:
    return datetime.date(value.getYear(), value.getMonth(), value.getDay())


# Kept for the process: the conversions are fixed astronomy, and every request that counts
# working days builds the calendar, with its provisional year, afresh (0.35 ms of lunar_python).
@functools.cache
def _lunar_day(year: int, month: int, day: int) -> datetime.date:
    return _solar(Lunar.fromYmd(year, month, day).getSolar())


@functools.cache
def _qingming(year: int) -> datetime.date:
    return _solar(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"])


def statutory_holidays(year: int) -> list[tuple[datetime.date, str]]:
    """The holidays of 放假办法 Art.2 in `year`, without 补假: (date, holiday name) pairs.

    A date may appear twice when two holidays coincide (中秋 on a 国庆 day).
    """
    spring_festival = _lunar_day(year, 1, 1)
    qingming = _qingming(year)
    days = [(datetime.date(year, 1, 1), _("元旦"))]
    days += [(spring_festival + offset * ONE_DAY, _("春节")) for offset in range(-1, 3)]
    days.append((qingming, _("清明节")))
    days += [(datetime.date(year, 5, 1), _("劳动节")), (datetime.date(year, 5, 2), _("劳动节"))]
    days.append((_lunar_day(year, 5, 5), _("端午节")))
    days.append((_lunar_day(year, 8, 15), _("中秋节")))
    days += [(datetime.date(year, 10, d), _("国庆节")) for d in (1, 2, 3)]
    # 除夕 of a Spring Festival on 1 January would fall in the year before; keep the year's own.
    return sorted(((day, name) for day, name in days if day.year == year), key=lambda d: d[0])


def provisional_rest_days(year: int) -> list[StatutoryDay]:
    """Every day off in `year` by the 放假办法 alone: Art.2's holidays plus Art.6's 补假.

    Holidays on consecutive dates form one block; each of its holiday days that falls on a
    weekend, and each second holiday on one date, is made up on the next weekday after the
    block (skipping weekends). Sorted by date, one entry per date.
    """
    holidays = statutory_holidays(year)
    by_date: dict[datetime.date, list[str]] = {}
    for day, name in holidays:
        by_date.setdefault(day, []).append(name)
    result: dict[datetime.date, StatutoryDay] = {}
    for block in _blocks(sorted(by_date)):
        lost = sum(len(by_date[day]) - (0 if is_weekend(day) else 1) for day in block)
        name = by_date[block[0]][0]
        for day in block:
            result[day] = StatutoryDay(day, "、".join(dict.fromkeys(by_date[day])))
        day = block[-1]
        while lost > 0:
            day += ONE_DAY
            if is_weekend(day) or day in by_date or day in result:
                continue
            result[day] = StatutoryDay(day, _("%(name)s补假") % {"name": name}, is_makeup=True)
            lost -= 1
    return [result[day] for day in sorted(result) if day.year == year]


def _blocks(days: list[datetime.date]) -> list[list[datetime.date]]:
    """Runs of holiday dates, merged when only a weekend separates them."""
    blocks: list[list[datetime.date]] = []
    for day in days:
        if blocks and _joined(blocks[-1][-1], day):
            blocks[-1].append(day)
        else:
            blocks.append([day])
    return blocks


def _joined(last: datetime.date, day: datetime.date) -> bool:
    gap = last + ONE_DAY
    while gap < day:
        if not is_weekend(gap):
            return False
        gap += ONE_DAY
    return True
