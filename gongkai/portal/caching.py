"""HTTP validators and the page cache of public pages, keyed by the publication generation.

The **publication generation** is the newest audit event that can change a public page
(gongkai/audit/publicity.py): every publication, withdrawal, edit of a published record, agency
detail or catalogue writes one in its own transaction, so one indexed read tells whether
anything public changed. It replaces the three aggregates over records, agencies and
catalogues that each page used to run (twice).

A page wrapped in `public_page` therefore gets
- an ETag from the generation, the language, the text size (字号) and the path, and a
  Last-Modified from the event's time: a proxy's revalidation is answered with a 304 for the
  price of that one read;
- a place in the page cache (gongkai/portal/page_cache.py) when the visitor is anonymous and
  the response is the same for everyone: the rendered bytes are kept under the same key, so
  the next visitor gets them without a query to the records or a template rendered. A new
  generation is a new key: a withdrawal is gone at the next request.

How long a shared cache may serve a page before revalidating is decided for every response in
one place, gongkai/http/caching.py.
"""

import datetime
import functools
import hashlib

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import condition

from gongkai.audit.models import AuditEvent
from gongkai.portal.display import text_size_of

# What a cached page response carries so that the page cache middleware may store it.
CACHEABLE_ATTRIBUTE = "gongkai_public_page"


@functools.cache
def _generation_statement(vendor: str) -> tuple[str, tuple]:
    """The ORM's statement for the newest public event, compiled once per process and
    database: building the query on every request cost more than running it (bench/pages.py
    --profile: two thirds of a page-cache hit)."""
    newest = (
        AuditEvent.objects.filter(affects_public=True).order_by("-id").values_list("id", "at")[:1]
    )
    return newest.query.sql_with_params()


def _as_aware(value: datetime.datetime | str) -> datetime.datetime:
    """The event's time as the driver returns it: an aware datetime from PostgreSQL, the
    stored UTC text from SQLite."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def publication_generation(
    request: HttpRequest | None = None,
) -> tuple[int, datetime.datetime | None]:
    """(id, time) of the newest audit event that can change a public page; (0, None) if none.

    Read once per request (the ETag, Last-Modified and the page cache ask for it)."""
    if request is not None and hasattr(request, "_publication_generation"):
        return request._publication_generation
    sql, params = _generation_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    generation = (row[0], _as_aware(row[1])) if row else (0, None)
    if request is not None:
        request._publication_generation = generation
    return generation


def last_public_change(request, *args, **kwargs) -> datetime.datetime | None:
    """When anything the public can see last changed."""
    return publication_generation(request)[1]


def page_variant(request: HttpRequest) -> str:
    """Everything a public page's bytes depend on besides the data: the generation, the day
    (what is due, valid or open changes at midnight), the language, the text size and the
    path with its query."""
    generation, _at = publication_generation(request)
    return "|".join(
        [
            str(generation),
            timezone.localdate().isoformat(),
            translation.get_language() or settings.LANGUAGE_CODE,
            text_size_of(request),
            request.get_full_path(),
        ]
    )


def public_etag(request, *args, **kwargs) -> str:
    return hashlib.sha256(page_variant(request).encode()).hexdigest()[:32]


def let_page_cache_keep(response):
    """Mark a response the page cache may keep (if the request and response allow it)."""
    setattr(response, CACHEABLE_ATTRIBUTE, True)
    return response


def page_cacheable(view):
    """Mark a view whose anonymous responses the page cache may keep: the middleware looks
    pages up only for such views, so no other request pays for the generation's read."""
    setattr(view, CACHEABLE_ATTRIBUTE, True)
    return view


def public_page(view):
    """Send ETag and Last-Modified, answer 304 when fresh, and let the page cache keep the page.

    Only for pages whose content follows publications (records, agencies, catalogues, annual
    reports): a page that shows live figures of work in progress must not use it."""

    conditional = condition(etag_func=public_etag, last_modified_func=last_public_change)(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304, 410):
            patch_vary_headers(response, ["Cookie"])  # the text size
        return let_page_cache_keep(response)

    return page_cacheable(wrapped)
