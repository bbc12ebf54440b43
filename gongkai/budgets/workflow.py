"""The budget table's workflow: allowed transitions in one table."""

from django.utils.translation import gettext_lazy as _

from gongkai.budgets.models import TableStatus


class Action:
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"


ACTION_LABELS = {
    Action.EDIT: _("修改"),
    Action.SUBMIT: _("提交审核"),
    Action.RETURN: _("退回修改"),
    Action.PUBLISH: _("审核发布"),
    Action.WITHDRAW: _("撤回"),
}

# action → (states it may start from, state it leads to; None = unchanged). Publishing a new
# version supersedes the published one (publication.publish_table), not an action of its own.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.EDIT: (frozenset({TableStatus.DRAFT}), None),
    Action.SUBMIT: (frozenset({TableStatus.DRAFT}), TableStatus.IN_REVIEW),
    Action.RETURN: (frozenset({TableStatus.IN_REVIEW}), TableStatus.DRAFT),
    Action.PUBLISH: (frozenset({TableStatus.IN_REVIEW}), TableStatus.PUBLISHED),
    Action.WITHDRAW: (frozenset({TableStatus.PUBLISHED}), TableStatus.WITHDRAWN),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    target = TRANSITIONS[action][1]
    return status if target is None else target
