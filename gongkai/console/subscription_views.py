"""邮件订阅 figures in the console: counts per agency and topic, bounces; never addresses
(gongkai/subscriptions/access.py)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.console.views import staff_required
from gongkai.subscriptions import access, counts
from gongkai.subscriptions.models import CASE_TOPICS, DeliveryStatus, Topic


@staff_required
def subscription_counts(request: HttpRequest) -> HttpResponse:
    if not access.can_view_counts(request.user):
        raise PermissionDenied
    agency_ids = access.counted_agency_ids(request.user)
    topics = [(value, label) for value, label in Topic.choices if value not in CASE_TOPICS]
    context = {
        "topics": topics,
        "rows": [
            (row, [(label, row.by_topic.get(value, 0)) for value, label in topics])
            for row in counts.per_agency(agency_ids)
        ],
        "top_items": counts.top_items(agency_ids),
    }
    if access.sees_site_totals(request.user):
        totals = counts.site_totals()
        context["totals"] = totals
        # Only a keyword and the consultations can be followed across every agency.
        context["without_agency"] = [
            (label, totals["without_agency"].get(value, 0))
            for value, label in topics
            if value in (Topic.KEYWORD, Topic.CONSULTATIONS)
        ]
        context["delivery_rows"] = [
            (label, totals["deliveries"].get(value, 0)) for value, label in DeliveryStatus.choices
        ]
    return render(request, "console/subscription_counts.html", context)
