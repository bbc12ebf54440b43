"""The guide's workflow: allowed transitions in one table."""

from django.utils.translation import gettext_lazy as _

from gongkai.service_guides.models import GuideStatus


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

# action → (states it may start from, state it leads to; None = unchanged). Publishing a
# version supersedes the published one (publication.publish_guide), not an action of its own.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.EDIT: (frozenset({GuideStatus.DRAFT}), None),
    Action.SUBMIT: (frozenset({GuideStatus.DRAFT}), GuideStatus.IN_REVIEW),
    Action.RETURN: (frozenset({GuideStatus.IN_REVIEW}), GuideStatus.DRAFT),
    Action.PUBLISH: (frozenset({GuideStatus.IN_REVIEW}), GuideStatus.PUBLISHED),
    Action.WITHDRAW: (frozenset({GuideStatus.PUBLISHED}), GuideStatus.WITHDRAWN),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    """The state after `action`, which must be allowed from `status`."""
    target = TRANSITIONS[action][1]
    return status if target is None else target
