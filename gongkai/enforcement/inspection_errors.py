"""Errors of enforcement lists and inspections, with a translated message (and the field it
belongs to, when a form can show it there)."""


class InspectionError(Exception):
    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
