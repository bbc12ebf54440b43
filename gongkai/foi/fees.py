"""信息处理费 under 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）: pure arithmetic.

条例第四十二条: applications are free unless their quantity or frequency clearly exceeds a
reasonable range. 109号第三条: the fee is charged per request (按件, 第四条) or per page
(按量, 第五条), always excess-progressive (超额累进), and one application is charged by one
method only, never both. Charging at all is optional ("可以"); whether to charge is the
office's decision, these functions only say how much.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# 第四条: per applicant per natural month, requests 1–10 free, 11–30 at 100 元; from 31 on,
# bands of 10 requests, each band 100 元 per request dearer than the one before.
REQUESTS_FREE = 10
REQUESTS_FIRST_BAND_LAST = 30
REQUESTS_FIRST_BAND_RATE = 100
REQUESTS_BAND_SIZE = 10
REQUESTS_BAND_STEP = 100

# 第五条: per application, pages 1–30 free, 31–100 at 10, 101–200 at 20, 201 on at 40 元/页.
# (first page of the band, its last page or None for open-ended, 元 per page)
PAGE_BANDS = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


class FeeMethod(models.TextChoices):
    """计费方式 (109号第三条); an application uses one of them, never both."""

    PER_REQUEST = "per_request", gettext_lazy("按件计收")
    PER_PAGE = "per_page", gettext_lazy("按量计收")


class FeeError(ValueError):
    """A fee question that cannot be answered; `message` is shown to the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FeeLine:
    """Units `first`–`last` (both included) of one band, charged `rate` 元 each."""

    first: int
    last: int
    rate: int
    count: int
    subtotal: int


@dataclass(frozen=True)
class FeeQuote:
    """The fee for `quantity` requests or pages, band by band, with its legal basis."""

    method: FeeMethod
    quantity: int
    amount_yuan: int
    lines: list[FeeLine] = field(default_factory=list)
    basis: str = ""


def request_rate(position: int) -> int:
    """元 for the `position`-th request of the applicant's month (109号第四条)."""
    if position <= REQUESTS_FREE:
        return 0
    if position <= REQUESTS_FIRST_BAND_LAST:
        return REQUESTS_FIRST_BAND_RATE
    band = (position - REQUESTS_FIRST_BAND_LAST - 1) // REQUESTS_BAND_SIZE + 1
    return REQUESTS_FIRST_BAND_RATE + band * REQUESTS_BAND_STEP


def page_rate(page: int) -> int:
    """元 for the `page`-th page of one application (109号第五条)."""
    for first, last, rate in PAGE_BANDS:
        if page >= first and (last is None or page <= last):
            return rate
    raise FeeError(_("页码应从1开始。"))


def requests_in_application(method: str, quantity: int | None) -> int:
    """How many 件 an application adds to its applicant's month (109号第四条).

    Charged per request, its quantity (one application may count as several requests, split
    by 一事一申请 into the smallest reasonable units); otherwise one: every application is at
    least one request, whether it was charged per page or not charged at all.
    """
    if method == FeeMethod.PER_REQUEST and quantity:
        return quantity
    return 1


def per_request_fee(count_this_month: int) -> FeeQuote:
    """The fee for all of an applicant's requests in one natural month (109号第四条)."""
    return fee_for_new_request(0, count_this_month)


def fee_for_new_request(previous_in_month: int, new: int = 1) -> FeeQuote:
    """The marginal fee of `new` requests after `previous_in_month` earlier ones (第四条).

    The month's count is cumulative, so the 11th request of the month costs 100 元 even when
    it is the applicant's first application that costs anything.
    """
    _check_count(previous_in_month, _("本月此前的申请件数"))
    _check_count(new, _("本次申请件数"))
    lines = _lines(previous_in_month + 1, previous_in_month + new, request_rate)
    amount = sum(line.subtotal for line in lines)
    if new == 0:
        basis = _(
            "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条按件计收，"
            "本次无申请件数，不收费。"
        )
    else:
        basis = _(
            "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条按件计收："
            "申请人同一自然月内第1至10件免费，第11至30件每件100元，第31件起每10件为一档、"
            "每档每件加收100元；本次为本月第%(first)s至第%(last)s件，共%(count)s件，"
            "收费%(amount)s元。"
        ) % {
            "first": previous_in_month + 1,
            "last": previous_in_month + new,
            "count": new,
            "amount": amount,
        }
    return FeeQuote(FeeMethod.PER_REQUEST, new, amount, lines, basis)


def per_page_fee(pages: int) -> FeeQuote:
    """The fee for `pages` pages provided under one application (109号第五条)."""
    _check_count(pages, _("页数"))
    lines = _lines(1, pages, page_rate)
    amount = sum(line.subtotal for line in lines)
    basis = _(
        "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条按量计收："
        "同一申请第1至30页免费，第31至100页每页10元，第101至200页每页20元，"
        "第201页起每页40元；本次共%(pages)s页，收费%(amount)s元。"
    ) % {"pages": pages, "amount": amount}
    return FeeQuote(FeeMethod.PER_PAGE, pages, amount, lines, basis)


def choose_quote(
    method: FeeMethod | str,
    *,
    previous_in_month: int | None = None,
    requests: int | None = None,
    pages: int | None = None,
) -> FeeQuote:
    """The quote by the one method chosen for the application (109号第三条: never both).

    Per request needs `previous_in_month` (the applicant's earlier requests this natural
    month) and `requests` (this application's requests, default 1); per page needs `pages`.
    Passing the other method's quantity is refused rather than ignored.
    """
    method = FeeMethod(method)
    if method == FeeMethod.PER_REQUEST:
        if pages is not None:
            raise FeeError(_("按件计收时不能再按页数计费：同一申请只能选择一种计费方式。"))
        if previous_in_month is None:
            raise FeeError(_("按件计收须提供申请人本自然月内此前的申请件数。"))
        return fee_for_new_request(previous_in_month, 1 if requests is None else requests)
    if previous_in_month is not None or requests is not None:
        raise FeeError(_("按量计收时不能再按件数计费：同一申请只能选择一种计费方式。"))
    if pages is None:
        raise FeeError(_("按量计收须提供页数。"))
    return per_page_fee(pages)


def _check_count(value: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FeeError(_("%(name)s应为不小于0的整数。") % {"name": name})


def _lines(first: int, last: int, rate_of: Callable[[int], int]) -> list[FeeLine]:
    """Units first..last grouped into runs of equal rate (the bands they fall in)."""
    lines: list[FeeLine] = []
    unit = first
    while unit <= last:
        rate = rate_of(unit)
        end = unit
        while end + 1 <= last and rate_of(end + 1) == rate:
            end += 1
        count = end - unit + 1
        lines.append(FeeLine(unit, end, rate, count, rate * count))
        unit = end + 1
    return lines
