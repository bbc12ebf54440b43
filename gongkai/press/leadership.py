"""Leaders' interpretations of policies (负责同志解读): per agency and year, the published
interpretation records whose interpreter is the principal (主要负责人) or another leader
(其他负责同志). The duty — at least one a year — is a supervision finding rather than an
obligations-ledger row: it has no subject to hang a row on (the ledger stores one duty per
object) and nothing to remind a clerk of day by day; what a supervisor needs is the figure per
subordinate after the year, as for the annual report (findings.py). See README.md for the
sources."""

import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency, Level
from gongkai.documents.models import LEADER_ROLES, Attribute, Document, DocumentType, Status

MINIMUM_PER_YEAR = 1
# Government agencies owe it; hospitals and CDCs (医疗卫生机构) interpret no policies of their own.
OWING_LEVELS = frozenset(level for level in Level.values if level != Level.INSTITUTION)


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    since = timezone.make_aware(datetime.datetime(year, 1, 1))  # noqa: DTZ001 (made aware)
    until = timezone.make_aware(datetime.datetime(year + 1, 1, 1))  # noqa: DTZ001
    return since, until


def leader_interpretations(agency_ids, year: int) -> QuerySet:
    """The published interpretations of `year` by the agencies' leaders."""
    since, until = _year_bounds(year)
    return Document.objects.filter(
        agency_id__in=agency_ids,
        document_type=DocumentType.INTERPRETATION,
        attribute=Attribute.PROACTIVE,
        status=Status.PUBLISHED,
        interpreter_role__in=LEADER_ROLES,
        published_at__gte=since,
        published_at__lt=until,
    )


def counts_by_agency(agency_ids, year: int) -> dict[int, int]:
    rows = (
        leader_interpretations(agency_ids, year)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
    )
    return {r["agency_id"]: r["n"] for r in rows}


def owing_agencies(agency_ids) -> QuerySet:
    return Agency.objects.filter(pk__in=agency_ids, level__in=OWING_LEVELS)
