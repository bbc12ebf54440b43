"""Errors of projects, stages and procurement notices; each carries a translated message."""


class ProjectError(Exception):
    """`message` is shown to the user as it is; `field` names the form field it belongs to."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str, list[str]] = {field: [message]} if field else {}
