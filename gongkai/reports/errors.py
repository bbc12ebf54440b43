"""Errors of the annual report; each carries a translated message for the clerk."""


class ReportError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ChecksFailed(ReportError):
    """Publishing was refused: `checks` failed and no override reason was given."""

    def __init__(self, message: str, *, checks) -> None:
        super().__init__(message, field="override_reason")
        self.checks = checks
