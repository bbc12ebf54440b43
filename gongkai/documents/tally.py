"""Counts of the records the public can read, from the tally the database keeps
(models.PublicTally, migration 0010): a few rows per agency instead of counting records.

What is counted is exactly `Document.objects.public()` (published, proactively disclosed),
grouped by agency, catalogue item and document type; the portal's other filters (a year, a
word in the title) still count records (portal/paging.py caps those counts).
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from gongkai.documents.models import Document, PublicTally


def public_count(
    *,
    agency_id: int | None = None,
    catalogue_item_ids: Iterable[int] | None = None,
    document_types: Iterable[str] | None = None,
) -> int:
    """How many public records match: all, or of one agency, some catalogue items, some
    types (each filter optional; the three combine)."""
    rows = PublicTally.objects.all()
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    if catalogue_item_ids is not None:
        rows = rows.filter(catalogue_item_key__in=list(catalogue_item_ids))
    if document_types is not None:
        rows = rows.filter(document_type__in=list(document_types))
    return rows.aggregate(total=Coalesce(Sum("records"), 0))["total"]


def public_count_by_agency() -> dict[int, int]:
    """Agency id → its public records."""
    rows = PublicTally.objects.values_list("agency_id").annotate(n=Sum("records")).order_by()
    return {agency_id: n for agency_id, n in rows if n}


def public_count_by_item(agency_id: int) -> dict[int, int]:
    """Catalogue item id → the agency's public records under it (records without an item are
    left out)."""
    rows = (
        PublicTally.objects.filter(agency_id=agency_id)
        .exclude(catalogue_item_key=0)
        .values_list("catalogue_item_key")
        .annotate(n=Sum("records"))
        .order_by()
    )
    return {item_id: n for item_id, n in rows if n}


def _counted_from_records() -> dict[tuple[int, int, str], int]:
    rows = (
        Document.objects.public()
        .values_list("agency_id", "catalogue_item_id", "document_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(agency, item or 0, kind): n for agency, item, kind, n in rows}


def drift() -> dict[tuple[int, int, str], tuple[int, int]]:
    """Where the tally and a count of the records disagree: key → (tally, records). Empty
    when the triggers did their work (a test asserts it after every kind of change)."""
    counted = _counted_from_records()
    tallied = {
        (agency, item, kind): n
        for agency, item, kind, n in PublicTally.objects.values_list(
            "agency_id", "catalogue_item_key", "document_type", "records"
        )
    }
    return {
        key: (tallied.get(key, 0), counted.get(key, 0))
        for key in set(counted) | set(tallied)
        if tallied.get(key, 0) != counted.get(key, 0)
    }


def recount() -> int:
    """Rebuild the tally from the records (after restoring a database some other way than
    `gongkai restore`, or to repair it); returns the rows written. Locks the records table
    on PostgreSQL for the moment it takes, so no publication slips between count and write."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE documents_document IN SHARE MODE")
        PublicTally.objects.all().delete()
        rows = [
            PublicTally(agency_id=agency, catalogue_item_key=item, document_type=kind, records=n)
            for (agency, item, kind), n in _counted_from_records().items()
        ]
        PublicTally.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
