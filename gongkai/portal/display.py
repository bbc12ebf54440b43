"""The visitor's text size (字号 大/中/小, 适老化), kept in a cookie so that pages need no session
and stay cacheable: a page varies on the cookie and its ETag includes the size (caching.py)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

TEXT_SIZE_COOKIE = "text_size"
# Before three sizes there was one switch; visitors who turned it on keep large text.
LEGACY_LARGE_TEXT_COOKIE = "large_text"
TEXT_SIZE_COOKIE_AGE = 365 * 24 * 3600
MEDIUM = "medium"
TEXT_SIZES = {"large": _("大"), MEDIUM: _("中"), "small": _("小")}


def text_size_of(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(TEXT_SIZE_COOKIE, "")
    if chosen in TEXT_SIZES:
        return chosen
    return "large" if request.COOKIES.get(LEGACY_LARGE_TEXT_COOKIE) == "1" else MEDIUM


def requested_text_size(query) -> str:
    """The size a preference link asks for: `size=large|medium|small` (or the old
    `large_text=1|0`)."""
    size = query.get("size", "")
    if size in TEXT_SIZES:
        return size
    return "large" if query.get("large_text") == "1" else MEDIUM
