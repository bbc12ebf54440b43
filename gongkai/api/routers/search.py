"""Full-text search over public records; every hit is re-checked against the database."""

from django.http import HttpRequest
from ninja import Query, Router

from gongkai.api.pagination import page_link
from gongkai.api.schemas import ErrorOut, SearchFilters, SearchPageOut, SuggestionOut
from gongkai.api.shaping import search_hit_out
from gongkai.documents.searching import search_public_documents
from gongkai.http.ratelimit import count_search

router = Router(tags=["search"])


@router.get(
    "",
    response={200: SearchPageOut, 400: ErrorOut, 429: ErrorOut},
    url_name="search",
    operation_id="search_records",
)
def search_records(request: HttpRequest, filters: Query[SearchFilters]) -> SearchPageOut:
    """Search public records; on page 1 an exact 文号/索引号 puts its record first.
    Searches are limited per client (429 with Retry-After once over)."""
    count_search(request)
    found = search_public_documents(
        filters.q,
        agency=filters.agency,
        doc_type=filters.type.value if filters.type else None,
        year=filters.year,
        validity=filters.validity.value if filters.validity else None,
        sort=filters.sort,
        page=filters.page,
        page_size=filters.page_size,
    )
    results = found.results
    hits = [search_hit_out(request, record, snippet) for record, snippet in found.records]
    return SearchPageOut(
        query=results.query,
        sort=results.sort,
        total=results.total,
        page=results.page,
        page_size=results.page_size,
        pages=results.pages,
        truncated=results.truncated,
        next=page_link(request, results.page + 1, results.pages),
        previous=page_link(request, results.page - 1, results.pages),
        results=hits,
        suggestions=[
            SuggestionOut(
                text=suggestion.text,
                total=suggestion.total,
                message=suggestion.message,
                without_filters=suggestion.without_filters,
            )
            for suggestion in results.suggestions
        ],
    )
