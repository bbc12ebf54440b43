"""Errors of the price lists, with translated messages."""


class PriceError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
