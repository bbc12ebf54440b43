"""Pure rules of suggestion and proposal handling: the reply deadline, the allowed state
changes and the checks of each step. No database, no settings (README cites the sources)."""

import calendar
import datetime

from django.utils.translation import gettext as _

from gongkai.proposals.models import Classification, PublicationMode, Satisfaction, State

# 《全国人民代表大会代表建议、批评和意见处理办法》 and the CPPCC proposal rules: the reply is
# due within three months of the day the proposal was assigned (交办之日起三个月内).
REPLY_MONTHS = 3


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The day `months` after `start`: the same day of the month, or the month's last day when
    that month is shorter (民法典第二百零三条: 没有对应日的，月末日为期间的最后一日)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def default_due_on(assigned_on: datetime.date) -> datetime.date:
    """The reply deadline when the assigning body set no other: three months from assignment."""
    return add_months(assigned_on, REPLY_MONTHS)


def deadline_problems(
    *, assigned_on: datetime.date | None, due_on: datetime.date | None, reason: str
) -> dict[str, str]:
    """What is wrong with a deadline: it must not precede the assignment, and any deadline
    other than the three months needs the reason (a 重点 case, an agreed extension …)."""
    if assigned_on is None:
        return {"assigned_on": _("请填写交办日期。")}
    if due_on is None or due_on == default_due_on(assigned_on):
        return {}
    if due_on <= assigned_on:
        return {"due_on": _("答复期限必须晚于交办日期。")}
    if not reason.strip():
        return {"due_on": _("答复期限不是交办之日起三个月的，请写明调整的理由。")}
    return {}


# The state ladder: which step each state allows (one table, README "状态").
ACTIONS: dict[str, frozenset[str]] = {
    "set_deadline": frozenset({State.RECEIVED}),
    "reply": frozenset({State.RECEIVED}),
    # The member's form may come back after the result is public: it is still recorded.
    "feedback": frozenset({State.REPLIED, State.FEEDBACK, State.PUBLISHED}),
    # Publication does not wait for the member's form (the 20-working-day clock runs from
    # the reply), so it is allowed from 已答复 as well as 已反馈.
    "prepare_publication": frozenset({State.REPLIED, State.FEEDBACK}),
    "publish": frozenset({State.REPLIED, State.FEEDBACK}),
}


def is_allowed(action: str, state: str) -> bool:
    return state in ACTIONS[action]


def state_after_feedback(state: str) -> str:
    """Recording the feedback moves 已答复 to 已反馈 and leaves a published result 已公开."""
    return State.FEEDBACK if state == State.REPLIED else state


def reply_problems(
    *,
    classification: str,
    replied_on: datetime.date | None,
    assigned_on: datetime.date,
    today: datetime.date,
    summary: str,
    has_letter: bool,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if classification not in Classification.values:
        problems["classification"] = _("请选择办理结果分类（A、B或C类）。")
    if replied_on is None:
        problems["replied_on"] = _("请填写答复日期。")
    elif replied_on < assigned_on:
        problems["replied_on"] = _("答复日期不能早于交办日期。")
    elif replied_on > today:
        problems["replied_on"] = _("答复日期不能晚于今天。")
    if not summary.strip():
        problems["reply_summary"] = _("请填写答复摘要。")
    if not has_letter:
        problems["reply_letter"] = _("请上传答复函。")
    return problems


def feedback_problems(
    *,
    satisfaction: str,
    feedback_on: datetime.date | None,
    replied_on: datetime.date | None,
    today: datetime.date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if satisfaction not in Satisfaction.values:
        problems["satisfaction"] = _("请选择代表委员的意见：满意、基本满意或不满意。")
    if feedback_on is None:
        problems["feedback_on"] = _("请填写反馈日期。")
    elif replied_on is not None and feedback_on < replied_on:
        problems["feedback_on"] = _("反馈日期不能早于答复日期。")
    elif feedback_on > today:
        problems["feedback_on"] = _("反馈日期不能晚于今天。")
    return problems


def publication_problems(*, mode: str, reason: str, reply_text: str) -> dict[str, str]:
    """国办发〔2014〕46号: results touching the public interest are published in full, complex
    ones may be summarised; not publishing them needs the reason (e.g. 涉及国家秘密)."""
    if mode not in PublicationMode.values:
        return {"publication_mode": _("请选择公开方式。")}
    if mode == PublicationMode.WITHHELD and not reason.strip():
        return {"publication_reason": _("不公开办理结果的，请写明理由。")}
    if mode == PublicationMode.FULL and not reply_text.strip():
        return {"publication_mode": _("答复时未填写答复全文，不能全文公开，请选择摘要公开。")}
    return {}
