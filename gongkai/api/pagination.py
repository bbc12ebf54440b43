"""Bounded page numbers (no deep offsets, design.md) and the links between pages."""

import math

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError

# Past page 50 a reader should narrow the query or the filters (the search engine's bound too).
MAX_PAGE = 50
MAX_PAGE_SIZE = 100


def check_page(page: int, page_size: int) -> None:
    """Refuse pages past the bound and page sizes out of range with a 400 and a reason."""
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(400, _("每页条数应在 1 到 %(max)d 之间。") % {"max": MAX_PAGE_SIZE})
    if page < 1:
        raise HttpError(400, _("页码应从 1 开始。"))
    if page > MAX_PAGE:
        raise HttpError(
            400,
            _("最多只能查看前 %(max)d 页，请用筛选条件缩小范围。") % {"max": MAX_PAGE},
        )


def page_count(total: int, page_size: int) -> int:
    """How many pages a reader can reach: never more than MAX_PAGE."""
    return min(math.ceil(total / page_size), MAX_PAGE)


def page_link(request: HttpRequest, page: int, pages: int) -> str | None:
    """The absolute URL of `page` with the request's other parameters, or None if out of range."""
    if not 1 <= page <= pages:
        return None
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
