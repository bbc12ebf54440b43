"""The states of a rectification task (整改) and the one table of allowed transitions.

The supervisor opens a task (待整改); the subordinate answers with its response and evidence
(已反馈); the supervisor accepts it (已验收, which settles the obligation) or returns it with
comments, which reopens it for a new answer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    ANSWERED = "answered", _("已反馈")
    ACCEPTED = "accepted", _("已验收")


class Action(models.TextChoices):
    ANSWER = "answer", _("反馈整改情况")
    ACCEPT = "accept", _("验收通过")
    RETURN = "return", _("退回重新整改")


TRANSITIONS: dict[str, dict[str, str]] = {
    TaskStatus.OPEN: {Action.ANSWER: TaskStatus.ANSWERED},
    TaskStatus.ANSWERED: {Action.ACCEPT: TaskStatus.ACCEPTED, Action.RETURN: TaskStatus.OPEN},
    TaskStatus.ACCEPTED: {},
}


def can_transition(status: str, action: str) -> bool:
    return action in TRANSITIONS.get(status, {})


def next_status(status: str, action: str) -> str:
    """The status after `action`; KeyError when the table does not allow it."""
    return TRANSITIONS[status][action]


def allowed_actions(status: str) -> list[str]:
    return list(TRANSITIONS.get(status, {}))
