"""The page cache: public pages kept rendered per publication generation, in each process.

A public page (`gongkai.portal.caching.public_page`) shown to an anonymous visitor is the same
for everyone who asks for the same path in the same language and text size on the same day,
until the next publication. This middleware keeps such a response and answers the next such
request with it, before the session, authentication and the view run; the cost of a hit is one
indexed read (the generation) and a dictionary look-up.

Search result pages are kept too (their key adds the search index's state, so a result page is
never older than the index), and a repeated search answered from the cache does not count
against the visitor's search rate limit: it costs nothing to answer.

Correctness rests on the key: the generation (a publication, withdrawal or edit changes it,
see gongkai/audit/publicity.py), the day, the language (from the path: gongkai's languages are
URL prefixes), the text size cookie and the full path with its query. Entries also expire after
PAGE_CACHE_SECONDS, which bounds what the key does not see (a consultation that closes at
17:00 shows as closed at most that much later).

Never cached: anything but GET/HEAD, requests with credentials (the session cookie, an
Authorization header) or a pending flash message, responses that set a cookie (a CSRF token
in a form), that are not 200, that stream, or that are marked private — and every page whose
view is not marked `page_cacheable` (`public_page` marks its views): only those requests read
the generation at all.

The cache is Django's local-memory cache (`CACHES["pages"]`): per process, no service to run.
With several processes and app servers each keeps its own copy; all follow the same
generation in the shared database, so none serves a page older than its key.
"""

import functools
import hashlib
import os

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from gongkai.portal.caching import CACHEABLE_ATTRIBUTE, publication_generation
from gongkai.portal.display import text_size_of
from gongkai.search.index import index_dir

CACHE_ALIAS = "pages"
# Pages whose content follows the search index (after the language prefix).
SEARCH_PATHS = ("/search/",)
# Headers not kept with a page: set again by the outer middlewares on every response, or
# personal.
NOT_STORED_HEADERS = {"set-cookie", "cache-control", "expires"}


def _language_of(request: HttpRequest) -> str:
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("Authorization"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    # Only pages of views marked `page_cacheable` (`public_page` does it).
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _page_cacheable_path(urlconf, _language_of(request), request.path_info)


@functools.lru_cache(maxsize=4096)
def _page_cacheable_path(urlconf: str, language: str, path: str) -> bool:
    """Whether the path's view is marked `page_cacheable`, resolved in the path's language as
    LocaleMiddleware (which has not run yet) will. Remembered per path: resolving took a
    quarter of a hit (bench/pages.py --profile); the URLconf does not change while a process
    runs, and the cache is bounded (random paths only push out other paths)."""
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, CACHEABLE_ATTRIBUTE, False)


@receiver(setting_changed)
def _forget_resolved_paths(**kwargs) -> None:
    # Tests change the URLconf and the languages; a running site does not.
    _page_cacheable_path.cache_clear()


def search_index_version() -> str:
    """Which state of this server's search index answers searches: its live generation (a
    rebuild swaps it) and what that generation has applied (the last outbox id and the gaps
    still awaited). The content, not the file's mtime: two applies within one tick of the
    file system's clock would leave the same mtime and a result page one apply behind."""
    current = index_dir() / "current"
    try:
        generation = os.readlink(current)
        state = (current / "state.json").read_bytes()
    except OSError:
        return "-"
    return hashlib.blake2b(generation.encode() + b"\0" + state, digest_size=8).hexdigest()


def _key(request: HttpRequest) -> str:
    generation, at = publication_generation(request)
    language = _language_of(request)
    path = request.path_info
    if language != settings.LANGUAGE_CODE:
        path = path[len(language) + 1 :]
    # Result pages follow the index, which applies a publication a moment after its commit.
    index_version = search_index_version() if path.startswith(SEARCH_PATHS) else ""
    return "|".join(
        [
            "page",
            index_version,
            str(generation),
            at.isoformat() if at else "-",
            timezone.localdate().isoformat(),
            language,
            text_size_of(request),
            request.get_full_path(),
        ]
    )


def _storable(response: HttpResponse) -> bool:
    if not getattr(response, CACHEABLE_ATTRIBUTE, False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    directives = response.get("Cache-Control", "").lower()
    return "private" not in directives and "no-store" not in directives


class PublicPageCacheMiddleware:
    """Answers repeated anonymous requests for public pages from the page cache (module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and _storable(response):
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in NOT_STORED_HEADERS
            ]
            cache.set(key, (response.status_code, headers, response.content))
        return response
