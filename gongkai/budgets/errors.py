"""Errors of budget tables. Each carries a translated message for the clerk."""

from django.utils.translation import gettext as _


class BudgetError(Exception):
    """Base class: `message` is shown as it is; `errors` maps fields to messages."""

    def __init__(self, message: str, *, field: str | None = None, errors=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str, list[str]] = errors or ({field: [message]} if field else {})


class TransitionNotAllowed(BudgetError):
    def __init__(self, action_label: str, status_label: str):
        super().__init__(
            _("当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": status_label, "action": action_label}
        )


class TableIncomplete(BudgetError):
    """Submission or publication refused: the table's problems (sums, explanation) listed."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(
            _("预算决算表有以下问题，不能提交或发布：%(problems)s")
            % {"problems": "".join(self.problems)}
        )
