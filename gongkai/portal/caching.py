"""HTTP validators for public pages, so that a reverse proxy can revalidate them cheaply.

Every public page carries an ETag derived from the moment public content last changed
(a record published, withdrawn or edited after publication; an agency's guide details; a
catalogue), the page language and the text size (字号). Publishing or withdrawing a
record therefore changes every page's ETag at once: the proxy's next revalidation gets the
fresh page, and until then the application answers it with a 304 for the price of one
aggregate query. How long a cache may serve a page before revalidating is decided for every
response in one place, gongkai/http/caching.py.
"""

import datetime
import functools
import hashlib

from django.db.models import Max
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import condition

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyCatalogue
from gongkai.documents.models import Document, Status
from gongkai.portal.display import text_size_of


def last_public_change(request, *args, **kwargs) -> datetime.datetime | None:
    """When anything the public can see last changed."""
    moments = [
        Document.objects.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN]).aggregate(
            at=Max("updated_at")
        )["at"],
        Agency.objects.aggregate(at=Max("updated_at"))["at"],
        AgencyCatalogue.objects.aggregate(at=Max("updated_at"))["at"],
    ]
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def public_etag(request, *args, **kwargs) -> str:
    changed = last_public_change(request)
    variant = "|".join(
        [
            changed.isoformat() if changed else "-",
            translation.get_language() or "",
            text_size_of(request),
            request.get_full_path(),
        ]
    )
    return hashlib.sha256(variant.encode()).hexdigest()[:32]


def public_page(view):
    """Send ETag and Last-Modified and answer 304 when fresh (caching: gongkai.http.caching)."""

    conditional = condition(etag_func=public_etag, last_modified_func=last_public_change)(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304, 410):
            patch_vary_headers(response, ["Cookie"])  # the text size
        return response

    return wrapped
