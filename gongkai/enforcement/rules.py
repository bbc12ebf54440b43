"""The rules of enforcement decisions as plain functions: no database, no settings.

- publication within 7 working days of the decision for licences and penalties, 20 for the
  other enforcement decisions (README.md, 双公示; 条例第二十六条);
- withdrawal of a changed, revoked or annulled decision within 3 days (行政处罚法第四十八条,
  counted under its 第八十五条; README.md);
- the publicity period of a penalty under the credit rules (README.md), ended early by a
  credit repair;
- the identification of the party: credit code (GB 32100-2015) and resident ID (GB 11643-1999)
  with their check characters.
"""

import calendar as month_calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from gongkai.enforcement.models.decisions import (
    CreditSeverity,
    DecisionKind,
    PenaltyCategory,
)
from gongkai.workdays.rules import WorkCalendar, add_working_days, statutory_period_end

# 双公示: licensing and penalty decisions within 7 working days of the decision; other
# enforcement decisions within the general 20 working days (条例第二十六条). settings
# ENFORCEMENT_PUBLICATION_WORKING_DAYS overrides a kind where a law says otherwise.
PUBLICATION_WORKING_DAYS: Mapping[str, int] = {
    DecisionKind.LICENSING: 7,
    DecisionKind.PENALTY: 7,
    DecisionKind.COERCION: 20,
    DecisionKind.INSPECTION: 20,
    DecisionKind.OTHER: 20,
}

# 行政处罚法第四十八条第二款: withdrawn "在三日内"; 第八十五条: "三日" means working days.
WITHDRAWAL_DAYS = 3
WORKING_DAYS = "working_days"  # 行政处罚法第八十五条 (the default)
CALENDAR_DAYS = "calendar_days"  # Civil Code Art.201, 203: calendar days, rest-day end moved


@dataclass(frozen=True)
class PublicityPeriod:
    """How long a penalty of one severity stays on the public list, in months from the decision:
    `minimum_months` before a credit repair may end it, `maximum_months` at the latest."""

    minimum_months: int
    maximum_months: int


# The credit rule's defaults (README.md: 信用信息修复管理办法; settings
# ENFORCEMENT_PUBLICITY_MONTHS overrides them). A minor (轻微) penalty is not shown at all.
PUBLICITY_PERIODS: Mapping[str, PublicityPeriod | None] = {
    CreditSeverity.MINOR: None,
    CreditSeverity.GENERAL: PublicityPeriod(minimum_months=3, maximum_months=12),
    CreditSeverity.SERIOUS: PublicityPeriod(minimum_months=12, maximum_months=36),
}

# Penalties of only these kinds are not shown (README.md), whatever their severity.
NOT_SHOWN_ALONE = frozenset({PenaltyCategory.WARNING, PenaltyCategory.CIRCULATED_CRITICISM})


def publication_working_days(kind: str, overrides: Mapping[str, int] | None = None) -> int:
    """The working days within which a decision of `kind` is published."""
    table = {**PUBLICATION_WORKING_DAYS, **(overrides or {})}
    return table[kind]


def publication_due_on(
    decided_on: datetime.date,
    kind: str,
    calendar: WorkCalendar,
    overrides: Mapping[str, int] | None = None,
) -> datetime.date:
    """The last day to publish: the n-th working day after the decision date (the decision
    day is not counted). Raises YearNotLoaded for a year the calendar cannot count."""
    return add_working_days(decided_on, publication_working_days(kind, overrides), calendar)


def withdrawal_due_on(
    changed_on: datetime.date, calendar: WorkCalendar, *, counting: str = WORKING_DAYS
) -> datetime.date:
    """The last day to withdraw a decision changed, revoked or annulled on `changed_on`."""
    if counting == CALENDAR_DAYS:
        return statutory_period_end(changed_on, WITHDRAWAL_DAYS, calendar)
    if counting == WORKING_DAYS:
        return add_working_days(changed_on, WITHDRAWAL_DAYS, calendar)
    raise ValueError(f"unknown counting {counting!r}")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where that month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, _days_in(year, month)))


def _days_in(year: int, month: int) -> int:
    return month_calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class Publicity:
    is_shown: bool
    ends_on: datetime.date | None  # last day on the public list; None: no end
    repair_earliest_on: datetime.date | None  # first day a credit repair may end it


def publicity(
    kind: str,
    severity: str,
    categories: Iterable[str],
    decided_on: datetime.date,
    periods: Mapping[str, PublicityPeriod | None] | None = None,
) -> Publicity:
    """A decision's place on the public list. Penalties are shown from publication to the
    maximum period's last day; a repair may end that from the minimum period's end. Other
    decisions (licences included) have no end."""
    if kind != DecisionKind.PENALTY:
        return Publicity(is_shown=True, ends_on=None, repair_earliest_on=None)
    categories = set(categories)
    period = {**PUBLICITY_PERIODS, **(periods or {})}.get(severity)
    if period is None or (categories and categories <= NOT_SHOWN_ALONE):
        return Publicity(is_shown=False, ends_on=None, repair_earliest_on=None)
    ends_on = add_months(decided_on, period.maximum_months) - datetime.timedelta(days=1)
    return Publicity(
        is_shown=True,
        ends_on=ends_on,
        repair_earliest_on=add_months(decided_on, period.minimum_months),
    )


# --- identification of the party ---------------------------------------------------------


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a unified social credit code (GB 32100-2015), or None."""
    if len(code) != 18:
        return _("统一社会信用代码应为18位，现为%(count)d位。") % {"count": len(code)}
    alphabet = set("0123456789ABCDEFGHJKLMNPQRTUWXY")
    if any(character not in alphabet for character in code) or not code[2:8].isdigit():
        return _(
            "统一社会信用代码只能由数字和大写字母组成（不使用I、O、S、V、Z），第3至8位为行政区划码。"
        )
    if code[-1] != uscc.calc_check_digit(code):
        return _("统一社会信用代码校验码不正确，请核对。")
    return None


def resident_id_problem(number: str) -> str | None:
    """Why `number` is not an 18-character resident ID number (GB 11643-1999), or None.
    The place code is not checked: numbers keep the codes of abolished counties."""
    if len(number) != 18:
        return _("居民身份证号码应为18位，现为%(count)d位。") % {"count": len(number)}
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return _("居民身份证号码前17位应为数字，最后一位为数字或X。")
    try:
        ric.get_birth_date(number)
    except StdnumError:
        return _("居民身份证号码中的出生日期不存在，请核对。")
    if number[-1] != ric.calc_check_digit(number):
        return _("居民身份证号码校验码不正确，请核对。")
    return None


def normalise_code(value: str) -> str:
    """Upper case, without spaces or hyphens, full-width characters made half-width."""
    half = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in value or "")
    return "".join(half.split()).replace("-", "").upper()
