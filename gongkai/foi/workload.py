"""What waits in information applications per agency, for the console dashboard and the
supervisor's view of subordinate agencies: a few aggregate queries for any number of agencies,
plus a clock reading for the (few) applications waiting for a consultation."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.foi.models import Application
from gongkai.foi.obligations import CONSULTATION_END, REPLY
from gongkai.obligations import ledger


@dataclass
class FoiWorkload:
    open_applications: int = 0
    overdue: int = 0
    paused: int = 0  # no due date while waiting (补正, 征求意见, 缴费)
    consultations_expired: int = 0  # 征求意见期满未答复
    delays_this_year: int = 0  # applications given an Art.35 delayed reply date this year

    @property
    def is_empty(self) -> bool:
        return not any(vars(self).values())


def foi_workload(
    agency_ids: set[int] | list[int],
    *,
    today: datetime.date,
    now: datetime.datetime | None = None,
) -> dict[int, FoiWorkload]:
    """Per agency id: the counts of `FoiWorkload` (agencies with nothing get an empty one)."""
    result = {pk: FoiWorkload() for pk in agency_ids}
    for row in (
        Application.objects.open()
        .filter(agency_id__in=result)
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            paused=Count("pk", filter=Q(due_on__isnull=True)),
        )
    ):
        counts = result[row["agency_id"]]
        counts.open_applications = row["total"]
        counts.paused = row["paused"]
    delayed = Application.objects.filter(agency_id__in=result).delayed_in(today.year)
    for agency_id in delayed.values_list("agency_id", flat=True):
        result[agency_id].delays_this_year += 1
    # Overdue replies and expired consultations are the ledger's (obligations/ledger.py).
    now = timezone.now() if now is None else now
    for agency_id, n in ledger.overdue_counts(REPLY, result, today=today, now=now).items():
        result[agency_id].overdue = n
    for agency_id, n in ledger.overdue_counts(
        CONSULTATION_END, result, today=today, now=now
    ).items():
        result[agency_id].consultations_expired = n
    return result
