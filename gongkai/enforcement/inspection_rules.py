"""Pure rules of enforcement lists and inspections: no database, no settings, no HTTP.

- A list version moves draft → submitted → published (or back to draft); the reviewer who
  publishes is never its drafter; a new version supersedes the one in force from its own
  effective date (the old one ends the day before).
- A target's 统一社会信用代码 has a valid check character (GB 32100-2015, python-stdnum).
- A plan draws by a ratio or a count (not both), between dates in order, with at least one
  inspector per target.
- A result is due for publication `n` working days after the inspection's end (our reading,
  README "Double-random inspections").
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from gongkai.enforcement.draw import STRATUM_DIMENSIONS
from gongkai.workdays.rules import WorkCalendar, add_working_days

ONE_DAY = datetime.timedelta(days=1)

# action: (from status, to status) for a list version.
LIST_TRANSITIONS = {
    "submit": ("draft", "submitted"),
    "return": ("submitted", "draft"),
    "publish": ("submitted", "published"),
}


def list_transition(action: str, status: str) -> str:
    """The status after `action`, or an error naming why it cannot happen now."""
    if action not in LIST_TRANSITIONS:
        raise ValueError(f"unknown list action {action!r}")
    before, after = LIST_TRANSITIONS[action]
    if status != before:
        raise ValidationError(_("清单当前状态不能进行此操作。"))
    return after


def check_reviewer(*, drafter_id: int, reviewer_id: int) -> None:
    """审核人不得为起草人 (the same rule as records)."""
    if drafter_id == reviewer_id:
        raise ValidationError(_("审核人不能是清单的起草人。"))


def superseded_on(new_effective_from: datetime.date) -> datetime.date:
    """The last day of the version a new one replaces."""
    return new_effective_from - ONE_DAY


def check_new_version_date(
    new_effective_from: datetime.date, latest_published_from: datetime.date | None
) -> None:
    """A new version starts after the latest published one started (history only grows)."""
    if latest_published_from is not None and new_effective_from <= latest_published_from:
        raise ValidationError(
            _("生效日期须晚于现行版本的生效日期（%(day)s）。")
            % {"day": latest_published_from.isoformat()}
        )


def normalise_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_credit_code(value: str) -> None:
    """统一社会信用代码: 18 characters with a valid check character."""
    try:
        uscc.validate(normalise_credit_code(value))
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码无效（应为18位，且校验码正确）。"), code="credit_code"
        ) from exc


def check_plan(
    *,
    ratio_percent: Decimal | None,
    count: int | None,
    window_start: datetime.date,
    window_end: datetime.date,
    inspectors_per_target: int,
    stratify_by: list[str],
) -> dict[str, str]:
    """Problems with a plan's terms, by field (empty when it is sound)."""
    problems = {}
    if (ratio_percent is None) == (count is None):
        problems["ratio_percent"] = _("请填写抽查比例或抽查数量，二者选一。")
    elif ratio_percent is not None and not Decimal(0) < ratio_percent <= Decimal(100):
        problems["ratio_percent"] = _("抽查比例应大于0且不超过100。")
    if window_end < window_start:
        problems["window_end"] = _("检查结束日期不能早于开始日期。")
    if inspectors_per_target < 1:
        problems["inspectors_per_target"] = _("每个对象至少选派1名检查人员。")
    unknown = [d for d in stratify_by if d not in STRATUM_DIMENSIONS]
    if unknown:
        problems["stratify_by"] = _("未知的分层维度：%(names)s") % {"names": "、".join(unknown)}
    return problems


def result_due_on(result_on: datetime.date, working_days: int, calendar: WorkCalendar):
    """The day by which a result is published: `working_days` after the inspection ended."""
    return add_working_days(result_on, working_days, calendar)
