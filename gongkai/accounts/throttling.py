"""Sign-in throttling: after LOGIN_FAILURE_LIMIT failed attempts for one account name, or
LOGIN_ADDRESS_FAILURE_LIMIT from one client address, every attempt is refused for
LOGIN_LOCKOUT_MINUTES, even with the right password. A success clears the account's count;
failures older than the lockout period are forgotten. An administrator may lift a lock early
(audited).

Attempts refused while locked are not counted, so a lock ends when its period is over and not
later; the address count is not cleared by a success, so that one valid account cannot be used
to keep guessing the passwords of others from the same address.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts.models import LoginThrottle, Scope
from gongkai.audit.services import record_event, snapshot

logger = logging.getLogger(__name__)


def lockout_period() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _limit(scope: str) -> int:
    if scope == Scope.ACCOUNT:
        return settings.LOGIN_FAILURE_LIMIT
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT


def _keys(account: str, address: str) -> list[tuple[str, str]]:
    keys = [(Scope.ACCOUNT, account.strip().lower())]
    if address:
        keys.append((Scope.ADDRESS, address))
    return keys


def _matching(keys: list[tuple[str, str]]) -> Q:
    query = Q(pk__in=[])
    for scope, key in keys:
        query |= Q(scope=scope, key=key)
    return query


def lock_ends_at(account: str, address: str) -> datetime.datetime | None:
    """When the lock on this account name or address ends, or None if neither is locked."""
    now = timezone.now()
    locks = LoginThrottle.objects.filter(_matching(_keys(account, address))).locked(at=now)
    return max((row.locked_until for row in locks), default=None)


@transaction.atomic
def record_failed_login(account: str, address: str) -> datetime.datetime | None:
    """Count one failed attempt; returns when the lock ends if this attempt set one."""
    now = timezone.now()
    locked_until = None
    for scope, key in _keys(account, address):
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            scope=scope, key=key
        )
        if row.last_failed_at is None or now - row.last_failed_at >= lockout_period():
            row.failures = 0
        row.failures += 1
        row.last_failed_at = now
        fields = ["failures", "last_failed_at"]
        if row.failures >= _limit(scope) and not row.is_locked(at=now):
            row.locked_until = now + lockout_period()
            fields.append("locked_until")
            locked_until = row.locked_until
            logger.warning("Sign-in locked for %s %s after %s failures", scope, key, row.failures)
            record_event(
                actor=None,
                action="accounts.login_locked",
                obj=row,
                after=snapshot(row, ["scope", "key", "failures", "locked_until"]),
            )
        row.save(update_fields=fields)
    return locked_until


@transaction.atomic
def record_successful_login(account: str) -> None:
    """A success clears the account name's count (not the address's)."""
    LoginThrottle.objects.filter(scope=Scope.ACCOUNT, key=account.strip().lower()).delete()


def account_keys(user) -> list[str]:
    """The names a person signs in with: the username (console) and the address (portal)."""
    return [key for key in {user.get_username().lower(), (user.email or "").lower()} if key]


def is_account_locked(user) -> bool:
    """Whether sign-ins to this account are locked (API tokens ask too)."""
    return (
        LoginThrottle.objects.filter(scope=Scope.ACCOUNT, key__in=account_keys(user))
        .locked()
        .exists()
    )


@transaction.atomic
def unlock_account(user, *, actor) -> int:
    """Lift the sign-in lock and forget the failures of one account; audited."""
    rows = LoginThrottle.objects.select_for_update().filter(
        scope=Scope.ACCOUNT, key__in=account_keys(user)
    )
    before = [snapshot(row, ["key", "failures", "locked_until"]) for row in rows]
    count = len(before)
    rows.delete()
    record_event(
        actor=actor,
        action="accounts.unlocked",
        obj=user,
        before={"throttles": before},
        after={"throttles": []},
    )
    return count


@transaction.atomic
def unlock_throttle(throttle: LoginThrottle, *, actor) -> None:
    """Lift one lock (an account name or a client address) and forget its failures; audited."""
    before = snapshot(throttle, ["scope", "key", "failures", "locked_until"])
    record_event(actor=actor, action="accounts.unlocked", obj=throttle, before=before)
    throttle.delete()


def forget_old_failures() -> int:
    """Delete counts that would be reset at their next failure anyway (a daily command)."""
    now = timezone.now()
    stale = LoginThrottle.objects.filter(last_failed_at__lt=now - lockout_period()).exclude(
        locked_until__gt=now
    )
    count, _by_model = stale.delete()
    return count
