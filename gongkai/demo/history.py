"""Acting on a past day: the demo's year of history goes through the services with the
clock set to the day each step happened, so every date the services stamp (receipt, audit
events, 发布日期, lateness) is the day of the story, and nothing is written behind their
backs.

time-machine is a development dependency (`./run` and `./test` install it); the demo is
development data, never loaded in production."""

import contextlib
import datetime
from collections.abc import Iterator

from django.utils import timezone


@contextlib.contextmanager
def on_day(day: datetime.date, hour: int = 10, minute: int = 0) -> Iterator[None]:
    """Run the block as if it were `day` at `hour`:`minute`, local time; today stays today."""
    if day >= timezone.localdate():
        yield  # today (or a slip into the future): the real clock is the right one
        return
    try:
        import time_machine
    except ImportError as exc:  # pragma: no cover - ./run installs the test extras
        raise RuntimeError(
            "The demo's history needs time-machine (pip install -e '.[test]'); ./run installs it."
        ) from exc
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    with time_machine.travel(moment, tick=False):
        yield
