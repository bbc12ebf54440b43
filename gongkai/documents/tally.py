"""Counts of the records the public can read, from the tallies the database keeps
(models.PublicTallyByItem and PublicTallyByType, migration 0010): a few rows per agency
instead of counting records.

What is counted is exactly `Document.objects.public()` (published, proactively disclosed),
per agency and catalogue item, and per agency and document type; the portal's other filters
(a year, a word in the title) still count records (portal/paging.py caps those counts).
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from gongkai.documents.models import Document, PublicTallyByItem, PublicTallyByType

# Where the two tallies and a fresh count disagree: (tally, key) → (tallied, counted), the key
# being (agency, catalogue item) or (agency, document type).
Drift = dict[tuple[str, tuple[int, int | str]], tuple[int, int]]


def public_count(
    *, agency_id: int | None = None, document_types: Iterable[str] | None = None
) -> int:
    """How many public records: all, or of one agency, or of some types, or both."""
    rows = PublicTallyByType.objects.all()
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    if document_types is not None:
        rows = rows.filter(document_type__in=list(document_types))
    return rows.aggregate(total=Coalesce(Sum("records"), 0))["total"]


def public_count_by_agency() -> dict[int, int]:
    """Agency id → its public records."""
    rows = PublicTallyByType.objects.values_list("agency_id").annotate(n=Sum("records")).order_by()
    return {agency_id: n for agency_id, n in rows if n}


def public_count_by_item(agency_id: int) -> dict[int, int]:
    """Catalogue item id → the agency's public records under it."""
    rows = PublicTallyByItem.objects.filter(agency_id=agency_id, records__gt=0).values_list(
        "catalogue_item_key", "records"
    )
    return {item_id: n for item_id, n in rows if item_id}


def _counted(*dimensions: str) -> dict[tuple, int]:
    rows = Document.objects.public().values_list(*dimensions).annotate(n=Count("id")).order_by()
    return {tuple(key): n for *key, n in rows}


def _counted_by_item() -> dict[tuple, int]:
    return {
        (agency, item or 0): n
        for (agency, item), n in _counted("agency_id", "catalogue_item_id").items()
    }


def drift() -> Drift:
    """Where a tally and a count of the records disagree: (tally, key) → (tallied, counted).
    Empty when the triggers did their work (a test asserts it after every kind of change)."""
    differences: Drift = {}
    for name, counted, tallied in (
        (
            "item",
            _counted_by_item(),
            {
                (agency, item): n
                for agency, item, n in PublicTallyByItem.objects.values_list(
                    "agency_id", "catalogue_item_key", "records"
                )
            },
        ),
        (
            "type",
            _counted("agency_id", "document_type"),
            {
                (agency, kind): n
                for agency, kind, n in PublicTallyByType.objects.values_list(
                    "agency_id", "document_type", "records"
                )
            },
        ),
    ):
        for key in set(counted) | set(tallied):
            if tallied.get(key, 0) != counted.get(key, 0):
                differences[(name, key)] = (tallied.get(key, 0), counted.get(key, 0))
    return differences


def recount() -> int:
    """Rebuild both tallies from the records (after restoring a database some other way than
    `gongkai restore`, or to repair them); returns the rows written. Locks the records table
    on PostgreSQL for the moment it takes, so no publication slips between count and write."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE documents_document IN SHARE MODE")
                # Into new files: deleting would leave the old rows' pages to every later scan.
                # TRUNCATE refuses while this transaction owes deferred foreign-key checks on
                # them: run those first (Django's foreign keys are all deferrable).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(
                    f"TRUNCATE {PublicTallyByItem._meta.db_table}, "
                    f"{PublicTallyByType._meta.db_table}"
                )
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            PublicTallyByItem.objects.all().delete()
            PublicTallyByType.objects.all().delete()
        by_item = [
            PublicTallyByItem(agency_id=agency, catalogue_item_key=item, records=n)
            for (agency, item), n in _counted_by_item().items()
        ]
        by_type = [
            PublicTallyByType(agency_id=agency, document_type=kind, records=n)
            for (agency, kind), n in _counted("agency_id", "document_type").items()
        ]
        PublicTallyByItem.objects.bulk_create(by_item, batch_size=1000)
        PublicTallyByType.objects.bulk_create(by_type, batch_size=1000)
    return len(by_item) + len(by_type)
