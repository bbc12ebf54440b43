"""Errors of the document library. Each carries a translated message for the clerk."""

from django.utils.translation import gettext as _


class DocumentError(Exception):
    """Base class: `message` is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class TransitionNotAllowed(DocumentError):
    def __init__(self, action_label: str, status_label: str):
        super().__init__(
            _("当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": status_label, "action": action_label}
        )


class UploadRejected(DocumentError):
    pass


class PublicationBlocked(DocumentError):
    pass
