"""Rebuilding from the registered sources, the management command, and the health check."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from gongkai.search import index, registry
from gongkai.search.query import search
from gongkai.search.tests.conftest import SAMPLES, enqueue, sample_payload
from gongkai.search.views import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch):
    # Each test starts with no source and leaves the apps' own (the documents source) as it
    # found them: unregistering "document" here used to leave later tests (a restore's
    # rebuild) without any source, and the refusal test passed only after such a test.
    monkeypatch.setattr(registry, "_sources", {})


@pytest.fixture
def sample_source():
    """The sample notices registered as the "document" source; `during` runs mid-iteration."""
    hooks = {"during": None}

    def iter_payloads():
        for number, name in enumerate(SAMPLES):
            if number == 2 and hooks["during"]:
                hooks["during"]()
            yield name, sample_payload(name)

    registry.register_source("document", iter_payloads, count=lambda: len(SAMPLES))
    yield hooks
    registry.unregister_source("document")


def found(text):
    return sorted(hit.object_id for hit in search(text).hits)


def test_rebuild_indexes_every_registered_record_with_progress(sample_source):
    calls = []
    assert registry.rebuild_from_sources(progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert found("新农合") == ["nhfpc"]
    assert len(found("依申请公开")) == 5


def test_rebuild_replaces_the_index_and_skips_the_outbox_read_so_far(feed, sample_source):
    feed("document", "gone", {"title": "已删除的政策解读"})
    entry = enqueue("document", "stale", {"title": "政策解读"})  # never applied
    registry.rebuild_from_sources()
    assert "gone" not in found("政策解读")  # not a registered record any more
    assert "stale" not in found("政策解读")
    lag = index.index_lag()
    assert (lag["applied_id"], lag["outbox_max_id"], lag["pending"]) == (entry.id, entry.id, 0)


def test_a_change_committed_during_a_rebuild_is_applied_afterwards(sample_source):
    sample_source["during"] = lambda: enqueue("document", "new", {"title": "新农合报销通知"})
    registry.rebuild_from_sources()
    assert found("新农合") == ["nhfpc"]
    assert index.index_lag()["pending"] == 1
    index.apply_outbox()
    assert found("新农合") == ["new", "nhfpc"]


def test_a_failed_rebuild_keeps_the_live_index(feed, search_index_dir):
    feed("document", "1", {"title": "政策解读"})

    def broken():
        yield "2", {"title": "院务公开"}
        raise OSError("database went away")

    registry.register_source("document", broken)
    try:
        with pytest.raises(OSError, match="went away"):
            registry.rebuild_from_sources()
    finally:
        registry.unregister_source("document")
    assert found("政策解读") == ["1"]
    assert len(list(search_index_dir.glob("gen-*"))) == 1


def test_rebuild_keeps_only_the_live_and_the_previous_generation(sample_source, search_index_dir):
    for _round in range(3):
        registry.rebuild_from_sources()
    assert len(list(search_index_dir.glob("gen-*"))) == 2
    assert found("新农合") == ["nhfpc"]


def test_invalid_payloads_are_skipped_in_a_rebuild(caplog):
    index.rebuild(iter([("document", "1", {"title": 5}), ("document", "2", {"title": "政策解读"})]))
    assert found("政策解读") == ["2"]
    assert "invalid" in caplog.text


def test_command_apply_and_status():
    enqueue("document", "1", {"title": "政策解读"})
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "待应用 1 条" in out.getvalue()
    out = io.StringIO()
    call_command("search_index", "apply", stdout=out)
    assert "已应用 1 条" in out.getvalue()
    out = io.StringIO()
    call_command("search_index", "status", "--json", stdout=out)
    assert json.loads(out.getvalue())["pending"] == 0
    assert found("政策解读") == ["1"]


def test_command_rebuild_shows_progress(sample_source):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", "rebuild", stdout=out, stderr=err)
    assert "5/5 (100%)" in err.getvalue()
    assert "1/5 (20%)" in err.getvalue()
    assert "5 条记录" in out.getvalue()


def test_health_reports_the_lag(feed, settings):
    feed("document", "1", {"title": "政策解读"})
    enqueue("document", "2", {"title": "政策解读"})
    settings.SEARCH_HEALTH_MAX_PENDING = 5
    response = health(RequestFactory().get("/health/search"))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["pending"] == 1
    assert body["outbox_max_id"] == body["applied_id"] + 1
    assert body["ok"] is True
    settings.SEARCH_HEALTH_MAX_PENDING = 1
    body = json.loads(health(RequestFactory().get("/health/search")).content)
    assert body["ok"] is False


def test_health_and_status_say_when_the_schema_changed(feed, monkeypatch):
    # After an upgrade that changes SCHEMA_VERSION, searches fail until a rebuild: say so.
    feed("document", "1", {"title": "政策解读"})
    monkeypatch.setattr(index, "SCHEMA_VERSION", index.SCHEMA_VERSION + 1)
    body = json.loads(health(RequestFactory().get("/health/search")).content)
    assert body["rebuild_needed"] is True
    assert body["ok"] is False
    with pytest.raises(CommandError, match="search_index rebuild"):
        call_command("search_index", "status", stdout=io.StringIO())
    # ./run reads the JSON form (which does not fail) to decide on a rebuild.
    out = io.StringIO()
    call_command("search_index", "status", "--json", stdout=out)
    assert '"rebuild_needed": 1' in out.getvalue()


def test_command_rebuild_refuses_without_sources(feed):
    feed("document", "1", {"title": "政策解读"})
    with pytest.raises(CommandError, match="数据来源"):
        call_command("search_index", "rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    assert found("政策解读") == ["1"]
