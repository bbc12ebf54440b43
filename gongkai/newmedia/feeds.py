"""Reading an account's RSS/Atom feed for its last update (the command
`gongkai read_newmedia_feeds`). The network is one small function, `fetch`, that tests
replace; parsing is feedparser's. A timeout, an HTTP error or a feed without a dated entry is
recorded on the account as its problem and the run goes on."""

import calendar
import datetime
import ipaddress
import socket
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import feedparser
from django.utils import timezone
from django.utils.translation import gettext as _

FETCH_TIMEOUT_SECONDS = 10
MAX_FEED_BYTES = 2 * 1024 * 1024  # a feed of a few hundred entries is well under 1 MB


class FeedProblem(Exception):
    """Why a feed gave no date; the message is shown to staff as it is."""


def check_public_url(url: str) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to an address outside the public
    internet (loopback, the private ranges, link-local — a cloud's metadata service): a feed
    address is typed by staff, and the server must not be made to read its own network."""
    if not url.startswith(("https://", "http://")):
        raise FeedProblem(_("订阅源地址须以 http:// 或 https:// 开头。"))
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        raise FeedProblem(_("订阅源地址缺少域名。"))
    try:
        infos = socket.getaddrinfo(parts.hostname, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FeedProblem(_("订阅源地址的域名无法解析。")) from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FeedProblem(_("订阅源地址指向内部网络地址，不能读取。"))


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is followed only to another public http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_public_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> bytes:
    """The feed's bytes (at most MAX_FEED_BYTES). The only network access of this app."""
    check_public_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "gongkai-newmedia/1"})  # noqa: S310
    with opener.open(request, timeout=timeout) as response:  # http(s) to a public address only
        return response.read(MAX_FEED_BYTES + 1)[:MAX_FEED_BYTES]


def latest_entry_on(content: bytes) -> datetime.date:
    """The local date of the newest dated entry of an RSS or Atom document."""
    parsed = feedparser.parse(content)
    days = []
    for entry in parsed.entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            moment = datetime.datetime.fromtimestamp(calendar.timegm(stamp), tz=datetime.UTC)
            days.append(timezone.localdate(moment))
    if days:
        return max(days)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedProblem(_("订阅源不是有效的RSS或Atom文档。"))
    raise FeedProblem(_("订阅源中没有带日期的条目。"))


@dataclass
class Reading:
    """One account's result: the newest entry's date, or the problem."""

    account_id: int
    latest_on: datetime.date | None = None
    problem: str = ""


@dataclass
class Run:
    readings: list[Reading] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return sum(1 for r in self.readings if r.problem)


def read_one(url: str, fetcher: Callable[[str], bytes]) -> tuple[datetime.date | None, str]:
    """(date, "") or (None, problem): never raises for what a feed or the network does."""
    try:
        return latest_entry_on(fetcher(url)), ""
    except FeedProblem as exc:
        return None, str(exc)
    except TimeoutError:
        return None, _("读取订阅源超时。")
    except OSError as exc:  # URLError, HTTPError, connection refused, DNS …
        reason = getattr(exc, "reason", None) or exc
        if "timed out" in str(reason):
            return None, _("读取订阅源超时。")
        return None, _("无法读取订阅源：%(reason)s") % {"reason": str(reason)[:200]}
    except Exception as exc:  # a parser surprise must not stop the other accounts
        return None, _("读取订阅源出错：%(reason)s") % {"reason": type(exc).__name__}
