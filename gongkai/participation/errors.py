"""Errors of public participation, with a translated message for the clerk or the public."""


class ParticipationError(Exception):
    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class AlreadyReported(ParticipationError):
    """The visitor has reported this comment before; the report is not counted again."""


class PersonalDataError(ParticipationError):
    """Publication refused: the public texts carry personal data (listed in `findings`)."""

    def __init__(self, message, *, findings):
        super().__init__(message)
        self.findings = findings
