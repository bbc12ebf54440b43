"""Filing an agency's catalogue with its supervisor (备案): the one table of allowed transitions.

    draft ──file──▶ filed ──accept──▶ accepted ──reopen (any edit)──▶ draft
                     │ ▲
               return│ │file
                     ▼ │
                   returned

While a catalogue is filed its items cannot change (the supervisor is reviewing what was
filed). A returned catalogue stays returned while it is corrected, so the comments stay in
view; an accepted catalogue goes back to draft on the first edit and must be filed again.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.catalogue.errors import TransitionNotAllowedError
from gongkai.catalogue.models import CatalogueStatus


class Action(models.TextChoices):
    FILE = "file", _("报备")
    RETURN = "return", _("退回修改")
    ACCEPT = "accept", _("备案通过")
    REOPEN = "reopen", _("重新编制")


# action → (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.FILE: (
        frozenset({CatalogueStatus.DRAFT, CatalogueStatus.RETURNED}),
        CatalogueStatus.FILED,
    ),
    Action.RETURN: (frozenset({CatalogueStatus.FILED}), CatalogueStatus.RETURNED),
    Action.ACCEPT: (frozenset({CatalogueStatus.FILED}), CatalogueStatus.ACCEPTED),
    Action.REOPEN: (frozenset({CatalogueStatus.ACCEPTED}), CatalogueStatus.DRAFT),
}

# Items may not be edited in these statuses.
LOCKED_STATUSES: frozenset[str] = frozenset({CatalogueStatus.FILED})


def can_transition(status: str, action: str) -> bool:
    """Whether `action` is allowed from `status`."""
    sources, _target = TRANSITIONS[action]
    return status in sources


def next_status(status: str, action: str) -> str:
    """The status `action` leads to from `status`; raises TransitionNotAllowedError."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise TransitionNotAllowedError(
            gettext("公开目录处于“%(status)s”状态，不能执行“%(action)s”。")
            % {"status": CatalogueStatus(status).label, "action": Action(action).label}
        )
    return target


def allowed_actions(status: str) -> list[str]:
    """The actions allowed from `status`, in table order."""
    return [action for action in TRANSITIONS if can_transition(status, action)]


def is_editable(status: str) -> bool:
    """Whether the catalogue's items may be changed in `status`."""
    return status not in LOCKED_STATUSES


def reopens_on_edit(status: str) -> bool:
    """Whether editing an item sends the catalogue back to draft (an accepted catalogue)."""
    return can_transition(status, Action.REOPEN)
