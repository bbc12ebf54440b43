"""Errors of the rate limits: what went over, and for how long."""

import math
from dataclasses import dataclass


@dataclass
class RateLimitExceeded(Exception):
    """Too many uses of one scope by one key; `retry_after` seconds until the next is allowed.

    `locked` says the key (a query code) is shut for a while, not merely at its rate."""

    scope: str
    retry_after: int
    locked: bool = False

    @property
    def minutes(self) -> int:
        """Whole minutes to wait, at least one (what the public is told)."""
        return max(1, math.ceil(self.retry_after / 60))
