"""Errors of the supervision app; each carries a message in Chinese for the UI."""


class SupervisionError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class TransitionNotAllowed(SupervisionError):
    pass
