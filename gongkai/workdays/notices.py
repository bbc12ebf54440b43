"""A State Council holiday notice as data: read, checked and applied to a calendar. Pure.

The file format (one JSON object per year; `data/notices/` ships the years already seeded):

    {"year": 2027, "notice": "国务院办公厅关于2027年部分节假日安排的通知",
     "notice_url": "https://www.gov.cn/…",
     "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}, …],
     "workdays": [{"name": "春节", "date": "2027-02-20"}, …]}

`holidays` are the notice's ranges of days off (放假), `workdays` its 调休 working weekend days
(上班). Checks: every day inside the year, no day twice, 调休 days on a Saturday or Sunday, and
— for years under the 2024 放假办法 — every statutory holiday it fixes is a day off.
"""

import datetime
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.utils.translation import gettext as _

from gongkai.workdays.rules import WorkCalendar, is_weekend, weekday_name
from gongkai.workdays.statutory import FIRST_YEAR, provisional_rest_days, statutory_holidays

ONE_DAY = datetime.timedelta(days=1)
MAX_FILE_BYTES = 64 * 1024  # a year's notice is a few hundred bytes


class InvalidNotice(ValueError):
    """The notice file cannot be loaded; `messages` lists every problem found, in Chinese."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Notice:
    year: int
    notice: str
    notice_url: str
    holidays: tuple[tuple[datetime.date, str], ...]
    makeup_workdays: tuple[tuple[datetime.date, str], ...]


def parse_notice(text: str | bytes) -> Notice:
    """Read and check a notice file; InvalidNotice lists every problem at once."""
    if len(text) > MAX_FILE_BYTES:
        raise InvalidNotice([_("文件过大：一年的放假通知不应超过64KB。")])
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidNotice([_("文件不是有效的JSON：%(error)s") % {"error": exc}]) from None
    if not isinstance(data, dict):
        raise InvalidNotice([_("文件内容应为一个JSON对象（{…}）。")])
    problems: list[str] = []
    year = data.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidNotice([_("“year”应为2000至2100之间的年份。")])
    notice = str(data.get("notice") or "").strip()
    if not notice:
        problems.append(_("请填写“notice”：放假通知的文号或标题。"))
    holidays = _holiday_days(data.get("holidays"), year, problems)
    makeup = _makeup_days(data.get("workdays", []), year, problems)
    problems.extend(_overlaps(holidays, makeup))
    problems.extend(_missing_statutory(year, {day for day, _name in holidays}))
    if problems:
        raise InvalidNotice(problems)
    return Notice(
        year=year,
        notice=notice,
        notice_url=str(data.get("notice_url") or "").strip(),
        holidays=tuple(holidays),
        makeup_workdays=tuple(makeup),
    )


def notice_as_data(notice: Notice) -> dict[str, Any]:
    """The file form of a notice: consecutive days off of one holiday become one range."""
    ranges: list[dict[str, str]] = []
    for day, name in sorted(notice.holidays):
        last = ranges[-1] if ranges else None
        if last and last["name"] == name and _date(last["to"]) + ONE_DAY == day:
            last["to"] = day.isoformat()
        else:
            ranges.append({"name": name, "from": day.isoformat(), "to": day.isoformat()})
    return {
        "year": notice.year,
        "notice": notice.notice,
        "notice_url": notice.notice_url,
        "holidays": ranges,
        "workdays": [{"name": n, "date": d.isoformat()} for d, n in sorted(notice.makeup_workdays)],
    }


def build_calendar(
    loaded_years: Iterable[int],
    special_days: Iterable[tuple[datetime.date, bool, str]],
    *,
    provisional: bool = True,
) -> WorkCalendar:
    """A calendar from loaded years and their days ((day, is 调休 working day, name)).

    With `provisional`, the year after the last loaded one is counted from the 放假办法.
    """
    loaded = frozenset(loaded_years)
    holidays, makeup, names = set(), set(), {}
    for day, is_makeup, name in special_days:
        (makeup if is_makeup else holidays).add(day)
        names[day] = name
    provisional_years: frozenset[int] = frozenset()
    next_year = max(loaded) + 1 if loaded else None
    if provisional and next_year is not None and next_year >= FIRST_YEAR:
        provisional_years = frozenset({next_year})
        for rest_day in provisional_rest_days(next_year):
            holidays.add(rest_day.day)
            names[rest_day.day] = rest_day.name
    return WorkCalendar(
        loaded_years=loaded,
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(makeup),
        names=MappingProxyType(names),
        provisional_years=provisional_years,
    )


def with_notice(
    loaded_years: Iterable[int],
    special_days: Iterable[tuple[datetime.date, bool, str]],
    notice: Notice,
) -> WorkCalendar:
    """The calendar as it would be once `notice` replaces its year (for the preview)."""
    others = [entry for entry in special_days if entry[0].year != notice.year]
    days = [
        *others,
        *((day, False, name) for day, name in notice.holidays),
        *((day, True, name) for day, name in notice.makeup_workdays),
    ]
    return build_calendar({*loaded_years, notice.year}, days)


# --- checks --------------------------------------------------------------------------------


def _date(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(str(value))


def _holiday_days(entries: Any, year: int, problems: list[str]) -> list[tuple[datetime.date, str]]:
    if not isinstance(entries, list) or not entries:
        problems.append(_("“holidays”应列出至少一段放假日期。"))
        return []
    days: list[tuple[datetime.date, str]] = []
    seen: set[datetime.date] = set()
    for number, entry in enumerate(entries, start=1):
        values = {"n": number}
        try:
            first, last = _date(entry["from"]), _date(entry.get("to") or entry["from"])
            name = str(entry.get("name") or "").strip()
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(
                _("第%(n)s段放假日期的格式不对：应有“from”“to”（YYYY-MM-DD）和“name”。") % values
            )
            continue
        values.update(first=first.isoformat(), last=last.isoformat(), year=year)
        if not name:
            problems.append(_("第%(n)s段放假日期没有填写节日名称。") % values)
        if last < first:
            problems.append(
                _("第%(n)s段放假日期 %(first)s 至 %(last)s 的结束日早于开始日。") % values
            )
            continue
        if first.year != year or last.year != year:
            problems.append(
                _("第%(n)s段放假日期 %(first)s 至 %(last)s 不在%(year)s年内。") % values
            )
            continue
        day = first
        while day <= last:
            if day in seen:
                problems.append(
                    _("%(day)s 在放假日期中出现了不止一次。") % {"day": day.isoformat()}
                )
            seen.add(day)
            days.append((day, name))
            day += ONE_DAY
    return days


def _makeup_days(entries: Any, year: int, problems: list[str]) -> list[tuple[datetime.date, str]]:
    if not isinstance(entries, list):
        problems.append(_("“workdays”应为调休上班日的列表（可以为空）。"))
        return []
    days: list[tuple[datetime.date, str]] = []
    for number, entry in enumerate(entries, start=1):
        try:
            day, name = _date(entry["date"]), str(entry.get("name") or "").strip()
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(
                _("第%(n)s个调休上班日的格式不对：应有“date”（YYYY-MM-DD）和“name”。")
                % {"n": number}
            )
            continue
        values = {"day": day.isoformat(), "year": year, "weekday": weekday_name(day)}
        if day.year != year:
            problems.append(_("调休上班日 %(day)s 不在%(year)s年内。") % values)
        elif not is_weekend(day):
            problems.append(
                _("调休上班日 %(day)s 是%(weekday)s：只有周六或周日才能调休上班。") % values
            )
        elif not name:
            problems.append(_("调休上班日 %(day)s 没有填写对应的节日。") % values)
        else:
            days.append((day, name))
    return days


def _overlaps(
    holidays: list[tuple[datetime.date, str]], makeup: list[tuple[datetime.date, str]]
) -> list[str]:
    off = {day for day, _name in holidays}
    return [
        _("%(day)s 既是放假日又是调休上班日。") % {"day": day.isoformat()}
        for day, _name in makeup
        if day in off
    ]


def _missing_statutory(year: int, off: set[datetime.date]) -> list[str]:
    """全国年节及纪念日放假办法 Art.2: the statutory holidays are off whatever the notice says."""
    if year < FIRST_YEAR:
        return []  # an earlier revision of the 放假办法 applied; its days are not checked
    return [
        _("%(day)s 是%(name)s，依《全国年节及纪念日放假办法》应当放假，但通知中没有列为放假日。")
        % {"day": day.isoformat(), "name": name}
        for day, name in statutory_holidays(year)
        if day not in off
    ]


def special_days_of(rows: Iterable[Mapping[str, Any]]) -> list[tuple[datetime.date, bool, str]]:
    """(day, is 调休 working day, name) from SpecialDay value rows."""
    return [(row["day"], row["kind"] == "workday", row["name"]) for row in rows]
