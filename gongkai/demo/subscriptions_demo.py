"""A few confirmed e-mail subscriptions of the demo county: to its new records, to the
catalogue item with the most records, to the keyword 疫苗, to new consultations. Addresses
are example.org (reserved, RFC 2606); no confirmation mail is queued for them."""

import secrets

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.subscriptions import services
from gongkai.subscriptions.models import Subscriber, Subscription, Topic
from gongkai.subscriptions.topics import TopicChoice

READER = "demo.reader@example.org"
NURSE = "demo.nurse@example.org"


def _quiet_subscriber(email: str) -> None:
    """The address as if a confirmation had just gone: subscribe() then queues none."""
    Subscriber.objects.get_or_create(
        email=email,
        defaults={"token": secrets.token_urlsafe(32), "confirmation_sent_at": timezone.now()},
    )


def load_subscriptions(agency: Agency) -> None:
    """Idempotent: nothing when the demo reader already has subscriptions."""
    if Subscription.objects.filter(subscriber__email=READER).exists():
        return
    item = (
        AgencyItem.objects.filter(catalogue__agency=agency)
        .annotate(records=Count("documents", filter=Q(documents__status="published")))
        .order_by("-records", "code")
        .first()
    )
    choices = {
        READER: [
            TopicChoice(Topic.AGENCY, agency=agency),
            TopicChoice(Topic.CONSULTATIONS),
        ],
        NURSE: [TopicChoice(Topic.KEYWORD, keyword="疫苗", agency=agency)],
    }
    if item is not None:
        choices[READER].append(TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    for email, topics in choices.items():
        _quiet_subscriber(email)
        made = [services.subscribe(email=email, choice=choice).pk for choice in topics]
        subscriber = Subscriber.objects.get(email=email)
        services.confirm(subscriber=subscriber, ids=made)
