"""Errors of the yearly review; each carries a translated message and the field it is about."""


class ReviewError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
