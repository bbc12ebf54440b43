"""Reading the ledger: what is due soon, overdue or done late, for lists, digests, dashboards
and supervision. Every due/overdue figure of the platform is counted here (design.md)."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from gongkai.obligations import rules
from gongkai.obligations.models import Obligation
from gongkai.obligations.registry import ObligationKind, get_kind, registered_kinds
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import add_working_days


def soon_until(today: datetime.date, working_days: int) -> datetime.date:
    """The last day of a warning window of `working_days` from `today`, counted with the
    provisional calendar across a year end; should even that be impossible, calendar weeks."""
    try:
        return add_working_days(today, working_days, get_calendar(provisional=True))
    except WorkdaysError:
        return today + datetime.timedelta(days=working_days * 7 // 5)


def _due_soon_q(kind: ObligationKind, today: datetime.date, now: datetime.datetime) -> Q:
    by_day = Q(
        due_at__isnull=True,
        due_on__gte=today,
        due_on__lte=soon_until(today, kind.due_soon_working_days),
    )
    by_instant = Q(
        due_at__isnull=False,
        due_at__gte=now,
        due_at__lte=now + datetime.timedelta(hours=kind.due_soon_hours),
    )
    return Q(kind=kind.code) & (by_day | by_instant)


def due_soon(
    rows: QuerySet,
    *,
    today: datetime.date,
    now: datetime.datetime,
    kinds: list[str] | None = None,
) -> QuerySet:
    """Open rows inside their kind's warning window (not yet overdue). `kinds`: the rows are
    known to be of these kinds only, so only their windows are tested (a condition ORing
    every kind's window made PostgreSQL expect one row and join a list's agencies and users
    by nested loops: 80 ms for a province's FOI section, bench/province.py)."""
    q = Q(pk__in=[])
    for kind in registered_kinds():
        if kinds is None or kind.code in kinds:
            q |= _due_soon_q(kind, today, now)
    return rows.open().filter(q)


def overdue(rows: QuerySet, *, today: datetime.date, now: datetime.datetime) -> QuerySet:
    return rows.overdue(today=today, now=now)


def state_of(row: Obligation, *, today: datetime.date, now: datetime.datetime) -> rules.State:
    """The state of one row today, with its kind's warning window."""
    kind = get_kind(row.kind)
    moments = rules.Moments(row.due_on, row.due_at, row.done_on, row.done_at)
    if kind is None:
        return rules.state_of(moments, now=now, today=today)
    return rules.state_of(
        moments,
        now=now,
        today=today,
        soon_until=soon_until(today, kind.due_soon_working_days),
        soon_until_at=now + datetime.timedelta(hours=kind.due_soon_hours),
    )


@dataclass(frozen=True)
class Counts:
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    done: int = 0
    done_late: int = 0


def counts_by_agency(
    rows: QuerySet, *, today: datetime.date, now: datetime.datetime
) -> dict[int, Counts]:
    """{agency id: Counts} in three grouped queries, for dashboards and league tables."""
    grouped = (
        rows.order_by()
        .values("agency_id")
        .annotate(
            open=Count("pk", filter=Q(done_on__isnull=True)),
            done=Count("pk", filter=Q(done_on__isnull=False)),
            done_late=Count("pk", filter=Q(is_late=True)),
        )
    )
    late = (
        overdue(rows, today=today, now=now).order_by().values("agency_id").annotate(n=Count("pk"))
    )
    soon = (
        due_soon(rows, today=today, now=now).order_by().values("agency_id").annotate(n=Count("pk"))
    )
    late_by = {r["agency_id"]: r["n"] for r in late}
    soon_by = {r["agency_id"]: r["n"] for r in soon}
    return {
        r["agency_id"]: Counts(
            open=r["open"],
            due_soon=soon_by.get(r["agency_id"], 0),
            overdue=late_by.get(r["agency_id"], 0),
            done=r["done"],
            done_late=r["done_late"],
        )
        for r in grouped
    }


def now_and_today() -> tuple[datetime.datetime, datetime.date]:
    now = timezone.now()
    return now, timezone.localdate(now)


def overdue_ids(
    kind: str, *, today: datetime.date, now: datetime.datetime, agency_ids=None
) -> QuerySet:
    """The ids of the objects whose duty of `kind` is overdue: `Model.objects.filter(pk__in=…)`
    lists them with the owning app's own columns. With `agency_ids`, only those agencies'
    duties: a page about one agency then reads its own, not a province's thousands."""
    rows = Obligation.objects.of_kind(kind)
    if agency_ids is not None:
        rows = rows.for_agencies(agency_ids)
    return overdue(rows, today=today, now=now).values("object_id")


def due_soon_ids(
    kind: str, *, today: datetime.date, now: datetime.datetime, agency_ids=None
) -> QuerySet:
    """The ids of the objects whose duty of `kind` is due soon (its kind's warning window);
    with `agency_ids`, only those agencies' duties."""
    rows = Obligation.objects.of_kind(kind)
    if agency_ids is not None:
        rows = rows.for_agencies(agency_ids)
    return due_soon(rows, today=today, now=now, kinds=[kind]).values("object_id")


def overdue_counts(
    kind: str, agency_ids, *, today: datetime.date, now: datetime.datetime
) -> dict[int, int]:
    """{agency id: overdue duties of `kind`} for the given agencies."""
    rows = Obligation.objects.of_kind(kind).for_agencies(agency_ids)
    return overdue(rows, today=today, now=now).count_by_agency()


@dataclass(frozen=True)
class Urgent:
    """A list's section of one kind's overdue or due-soon duties: how many, and the objects'
    ids of the first of them by due day."""

    count: int
    first_ids: list[int]


OVERDUE, DUE_SOON = "overdue", "due_soon"


def urgent(
    kind: str,
    which: str,
    *,
    agency_ids,
    today: datetime.date,
    now: datetime.datetime,
    limit: int,
) -> Urgent:
    """The duties of `kind` of the given agencies that are overdue (`which` = OVERDUE) or due
    soon (DUE_SOON): their number and the object ids of the first `limit`, earliest due first.

    Read from the ledger's own rows (its open-duties index), not by filtering the owning
    app's table with a subquery: at a province that read every open application (10,879
    rows, 30–50 ms a section, bench/province.py); this reads `limit` rows and counts along
    the index."""
    rows = Obligation.objects.of_kind(kind).for_agencies(agency_ids)
    if which == OVERDUE:
        rows = overdue(rows, today=today, now=now)
    elif which == DUE_SOON:
        rows = due_soon(rows, today=today, now=now, kinds=[kind])
    else:
        raise ValueError(f"unknown section {which!r}")
    first = rows.order_by("due_on", "due_at", "object_id").values_list("object_id", flat=True)
    first_ids = list(first[:limit])
    count = len(first_ids) if len(first_ids) < limit else rows.count()
    return Urgent(count=count, first_ids=first_ids)


def soon_until_for(kind: str, today: datetime.date) -> datetime.date | None:
    """The last day of `kind`'s warning window from `today` (for "due soon means by …")."""
    registered = get_kind(kind)
    return soon_until(today, registered.due_soon_working_days) if registered else None


def overdue_among(
    kind: str, object_ids, *, today: datetime.date, now: datetime.datetime
) -> set[int]:
    """Which of `object_ids` have their duty of `kind` overdue (one query, for a list's flags)."""
    rows = Obligation.objects.of_kind(kind).filter(object_id__in=list(object_ids))
    return set(overdue(rows, today=today, now=now).values_list("object_id", flat=True))


def with_due_on(
    queryset: QuerySet, kind: str, *, name: str = "ledger_due_on", selected: bool = True
) -> QuerySet:
    """`queryset` (of the model `kind` is registered for) annotated with its ledger row's due
    day as `name`, one correlated subquery on the (content type, object id) index: for lists
    that filter or sort by the due day the ledger holds. With `selected=False` the day is only
    there to filter or sort by, not read: the database then evaluates it only where a
    condition needs it, not for every row an OFFSET skips (10,000 subqueries, 86 ms, on a
    province's last page of applications, bench/province.py)."""
    rows = Obligation.objects.filter(
        kind=kind,
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=OuterRef("pk"),
    )
    due_on = {name: Subquery(rows.values("due_on")[:1])}
    return queryset.annotate(**due_on) if selected else queryset.alias(**due_on)


@dataclass(frozen=True)
class Clock:
    """One object's duty as a list shows it: the ledger row and its state today."""

    row: Obligation
    state: rules.State

    @property
    def is_done_unknown(self) -> bool:
        """Done, but without a due day to say whether in time (e.g. the year's calendar was
        never loaded): neither 按时 nor 逾期 may be claimed."""
        return self.row.done_on is not None and self.row.is_late is None


def clocks_among(
    kind: str, object_ids, *, today: datetime.date, now: datetime.datetime
) -> dict[int, Clock]:
    """{object id: Clock} for those of `object_ids` with a row of `kind` (one query)."""
    rows = Obligation.objects.of_kind(kind).filter(object_id__in=list(object_ids))
    registered = get_kind(kind)
    window = {}
    if registered is not None:  # the warning window, counted once for the whole list
        window = {
            "soon_until": soon_until(today, registered.due_soon_working_days),
            "soon_until_at": now + datetime.timedelta(hours=registered.due_soon_hours),
        }
    clocks = {}
    for row in rows:
        moments = rules.Moments(row.due_on, row.due_at, row.done_on, row.done_at)
        state = rules.State(rules.state_of(moments, now=now, today=today, **window))
        clocks[row.object_id] = Clock(row=row, state=state)
    return clocks


def attach_clocks(objects, kind: str, *, today: datetime.date, now: datetime.datetime) -> list:
    """`objects` as a list, each with `clock`: its duty of `kind` (a Clock, or None)."""
    objects = list(objects)
    clocks = clocks_among(kind, [o.pk for o in objects], today=today, now=now)
    for obj in objects:
        obj.clock = clocks.get(obj.pk)
    return objects


def done_on_time_and_late(kind: str, object_ids) -> tuple[int, int]:
    """How many of `object_ids` had their duty of `kind` done on time, and how many late (for a
    public on-time rate; open duties count in neither)."""
    rows = Obligation.objects.of_kind(kind).done().filter(object_id__in=object_ids)
    counts = rows.aggregate(
        on_time=Count("pk", filter=Q(is_late=False)), late=Count("pk", filter=Q(is_late=True))
    )
    return counts["on_time"], counts["late"]


def duty_of(kind: str, obj) -> Obligation | None:
    """`obj`'s duty of `kind` as the ledger holds it (its due date for a page), or None."""
    content_type = ContentType.objects.get_for_model(obj)
    return (
        Obligation.objects.of_kind(kind).filter(content_type=content_type, object_id=obj.pk).first()
    )
