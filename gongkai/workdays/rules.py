"""Working-day arithmetic on a calendar given as data: pure functions, no database, no settings.

A working day (工作日) is Monday to Friday unless it is a statutory rest day (放假), plus any
Saturday or Sunday the State Council designates as a 调休 working day (spec/regulations.md
§1.5 and §6). The calendar comes from `gongkai.workdays.calendar.get_calendar()`; tests build
one by hand.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils.translation import gettext as _

from gongkai.workdays.errors import InvalidSpecialDay, YearNotLoaded

ONE_DAY = datetime.timedelta(days=1)
SATURDAY = 5  # date.weekday(): Monday is 0, so Saturday is 5 and Sunday 6.
NOTICE_AWAITED_FROM_MONTH = 11  # administrators are reminded from 1 November


@dataclass(frozen=True)
class WorkCalendar:
    """The years whose holiday notice is loaded, with their rest days and 调休 working days.

    `holidays` may hold every statutory holiday date, weekend or not: a weekend date in it
    changes nothing. `provisional_years` are counted without a notice, from the holidays the
    放假办法 fixes (see `statutory.py`): every date counted in them is 暂定. A year in neither
    set is unknown, never guessed.
    """

    loaded_years: frozenset[int]
    holidays: frozenset[datetime.date]
    makeup_workdays: frozenset[datetime.date]
    names: Mapping[datetime.date, str] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    provisional_years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        """The year can be counted, officially or provisionally."""
        return year in self.loaded_years or year in self.provisional_years

    def provisional_between(self, start: datetime.date, end: datetime.date | None) -> list[int]:
        """The provisional years of the days d with start < d ≤ end, in order."""
        if end is None or end <= start:
            return []
        return [year for year in range(start.year, end.year + 1) if year in self.provisional_years]

    def official(self) -> "WorkCalendar":
        """The same calendar without its provisional years (what `--strict` counts with)."""
        if not self.provisional_years:
            return self
        return WorkCalendar(
            loaded_years=self.loaded_years,
            holidays=frozenset(d for d in self.holidays if d.year in self.loaded_years),
            makeup_workdays=self.makeup_workdays,
            names=self.names,
        )


@dataclass(frozen=True)
class DeadlineExplanation:
    """A due date with the steps that lead to it, as sentences for the applicant or clerk."""

    due_on: datetime.date
    steps: list[str]
    provisional_years: tuple[int, ...] = ()

    @property
    def is_provisional(self) -> bool:
        return bool(self.provisional_years)


def is_weekend(day: datetime.date) -> bool:
    """Saturday or Sunday."""
    return day.weekday() >= SATURDAY


def weekday_name(day: datetime.date) -> str:
    """The day of the week in words, e.g. 周六."""
    names = (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))
    return names[day.weekday()]


def is_working_day(day: datetime.date, calendar: WorkCalendar) -> bool:
    """Mon–Fri and not a holiday, or a 调休 working weekend day (spec §1.5).

    Raises YearNotLoaded when `day` falls in a year the calendar can count neither from a
    loaded notice nor provisionally.
    """
    if not calendar.knows(day.year):
        raise YearNotLoaded(day.year)
    if day in calendar.makeup_workdays:
        return True
    return not is_weekend(day) and day not in calendar.holidays


def add_working_days(start: datetime.date, n: int, calendar: WorkCalendar) -> datetime.date:
    """The n-th working day after `start`; the start day itself is not counted.

    Civil Code Art.201: a period counted in days starts on the next day. So "within 20 working
    days of receipt" (条例 Art.33) ends on the 20th working day after the receipt date.
    Civil Code Art.203 (a period whose last day is a statutory rest day ends on the day after
    the rest ends) needs no separate step: counting only working days ends on a working day.
    n == 0 returns `start`. Raises YearNotLoaded if the count reaches an unloaded year.
    """
    if n < 0:
        raise ValueError(f"a period cannot have a negative number of working days ({n})")
    day = start
    counted = 0
    while counted < n:
        day += ONE_DAY
        if is_working_day(day, calendar):
            counted += 1
    return day


def statutory_period_end(start: datetime.date, days: int, calendar: WorkCalendar) -> datetime.date:
    """The last day of a period of `days` calendar days from `start`, as the law counts it.

    Civil Code Art.201: the start day is not counted, so the period runs to start + days.
    Art.203: a last day that is a rest day (法定休假日; a weekend counts, unless it is a 调休
    working day) moves to the day after the rest ends, i.e. the next working day.
    Raises YearNotLoaded when the last day falls in a year the calendar cannot count.
    """
    if days < 0:
        raise ValueError(f"a period cannot have a negative number of days ({days})")
    day = start + datetime.timedelta(days=days)
    while not is_working_day(day, calendar):
        day += ONE_DAY
    return day


def working_days_between(start: datetime.date, end: datetime.date, calendar: WorkCalendar) -> int:
    """How many working days d satisfy start < d ≤ end (Civil Code Art.201: start not counted).

    0 when `end` is not after `start`. Raises YearNotLoaded for a day in an unloaded year.
    """
    counted = 0
    day = start + ONE_DAY
    while day <= end:
        if is_working_day(day, calendar):
            counted += 1
        day += ONE_DAY
    return counted


def explain_add_working_days(
    start: datetime.date, n: int, calendar: WorkCalendar
) -> DeadlineExplanation:
    """`add_working_days` with its reasoning: start day, holidays skipped, 调休 days counted.

    Lists the start day (not counted, Civil Code Art.201), the first working day, every run of
    rest days that contains a statutory holiday, every 调休 weekend day counted, and the due
    day. Plain weekends are not listed.
    """
    if n < 0:
        raise ValueError(f"a period cannot have a negative number of working days ({n})")
    steps = [_("起算日 %(day)s（不计入）") % {"day": start.isoformat()}]
    if n == 0:
        steps.append(_("期限为0个工作日，届满日即起算日 %(day)s") % {"day": start.isoformat()})
        return DeadlineExplanation(due_on=start, steps=steps)
    day = start
    counted = 0
    rest_run: list[datetime.date] = []
    while counted < n:
        day += ONE_DAY
        if not is_working_day(day, calendar):
            rest_run.append(day)
            continue
        steps.extend(describe_rest_run(rest_run, calendar))
        rest_run = []
        counted += 1
        if counted == n:
            steps.append(describe_day(day, counted, calendar, due=True))
        elif counted == 1 or day in calendar.makeup_workdays:
            steps.append(describe_day(day, counted, calendar, due=False))
    provisional = tuple(calendar.provisional_between(start, day))
    steps.extend(provisional_steps(provisional))
    return DeadlineExplanation(due_on=day, steps=steps, provisional_years=provisional)


def provisional_steps(years: "tuple[int, ...] | list[int]") -> list[str]:
    """The explanation's last step when a count went through a year counted provisionally."""
    return [
        _(
            "%(year)s年的节假日安排尚未公布，该年按《全国年节及纪念日放假办法》规定的节日"
            "（含周末补假、不含调休上班）暂定计算；安排公布后按实际安排确定。"
        )
        % {"year": year}
        for year in years
    ]


def notice_awaited(today: datetime.date, loaded_years: "frozenset[int] | set[int]") -> int | None:
    """The year whose holiday notice administrators should load now, if any.

    The State Council publishes next year's notice around November (spec §6): from 1 November
    next year's notice is awaited; this year's, if somehow missing, always is.
    """
    if today.year not in loaded_years:
        return today.year
    if today.month >= NOTICE_AWAITED_FROM_MONTH and today.year + 1 not in loaded_years:
        return today.year + 1
    return None


def check_special_day(*, year: int, day: datetime.date, is_makeup_workday: bool) -> None:
    """A year's holiday or 调休 day lies in that year; a 调休 working day is a Sat or Sun.

    全国年节及纪念日放假办法 Art.7: 调休 turns weekend days into working days, so a working
    day on Monday to Friday would be meaningless.
    """
    if day.year != year:
        raise InvalidSpecialDay(
            _("%(day)s 不在%(year)s年内，不能列入%(year)s年的工作日历。")
            % {"day": day.isoformat(), "year": year}
        )
    if is_makeup_workday and not is_weekend(day):
        raise InvalidSpecialDay(
            _("%(day)s 是%(weekday)s。只有周六或周日才能设为调休上班日。")
            % {"day": day.isoformat(), "weekday": weekday_name(day)}
        )


def describe_rest_run(run: list[datetime.date], calendar: WorkCalendar) -> list[str]:
    """A run of rest days that holds a statutory holiday, as one explanation step."""
    holidays = [day for day in run if day in calendar.holidays]
    if not holidays:
        return []  # An ordinary weekend needs no explanation.
    names: list[str] = []
    for day in holidays:
        name = calendar.names.get(day) or _("法定节假日")
        if name not in names:
            names.append(name)
    joined = "、".join(names)
    if len(run) == 1:
        return [_("跳过 %(day)s（%(names)s）") % {"day": run[0].isoformat(), "names": joined}]
    return [
        _("跳过 %(first)s 至 %(last)s（%(names)s）")
        % {"first": run[0].isoformat(), "last": run[-1].isoformat(), "names": joined}
    ]


def describe_day(day: datetime.date, counted: int, calendar: WorkCalendar, *, due: bool) -> str:
    """One counted working day of an explanation: the due day, or a notable day on the way
    (the first, or a 调休 weekend day). Used by every explained period (foi's clock too)."""
    values = {"count": counted, "day": day.isoformat(), "weekday": weekday_name(day)}
    makeup = day in calendar.makeup_workdays
    if due and makeup:
        return _("届满日 %(day)s（%(weekday)s，因调休计为工作日，第%(count)s个工作日）") % values
    if due:
        return _("届满日 %(day)s（%(weekday)s，第%(count)s个工作日）") % values
    if makeup:
        return _("第%(count)s个工作日 %(day)s（%(weekday)s，因调休计为工作日）") % values
    return _("第%(count)s个工作日 %(day)s（%(weekday)s）") % values
