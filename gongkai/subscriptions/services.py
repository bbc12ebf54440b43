"""Every state change of subscriptions: subscribe, confirm, unsubscribe, suspend, purge.

Each is one transaction with its audit event; mails are queued as Delivery rows and handed to
the task queue after commit (sending.py). The audit events name the subscription and its
topic, never the address (Subscriber.__str__)."""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.subscriptions import links, mails, sending
from gongkai.subscriptions.errors import SubscriptionError
from gongkai.subscriptions.models import (
    Delivery,
    DeliveryKind,
    Subscriber,
    SubscriberState,
    Subscription,
    SubscriptionState,
)
from gongkai.subscriptions.topics import TopicChoice, normalise_keyword

# After this many permanent failures (5xx) the subscriber gets no more mail.
BOUNCES_BEFORE_SUSPENSION = 3
# Delivery records (subject, status, the server's reply) are kept this long.
DELIVERIES_KEPT_DAYS = 90


def normalise_email(address: str) -> str:
    """One spelling per address: trimmed and lower-cased (domains are case-blind, and no
    real mailbox tells ABC@ from abc@)."""
    return (address or "").strip().lower()


@transaction.atomic
def subscribe(
    *,
    email: str,
    choice: TopicChoice,
    language: str = "",
    now: datetime.datetime | None = None,
):
    """Ask for a subscription: pending until the address confirms it by the mailed link.

    Whatever the address's state, the caller learns nothing: a confirmed topic stays as it is
    and no mail goes; otherwise a confirmation goes at most once per interval per address."""
    now = now or timezone.now()
    choice.check()
    address = normalise_email(email)
    if not address or "@" not in address:
        raise SubscriptionError(_("请填写有效的电子邮箱地址。"), field="email")
    language = mails.language_of(language or settings.LANGUAGE_CODE)
    subscriber, _created = Subscriber.objects.get_or_create(
        email=address,
        defaults={"token": secrets.token_urlsafe(32), "created_at": now, "language": language},
    )
    if subscriber.language != language:  # the mails follow the page last subscribed on
        subscriber.language = language
        subscriber.save(update_fields=["language"])
    # get_or_create: two requests at once (a double click) both find no subscription; the
    # second insert waits for the first transaction, fails on the unique row and takes it.
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber,
        topic_key=choice.key,
        defaults={
            "topic": choice.topic,
            "agency": choice.agency,
            "catalogue_item": choice.catalogue_item,
            "keyword": normalise_keyword(choice.keyword),
            "application": choice.application,
            "message": choice.message,
            "frequency": choice.frequency,
            "created_at": now,
        },
    )
    if not created and subscription.state == SubscriptionState.CONFIRMED:
        if subscriber.state == SubscriberState.ACTIVE:
            return subscription
        # Suspended after bounces: asking again is how the address comes back, by confirming.
        subscription.state = SubscriptionState.PENDING
        subscription.save(update_fields=["state"])
    elif not created and subscription.state == SubscriptionState.UNSUBSCRIBED:
        subscription.state = SubscriptionState.PENDING
        subscription.created_at = now
        subscription.save(update_fields=["state", "created_at"])
    record_event(
        actor=None,
        action="subscriptions.subscribe",
        obj=subscription,
        agency=choice.owning_agency,
        after={"topic": subscription.topic, "state": subscription.state},
    )
    _send_confirmation_if_due(subscriber, now)
    return subscription


def _send_confirmation_if_due(subscriber: Subscriber, now: datetime.datetime) -> bool:
    """Queue one confirmation mail unless one went to this address within the interval; the
    conditional UPDATE lets only one of two racing requests send it."""
    interval = datetime.timedelta(minutes=settings.SUBSCRIPTION_CONFIRMATION_INTERVAL_MINUTES)
    claimed = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lte=now - interval))
        .update(confirmation_sent_at=now)
    )
    if not claimed:
        return False
    subscriber.confirmation_sent_at = now
    with mails.in_language(subscriber):
        mail = mails.confirmation(subscriber)
    queue_mail(subscriber, DeliveryKind.CONFIRMATION, mail, now=now)
    return True


def queue_mail(
    subscriber: Subscriber, kind: str, mail: "mails.Mail", *, now: datetime.datetime
) -> Delivery:
    """A delivery record for the mail, sent by the task queue after commit."""
    delivery = Delivery.objects.create(
        subscriber=subscriber,
        kind=kind,
        subject=mail.subject[:200],
        body_text=mail.text,
        body_html=mail.html,
        unsubscribe_url=mail.unsubscribe_url,
        created_at=now,
        next_attempt_at=now,
    )
    transaction.on_commit(lambda: sending.enqueue(delivery.pk))
    return delivery


def pending_subscriptions(subscriber: Subscriber) -> list[Subscription]:
    return list(
        subscriber.subscriptions.pending().select_related(
            "agency", "catalogue_item__catalogue__agency", "application", "message"
        )
    )


@transaction.atomic
def confirm(
    *, subscriber: Subscriber, ids: list[int], now: datetime.datetime | None = None
) -> list[Subscription]:
    """The address confirms the pending subscriptions it was shown (double opt-in). A
    subscriber suspended after bounces is active again: the address has just proved it reads
    its mail."""
    now = now or timezone.now()
    confirmed = []
    for subscription in subscriber.subscriptions.pending().filter(pk__in=ids).select_for_update():
        subscription.state = SubscriptionState.CONFIRMED
        subscription.confirmed_at = now
        subscription.save(update_fields=["state", "confirmed_at"])
        record_event(
            actor=None,
            action="subscriptions.confirm",
            obj=subscription,
            agency=_owning_agency(subscription),
            after={"state": subscription.state},
        )
        confirmed.append(subscription)
    if confirmed and subscriber.state == SubscriberState.SUSPENDED:
        subscriber.state = SubscriberState.ACTIVE
        subscriber.bounce_count = 0
        subscriber.suspended_at = None
        subscriber.save(update_fields=["state", "bounce_count", "suspended_at"])
    return confirmed


def _owning_agency(subscription: Subscription):
    if subscription.is_case:
        return None
    if subscription.catalogue_item_id:
        return subscription.catalogue_item.catalogue.agency
    return subscription.agency


@transaction.atomic
def unsubscribe(
    *, subscription: Subscription, now: datetime.datetime | None = None
) -> Subscription:
    """End one subscription (one click, or from the manage page). Ending an ended one is no
    error: a link may be clicked twice."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.state == SubscriptionState.UNSUBSCRIBED:
        return subscription
    before = subscription.state
    subscription.state = SubscriptionState.UNSUBSCRIBED
    subscription.unsubscribed_at = now or timezone.now()
    subscription.save(update_fields=["state", "unsubscribed_at"])
    record_event(
        actor=None,
        action="subscriptions.unsubscribe",
        obj=subscription,
        agency=_owning_agency(subscription),
        before={"state": before},
        after={"state": subscription.state},
    )
    return subscription


def unsubscribe_all(*, subscriber: Subscriber, now: datetime.datetime | None = None) -> int:
    """End every subscription of the address; how many were ended."""
    ended = 0
    for subscription in subscriber.subscriptions.exclude(state=SubscriptionState.UNSUBSCRIBED):
        unsubscribe(subscription=subscription, now=now)
        ended += 1
    return ended


@transaction.atomic
def record_bounce(*, subscriber_id: int, now: datetime.datetime | None = None) -> bool:
    """Count a permanent failure; the third suspends the subscriber. True if it did."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber_id)
    subscriber.bounce_count += 1
    fields = ["bounce_count"]
    suspended = (
        subscriber.bounce_count >= BOUNCES_BEFORE_SUSPENSION
        and subscriber.state == SubscriberState.ACTIVE
    )
    if suspended:
        subscriber.state = SubscriberState.SUSPENDED
        subscriber.suspended_at = now or timezone.now()
        fields += ["state", "suspended_at"]
    subscriber.save(update_fields=fields)
    if suspended:
        record_event(
            actor=None,
            action="subscriptions.suspend",
            obj=subscriber,
            after={"state": subscriber.state, "bounce_count": subscriber.bounce_count},
        )
    return suspended


@transaction.atomic
def purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The daily clean-up (personal data kept no longer than needed): unconfirmed
    subscriptions after SUBSCRIPTION_PENDING_DAYS, ended ones at once, addresses left with no
    subscription, and delivery records after DELIVERIES_KEPT_DAYS."""
    now = now or timezone.now()
    pending_before = now - datetime.timedelta(days=settings.SUBSCRIPTION_PENDING_DAYS)
    pending, _by_model = (
        Subscription.objects.pending().filter(created_at__lt=pending_before).delete()
    )
    ended, _by_model = Subscription.objects.filter(
        state=SubscriptionState.UNSUBSCRIBED, unsubscribed_at__lt=now - datetime.timedelta(days=1)
    ).delete()
    old, _by_model = Delivery.objects.filter(
        created_at__lt=now - datetime.timedelta(days=DELIVERIES_KEPT_DAYS)
    ).delete()
    orphans = Subscriber.objects.filter(subscriptions__isnull=True).exclude(
        # A confirmation just sent: the address may still be the one asking.
        confirmation_sent_at__gte=pending_before
    )
    subscribers, _by_model = orphans.delete()
    return {"pending": pending, "ended": ended, "deliveries": old, "subscribers": subscribers}


def link_for_case(subscription: Subscription) -> str:
    """Where the notice sends the reader: the progress page (the query code and phone open it)."""
    from django.urls import reverse

    if subscription.application_id:
        return links.absolute(reverse("portal:foi-progress"))
    return links.absolute(reverse("portal:message-lookup"))
