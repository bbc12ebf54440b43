"""Full-text search of decisions on the public list (the portal's search page shows them
beside the records). Every hit is checked again against the public list before it is shown."""

from django.utils import timezone

from gongkai.enforcement.models import Decision
from gongkai.enforcement.public import PublicDecision, public_view
from gongkai.enforcement.search_feed import KIND
from gongkai.search import query


def _decision_id(key: str | None) -> int | None:
    kind, _sep, object_id = (key or "").partition(":")
    return int(object_id) if kind == KIND and object_id.isdigit() else None


def search_public_decisions(
    text: str, *, agency: str | None = None, limit: int = 10
) -> list[tuple[PublicDecision, str]]:
    """The best public decisions for `text`, masked, with their snippets."""
    filters = {"agency": agency} if agency else {}
    results = query.search(text, filters=filters, page=1, page_size=limit, kinds=[KIND])
    snippets = {_decision_id(hit.key): str(hit.snippet) for hit in results.hits}
    ids = [pk for pk in snippets if pk is not None]
    found = Decision.objects.public(on=timezone.localdate()).select_related("agency").in_bulk(ids)
    return [(public_view(found[pk]), snippets[pk]) for pk in ids if pk in found]
