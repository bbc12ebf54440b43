"""The period a finding or a ranking covers: a calendar year ("2026") or month ("2026-11")."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.supervision.errors import SupervisionError

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    key: str  # "2026" or "2026-11"

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{year:04d}")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        last = calendar.monthrange(year, month)[1]
        return cls(
            datetime.date(year, month, 1),
            datetime.date(year, month, last),
            f"{year:04d}-{month:02d}",
        )

    @classmethod
    def parse(cls, key: str) -> "Period":
        match = _PATTERN.match(key or "")
        if not match or not 1900 < int(match.group(1)) < 3000:
            raise SupervisionError(_("期间应写成年度（如 2026）或月份（如 2026-11）。"))
        year = int(match.group(1))
        if match.group(2) is None:
            return cls.year(year)
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise SupervisionError(_("月份应在 01 至 12 之间。"))
        return cls.month(year, month)

    @property
    def is_year(self) -> bool:
        return len(self.key) == 4

    @property
    def label(self) -> str:
        if self.is_year:
            return _("%(year)s年") % {"year": self.start.year}
        return _("%(year)s年%(month)s月") % {"year": self.start.year, "month": self.start.month}


def last_months(today: datetime.date, count: int = 12) -> list[Period]:
    """The `count` months up to and including today's, oldest first."""
    periods = []
    year, month = today.year, today.month
    for _step in range(count):
        periods.append(Period.month(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(periods))
