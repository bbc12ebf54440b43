"""Errors of the working-day calendar. Each carries a translated message for the user."""

import datetime

from django.utils.translation import gettext as _


class WorkdaysError(Exception):
    """Base class: `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class YearNotLoaded(WorkdaysError):
    """A period reaches a year the calendar can count neither from its notice nor
    provisionally (before the first loaded year, or two or more years ahead)."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("%(year)s年的工作日无法确定（该年的节假日安排尚未载入），期限暂不能计算。")
            % {"year": year}
        )


class ProvisionalRefused(WorkdaysError):
    """A strict count (official calendar only) reached a year that is counted provisionally."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _(
                "%(year)s年的节假日安排尚未载入工作日历，只能暂定计算。"
                "请管理员载入国务院办公厅的放假通知后再按正式安排计算。"
            )
            % {"year": year}
        )


class CalendarYearMissing(WorkdaysError):
    """A single day was edited in a year that has not been loaded from a notice."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("%(year)s年尚未载入工作日历。请先按国务院办公厅的放假通知载入该年，再修改单个日期。")
            % {"year": year}
        )


class InvalidSpecialDay(WorkdaysError):
    """A holiday or 调休 working day that contradicts the calendar's rules."""


class SpecialDayNotFound(WorkdaysError):
    """The day to remove is neither a holiday nor a 调休 working day."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day
        super().__init__(
            _("%(day)s 不是工作日历中的放假日或调休上班日。") % {"day": day.isoformat()}
        )
