"""Half-yearly progress reports of subordinate agencies: the periods and their due days. Pure.

Jincheng's notice has every county and directly-administered unit report its disclosure work
to the city by 10 July (the first half) and 10 January (the second half and the year). A
report is opened when its half ends, and only for halves that ended recently
(`OPEN_WITHIN_DAYS`), so that starting the platform never back-fills years of reports.
"""

import datetime
from dataclasses import dataclass

OPEN_WITHIN_DAYS = 60


@dataclass(frozen=True, order=True)
class Half:
    year: int
    half: int  # 1: January–June; 2: July–December

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)
        )

    @property
    def due_on(self) -> datetime.date:
        """By 10 July for the first half, by 10 January of the next year for the second."""
        if self.half == 1:
            return datetime.date(self.year, 7, 10)
        return datetime.date(self.year + 1, 1, 10)

    @property
    def label(self) -> str:
        return f"{self.year}年上半年" if self.half == 1 else f"{self.year}年下半年及全年"


def half_containing(day: datetime.date) -> Half:
    return Half(day.year, 1 if day.month <= 6 else 2)


def halves_to_open(today: datetime.date) -> list[Half]:
    """The halves that have ended, at most OPEN_WITHIN_DAYS ago: their reports are due now."""
    current = half_containing(today)
    previous = Half(current.year, 1) if current.half == 2 else Half(current.year - 1, 2)
    if (today - previous.end).days <= OPEN_WITHIN_DAYS:
        return [previous]
    return []
