"""Rates as written in the settings: "5/h,20/d" is at most 5 per hour and 20 per day.

Pure rules: no database, no settings. A rate is a count per fixed window; "5/15m" is five per
quarter of an hour. An empty value or "off" means no limit.
"""

import re
from dataclasses import dataclass

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^(?P<limit>\d+)/(?P<count>\d*)(?P<unit>[smhd])$")


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.limit}/{self.seconds}s"


class RateSyntaxError(ValueError):
    pass


def parse_rates(text: str) -> tuple[Rate, ...]:
    """The rates of a setting such as "5/h,20/d"; () for "" or "off". Raises RateSyntaxError."""
    text = text.strip().lower()
    if text in ("", "off"):
        return ()
    rates = []
    for part in text.split(","):
        match = RATE_PATTERN.match(part.strip())
        if match is None:
            raise RateSyntaxError(
                f"{part.strip()!r} is not a rate: write a count, a slash and a period, "
                "e.g. 5/h, 20/d or 10/15m"
            )
        seconds = int(match["count"] or 1) * UNIT_SECONDS[match["unit"]]
        if seconds == 0 or int(match["limit"]) == 0:
            raise RateSyntaxError(f"{part.strip()!r}: the count and the period must be above 0")
        rates.append(Rate(limit=int(match["limit"]), seconds=seconds))
    return tuple(rates)


def window_start(timestamp: int, seconds: int) -> int:
    """The start (Unix seconds) of the fixed window of `seconds` that holds `timestamp`."""
    return timestamp - timestamp % seconds
