"""Errors of datasets and resources. Each carries a translated message for the clerk."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.documents.importing import RowError


class DatasetError(Exception):
    """Base class: `message` is shown as it is; `errors` maps form fields to messages."""

    def __init__(self, message: str, *, field: str | None = None, errors=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str, list[str]] = errors or ({field: [message]} if field else {})


class TransitionNotAllowed(DatasetError):
    def __init__(self, action_label: str, status_label: str):
        super().__init__(
            _("当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": status_label, "action": action_label}
        )


class ResourceInvalid(DatasetError):
    """An uploaded file was refused; `problems` names each row and column (row 0 = the file)."""

    def __init__(self, problems: Sequence[RowError]):
        self.problems = list(problems)
        super().__init__(
            ngettext(
                "文件有 %(count)d 处问题，没有保存。请修改后重新上传。",
                "文件有 %(count)d 处问题，没有保存。请修改后重新上传。",
                len(self.problems),
            )
            % {"count": len(self.problems)},
            field="file",
            errors={"file": [str(p) for p in self.problems]},
        )
