"""Feeding the search index: what of a record is indexed, and when.

Only public records (published, proactive) are in the index. Every service that changes
what the public may see calls `sync_search(document)` inside its transaction; the search
app's outbox applies the change after commit (and replays it after a crash).
"""

import re
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.html import strip_tags

from gongkai.documents.models import Document
from gongkai.search.models import Operation
from gongkai.search.services import enqueue_change

KIND = "document"
_SPACES = re.compile(r"\s+")


def _text(html: str) -> str:
    return _SPACES.sub(" ", strip_tags(html or "")).strip()


def document_payload(document: Document) -> dict[str, Any]:
    """The fields the index needs for one public record."""
    published_on = document.published_on
    numbers = [n for n in (document.document_number, document.index_number) if n]
    return {
        "title": document.title,
        "numbers": numbers,
        "summary": document.summary,
        "body": _text(document.body),
        "attachments": [a.extracted_text for a in document.attachments.all() if a.extracted_text],
        "agency": document.agency.code,
        "agency_name": document.agency.name,
        "category": document.topic,
        "validity": document.validity,
        "doc_type": document.document_type,
        "year": published_on.year if published_on else None,
        "published_on": published_on,
        "url": reverse("portal:document-detail", args=[document.pk]),
    }


def sync_search(document: Document) -> None:
    """Index the record if the public may read it, otherwise remove it from the index."""
    if document.is_public:
        enqueue_change(
            kind=KIND,
            object_id=document.pk,
            operation=Operation.UPSERT,
            payload=document_payload(document),
        )
    else:
        enqueue_change(kind=KIND, object_id=document.pk, operation=Operation.DELETE)


def public_payloads() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every public record, for a full rebuild of the index."""
    records = (
        Document.objects.public()
        .select_related("agency")
        .prefetch_related("attachments")
        .order_by("pk")
    )
    for document in records.iterator(chunk_size=500):
        yield str(document.pk), document_payload(document)


def public_count() -> int:
    return Document.objects.public().count()
