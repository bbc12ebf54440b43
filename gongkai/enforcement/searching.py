"""Full-text search of decisions on the public list (the portal's search page shows them
beside the records). Every hit is checked again against the public list before it is shown."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from gongkai.enforcement.models import Decision, DecisionKind
from gongkai.enforcement.public import public_party_name
from gongkai.enforcement.search_feed import KIND
from gongkai.search import query


@dataclass(frozen=True)
class DecisionHit:
    """A found decision as the search page lists it: of what is personal, only the party's
    name, masked as on the public list (`public_party_name`)."""

    pk: int
    kind_label: str
    party_name: str
    document_number: str
    decided_on: datetime.date
    snippet: str  # HTML from the index, escaped there


# What a hit reads of each decision (public_party_name reads the name and the category).
_HIT_FIELDS = ("pk", "kind", "party_category", "party_name", "document_number", "decided_on")


def _decision_id(key: str | None) -> int | None:
    kind, _sep, object_id = (key or "").partition(":")
    return int(object_id) if kind == KIND and object_id.isdigit() else None


def search_public_decisions(
    text: str, *, agency: str | None = None, limit: int = 10
) -> list[DecisionHit]:
    """The best public decisions for `text`, masked, with their snippets."""
    filters = {"agency": agency} if agency else {}
    results = query.search(text, filters=filters, page=1, page_size=limit, kinds=[KIND])
    snippets = {_decision_id(hit.key): str(hit.snippet) for hit in results.hits}
    ids = [pk for pk in snippets if pk is not None]
    public = Decision.objects.public(on=timezone.localdate())
    found = public.only(*_HIT_FIELDS).in_bulk(ids)
    kinds = dict(DecisionKind.choices)
    return [
        DecisionHit(
            pk=pk,
            kind_label=str(kinds.get(found[pk].kind, found[pk].kind)),
            party_name=public_party_name(found[pk]),
            document_number=found[pk].document_number,
            decided_on=found[pk].decided_on,
            snippet=snippets[pk],
        )
        for pk in ids
        if pk in found
    ]
