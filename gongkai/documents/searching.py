"""Full-text search of public records, shared by the portal and the API.

The index may lag behind the database, and it holds only what was public when it was fed:
every hit is checked again against `Document.objects.public()` before anyone sees it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.documents.models import Document
from gongkai.documents.search_feed import KIND
from gongkai.search import query
from gongkai.search.query import SearchResults


@dataclass
class PublicSearchPage:
    """One page of results: the engine's counts and the public records, best first."""

    results: SearchResults
    records: list[tuple[Document, str]] = field(default_factory=list)  # (record, snippet)


def document_id(key: str | None) -> int | None:
    """The record id of an index key such as "document:42"; None for other kinds."""
    kind, _sep, object_id = (key or "").partition(":")
    return int(object_id) if kind == KIND and object_id.isdigit() else None


def find_by_number(text: str) -> Document | None:
    """The public record whose 文号 or 索引号 is exactly `text` (brackets normalised)."""
    pk = document_id(query.lookup_number(text, kinds=[KIND]))
    return Document.objects.public().filter(pk=pk).first() if pk is not None else None


def search_public_documents(
    text: str,
    *,
    agency: str | None = None,
    doc_type: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    fields: Sequence[str] | None = None,
) -> PublicSearchPage:
    """Search, pin an exact 文号/索引号 match first on page 1, keep only public records.

    `fields`: load only these of each record (and its agency, as ``agency__name``), for a
    caller that shows a few; by default every field but the body."""
    filters = {"agency": agency, "doc_type": doc_type, "year": year, "validity": validity}
    results = query.search(
        text,
        filters={name: value for name, value in filters.items() if value},
        sort=sort,
        page=page,
        page_size=page_size,
        kinds=[KIND],
    )
    snippets = {document_id(hit.key): str(hit.snippet) for hit in results.hits}
    ids = [pk for pk in snippets if pk is not None]
    if page == 1:
        pinned = document_id(query.lookup_number(text, kinds=[KIND]))
        if pinned is not None:
            ids = [pinned, *(pk for pk in ids if pk != pinned)]
    public = Document.objects.public()
    if agency:
        public = public.filter(agency__code=agency)
    if doc_type:
        public = public.filter(document_type=doc_type)
    if year:
        public = public.filter(published_at__year=year)
    if validity:
        public = public.filter(validity=validity)
    public = public.select_related("agency")
    found = (public.only(*fields) if fields else public.defer("body")).in_bulk(ids)
    return PublicSearchPage(
        results=results,
        records=[(found[pk], snippets.get(pk, "")) for pk in ids if pk in found],
    )
