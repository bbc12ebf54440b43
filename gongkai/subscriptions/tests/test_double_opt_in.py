"""Double opt-in: a confirmation mail first, nothing else before the address confirms; one
confirmation per address and interval; forged and expired links confirm nothing; the audit
trail names no address."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.subscriptions import digests, links, services
from gongkai.subscriptions.errors import SubscriptionError
from gongkai.subscriptions.models import (
    Delivery,
    DeliveryKind,
    Subscriber,
    SubscriptionState,
    Topic,
)
from gongkai.subscriptions.topics import TopicChoice

pytestmark = pytest.mark.django_db
ADDRESS = "reader@example.org"


@pytest.fixture
def item():
    return make_agency_item()


def test_subscribing_sends_one_confirmation_and_nothing_else(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscribe(
            email=" Reader@Example.ORG ",
            choice=TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item),
        )
    assert subscription.state == SubscriptionState.PENDING
    assert subscription.subscriber.email == ADDRESS
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [ADDRESS]
    assert "请确认" in mail.subject
    assert links.absolute("/subscriptions/confirm/") in mail.body
    assert "List-Unsubscribe" not in mail.extra_headers  # not a list mail yet

    # A record published in the item before confirmation: no digest goes to the address.
    make_published_document(catalogue_item=item)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 0
    assert len(mailoutbox) == 1


def test_repeated_requests_send_one_confirmation_per_interval(
    item, settings, mailoutbox, django_capture_on_commit_callbacks
):
    choice = TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    other = TopicChoice(Topic.KEYWORD, keyword="疫苗")
    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe(email=ADDRESS, choice=choice)
        services.subscribe(email=ADDRESS, choice=choice)
        services.subscribe(email=ADDRESS.upper(), choice=other)
    assert len(mailoutbox) == 1
    assert Subscriber.objects.count() == 1
    # The one link confirms both topics asked for in the meantime.
    assert len(services.pending_subscriptions(Subscriber.objects.get())) == 2

    later = timezone.now() + datetime.timedelta(
        minutes=settings.SUBSCRIPTION_CONFIRMATION_INTERVAL_MINUTES + 1
    )
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        services.subscribe(email=ADDRESS, choice=choice)
    assert len(mailoutbox) == 2


def test_a_confirmed_topic_asked_again_stays_and_sends_nothing(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    choice = TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscribe(email=ADDRESS, choice=choice)
    services.confirm(subscriber=subscription.subscriber, ids=[subscription.pk])
    Subscriber.objects.update(confirmation_sent_at=None)  # past the interval
    with django_capture_on_commit_callbacks(execute=True):
        again = services.subscribe(email=ADDRESS, choice=choice)
    assert again.pk == subscription.pk
    assert again.state == SubscriptionState.CONFIRMED
    assert len(mailoutbox) == 1


def test_the_confirm_link_works_until_it_expires_and_cannot_be_forged(item, settings):
    subscription = services.subscribe(
        email=ADDRESS, choice=TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    )
    subscriber = subscription.subscriber
    value = links.confirm_url(subscriber).rsplit("/", 2)[-2]
    assert links.read_confirm(value) == subscriber
    assert links.read_confirm(value[:-2] + "xx") is None
    assert links.read_confirm("not-a-link") is None
    # A link made for another subscriber's id with this one's signature does not exist.
    expired = timezone.now() + datetime.timedelta(days=settings.SUBSCRIPTION_PENDING_DAYS, hours=1)
    with time_machine.travel(expired):
        assert links.read_confirm(value) is None


def test_confirming_confirms_only_the_listed_pending_topics(item):
    first = services.subscribe(
        email=ADDRESS, choice=TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    )
    second = services.subscribe(email=ADDRESS, choice=TopicChoice(Topic.CONSULTATIONS))
    confirmed = services.confirm(subscriber=first.subscriber, ids=[first.pk])
    assert [s.pk for s in confirmed] == [first.pk]
    second.refresh_from_db()
    assert second.state == SubscriptionState.PENDING


def test_a_topic_that_names_nothing_or_a_bad_address_is_refused(item):
    with pytest.raises(SubscriptionError):
        services.subscribe(email=ADDRESS, choice=TopicChoice(Topic.CATALOGUE_ITEM))
    with pytest.raises(SubscriptionError) as caught:
        services.subscribe(email="   ", choice=TopicChoice(Topic.CONSULTATIONS))
    assert caught.value.field == "email"
    assert not Subscriber.objects.exists()


def test_the_audit_trail_names_the_topic_never_the_address(item):
    subscription = services.subscribe(
        email=ADDRESS, choice=TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    )
    services.confirm(subscriber=subscription.subscriber, ids=[subscription.pk])
    services.unsubscribe(subscription=subscription)
    events = AuditEvent.objects.filter(action__startswith="subscriptions.")
    assert [e.action for e in events.order_by("id")] == [
        "subscriptions.subscribe",
        "subscriptions.confirm",
        "subscriptions.unsubscribe",
    ]
    for event in events:
        assert "example.org" not in f"{event.object_repr}{event.before}{event.after}{event.note}"
        assert not event.affects_public
        assert event.agency == item.catalogue.agency


def test_unconfirmed_subscriptions_are_deleted_after_the_pending_days(item, settings):
    services.subscribe(email=ADDRESS, choice=TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    kept = services.subscribe(email="kept@example.org", choice=TopicChoice(Topic.CONSULTATIONS))
    services.confirm(subscriber=kept.subscriber, ids=[kept.pk])
    assert services.purge()["pending"] == 0
    later = timezone.now() + datetime.timedelta(days=settings.SUBSCRIPTION_PENDING_DAYS + 1)
    with time_machine.travel(later):
        services.purge()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org"]
    assert not Delivery.objects.filter(kind=DeliveryKind.CONFIRMATION, subscriber__email=ADDRESS)


def test_a_suspended_address_comes_back_by_asking_again_and_confirming(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    choice = TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    subscription = services.subscribe(email=ADDRESS, choice=choice)
    services.confirm(subscriber=subscription.subscriber, ids=[subscription.pk])
    for _n in range(services.BOUNCES_BEFORE_SUSPENSION):
        services.record_bounce(subscriber_id=subscription.subscriber_id)
    Subscriber.objects.update(confirmation_sent_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.subscribe(email=ADDRESS, choice=choice)
    assert again.state == SubscriptionState.PENDING
    assert len(mailoutbox) == 1  # the confirmation: nothing else while suspended
    services.confirm(subscriber=again.subscriber, ids=[again.pk])
    subscriber = Subscriber.objects.get()
    assert (subscriber.state, subscriber.bounce_count) == ("active", 0)
