"""A month's report: allowed transitions in one table."""

from gongkai.diseases.models import ReportStatus


class Action:
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    CORRECT = "correct"  # start a new version of a published month


TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.EDIT: (frozenset({ReportStatus.DRAFT}), None),
    Action.SUBMIT: (frozenset({ReportStatus.DRAFT}), ReportStatus.IN_REVIEW),
    Action.RETURN: (frozenset({ReportStatus.IN_REVIEW}), ReportStatus.DRAFT),
    Action.PUBLISH: (frozenset({ReportStatus.IN_REVIEW}), ReportStatus.PUBLISHED),
    Action.WITHDRAW: (frozenset({ReportStatus.PUBLISHED}), ReportStatus.WITHDRAWN),
    Action.CORRECT: (frozenset({ReportStatus.PUBLISHED}), None),
}


def is_allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def target_status(action: str, status: str) -> str:
    target = TRANSITIONS[action][1]
    return status if target is None else target
