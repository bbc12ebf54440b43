"""What waits in information applications per agency, for the console dashboard and the
supervisor's view of subordinate agencies: a few aggregate queries for any number of agencies,
plus a clock reading for the (few) applications waiting for a consultation."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from gongkai.foi.models import Application, Status
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


WAITING_STATUSES = (Status.AWAITING_SUPPLEMENT, Status.CONSULTING, Status.AWAITING_FEE)
WORKLIST_LIMIT = 20  # rows shown per group; the counts are whole


@dataclass
class Group:
    """Some applications of a worklist: the first WORKLIST_LIMIT, and how many there are."""

    applications: list
    count: int


@dataclass
class HandlerWorklist:
    """An FOI handler's applications in one agency: their own open ones by the ledger's
    urgency (overdue, due soon, the others), those waiting for the applicant or a third party,
    and the agency's unassigned ones."""

    overdue: Group
    due_soon: Group
    others: Group
    waiting: Group
    unassigned: Group

    @property
    def mine_count(self) -> int:
        return self.overdue.count + self.due_soon.count + self.others.count + self.waiting.count


def _group(queryset, *, today: datetime.date, now: datetime.datetime) -> Group:
    """The first rows, each with its ledger clock (`clock`), and the whole count."""
    rows = ledger.attach_clocks(queryset[:WORKLIST_LIMIT], REPLY, today=today, now=now)
    return Group(applications=rows, count=queryset.count())


def handler_worklist(
    user, agency_id: int, *, today: datetime.date, now: datetime.datetime
) -> HandlerWorklist:
    """The worklist of `user` in the agency (the groups partition their open applications)."""
    open_ = ledger.with_due_on(
        Application.objects.open().filter(agency_id=agency_id).select_related("agency", "handler"),
        REPLY,
    ).order_by(F("ledger_due_on").asc(nulls_last=True), "received_on", "pk")
    mine = open_.filter(handler=user)
    waiting = mine.filter(status__in=WAITING_STATUSES)
    working = mine.exclude(status__in=WAITING_STATUSES)
    # Overdue and due soon are the ledger's (obligations/ledger.py).
    overdue_ids = ledger.overdue_ids(REPLY, today=today, now=now, agency_ids=[agency_id])
    due_soon_ids = ledger.due_soon_ids(REPLY, today=today, now=now, agency_ids=[agency_id])
    moment = {"today": today, "now": now}
    return HandlerWorklist(
        overdue=_group(working.filter(pk__in=overdue_ids), **moment),
        due_soon=_group(working.filter(pk__in=due_soon_ids), **moment),
        others=_group(working.exclude(pk__in=overdue_ids).exclude(pk__in=due_soon_ids), **moment),
        waiting=_group(waiting.order_by("received_on", "pk"), **moment),
        unassigned=_group(
            open_.filter(handler__isnull=True).order_by("received_on", "pk"), **moment
        ),
    )


def counts_by_status(agency_id: int) -> list[tuple[str, str, int]]:
    """(status, label, applications) for each state, for an administrator's summary."""
    counts = dict(
        Application.objects.filter(agency_id=agency_id)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return [(value, label, counts.get(value, 0)) for value, label in Status.choices]
