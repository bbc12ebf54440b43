"""The publication workflow: allowed transitions in one table."""

from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Status


class Action:
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    CHANGE_VALIDITY = "change_validity"


ACTION_LABELS = {
    Action.EDIT: _("修改"),
    Action.SUBMIT: _("提交审核"),
    Action.RETURN: _("退回修改"),
    Action.PUBLISH: _("审核发布"),
    Action.WITHDRAW: _("撤回"),
    Action.CHANGE_VALIDITY: _("变更有效性"),
}

# action → (states it may start from, state it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.EDIT: (frozenset({Status.DRAFT}), None),
    Action.SUBMIT: (frozenset({Status.DRAFT}), Status.IN_REVIEW),
    Action.RETURN: (frozenset({Status.IN_REVIEW}), Status.DRAFT),
    Action.PUBLISH: (frozenset({Status.IN_REVIEW}), Status.PUBLISHED),
    Action.WITHDRAW: (frozenset({Status.PUBLISHED}), Status.WITHDRAWN),
    Action.CHANGE_VALIDITY: (frozenset({Status.PUBLISHED}), None),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    """The state after `action`, which must be allowed from `status`."""
    target = TRANSITIONS[action][1]
    return status if target is None else target
