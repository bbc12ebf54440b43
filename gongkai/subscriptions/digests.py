"""The daily digest and the case notices: what is new for whom, and one mail each.

Digest: for each active subscriber with confirmed daily subscriptions, one run a day claims
the subscriber (a conditional UPDATE of `digest_on`, so two workers or a second run never
send twice), collects per topic what became public in (last digest, now] — but never before
the subscription was confirmed — and queues one mail if anything is new. The window's end is
stored, so a day without mail loses nothing and the next digest starts where this one ended.

Case notices: a confirmed subscription to one's own application or message gets one notice
once the case is answered; `notified_at` is claimed with a conditional UPDATE.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.documents.models import Document
from gongkai.documents.searching import search_public_documents
from gongkai.foi.models import LogKind
from gongkai.foi.models import Status as ApplicationStatus
from gongkai.participation.models import Consultation, MessageStatus
from gongkai.subscriptions import links, mails
from gongkai.subscriptions.models import (
    CASE_TOPICS,
    DeliveryKind,
    Frequency,
    Subscriber,
    SubscriberState,
    Subscription,
    Topic,
)
from gongkai.subscriptions.services import link_for_case, queue_mail
from gongkai.subscriptions.topics import describe

# At most this many entries per topic in one digest (the rest: "more on the site").
ITEMS_PER_TOPIC = 30


def _record_items(records) -> list[mails.Item]:
    return [
        mails.Item(
            title=record.title,
            url=links.absolute(reverse("portal:document-detail", args=[record.pk])),
            on=record.published_on,
        )
        for record in records
    ]


def new_items(
    subscription: Subscription, since: datetime.datetime, until: datetime.datetime
) -> list[mails.Item]:
    """What became public for this topic in (since, until], newest first."""
    window = {"published_at__gt": since, "published_at__lte": until}
    topic = subscription.topic
    if topic in (Topic.AGENCY, Topic.CATALOGUE_ITEM):
        records = Document.objects.public().filter(**window)
        if topic == Topic.AGENCY:
            records = records.filter(agency=subscription.agency_id)
        else:
            records = records.filter(catalogue_item=subscription.catalogue_item_id)
        return _record_items(records.order_by("-published_at").defer("body")[:ITEMS_PER_TOPIC])
    if topic == Topic.KEYWORD:
        # The search engine decides what matches (segmentation, domain words), as on the
        # search page; only the records published in the window are kept.
        page = search_public_documents(
            subscription.keyword,
            agency=subscription.agency.code if subscription.agency_id else None,
            sort="date",
            page_size=100,
        )
        records = [
            record
            for record, _snippet in page.records
            if record.published_at and since < record.published_at <= until
        ]
        return _record_items(records[:ITEMS_PER_TOPIC])
    if topic == Topic.CONSULTATIONS:
        consultations = Consultation.objects.published().filter(**window)
        if subscription.agency_id:
            consultations = consultations.filter(agency=subscription.agency_id)
        return [
            mails.Item(
                title=str(consultation),
                url=links.absolute(reverse("portal:consultation-detail", args=[consultation.pk])),
                on=timezone.localdate(consultation.published_at),
            )
            for consultation in consultations.select_related("draft").order_by("-published_at")[
                :ITEMS_PER_TOPIC
            ]
        ]
    return []


def _digest_subscriber_ids() -> list[int]:
    return list(
        Subscriber.objects.filter(
            state=SubscriberState.ACTIVE,
            subscriptions__state="confirmed",
            subscriptions__frequency=Frequency.DAILY,
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """One digest per subscriber and day; how many mails were queued."""
    now = now or timezone.now()
    sent = 0
    for subscriber_id in _digest_subscriber_ids():
        sent += send_digest(subscriber_id=subscriber_id, now=now)
    return sent


@transaction.atomic
def send_digest(*, subscriber_id: int, now: datetime.datetime) -> int:
    """Claim today's digest of one subscriber and queue it if anything is new (1) or not (0)."""
    today = timezone.localdate(now)
    claimed = (
        Subscriber.objects.filter(pk=subscriber_id, state=SubscriberState.ACTIVE)
        .filter(Q(digest_on__isnull=True) | Q(digest_on__lt=today))
        .update(digest_on=today)
    )
    if not claimed:
        return 0
    subscriber = Subscriber.objects.get(pk=subscriber_id)
    with mails.in_language(subscriber):
        return _queue_digest(subscriber, today=today, now=now)


def _queue_digest(subscriber: Subscriber, *, today, now: datetime.datetime) -> int:
    sections = []
    subscriptions = (
        subscriber.subscriptions.deliverable()
        .filter(frequency=Frequency.DAILY)
        .select_related("agency", "catalogue_item__catalogue__agency")
    )
    for subscription in subscriptions:
        since = max(
            moment
            for moment in (subscriber.digest_until, subscription.confirmed_at)
            if moment is not None
        )
        items = new_items(subscription, since, now)
        if items:
            sections.append(
                mails.Section(
                    title=describe(subscription),
                    items=items,
                    unsubscribe_url=links.unsubscribe_url(subscriber, subscription),
                )
            )
    subscriber.digest_until = now
    subscriber.save(update_fields=["digest_until"])
    if not sections:
        return 0
    queue_mail(
        subscriber, DeliveryKind.DIGEST, mails.digest(subscriber, sections, day=today), now=now
    )
    return 1


def is_answered(subscription: Subscription) -> bool:
    """The application has its reply (or is closed), the message its answer (or rejection)."""
    if subscription.application_id:
        application = subscription.application
        return (
            application.status == ApplicationStatus.CLOSED
            or application.events.filter(kind=LogKind.REPLIED).exists()
        )
    message = subscription.message
    return message.status in (MessageStatus.ANSWERED, MessageStatus.REJECTED)


def send_case_notices(*, now: datetime.datetime | None = None) -> int:
    """One notice per followed case once it is answered; how many were queued."""
    now = now or timezone.now()
    waiting = (
        Subscription.objects.deliverable()
        .filter(topic__in=CASE_TOPICS, notified_at__isnull=True)
        .select_related("application", "message")
        .order_by("pk")
    )
    sent = 0
    for subscription in waiting:
        if is_answered(subscription):
            sent += _notify(subscription.pk, now)
    return sent


@transaction.atomic
def _notify(subscription_id: int, now: datetime.datetime) -> int:
    claimed = Subscription.objects.filter(pk=subscription_id, notified_at__isnull=True).update(
        notified_at=now
    )
    if not claimed:
        return 0
    subscription = Subscription.objects.select_related("subscriber", "application", "message").get(
        pk=subscription_id
    )
    with mails.in_language(subscription.subscriber):
        mail = mails.case_notice(subscription, url=link_for_case(subscription))
    queue_mail(subscription.subscriber, DeliveryKind.CASE_NOTICE, mail, now=now)
    return 1
