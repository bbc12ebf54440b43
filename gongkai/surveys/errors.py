"""Errors of surveys; each carries a translated message for the clerk or the public."""


class SurveyError(Exception):
    """`message` is shown as it is; `field` names the form field it belongs to (if any);
    `problems` holds a response's problems by question number."""

    def __init__(self, message, *, field: str | None = None, problems=None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.problems: dict[int, str] = dict(problems or {})


class AlreadyAnswered(SurveyError):
    """This browser has answered the survey before."""


class NetworkCapReached(SurveyError):
    """The respondent's network has sent the survey's daily number of responses."""
