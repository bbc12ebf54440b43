"""A dataset's workflow: allowed transitions in one table."""

from django.utils.translation import gettext_lazy as _

from gongkai.opendata.models import DatasetStatus


class Action:
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    REVISE = "revise"


ACTION_LABELS = {
    Action.EDIT: _("修改"),
    Action.SUBMIT: _("提交审核"),
    Action.RETURN: _("退回修改"),
    Action.PUBLISH: _("审核发布"),
    Action.WITHDRAW: _("撤回"),
    Action.REVISE: _("重新起草"),
}

# action → (states it may start from, state it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.EDIT: (frozenset({DatasetStatus.DRAFT}), None),
    Action.SUBMIT: (frozenset({DatasetStatus.DRAFT}), DatasetStatus.IN_REVIEW),
    Action.RETURN: (frozenset({DatasetStatus.IN_REVIEW}), DatasetStatus.DRAFT),
    Action.PUBLISH: (frozenset({DatasetStatus.IN_REVIEW}), DatasetStatus.PUBLISHED),
    Action.WITHDRAW: (frozenset({DatasetStatus.PUBLISHED}), DatasetStatus.WITHDRAWN),
    # A withdrawn dataset can be drafted again (corrected) and go through review once more.
    Action.REVISE: (frozenset({DatasetStatus.WITHDRAWN}), DatasetStatus.DRAFT),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    target = TRANSITIONS[action][1]
    return status if target is None else target
