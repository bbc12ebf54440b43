"""Keeping `LedgerTally` (done ledger rows per agency, kind and month) equal to the ledger.

Increments: the ledger writes its rows one by one through model saves and deletes
(`obligations.services.sync_subject`), so the row signals below move a row's count from its
old (agency, kind, month, late) to its new one inside the same transaction. The counters are
changed with `UPDATE … SET done = done + 1`, which two concurrent transactions cannot lose.

`rebuild()` recomputes every counter from the ledger (`gongkai supervision_tallies rebuild`);
it is needed after anything that writes ledger rows without signals: `obligations.services.
rebuild` creates missing rows with `bulk_create`, raw fixtures, the benchmark's bulk inserts.
"""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from gongkai.obligations.models import Obligation
from gongkai.supervision.tally_models import LedgerTally

# The fields of a ledger row that decide its counter; a save that changes none moves nothing.
FIELDS = ("agency_id", "kind", "done_on", "is_late")
_UPDATE_NAMES = {"agency", "agency_id", "kind", "done_on", "is_late"}

Key = tuple[int, str, datetime.date, bool]


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _key(agency_id, kind, done_on, is_late) -> Key | None:
    if done_on is None:
        return None
    return (agency_id, kind, month_of(done_on), bool(is_late))


def _add(key: Key, sign: int) -> None:
    """Count `sign` rows (negative: take them away) into the key's counter."""
    agency_id, kind, month, late = key
    rows = LedgerTally.objects.filter(agency_id=agency_id, kind=kind, month=month)
    changes = {"done": F("done") + sign}
    if late:
        changes["done_late"] = F("done_late") + sign
    if rows.update(**changes):
        if sign < 0:
            rows.filter(done=0).delete()
        return
    if sign < 0:
        # Nothing to take from: the agency's counters went with it (a cascade deletes them
        # before the ledger rows), or the counters are being rebuilt.
        return
    try:
        with transaction.atomic():
            LedgerTally.objects.create(
                agency_id=agency_id,
                kind=kind,
                month=month,
                done=sign,
                done_late=sign if late else 0,
            )
    except IntegrityError:  # created meanwhile by a concurrent transaction
        rows.update(**changes)


def before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._tally_before = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not _UPDATE_NAMES.intersection(update_fields):
        instance._tally_before = "unchanged"
        return
    old = Obligation.objects.filter(pk=instance.pk).values_list(*FIELDS).first()
    instance._tally_before = _key(*old) if old else None


def after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_tally_before", None)
    if before == "unchanged":
        return
    after = _key(*(getattr(instance, name) for name in FIELDS))
    if before == after:
        return
    if before is not None:
        _add(before, -1)
    if after is not None:
        _add(after, +1)


def after_delete(sender, instance, **kwargs) -> None:
    key = _key(*(getattr(instance, name) for name in FIELDS))
    if key is not None:
        _add(key, -1)


def after_bulk_create(sender, rows, **kwargs) -> None:
    """Rows written in bulk (obligations.signals.rows_created): counted per key at once."""
    counts: dict[Key, int] = {}
    for row in rows:
        key = _key(row.agency_id, row.kind, row.done_on, row.is_late)
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    for key, n in counts.items():
        _add(key, n)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    pre_save.connect(before_save, sender=Obligation, dispatch_uid="supervision-tally-pre")
    post_save.connect(after_save, sender=Obligation, dispatch_uid="supervision-tally-post")
    post_delete.connect(after_delete, sender=Obligation, dispatch_uid="supervision-tally-del")


# --- from the ledger -------------------------------------------------------------------------


def computed() -> dict[tuple[int, str, datetime.date], tuple[int, int]]:
    """{(agency id, kind, month): (done, done late)} counted from the ledger now."""
    rows = (
        Obligation.objects.done()
        .annotate(month=TruncMonth("done_on"))
        .order_by()
        .values("agency_id", "kind", "month")
        .annotate(done=Count("pk"), done_late=Count("pk", filter=Q(is_late=True)))
    )
    return {(r["agency_id"], r["kind"], r["month"]): (r["done"], r["done_late"]) for r in rows}


def stored() -> dict[tuple[int, str, datetime.date], tuple[int, int]]:
    rows = LedgerTally.objects.values_list("agency_id", "kind", "month", "done", "done_late")
    return {(a, k, m): (d, late) for a, k, m, d, late in rows}


@transaction.atomic
def rebuild() -> int:
    """Replace every counter with the ledger's figures; returns the number of counters."""
    LedgerTally.objects.all().delete()
    rows = [
        LedgerTally(agency_id=a, kind=k, month=m, done=d, done_late=late)
        for (a, k, m), (d, late) in computed().items()
    ]
    LedgerTally.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def differences() -> dict[tuple[int, str, datetime.date], tuple]:
    """{key: (stored, computed)} where the counters and the ledger disagree (empty: equal)."""
    have, want = stored(), computed()
    return {
        key: (have.get(key), want.get(key))
        for key in have.keys() | want.keys()
        if have.get(key) != want.get(key)
    }


def rebuild_if_empty(using="default", **kwargs) -> None:
    """After `migrate`: fill the counters once the ledger holds done rows and they are empty
    (an upgrade, or a ledger built by `obligations.services.build_if_empty`)."""
    if LedgerTally.objects.using(using).exists():
        return
    if not Obligation.objects.using(using).done().exists():
        return
    rebuild()


# --- reading ---------------------------------------------------------------------------------


def is_whole_months(start: datetime.date, end: datetime.date) -> bool:
    return start.day == 1 and (end + datetime.timedelta(days=1)).day == 1


def done_by_kind(
    agency_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[str, dict[int, tuple[int, int]]]:
    """{kind: {agency id: (done, done late)}} of every kind done from `start` to `end` (whole
    months), in one query over the counters."""
    if not is_whole_months(start, end):
        raise ValueError("counters are kept by month")
    rows = (
        LedgerTally.objects.filter(month__gte=start, month__lte=end, agency_id__in=agency_ids)
        .order_by()
        .values("kind", "agency_id")
        .annotate(done=Sum("done"), done_late=Sum("done_late"))
    )
    result: dict[str, dict[int, tuple[int, int]]] = {}
    for r in rows:
        result.setdefault(r["kind"], {})[r["agency_id"]] = (r["done"], r["done_late"])
    return result
