"""A crawl of an agency's public pages for broken links (网站检查: 链接不可用, spec §5).

The agency's own pages are fetched in-process (the portal's views, no network): every link and
attachment they name on this site is checked, and pages under the agency's own prefix are
followed, up to a bound. Links to other sites are checked by a polite, bounded client (one
request a second per host, short timeouts, HEAD first) whose answers the caller may cache.
Only the fetchers touch HTTP; `extract_links` and `crawl` are plain functions.
"""

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# (status code, content type, body text when it is HTML)
Fetched = tuple[int, str, str]
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}
        wanted = names.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.links.append(value.strip())


def extract_links(html: str, page_url: str) -> list[str]:
    """The absolute targets of a page's links, images and scripts, without fragments, in order
    and once each; mailto:, tel:, javascript: and in-page anchors are left out."""
    parser = _LinkParser()
    parser.feed(html)
    seen: dict[str, None] = {}
    for raw in parser.links:
        if raw.lower().startswith(SKIPPED_SCHEMES):
            continue
        target, _fragment = urldefrag(urljoin(page_url, raw))
        if urlsplit(target).scheme in ("http", "https", ""):
            seen.setdefault(target, None)
    return list(seen)


@dataclass(frozen=True)
class BrokenLink:
    page: str  # where the link is
    target: str
    status: int  # 0: no answer (timeout, refused, bad name)
    reason: str = ""


@dataclass
class CrawlResult:
    pages: list[str] = field(default_factory=list)
    checked: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    truncated: bool = False  # the bound on pages stopped the crawl


def crawl(
    start: Iterable[str],
    *,
    site: str,
    follow_prefixes: tuple[str, ...],
    fetch: Callable[[str], Fetched],
    check_external: Callable[[str], tuple[int, str]] | None = None,
    max_pages: int = 300,
    skip_prefixes: tuple[str, ...] = ("/static/",),
) -> CrawlResult:
    """Visit `start` and the pages under `follow_prefixes` they lead to (paths on `site`, e.g.
    "https://gk.example.gov.cn"); check every link once. A target answering 4xx/5xx (or not at
    all) is broken. External links are checked with `check_external` when given."""
    site_host = urlsplit(site).netloc
    result = CrawlResult()
    status_of: dict[str, tuple[int, str]] = {}
    queue = [urljoin(site, path) for path in start]
    queued = set(queue)
    while queue:
        if len(result.pages) >= max_pages:
            result.truncated = True
            break
        page = queue.pop(0)
        status, content_type, body = fetch(urlsplit(page).path or "/")
        status_of[page] = (status, "")
        result.pages.append(page)
        if status >= 400 or "html" not in content_type:
            continue
        for target in extract_links(body, page):
            parts = urlsplit(target)
            internal = parts.netloc in ("", site_host)
            if internal and parts.path.startswith(skip_prefixes):
                continue  # the site's own assets (served by the proxy), not the agency's content
            if target not in status_of:
                if internal:
                    # With its query: /subscriptions/new/?topic=… is a page, the bare path a 404.
                    local = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                    status_of[target] = (fetch(local)[0], "")
                elif check_external is not None:
                    status_of[target] = check_external(target)
                else:
                    continue
                result.checked += 1
            code, reason = status_of[target]
            if code == 0 or code >= 400:
                result.broken.append(BrokenLink(page, target, code, reason))
            elif (
                internal
                and parts.path.startswith(follow_prefixes)
                and not parts.query
                and target not in queued
            ):
                queued.add(target)
                queue.append(target)
    return result


class ExternalChecker:
    """Checks other sites' links politely: HEAD (GET when HEAD is refused), a short timeout,
    at most one request a second per host and `budget` requests per run."""

    def __init__(self, *, timeout: float = 5.0, per_host_seconds: float = 1.0, budget: int = 200):
        self.timeout = timeout
        self.per_host_seconds = per_host_seconds
        self.budget = budget
        self._last: dict[str, float] = {}

    def __call__(self, url: str) -> tuple[int, str]:
        if self.budget <= 0:
            return 200, "not checked: this run's budget is spent"
        self.budget -= 1
        host = urlsplit(url).netloc
        wait = self._last.get(host, 0) + self.per_host_seconds - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(  # noqa: S310 - http(s) only (extract_links)
                url, method=method, headers={"User-Agent": "gongkai-linkcheck/1"}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    return response.status, ""
            except urllib.error.HTTPError as exc:
                if method == "HEAD" and exc.code in (403, 405, 501):
                    continue  # some servers refuse HEAD: ask again with GET
                return exc.code, str(exc.reason)[:200]
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                return 0, str(getattr(exc, "reason", exc))[:200]
        return 0, ""


def in_process_fetcher(host: str) -> Callable[[str], Fetched]:
    """Fetch this site's own pages through its views, in this process (no network, no proxy)."""
    from django.test import Client

    client = Client(HTTP_HOST=host)

    def fetch(path: str) -> Fetched:
        response = client.get(path, follow=True)
        content_type = response.get("Content-Type", "")
        body = ""
        if "html" in content_type and not getattr(response, "streaming", False):
            body = response.content.decode(response.charset or "utf-8", "replace")
        if getattr(response, "streaming", False):
            response.close()
        return response.status_code, content_type, body

    return fetch
