"""Errors of the catalogue app. Each carries a translated message for the user."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CatalogueError(Exception):
    """Base class: a catalogue operation was refused; `message` says why, in the user's language."""

    default_message: str | Promise = _("公开目录操作未能完成。")

    def __init__(self, message: str | Promise | None = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class TransitionNotAllowedError(CatalogueError):
    default_message = _("公开目录当前的备案状态不允许此操作。")


class CatalogueLockedError(CatalogueError):
    default_message = _("公开目录已报上级机关备案，审查完成（退回或通过）前不能修改。")


class NoSupervisorError(CatalogueError):
    default_message = _("本机关没有上级机关，无法报备公开目录。")


class ReasonRequiredError(CatalogueError):
    default_message = _("请填写理由。")


class DuplicateCodeError(CatalogueError):
    default_message = _("该编码已被使用。")


class InvalidItemError(CatalogueError):
    """The values of an item are invalid; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("；".join(str(e) for e in errors))


class CatalogueFileError(CatalogueError):
    """The standard-catalogue data file cannot be read or does not validate."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
