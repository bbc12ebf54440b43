"""Full-text search of published datasets through gongkai's search engine (the portal's
search page shows them beside the records; the CKAN API's `q` uses it too). Every hit is
checked again against the database before it is shown."""

from gongkai.opendata.models import Dataset
from gongkai.opendata.search_feed import KIND
from gongkai.search import query

# What the search page shows of a found dataset.
_HIT_FIELDS = ("pk", "name", "title", "modified_at", "agency__name")


def _dataset_id(key: str | None) -> int | None:
    kind, _sep, object_id = (key or "").partition(":")
    return int(object_id) if kind == KIND and object_id.isdigit() else None


def matching_ids(text: str, *, pages: int = 10) -> list[int]:
    """Ids of published datasets matching `text`, best first (at most `pages` × 100)."""
    ids: list[int] = []
    for page in range(1, pages + 1):
        results = query.search(text, filters={}, page=page, page_size=100, kinds=[KIND])
        ids.extend(pk for pk in (_dataset_id(hit.key) for hit in results.hits) if pk)
        if len(results.hits) < 100:
            break
    return ids


def search_public_datasets(
    text: str, *, agency: str | None = None, limit: int = 10
) -> list[tuple[Dataset, str]]:
    """The best published datasets for `text`, with their snippets."""
    filters = {"agency": agency} if agency else {}
    results = query.search(text, filters=filters, page=1, page_size=limit, kinds=[KIND])
    snippets = {_dataset_id(hit.key): str(hit.snippet) for hit in results.hits}
    ids = [pk for pk in snippets if pk is not None]
    found = Dataset.objects.published().select_related("agency").only(*_HIT_FIELDS).in_bulk(ids)
    return [(found[pk], snippets[pk]) for pk in ids if pk in found]
