"""Errors of enforcement decisions. Each carries a translated message for the clerk."""

from django.utils.translation import gettext as _


class EnforcementError(Exception):
    """Base class: `message` is shown to the user as it is; `field` names the input at fault."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class DecisionInvalid(EnforcementError):
    """The decision's fields do not hold together: `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        field, messages = next(iter(errors.items()))
        super().__init__(messages[0], field=field)
        self.errors = errors


class TransitionNotAllowed(EnforcementError):
    def __init__(self, action_label: str, status_label: str):
        super().__init__(
            _("当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": status_label, "action": action_label}
        )
