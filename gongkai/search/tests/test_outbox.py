"""The outbox: written in the owner's transaction, applied after commit, replayed after a crash."""

import pytest
from django.db import transaction

from gongkai.search import index, services
from gongkai.search.errors import IndexOutdatedError
from gongkai.search.models import OutboxEntry
from gongkai.search.query import search
from gongkai.search.tests.conftest import enqueue

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NOTICE = {"title": "关于做好依申请公开工作的通知", "body": "各单位要做好政务公开。"}


def keys(text, **kwargs):
    return [hit.key for hit in search(text, **kwargs).hits]


def test_enqueue_change_refuses_to_run_outside_a_transaction(monkeypatch):
    # The test itself runs in a transaction; pretend it does not (no flush of a real one).
    monkeypatch.setattr(transaction.get_connection(), "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="transaction"):
        services.enqueue_change(kind="document", object_id=1, operation="upsert", payload=NOTICE)


def test_enqueue_change_checks_the_payload():
    with pytest.raises(ValueError, match="Unknown"), transaction.atomic():
        services.enqueue_change(
            kind="document", object_id=1, operation="upsert", payload={"titel": "x"}
        )
    with pytest.raises(ValueError, match="payload"), transaction.atomic():
        services.enqueue_change(kind="document", object_id=1, operation="upsert")


def test_commit_applies_the_change_through_the_task(settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.enqueue_change(kind="document", object_id=1, operation="upsert", payload=NOTICE)
        services.enqueue_change(kind="document", object_id=2, operation="upsert", payload=NOTICE)
    assert len(callbacks) == 1  # one apply task per transaction
    assert sorted(keys("依申请公开")) == ["document:1", "document:2"]
    assert index.index_lag()["pending"] == 0


def test_rollback_leaves_nothing_to_index(django_capture_on_commit_callbacks):
    def failing_change():
        with transaction.atomic():
            services.enqueue_change(
                kind="document", object_id=1, operation="upsert", payload=NOTICE
            )
            raise ZeroDivisionError  # the owner's change fails after enqueueing

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ZeroDivisionError),
    ):
        failing_change()
    assert callbacks == []
    assert not OutboxEntry.objects.exists()


def test_crash_before_applying_loses_nothing(django_capture_on_commit_callbacks):
    # The records and their outbox entries committed, then the process died before the
    # apply task ran (the callbacks are captured and never executed).
    with django_capture_on_commit_callbacks(execute=False):
        enqueue("document", "1", NOTICE)
        enqueue("document", "2", {"title": "政策解读", "body": "解读。"})
    assert keys("依申请公开") == []
    assert index.index_lag()["pending"] == 2

    assert index.apply_outbox() == 2

    assert keys("依申请公开") == ["document:1"]
    assert keys("政策解读") == ["document:2"]
    assert index.index_lag()["pending"] == 0


def test_crash_between_index_commit_and_state_write_is_replayed_safely(feed):
    feed("document", "1", NOTICE)
    # Pretend the id was never recorded: the next run applies the entry again.
    generation = index._current_generation(index.index_dir())
    index._write_state(generation, index.IndexState(applied_id=0))
    assert index.apply_outbox() == 1
    assert search("依申请公开").total == 1  # still one document, not two


def test_apply_is_idempotent(feed):
    feed("document", "1", NOTICE)
    assert index.apply_outbox() == 0
    assert index.apply_outbox() == 0
    assert search("依申请公开").total == 1


def test_upsert_replaces_the_record(feed):
    feed("document", "1", NOTICE)
    feed("document", "1", {"title": "新农合报销政策", "body": "新农合。"})
    assert keys("依申请公开") == []
    assert keys("新农合") == ["document:1"]


def test_delete_removes_the_record(feed):
    feed("document", "1", NOTICE)
    feed("document", "2", NOTICE)
    feed("document", "1", operation="delete")
    assert keys("依申请公开") == ["document:2"]


def test_several_changes_of_one_record_in_one_batch_end_in_the_last():
    enqueue("document", "1", NOTICE)
    enqueue("document", "1", operation="delete")
    enqueue("document", "1", {"title": "政策解读"})
    enqueue("document", "2", NOTICE)
    enqueue("document", "2", operation="delete")
    index.apply_outbox(batch_size=2)
    assert keys("政策解读") == ["document:1"]
    assert keys("依申请公开") == []


def test_same_object_id_of_another_kind_is_another_record(feed):
    feed("document", "1", NOTICE)
    feed("decision", "1", NOTICE)
    assert sorted(keys("依申请公开")) == ["decision:1", "document:1"]
    assert keys("依申请公开", kinds=["decision"]) == ["decision:1"]


def test_apply_works_in_batches():
    for number in range(7):
        enqueue("document", str(number), NOTICE)
    assert index.apply_outbox(batch_size=3) == 7
    assert search("依申请公开").total == 7


def test_two_servers_each_catch_up_from_the_same_outbox(settings, tmp_path):
    first, second = tmp_path / "server-1", tmp_path / "server-2"
    last = enqueue("document", "1", NOTICE).id + 2
    settings.SEARCH_INDEX_DIR = first
    assert index.apply_outbox() == 1
    enqueue("document", "2", NOTICE)
    enqueue("document", "1", operation="delete")

    settings.SEARCH_INDEX_DIR = second
    assert index.index_lag() == {
        "applied_id": 0,
        "outbox_max_id": last,
        "pending": 3,
        "gap_ids": 0,
        "rebuild_needed": 0,
    }
    assert index.apply_outbox() == 3
    assert keys("依申请公开") == ["document:2"]

    settings.SEARCH_INDEX_DIR = first
    assert index.index_lag()["pending"] == 2
    assert keys("依申请公开") == ["document:1"]  # not caught up yet
    assert index.apply_outbox() == 2
    assert keys("依申请公开") == ["document:2"]
    assert index.index_lag()["pending"] == 0


def test_an_id_committed_late_is_applied_when_it_appears(feed):
    # PostgreSQL hands out ids before commit: id 2 may commit after id 3 has been applied.
    feed("document", "1", NOTICE)
    first = OutboxEntry.objects.get()
    # On PostgreSQL, ids of earlier tests' rolled-back rows are gaps too.
    earlier_gaps = index.index_lag()["gap_ids"]
    OutboxEntry.objects.create(
        id=first.id + 2, kind="document", object_id="3", operation="upsert", payload=NOTICE
    )
    assert index.apply_outbox() == 1
    assert index.index_lag()["gap_ids"] == earlier_gaps + 1
    OutboxEntry.objects.create(
        id=first.id + 1, kind="document", object_id="2", operation="upsert", payload=NOTICE
    )
    assert index.index_lag()["pending"] == 1
    assert index.apply_outbox() == 1
    assert sorted(keys("依申请公开")) == ["document:1", "document:2", "document:3"]
    assert index.index_lag() == {
        "applied_id": first.id + 2,
        "outbox_max_id": first.id + 2,
        "pending": 0,
        "gap_ids": earlier_gaps,
        "rebuild_needed": 0,
    }


def test_a_late_entry_older_than_an_applied_change_of_its_record_is_skipped(feed):
    feed("document", "1", NOTICE)
    first = OutboxEntry.objects.get()
    OutboxEntry.objects.create(id=first.id + 2, kind="document", object_id="1", operation="delete")
    index.apply_outbox()
    OutboxEntry.objects.create(
        id=first.id + 1, kind="document", object_id="1", operation="upsert", payload=NOTICE
    )
    index.apply_outbox()
    assert keys("依申请公开") == []  # the delete (newer) wins


def test_gaps_are_given_up_after_a_while(feed, monkeypatch):
    feed("document", "1", NOTICE)
    first = OutboxEntry.objects.get()
    earlier_gaps = index.index_lag()["gap_ids"]
    OutboxEntry.objects.create(
        id=first.id + 5, kind="document", object_id="2", operation="upsert", payload=NOTICE
    )
    index.apply_outbox()
    assert index.index_lag()["gap_ids"] == earlier_gaps + 4
    monkeypatch.setattr(index, "GAP_WAIT_SECONDS", 0.0)
    index.apply_outbox()
    assert index.index_lag()["gap_ids"] == 0


def test_an_invalid_stored_payload_does_not_block_later_changes(caplog):
    OutboxEntry.objects.create(
        kind="document", object_id="1", operation="upsert", payload={"title": 5}
    )
    enqueue("document", "2", NOTICE)
    assert index.apply_outbox() == 2
    assert keys("依申请公开") == ["document:2"]
    assert "invalid payload" in caplog.text


def test_index_lag_without_an_index():
    entry = enqueue("document", "1", NOTICE)
    assert index.index_lag() == {
        "applied_id": 0,
        "outbox_max_id": entry.id,
        "pending": 1,
        "gap_ids": 0,
        "rebuild_needed": 0,
    }
    assert search("依申请公开").total == 0  # no index yet: nothing found, no error


def test_many_late_entries_are_applied_in_batches(feed):
    feed("document", "0", NOTICE)
    first = OutboxEntry.objects.get().id
    earlier_gaps = index.index_lag()["gap_ids"]
    OutboxEntry.objects.create(
        id=first + 5, kind="document", object_id="5", operation="upsert", payload=NOTICE
    )
    index.apply_outbox()
    for number in range(1, 5):
        OutboxEntry.objects.create(
            id=first + number,
            kind="document",
            object_id=str(number),
            operation="upsert",
            payload=NOTICE,
        )
    assert index.apply_outbox(batch_size=2) == 4
    assert search("依申请公开").total == 6
    assert index.index_lag()["gap_ids"] == earlier_gaps


def test_an_index_of_another_schema_version_must_be_rebuilt(feed, monkeypatch, caplog):
    feed("document", "1", NOTICE)
    monkeypatch.setattr(index, "SCHEMA_VERSION", index.SCHEMA_VERSION + 1)
    with pytest.raises(IndexOutdatedError):
        search("依申请公开")
    with pytest.raises(IndexOutdatedError):
        index.apply_outbox()
    assert "search_index rebuild" in caplog.text
    assert index.index_lag()["rebuild_needed"] == 1
    index.rebuild(iter([("document", "1", NOTICE)]))
    assert keys("依申请公开") == ["document:1"]
    assert index.index_lag()["rebuild_needed"] == 0
