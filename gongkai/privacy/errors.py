"""Errors of the review before release. Each carries a translated message for the reviewer."""


class ReleaseReviewError(Exception):
    """Publication refused by the secrecy and privacy review; `findings` are the unresolved
    ones (ReleaseFinding), `field` the form field to show the message at."""

    def __init__(self, message: str, *, findings=(), field: str | None = None):
        super().__init__(message)
        self.message = message
        self.findings = list(findings)
        self.field = field
