"""Figures for staff: confirmed subscriptions per agency and topic, the most followed
catalogue items, and how mail fares (sent, failed, bounced, suspended). Counts only: no
address ever leaves this module."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.subscriptions.models import (
    CASE_TOPICS,
    Delivery,
    Subscriber,
    SubscriberState,
    Subscription,
    SubscriptionState,
    Topic,
)


@dataclass
class AgencyCounts:
    agency: Agency
    by_topic: dict[str, int]
    suspended: int  # subscriptions of addresses suspended after bounces

    @property
    def total(self) -> int:
        return sum(self.by_topic.values())


def _with_agency():
    return Subscription.objects.exclude(topic__in=CASE_TOPICS).annotate(
        owner=Coalesce(F("agency_id"), F("catalogue_item__catalogue__agency_id"))
    )


def per_agency(agency_ids: set[int]) -> list[AgencyCounts]:
    rows = (
        _with_agency()
        .filter(owner__in=agency_ids, state=SubscriptionState.CONFIRMED)
        .values("owner", "topic")
        .annotate(
            count=Count("pk"),
            suspended=Count("pk", filter=Q(subscriber__state=SubscriberState.SUSPENDED)),
        )
    )
    agencies = Agency.objects.in_bulk({row["owner"] for row in rows})
    table: dict[int, AgencyCounts] = {}
    for row in rows:
        counts = table.setdefault(row["owner"], AgencyCounts(agencies[row["owner"]], {}, 0))
        counts.by_topic[row["topic"]] = row["count"]
        counts.suspended += row["suspended"]
    return sorted(table.values(), key=lambda counts: counts.agency.name)


def top_items(agency_ids: set[int], limit: int = 20) -> list[dict]:
    return list(
        Subscription.objects.confirmed()
        .filter(topic=Topic.CATALOGUE_ITEM, catalogue_item__catalogue__agency__in=agency_ids)
        .values("catalogue_item__name", "catalogue_item__catalogue__agency__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "catalogue_item__name")[:limit]
    )


def site_totals(*, now: datetime.datetime | None = None) -> dict:
    """For the site's administrators: topics tied to no agency, cases, and mail delivery."""
    now = now or timezone.now()
    confirmed = Subscription.objects.confirmed()
    since = now - datetime.timedelta(days=30)
    deliveries = dict(
        Delivery.objects.filter(created_at__gte=since)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {
        "without_agency": dict(
            confirmed.filter(agency__isnull=True, catalogue_item__isnull=True)
            .exclude(topic__in=CASE_TOPICS)
            .values_list("topic")
            .annotate(count=Count("pk"))
            .values_list("topic", "count")
        ),
        "cases": confirmed.filter(topic__in=CASE_TOPICS).count(),
        "pending": Subscription.objects.pending().count(),
        "subscribers": Subscriber.objects.filter(subscriptions__state="confirmed")
        .distinct()
        .count(),
        "suspended": Subscriber.objects.filter(state=SubscriberState.SUSPENDED).count(),
        "deliveries": deliveries,
    }
