"""The demo's subscriptions: confirmed, and the first digest after loading lists the county's
newest records to the demo reader."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from gongkai.demo.subscriptions_demo import NURSE, READER
from gongkai.documents.tests.factories import make_published_document
from gongkai.subscriptions import digests
from gongkai.subscriptions.models import Delivery, Subscription, SubscriptionState, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_readers_are_confirmed_and_get_a_digest(restore_demo, mailoutbox):
    restore_demo()
    mine = Subscription.objects.filter(subscriber__email=READER)
    assert {s.topic for s in mine} == {Topic.AGENCY, Topic.CONSULTATIONS, Topic.CATALOGUE_ITEM}
    assert {s.state for s in mine} == {SubscriptionState.CONFIRMED}
    assert Subscription.objects.get(subscriber__email=NURSE).keyword == "疫苗"
    assert not Delivery.objects.exists()  # loading queues no mail

    item = mine.get(topic=Topic.CATALOGUE_ITEM).catalogue_item
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        record = make_published_document(catalogue_item=item, title="【演示】新发布的通知")
        digests.send_digests()
    digest = Delivery.objects.get(subscriber__email=READER, kind="digest")
    assert record.title in digest.body_text
