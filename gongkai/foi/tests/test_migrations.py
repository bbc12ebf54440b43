"""The data migration of this release keeps every application's events, and maps them."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.factories import make_agency
from gongkai.foi import services
from gongkai.foi.models import Event, LogKind
from gongkai.foi.tests.test_services import applicant

BEFORE = ("foi", "0008_clock_events_and_not_held_reason")
AFTER = ("foi", "0009_fill_consultation_party_kind")


def migrate(target):
    # Content type ids are cached per process; a transactional test before this one may have
    # flushed and recreated them (PostgreSQL gives new ids), so never trust the cache here.
    ContentType.objects.clear_cache()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    if target == AFTER:
        # On to the latest schema, which the models (and every later test) expect.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_consultations_become_third_party_ones_paired_as_before():
    migrate(BEFORE)
    application = services.submit_online(
        agency=make_agency(), values=applicant(), on=datetime.date(2026, 2, 13)
    )
    # Two overlapping consultations logged the old way: no party kind, ends without a
    # reference (the old clock closed the oldest open one first).
    rows = [
        (LogKind.CONSULTATION_STARTED, "2026-03-02", "某诊所", {"reply_due": "2026-03-23"}),
        (LogKind.CONSULTATION_STARTED, "2026-03-05", "某公司", {"reply_due": "2026-03-26"}),
        (LogKind.CONSULTATION_ENDED, "2026-03-10", "", {}),
        (LogKind.CONSULTATION_ENDED, "2026-03-13", "同意", {}),
    ]
    created = [
        Event.objects.create(
            application=application,
            kind=kind,
            on=datetime.date.fromisoformat(on),
            note=note,
            details=details,
        )
        for kind, on, note, details in rows
    ]
    due_before = services.read_clock(application, today=datetime.date(2026, 3, 13)).due_on
    count_before = Event.objects.count()

    migrate(AFTER)

    first, second, end_first, end_second = (Event.objects.get(pk=e.pk) for e in created)
    assert first.details == {"reply_due": "2026-03-23", "party_kind": "third_party"}
    assert second.details["party_kind"] == "third_party"
    assert end_first.details == {"consultation": first.pk}
    assert end_second.details == {"consultation": second.pk}
    assert (end_second.note, end_second.on) == ("同意", datetime.date(2026, 3, 13))
    assert Event.objects.count() == count_before  # nothing created or lost
    # The clock reads the migrated log as it read the old one: paused 03-03..03-13 (9).
    assert services.read_clock(application, today=datetime.date(2026, 3, 13)).due_on == due_before
    assert due_before == datetime.date(2026, 4, 1)

    migrate(BEFORE)  # reversible: a no-op that keeps the rows as they are
    assert Event.objects.get(pk=first.pk).details["party_kind"] == "third_party"
    migrate(AFTER)
