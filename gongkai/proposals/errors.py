"""Errors of suggestion and proposal handling; each carries a translated message and the field
it is about (for the form to show it next to the input)."""


class ProposalError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
