"""A rebuild with worker processes segmenting the text builds the same index as one without.

Each pooled rebuild here starts real worker processes ("spawn"): about a second or two each.
"""

import io
import multiprocessing
import os

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from gongkai.search import build, index, registry
from gongkai.search.models import OutboxEntry
from gongkai.search.query import search
from gongkai.search.tests.conftest import SAMPLES, sample_payload

pytestmark = pytest.mark.django_db

QUERIES = [
    "政务公开",
    "政务 公开",
    "政务公开工作",
    "依申请公开",
    "三公经费",
    "新农合",
    "卫生和计划生育委员会",
    "医疗卫生 基层 标准化",
    "津滨卫函〔2018〕489号",
    "第 3 批",
]


def corpus():
    """70 records: the five samples, each cut into 14 overlapping slices of its body, with
    numbers and a second attachment value on some, so scores and field lengths differ."""
    for name in SAMPLES:
        payload = sample_payload(name)
        lines = payload["body"].splitlines()
        for number in range(14):
            part = lines[number % 5 :: 1 + number % 3]
            yield (
                "document",
                f"{name}-{number}",
                {
                    **payload,
                    "title": f"{payload['title']}（第 {number} 批）",
                    "body": "\n".join(part),
                    "attachments": part[:3] if number % 2 else [],
                    "numbers": payload.get("numbers", []) if number % 4 else [],
                },
            )


def results():
    """Every hit of every query, with its score, in a comparable form. The writer's threads
    may put documents in segments in another order, so equal scores are compared as sets."""
    found = {}
    for text in QUERIES:
        page = search(text, page_size=100)
        found[text] = (
            page.total,
            sorted((hit.object_id, round(hit.score, 4)) for hit in page.hits),
        )
    return found


def test_the_pooled_and_the_single_process_rebuild_find_the_same(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "single"
    assert index.rebuild(corpus(), workers=1) == 70
    single = results()
    settings.SEARCH_INDEX_DIR = tmp_path / "pooled"
    assert index.rebuild(corpus(), workers=2) == 70
    assert results() == single
    assert single["政务公开"][0] > 20  # the comparison compares something
    assert single["津滨卫函〔2018〕489号"][0] > 0
    assert multiprocessing.active_children() == []  # the pool is gone


def test_invalid_payloads_are_skipped_by_a_pooled_rebuild(caplog):
    documents = [
        ("document", "1", {"title": "政策解读"}),
        ("document", "2", {"title": 5}),
        ("document", "3", {"title": "院务公开"}),
    ]
    assert index.rebuild(iter(documents), workers=2) == 2
    assert [hit.object_id for hit in search("政策解读").hits] == ["1"]
    assert "document:2 is invalid" in caplog.text


def test_an_interrupted_pooled_rebuild_rolls_back_and_stops_its_workers(settings, search_index_dir):
    index.rebuild(iter([("document", "live", {"title": "政策解读"})]), workers=1)

    def interrupted():
        yield from list(corpus())[:40]  # more than one batch reaches the workers
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index.rebuild(interrupted(), workers=2)
    assert multiprocessing.active_children() == []
    assert len(list(search_index_dir.glob("gen-*"))) == 1  # the new one was removed
    assert [hit.object_id for hit in search("政策解读").hits] == ["live"]


class _DiesInTheWorker(str):
    """Text that ends the process unpickling it: a worker dies holding its task, as when the
    OOM killer picks it."""

    def __reduce__(self):
        return (os._exit, (1,))


def test_a_rebuild_whose_worker_died_fails_instead_of_waiting(search_index_dir, monkeypatch):
    monkeypatch.setattr(index, "BATCH_TIMEOUT_SECONDS", 5.0)
    documents = [("document", "1", {"title": _DiesInTheWorker("政策解读")}), *corpus()]
    with pytest.raises(RuntimeError, match="stopped answering"):
        index.rebuild(iter(documents), workers=2)
    assert multiprocessing.active_children() == []
    assert list(search_index_dir.glob("gen-*")) == []


def test_how_many_workers(settings, monkeypatch):
    monkeypatch.setattr(index, "available_cpus", lambda: 6)
    assert index.rebuild_workers() == 6
    assert index.rebuild_workers(total=1_000_000) == 6
    assert index.rebuild_workers(total=index.SMALL_REBUILD - 1) == 1  # not worth a pool
    assert index.rebuild_workers(3, total=10) == 3  # asked for: as given
    settings.SEARCH_REBUILD_WORKERS = 2
    assert index.rebuild_workers(total=10) == 2
    assert index.rebuild_workers(1) == 1


def test_command_rebuild_passes_the_worker_count(monkeypatch):
    monkeypatch.setattr(registry, "_sources", {})  # the apps' own sources stay as they were
    registry.register_source("document", lambda: iter([("1", {"title": "政策解读"})]))
    asked = []
    real = index.rebuild

    def spy(documents, **kwargs):
        asked.append(kwargs["workers"])
        return real(documents, **{**kwargs, "workers": 1})

    monkeypatch.setattr(index, "rebuild", spy)
    call_command("search_index", "rebuild", "--workers", "3", stdout=io.StringIO())
    call_command("search_index", "rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError):
        call_command("search_index", "rebuild", "--workers", "0")
    assert asked == [3, None]


def test_a_large_backlog_is_applied_by_the_pool_as_by_one_process(settings, tmp_path, monkeypatch):
    """Upserts, a delete and an invalid payload in one backlog: the same index either way."""
    monkeypatch.setattr(index, "SMALL_REBUILD", 10)  # a backlog of 30 counts as large here
    records = list(corpus())[:28]
    with transaction.atomic():
        for _kind, object_id, payload in records:
            OutboxEntry.objects.create(
                kind="document", object_id=object_id, operation="upsert", payload=payload
            )
        OutboxEntry.objects.create(kind="document", object_id=records[0][1], operation="delete")
        OutboxEntry.objects.create(
            kind="document", object_id="bad", operation="upsert", payload={"title": 5}
        )
    found = {}
    for workers in (1, 2):
        settings.SEARCH_INDEX_DIR = tmp_path / f"workers-{workers}"
        assert index.apply_outbox(workers=workers) == 30
        found[workers] = results()
    assert found[1] == found[2]
    assert found[1]["政务公开"][0] == 27  # the deleted record is gone
    assert multiprocessing.active_children() == []


def test_token_texts_are_packed_and_unpacked_even_with_a_nul_inside():
    tokens = [("政务", 0, 0, 2, "segment"), ("a\x00b", 1, 3, 6, "segment")]
    text, texts, numbers = build._packed("政务 a\x00b", tokens)
    assert text == "政务 a\x00b"
    assert texts == ["政务", "a\x00b"]  # not joined: the NUL would split it
    assert list(numbers) == [0, 0, 2, 1, 3, 6]
    _text, texts, numbers = build._packed("政务 公开", [tokens[0], ("公开", 1, 3, 5, "segment")])
    assert texts == "政务\x00公开"
    parts = build.document_parts("document", "1", {"title": "政务公开"})
    assert build.to_document(parts).to_dict()["key"] == ["document:1"]
