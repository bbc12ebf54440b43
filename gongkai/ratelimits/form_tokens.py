"""One-time form tokens: each rendered public form carries a fresh token, and a token files at
most one record. The same form sent twice (a double click, two tabs, the browser's "resend")
gets the receipt of the record the first one filed.

A token is a random value signed with SECRET_KEY and a timestamp, so nobody can make one up
and an old page stops working after TOKEN_MAX_AGE. A used token is stored (UsedFormToken,
unique) in the same transaction as the record it filed: of two requests with one token, the
second waits on the unique index until the first commits, then fails to insert and rolls back
its own record, on PostgreSQL as on SQLite.
"""

import datetime
import secrets
from collections.abc import Callable

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.ratelimits.models import UsedFormToken

# Long enough to fill in an application over a lunch break and more; a used token is kept as
# long, so a page reloaded from the browser's history cannot file a second record.
TOKEN_MAX_AGE = datetime.timedelta(days=2)
_SIGNER = signing.TimestampSigner(salt="gongkai.ratelimits.form-token")


def issue_token() -> str:
    """A fresh signed token for one rendered form."""
    return _SIGNER.sign(secrets.token_urlsafe(18))


def read_token(signed: str) -> str | None:
    """The token inside `signed`, or None if it is forged, malformed or too old."""
    try:
        return _SIGNER.unsign(signed or "", max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None


def _used(token: str) -> UsedFormToken | None:
    return UsedFormToken.objects.filter(token=token).first()


def submit_once(token: str, purpose: str, create: Callable[[], str]) -> tuple[str, bool]:
    """Run `create` (which files a record and returns its receipt) once per token.

    Returns (receipt, True) for the first use of the token and (the first use's receipt,
    False) for every later one. If `create` raises, nothing is stored and the token stays
    usable (the form comes back with the error).
    """
    used = _used(token)
    if used is not None:
        return used.receipt, False
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = UsedFormToken.objects.create(
                    token=token, purpose=purpose, expires_at=timezone.now() + TOKEN_MAX_AGE
                )
        except IntegrityError:  # the same form, sent a moment earlier, got here first
            claim = None
        if claim is not None:
            receipt = create()
            claim.receipt = receipt
            claim.save(update_fields=["receipt"])
            return receipt, True
    return UsedFormToken.objects.get(token=token).receipt, False


def purge_expired(now: datetime.datetime) -> int:
    """Delete used tokens that could no longer be sent (older than TOKEN_MAX_AGE)."""
    deleted, _ = UsedFormToken.objects.filter(expires_at__lte=now).delete()
    return deleted
