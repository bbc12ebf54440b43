"""Errors of subscriptions; each carries a translated message."""


class SubscriptionError(Exception):
    """`message` is shown to the user as it is; `field` names the form field it belongs to."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
