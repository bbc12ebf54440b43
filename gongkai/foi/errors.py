"""Errors of information applications, with a translated message for the clerk or citizen."""


class FoiError(Exception):
    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
