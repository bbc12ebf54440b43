"""The year's timeliness as the obligations ledger records it, for the report's section 五
(存在的主要问题): records published late and applications answered late."""

from django.db.models import Count

from gongkai.obligations.models import Obligation

LATE_KINDS = {
    "late_publications": "documents.publication",
    "late_replies": "foi.reply",
}


def late_counts(agency_ids: list[int], year: int) -> dict[str, int]:
    """{figure: duties of the agencies done late in `year`} (by the day they were done), in one
    grouped query."""
    counts = dict(
        Obligation.objects.for_agencies(agency_ids)
        .of_kind(*LATE_KINDS.values())
        .filter(is_late=True, done_on__year=year)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return {figure: counts.get(kind, 0) for figure, kind in LATE_KINDS.items()}
