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


def due_notice(year: int, today: datetime.date, *, due_on: datetime.date | None, done: bool) -> str:
    """The banner while the report on `year` is owed: due by `due_on` (the ledger's row, which
    says 31 January: 条例第四十九条), or overdue; empty when nothing is owed."""
    if done or due_on is None:
        return ""
    if today <= due_on:
        days = (due_on - today).days
        return _(
            "%(year)d年度政府信息公开工作年度报告应于%(due)s前向社会公布（条例第四十九条），"
            "还剩%(days)d天。"
        ) % {"year": year, "due": _chinese_date(due_on), "days": days}
    return _(
        "%(year)d年度政府信息公开工作年度报告应于%(due)s前向社会公布（条例第四十九条），"
        "已逾期，请尽快发布。"
    ) % {"year": year, "due": _chinese_date(due_on)}


def _chinese_date(day: datetime.date) -> str:
    return _("%(year)d年%(month)d月%(day)d日") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }
