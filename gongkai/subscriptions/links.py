"""The links in the mails, signed with SECRET_KEY (django.core.signing).

- confirm: the subscriber and their secret token, with a timestamp; it expires after
  SUBSCRIPTION_PENDING_DAYS, when the pending subscriptions it would confirm are deleted;
- manage and unsubscribe: the secret token (and the subscription), without expiry, so the link
  in an old mail still works (RFC 8058 asks that one-click unsubscribe keep working);
- case: the application or message whose progress page offered "答复时邮件通知我", for an hour,
  so that only someone who passed the query-code check can ask to follow that case.

Links are absolute, on SITE_URL: the mails are written by commands, without a request.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from gongkai.subscriptions.models import Subscriber, Subscription

CONFIRM_SALT = "gongkai.subscriptions.confirm"
TOKEN_SALT = "gongkai.subscriptions.token"  # noqa: S105 - a salt, not a secret
CASE_SALT = "gongkai.subscriptions.case"
CASE_LINK_MAX_AGE = datetime.timedelta(hours=1)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirm_url(subscriber: Subscriber) -> str:
    value = signing.dumps({"s": subscriber.pk, "t": subscriber.token}, salt=CONFIRM_SALT)
    return absolute(reverse("portal:subscription-confirm", args=[value]))


def read_confirm(value: str) -> Subscriber | None:
    """The subscriber of a confirm link; None if forged, malformed or expired."""
    max_age = datetime.timedelta(days=settings.SUBSCRIPTION_PENDING_DAYS)
    try:
        data = signing.loads(value, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return Subscriber.objects.filter(pk=data.get("s"), token=data.get("t") or "-").first()


def _sign(data: dict) -> str:
    return signing.dumps(data, salt=TOKEN_SALT, compress=True)


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("portal:subscription-manage", args=[_sign({"t": subscriber.token})]))


def unsubscribe_url(subscriber: Subscriber, subscription: Subscription | None = None) -> str:
    """One topic's link, or (without `subscription`) the link that ends every subscription."""
    data = {"t": subscriber.token, "s": subscription.pk if subscription else None}
    return absolute(reverse("portal:subscription-unsubscribe", args=[_sign(data)]))


def read_token(value: str) -> tuple[Subscriber | None, int | None]:
    """(subscriber, subscription id or None) of a manage or unsubscribe link."""
    try:
        data = signing.loads(value, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None, None
    if not isinstance(data, dict):
        return None, None
    subscriber = Subscriber.objects.filter(token=data.get("t") or "-").first()
    subscription_id = data.get("s")
    return subscriber, subscription_id if isinstance(subscription_id, int) else None


def case_token(kind: str, pk: int) -> str:
    """For the form on a progress page that has just passed the query-code check."""
    return signing.dumps({"k": kind, "id": pk}, salt=CASE_SALT)


def read_case_token(value: str) -> tuple[str, int] | None:
    try:
        data = signing.loads(value, salt=CASE_SALT, max_age=CASE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    return str(data.get("k")), data["id"]
