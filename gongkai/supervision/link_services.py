"""Checking an agency's public pages for broken links, and keeping the result (link_models)."""

import datetime
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http.request import validate_host
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.supervision import crawl
from gongkai.supervision.link_models import ExternalLink, LinkCheck

EXTERNAL_CACHE_DAYS = 7


def cached_external_checker(
    check: Callable[[str], tuple[int, str]], *, now: datetime.datetime
) -> Callable[[str], tuple[int, str]]:
    """`check`, asked only for URLs without an answer from the last week; answers are kept."""
    fresh_after = now - datetime.timedelta(days=EXTERNAL_CACHE_DAYS)

    def cached(url: str) -> tuple[int, str]:
        known = ExternalLink.objects.filter(url=url[:2000], checked_at__gte=fresh_after).first()
        if known is not None:
            return known.status, known.reason
        status, reason = check(url)
        ExternalLink.objects.update_or_create(
            url=url[:2000],
            defaults={"status": status, "reason": reason[:200], "checked_at": now},
        )
        return status, reason

    return cached


def served_host(site: str) -> str:
    """SITE_URL's host when this server answers to it, else the first named ALLOWED_HOSTS
    entry: an in-process request to a host Django refuses would make every page "broken"."""
    host = urlsplit(site).hostname or ""
    if validate_host(host, settings.ALLOWED_HOSTS):
        return host
    named = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    return named[0].strip("[]") if named else host or "localhost"


def check_agency_links(
    agency: Agency,
    *,
    fetch: Callable[[str], crawl.Fetched] | None = None,
    check_external: Callable[[str], tuple[int, str]] | None = None,
    max_pages: int = 300,
) -> LinkCheck:
    """Crawl the agency's portal pages (its column, guide, catalogue and the records they
    list) and keep what was broken. Other sites are checked only with `check_external`."""
    site = settings.SITE_URL
    fetch = fetch or crawl.in_process_fetcher(served_host(site))
    prefix = f"/agencies/{agency.code}/"
    result = crawl.crawl(
        [prefix],
        site=site,
        follow_prefixes=(prefix, "/records/"),
        fetch=fetch,
        check_external=check_external,
        max_pages=max_pages,
    )
    with transaction.atomic():
        return LinkCheck.objects.create(
            agency=agency,
            checked_at=timezone.now(),
            pages=len(result.pages),
            links=result.checked,
            broken=[
                {"page": b.page, "target": b.target, "status": b.status, "reason": b.reason}
                for b in result.broken
            ],
            truncated=result.truncated,
        )


def latest_checks(agency_ids) -> dict[int, LinkCheck]:
    """The newest check of each agency (agencies never checked are left out)."""
    latest: dict[int, LinkCheck] = {}
    for check in LinkCheck.objects.filter(agency_id__in=agency_ids).order_by(
        "agency_id", "-checked_at", "-pk"
    ):
        latest.setdefault(check.agency_id, check)
    return latest
