"""Errors of the search app. Each carries a translated message for the user."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SearchError(Exception):
    """Base class: a search could not be run; `message` says why, in the user's language."""

    default_message: str | Promise = _("检索未能完成。")

    def __init__(self, message: str | Promise | None = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class PageOutOfRangeError(SearchError):
    default_message = _("页码超出范围。")


class InvalidFilterError(SearchError):
    default_message = _("筛选条件无效。")


class QueryTooLongError(SearchError):
    default_message = _("检索词过长，请缩短后再试。")


class IndexBusyError(SearchError):
    default_message = _("索引正忙，请稍后再试。")


class IndexOutdatedError(IndexBusyError):
    """The index was built with another schema version; an operator must rebuild it."""

    default_message = _("检索服务正在维护，请稍后再试。")
