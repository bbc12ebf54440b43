"""Catalogue items published on a cadence (monthly, quarterly, yearly): which periods have
ended, and by when each one's publication is expected. Pure: no database, no clock.

Most catalogue items are published "on occurrence": within 20 working days of the day the
information is formed or changed (条例第二十六条), a clock that starts with a draft. Some are
published for every period whether or not anybody drafts them — the monthly notifiable-disease
figures (定期发布本区法定传染病疫情), the final accounts and 三公 figures of each year — and a
missing one is the failure the supervisor looks for (issue #12, "what should exist but does
not"). For these, each ended period expects a publication by its end + N working days.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    ON_OCCURRENCE = "", _("随时形成随时公开")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    YEARLY = "yearly", _("每年")


# Which standard items are published for every period is data: each item's `cadence` and
# `cadence_due_working_days` in data/standard_catalogue.json, copied onto agencies' items when
# they derive (G1001 monthly, G0402/G0403 yearly: our reading, said in their source notes).

MONTHS_IN = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.YEARLY: 12}


def period_containing(cadence: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the period of `cadence` that contains `day`."""
    months = MONTHS_IN[Cadence(cadence)]
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    return start, _next_start(start, months) - datetime.timedelta(days=1)


def _next_start(start: datetime.date, months: int) -> datetime.date:
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def ended_periods(
    cadence: str, *, since: datetime.date, today: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The periods that contain or follow `since` and have ended before `today`, oldest first.
    The period in which a cadence was set counts: it was running when the duty began."""
    if not cadence:
        return []
    months = MONTHS_IN[Cadence(cadence)]
    start, end = period_containing(cadence, since)
    periods = []
    while end < today:
        periods.append((start, end))
        start = end + datetime.timedelta(days=1)
        end = _next_start(start, months) - datetime.timedelta(days=1)
    return periods


def period_label(cadence: str, start: datetime.date) -> str:
    """2026年11月, 2026年第4季度, 2026年度."""
    if cadence == Cadence.MONTHLY:
        return f"{start.year}年{start.month}月"
    if cadence == Cadence.QUARTERLY:
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年度"
