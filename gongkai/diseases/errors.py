"""Errors of the disease figures, with translated messages."""


class DiseaseError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
