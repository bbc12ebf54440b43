"""The one caching policy: which responses a shared cache (the nginx of deploy/) may store.

Every response gets a `Cache-Control` here, so no view can forget one:

- `private, no-store` for anything personal: requests with credentials (an `Authorization`
  header or the session cookie), anything but GET/HEAD, responses that set a cookie (the CSRF
  cookie of every page with a form), the staff and form areas (PRIVATE_PATHS), errors, and
  whatever a view already marked `no-store` or `private` (`never_cache`).
- `public, max-age=PUBLIC_CACHE_SECONDS, s-maxage=PUBLIC_CACHE_SECONDS` for the rest: public
  pages, the public API, feeds and public attachments. A cache may serve them for that long;
  after that it revalidates with the ETag / Last-Modified (ConditionalGetMiddleware adds an
  ETag where the view set none), so a withdrawn record or an unpublished message is gone from
  every cache within PUBLIC_CACHE_SECONDS (+1 s: nginx counts whole seconds).

Static files keep WhiteNoise's headers (hashed names, cached for long).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

# The freshness window of public responses. Short on purpose: it bounds how long a withdrawn
# record stays visible in a cache; the application answers revalidations cheaply (304).
PUBLIC_CACHE_SECONDS = 5

# Paths (after the language prefix) whose responses are never stored: staff areas, accounts,
# and the pages that show a sender's or applicant's case. Most also send `never_cache` or a
# CSRF cookie; listing them here keeps them private even if a view forgets.
PRIVATE_PATHS = (
    "/console/",
    "/admin/",
    "/api/staff/",
    "/api/applications/progress",
    "/accounts/",
    "/apply/",
    "/messages/new/",
    "/messages/receipt/",
    "/messages/lookup/",
    "/display-preference/",
    "/health/",
)

# Statuses a cache may keep for the window: pages, redirects, "not found", "withdrawn".
PUBLIC_STATUSES = {200, 301, 302, 304, 404, 410}

VARY = ("Cookie", "Authorization")


def _unprefixed(path: str) -> str:
    """The path without a non-default language prefix (/en/console/ → /console/)."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def is_private(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response is for this visitor only (see the module docstring)."""
    if request.method not in ("GET", "HEAD"):
        return True
    if request.headers.get("Authorization") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    if response.cookies or response.status_code not in PUBLIC_STATUSES:
        return True
    if _unprefixed(request.path).startswith(PRIVATE_PATHS):
        return True
    directives = {
        d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",")
    }
    return bool(directives & {"private", "no-store"})


def make_private(response: HttpResponse) -> None:
    """`Cache-Control: private, no-store`, dropping anything that would let a cache keep it."""
    response.headers.pop("Cache-Control", None)
    response.headers.pop("Expires", None)
    patch_cache_control(response, private=True, no_store=True)


def make_public(response: HttpResponse) -> None:
    """Public for the window, unless the view chose its own public freshness."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(
            response, public=True, max_age=PUBLIC_CACHE_SECONDS, s_maxage=PUBLIC_CACHE_SECONDS
        )


class CachePolicyMiddleware:
    """Sets `Cache-Control` and `Vary` on every response but static files (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
            return response
        if is_private(request, response):
            make_private(response)
        else:
            make_public(response)
        patch_vary_headers(response, VARY)
        return response
