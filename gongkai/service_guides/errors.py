"""Errors of service items and guides. Each carries a translated message for the clerk."""

from django.utils.translation import gettext as _


class GuideError(Exception):
    """Base class: `message` is shown to the user as it is; `errors` maps fields to messages
    when a form has several problems at once (one-round validation)."""

    def __init__(self, message: str, *, field: str | None = None, errors=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str, list[str]] = errors or ({field: [message]} if field else {})


class TransitionNotAllowed(GuideError):
    def __init__(self, action_label: str, status_label: str):
        super().__init__(
            _("当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": status_label, "action": action_label}
        )


class GuideIncomplete(GuideError):
    """Publication refused: key elements (要素) are missing; `missing` lists them."""

    def __init__(self, missing):
        self.missing = list(missing)
        labels = "、".join(str(element.label) for element in self.missing)
        super().__init__(_("办事指南缺少关键要素，不能发布：%(labels)s。") % {"labels": labels})
