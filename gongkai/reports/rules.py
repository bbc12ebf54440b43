"""Pure rules of the annual report: its statutory date and the reminder the console shows."""

import datetime

from django.utils.translation import gettext as _

FIRST_YEAR = 2008
"""The Regulation took effect on 1 May 2008; no earlier report exists."""


def statutory_due_on(year: int) -> datetime.date:
    """A department publishes its report on `year` by 31 January of the next year
    (条例第四十九条)."""
    return datetime.date(year + 1, 1, 31)


def is_year_reportable(year: int, today: datetime.date) -> bool:
    """A report can be prepared for any year from 2008 up to the current one."""
    return FIRST_YEAR <= year <= today.year


def due_notice(year: int, today: datetime.date, *, published: bool) -> str:
    """The banner from 1 January: due by 31 January, or overdue; empty when nothing is due."""
    if published or today.year <= year:
        return ""
    due = statutory_due_on(year)
    if today <= due:
        days = (due - today).days
        return _(
            "%(year)d年度政府信息公开工作年度报告应于%(due)s前向社会公布（条例第四十九条），"
            "还剩%(days)d天。"
        ) % {"year": year, "due": _chinese_date(due), "days": days}
    return _(
        "%(year)d年度政府信息公开工作年度报告应于%(due)s前向社会公布（条例第四十九条），"
        "已逾期，请尽快发布。"
    ) % {"year": year, "due": _chinese_date(due)}


def _chinese_date(day: datetime.date) -> str:
    return _("%(year)d年%(month)d月%(day)d日") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }
