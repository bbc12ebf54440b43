"""Two requests (a double click, two tabs) subscribe the same address to the same topic at the
same moment: one subscription exists afterwards and neither request fails — for a new address
and for a known address asking for a new topic. The unique rows (the address, one subscription
per topic) make the later insert wait for the first transaction and fail; the service then
takes the row the first one wrote."""

import threading

import pytest
from django.db import connection

from gongkai.documents.tests.factories import make_agency_item
from gongkai.subscriptions import services
from gongkai.subscriptions.models import Subscriber, Subscription, Topic
from gongkai.subscriptions.topics import TopicChoice

RACERS = 4

pytestmark = [
    pytest.mark.postgres_only("concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(choice: TopicChoice, email: str) -> list[BaseException]:
    barrier = threading.Barrier(RACERS)
    errors: list[BaseException] = []

    def subscribe() -> None:
        try:
            barrier.wait(timeout=10)
            services.subscribe(email=email, choice=choice)
        except BaseException as exc:  # reported by the test, in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=subscribe) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.mark.parametrize("known_address", [False, True], ids=["new address", "known address"])
def test_simultaneous_requests_make_one_subscription(known_address):
    item = make_agency_item()
    email = "reader@example.org"
    if known_address:
        services.subscribe(email=email, choice=TopicChoice(Topic.CONSULTATIONS))
    choice = TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)

    errors = _race(choice, email)

    assert errors == []
    assert Subscriber.objects.filter(email=email).count() == 1
    assert Subscription.objects.filter(topic_key=choice.key).count() == 1
