"""Feeding the search index: published decisions on the public list are indexed (masked, as
every public output: public.py); a withdrawn, repaired or expired one leaves the index."""

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from gongkai.enforcement.models import Decision
from gongkai.search.models import Operation
from gongkai.search.services import enqueue_change

KIND = "enforcement_decision"


def decision_payload(decision: Decision) -> dict[str, Any]:
    from gongkai.enforcement.public import public_view

    view = public_view(decision)
    title = f"{decision.get_kind_display()}：{view.party_name}"
    body = " ".join(v for v in view.texts.values() if v)
    published_on = decision.published_on
    return {
        "title": title,
        "numbers": [n for n in (decision.document_number, decision.licence_number) if n],
        "summary": " ".join(
            v
            for v in (decision.document_number, decision.violation_type, decision.certificate_name)
            if v
        ),
        "body": body,
        "agency": decision.agency.code,
        "agency_name": decision.agency.name,
        "doc_type": decision.kind,
        "year": decision.decided_on.year,
        "published_on": published_on.isoformat() if published_on else None,
        "url": reverse("portal:decision-detail", args=[decision.pk]),
    }


def sync_search(decision: Decision) -> None:
    """Index the decision if the public list shows it today, otherwise remove it."""
    if decision.is_public_on(timezone.localdate()):
        enqueue_change(
            kind=KIND,
            object_id=decision.pk,
            operation=Operation.UPSERT,
            payload=decision_payload(decision),
        )
    else:
        enqueue_change(kind=KIND, object_id=decision.pk, operation=Operation.DELETE)


def public_payloads() -> Iterator[tuple[str, dict[str, Any]]]:
    decisions = (
        Decision.objects.public(on=timezone.localdate()).select_related("agency").order_by("pk")
    )
    for decision in decisions.iterator(chunk_size=500):
        yield str(decision.pk), decision_payload(decision)


def public_count() -> int:
    return Decision.objects.public(on=timezone.localdate()).count()
