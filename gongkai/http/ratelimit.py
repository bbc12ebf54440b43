"""Rate limits of the public forms and the progress checks, and their 429 answers.

Each rule has a name, a setting (RATE_LIMITS[name], e.g. "5/h,20/d"; "off" for none) and a
key: the client's address (gongkai.http.client_ip) or a target such as a query code. Counts
live in the database (gongkai.ratelimits). Only submissions count, never a form's GET:

- a public form's POST takes a slot before the view runs and gives it back unless the view
  accepted the submission (it answers with a redirect), so a form sent back with errors costs
  nothing, yet two racing POSTs cannot both slip under the limit;
- every progress check counts, whether the code and phone matched or not, per client and per
  query code; too many checks of one code lock that code for PROGRESS_LOCKOUT_MINUTES.

Over the limit: 429 with `Retry-After`, a Chinese page in the portal (429.html) or
`{"detail": …}` from the API.
"""

import datetime
import logging
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from gongkai.http.client_ip import client_ip
from gongkai.ratelimits import counting
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.ratelimits.rates import Rate, parse_rates

logger = logging.getLogger(__name__)

# The rules and what each limits (their defaults are in settings.py).
SUBMISSION_RULES = (
    "foi-apply",
    "signup",
    "password-reset",
    "message-new",
    "comment",
    "comment-report",
    "subscribe",
    "subscribe-address",
    "survey-response",
    "hearing-registration",
)
LOOKUP_RULES = ("progress", "progress-code", "message-lookup", "search")
RULES = SUBMISSION_RULES + LOOKUP_RULES


def rates_of(rule: str) -> tuple[Rate, ...]:
    """The configured rates of `rule` (RateSyntaxError if the setting is malformed)."""
    return parse_rates(settings.RATE_LIMITS.get(rule, ""))


def retry_message(exc: RateLimitExceeded) -> str:
    """What the public is told, in Chinese, with the minutes to wait."""
    minutes = exc.minutes
    if exc.locked:
        return ngettext(
            "该查询码的查询次数过多，已暂时锁定，请 %(minutes)d 分钟后再试。",
            "该查询码的查询次数过多，已暂时锁定，请 %(minutes)d 分钟后再试。",
            minutes,
        ) % {"minutes": minutes}
    if exc.scope in LOOKUP_RULES:
        return ngettext(
            "查询过于频繁，请 %(minutes)d 分钟后再试。",
            "查询过于频繁，请 %(minutes)d 分钟后再试。",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "提交过于频繁，请 %(minutes)d 分钟后再试。",
        "提交过于频繁，请 %(minutes)d 分钟后再试。",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(request: HttpRequest, exc: RateLimitExceeded) -> HttpResponse:
    """The portal's 429 page, with Retry-After."""
    response = render(
        request, "429.html", {"message": retry_message(exc), "minutes": exc.minutes}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def _take(rule: str, key: str, **options) -> list[counting.Slot]:
    try:
        return counting.take(rule, key, rates_of(rule), **options)
    except RateLimitExceeded as exc:
        # The rule and the wait only: neither the address nor the code is logged.
        logger.warning("rate limit %s reached (locked=%s)", rule, exc.locked)
        raise


def limit_submissions(rule: str):
    """Decorate a public form view: its POSTs are limited per client address by `rule`."""

    def decorate(view):
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method != "POST":
                return view(request, *args, **kwargs)
            try:
                slots = _take(rule, client_ip(request))
            except RateLimitExceeded as exc:
                return too_many_requests(request, exc)
            # A view that raises (404: the comment is gone) keeps the count, like an accepted one.
            response = view(request, *args, **kwargs)
            if response.status_code not in (301, 302, 303):
                counting.give_back(slots)
            return response

        return limited

    return decorate


def limit_lookups(rule: str):
    """Decorate a lookup view: every POST counts per client address, found or not."""

    def decorate(view):
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                try:
                    _take(rule, client_ip(request))
                except RateLimitExceeded as exc:
                    return too_many_requests(request, exc)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def count_search(request: HttpRequest) -> None:
    """Count one search by the client (RateLimitExceeded when over)."""
    _take("search", client_ip(request))


def count_progress_check(request: HttpRequest, query_code: str) -> None:
    """Count one progress check by the client and of the query code; raises
    RateLimitExceeded when either is over or the code is locked."""
    _take("progress", client_ip(request))
    code = query_code.strip().upper()[:64]
    if code:
        lockout = datetime.timedelta(minutes=settings.PROGRESS_LOCKOUT_MINUTES)
        _take("progress-code", code, lockout=lockout)


def count_subscription_address(address: str) -> None:
    """Count one subscribe request for an e-mail address, from anywhere (RateLimitExceeded when
    over): nobody fills a stranger's mailbox with confirmation mails from many clients."""
    _take("subscribe-address", address.strip().lower()[:254])
