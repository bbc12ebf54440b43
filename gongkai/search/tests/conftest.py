"""An index directory per test, a helper to feed the outbox, and the five sample notices."""

from pathlib import Path

import pytest
from django.db import transaction

from gongkai.search import index, services

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "demo" / "samples"

# Metadata as the samples' README gives it; the agency codes and 索引号 are invented.
SAMPLES = {
    "nhfpc": {
        "file": "nhfpc-2016-implementation-opinions.txt",
        "title": "关于全面推进卫生计生系统政务公开工作的实施意见",
        "agency": "nhfpc",
        "agency_name": "国家卫生计生委",
        "year": 2016,
        "published_on": "2016-06-28",
        "doc_type": "意见",
    },
    "tianjin": {
        "file": "tianjin-binhai-2018-work-points.txt",
        "title": "关于印发2018年区卫生计生委政务公开工作要点的通知",
        "numbers": ["津滨卫函〔2018〕489号", "000014349/2018-00489"],
        "agency": "tj-binhai",
        "agency_name": "天津市滨海新区卫生和计划生育委员会",
        "year": 2018,
        "published_on": "2018-07-16",
        "doc_type": "通知",
    },
    "siping": {
        "file": "siping-implementation-opinions.txt",
        "title": "四平市卫生健康委员会关于全面推进政务公开工作的实施意见",
        "agency": "siping",
        "agency_name": "四平市卫生健康委员会",
        "doc_type": "意见",
    },
    "jincheng": {
        "file": "jincheng-2020-standardisation-plan.txt",
        "title": (
            "关于印发《晋城市卫生健康委员会推进医疗卫生领域基层政务公开标准化规范化"
            "工作指导方案》的通知"
        ),
        "agency": "jincheng",
        "agency_name": "晋城市卫生健康委员会",
        "year": 2020,
        "published_on": "2020-07-20",
        "doc_type": "通知",
    },
    "city": {
        "file": "city-2011-work-points.txt",
        "title": "2011年全市卫生系统政务公开工作要点",
        "agency": "city",
        "agency_name": "某市卫生局",
        "year": 2011,
        "published_on": "2011-03-01",
        "doc_type": "要点",
    },
}


def sample_payload(name: str) -> dict:
    """The search payload of one sample notice, its body read from gongkai/demo/samples."""
    meta = dict(SAMPLES[name])
    body = (SAMPLES_DIR / meta.pop("file")).read_text(encoding="utf-8")
    return {**meta, "body": body, "url": f"/documents/{name}/", "validity": "有效"}


def enqueue(kind: str, object_id: str, payload: dict | None = None, operation="upsert"):
    """Write one outbox entry in its own (nested) transaction, as an owning app would."""
    with transaction.atomic():
        return services.enqueue_change(
            kind=kind, object_id=object_id, operation=operation, payload=payload
        )


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    """A fresh index directory for every test."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def feed(db):
    """Enqueue changes and apply them: feed(kind, object_id, payload) or feed(..., "delete")."""

    def _feed(kind: str, object_id: str, payload: dict | None = None, operation="upsert"):
        enqueue(kind, object_id, payload, operation)
        index.apply_outbox()

    return _feed


def index_records(kind: str, records: dict[str, dict]) -> None:
    """Enqueue an upsert per record, then apply them all in one index commit."""
    for object_id, payload in records.items():
        enqueue(kind, object_id, payload)
    index.apply_outbox()


@pytest.fixture
def samples(db):
    """The five sample notices, indexed as records of kind "document"."""
    index_records("document", {name: sample_payload(name) for name in SAMPLES})
    return SAMPLES
