"""Counting uses against rates, in the database (see README.md for why not the cache).

Fixed windows aligned on Unix time: a rate of 5/h allows five uses between 10:00:00 and
10:59:59, and five more from 11:00. A client may thus send up to twice the limit across a
window boundary; for forms and guessing that is acceptable and keeps one row per window.
Each increment is one UPDATE … SET hits = hits + 1 (or the INSERT of the window's first row,
with a unique constraint to settle two first uses at once), so concurrent workers never lose
a count.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.ratelimits.models import Lockout, RateCounter
from gongkai.ratelimits.rates import Rate, window_start


@dataclass(frozen=True)
class Slot:
    """One counted use, to give back if the submission was not accepted."""

    scope: str
    key_digest: str
    window_start: int


def key_digest(scope: str, key: str) -> str:
    """A keyed digest of `key`: the tables never hold an IP address or a query code."""
    message = f"{scope}\x00{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _increment(scope: str, digest: str, start: int, expires_at: datetime.datetime) -> int:
    counters = RateCounter.objects.filter(scope=scope, key_digest=digest, window_start=start)
    with transaction.atomic():
        if not counters.update(hits=F("hits") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        scope=scope,
                        key_digest=digest,
                        window_start=start,
                        hits=1,
                        expires_at=expires_at,
                    )
            except IntegrityError:  # another request created the window's row first
                counters.update(hits=F("hits") + 1)
        # Our UPDATE holds the row until commit, so this is our own count.
        return counters.values_list("hits", flat=True).get()


def give_back(slots: list[Slot]) -> None:
    """Un-count uses that did not lead anywhere (a form sent back with errors)."""
    for slot in slots:
        RateCounter.objects.filter(
            scope=slot.scope,
            key_digest=slot.key_digest,
            window_start=slot.window_start,
            hits__gt=0,
        ).update(hits=F("hits") - 1)


def take(
    scope: str,
    key: str,
    rates: tuple[Rate, ...],
    *,
    lockout: datetime.timedelta | None = None,
) -> list[Slot]:
    """Count one use of `scope` by `key` against each rate and return the counted slots.

    Raises RateLimitExceeded (and counts nothing) when a rate is over, or while the key is
    locked; with `lockout`, going over a rate locks the key for that long.
    """
    if not rates:
        return []
    now = timezone.now()
    digest = key_digest(scope, key)
    # Only scopes with a lockout ever write one, so the others need not look.
    locked = (
        Lockout.objects.filter(scope=scope, key_digest=digest, until__gt=now).first()
        if lockout is not None
        else None
    )
    if locked is not None:
        raise RateLimitExceeded(scope, _seconds_until(locked.until, now), locked=True)
    timestamp = int(now.timestamp())
    slots, waits = [], []
    for rate in rates:
        scope_of_rate = f"{scope}:{rate.seconds}"
        start = window_start(timestamp, rate.seconds)
        ends_at = datetime.datetime.fromtimestamp(start + rate.seconds, tz=datetime.UTC)
        hits = _increment(scope_of_rate, digest, start, ends_at)
        slots.append(Slot(scope_of_rate, digest, start))
        if hits > rate.limit:
            waits.append(_seconds_until(ends_at, now))
    if not waits:
        return slots
    give_back(slots)  # a refused use does not count against the longer windows
    if lockout is not None:
        until = now + lockout
        Lockout.objects.update_or_create(scope=scope, key_digest=digest, defaults={"until": until})
        raise RateLimitExceeded(scope, _seconds_until(until, now), locked=True)
    raise RateLimitExceeded(scope, max(waits))


def _seconds_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))


def purge_expired(now: datetime.datetime) -> int:
    """Delete counters of past windows and ended lockouts; the number of rows deleted."""
    counters, _ = RateCounter.objects.filter(expires_at__lte=now).delete()
    lockouts, _ = Lockout.objects.filter(until__lte=now).delete()
    return counters + lockouts
