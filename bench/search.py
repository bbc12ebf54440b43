"""Search benchmark: the Tantivy engine (gongkai.search) against SQLite FTS5, side by side.

A benchmark, not a test. Run from the project directory:

    .venv/bin/python bench/search.py [--n 100000] [--queries FILE] [--workdir DIR] [--keep]
                                     [--quick] [--pages] [--repeat 5] [--json FILE]
                                     [--workers N] [--reference-n 5000] [--no-fts5]
                                     [--changes 10000]

What it does (bench/README.md has the details):

1. streams a deterministic corpus of N records (bench/corpus.py; never all in memory);
2. builds the Tantivy index through the engine's own `gongkai.search.index.rebuild` with its
   worker processes, after a single-process `rebuild(workers=1)` of the first records (the
   reference rate, same run); then applies --changes outbox upserts with `apply_outbox()`;
3. unless --no-fts5, segments the corpus again (in worker processes) into a spool of the
   text's own index tokens (not the engine's join and pair tokens) and builds a standalone
   SQLite FTS5 table (unicode61, bm25) from it: the same segmented text;
4. runs a fixed query set (1–3 words, rare to very common) on both, top 20 by relevance,
   warm-up + timed runs, and prints per-query medians, match counts, overall median / p95 /
   max and the SQLite/Tantivy ratio;
5. with --pages, times the record page and the search page through Django's test Client on
   a smaller set of real Document rows.

It never touches the project's database or index: DATABASE_URL, GONGKAI_DATA_DIR,
MEDIA_ROOT and SEARCH_INDEX_DIR all point into the work directory, where a throwaway SQLite
database is migrated first (the engine's rebuild reads the search outbox table).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import itertools
import json
import math
import os
import platform
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import corpus  # bench/corpus.py (the script's directory is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
QUICK_N = 5_000
DEFAULT_N = 100_000
DEFAULT_PAGES_N = 2_000
TOP_K = 20
FTS_TOP_SQL = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT 20"
FTS_INSERT_SQL = "INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)"
FTS_COUNT_SQL = "SELECT count(*) FROM fts WHERE fts MATCH ?"
_WORD_SEPARATORS = re.compile(r"[\s,，;；、]+")  # the engine's own word separators
P95_TARGET_MS = 50.0
RATIO_TARGET = 5.0
TARGET_SCALE = 1_000_000
REBUILD_TARGET_SECONDS = 600.0  # issue #16: a rebuild of 1,000,000 records in ≤ 10 minutes
APPLY_TARGET_SECONDS = 30.0  # issue #16: 10,000 outbox changes applied in ≤ 30 s
# Tantivy's match count of each default query over the first 1,000,000 records of the
# default seed, as first measured (docs/performance.md, "Per query"): a rebuild must keep them.
EXPECTED_COUNTS_1M = {
    "卫生": 999_783, "公开": 999_990, "工作": 999_397, "政务公开": 978_757, "信息公开": 875_633,
    "政务 公开": 996_103, "信息 公开": 991_468, "加强 管理": 687_423, "政务公开工作": 896_235,
    "进一步加强": 153_825, "卫生 公开 工作": 999_171, "公开透明": 257_735, "舆情": 634_471,
    "舆情 回应": 567_981, "政策解读": 437_710, "依申请公开": 492_288, "医疗机构": 376_087,
    "双随机": 179_725, "卫生 监督": 687_913, "院务公开": 199_048, "家庭医生 签约": 107_289,
    "传染病 疫情 公开": 124_855, "预防接种": 57_578, "行政处罚": 194_086, "公立医院": 106_924,
    "基本公共卫生": 73_064, "突发公共卫生事件": 207_598, "新农合": 109_791, "卫生应急": 50_721,
    "计划生育 奖励扶助": 18_710, "中医药": 33_678, "健康扶贫": 56_963,
    "医疗卫生 基层 标准化": 484_867, "三公经费": 93_490, "三公 经费": 93_490,
    "手足口病": 50_871, "尘肺病": 32_222, "职业病 防治": 26_640, "无偿献血": 16_807,
    "医共体": 16_603, "核酸检测": 7_435, "互联网医院": 4_307, "饮用水 合格率": 11_630,
    "康宁诊所": 567, "仁和 口腔诊所": 556, "晋卫办发〔2015〕3号": 1, "乡村振兴 医保": 0,
}  # fmt: skip

# 1–3 words, from very common (most records) to rare (a handful). A word that segments into
# several tokens is a phrase on both engines (政务公开工作, 手足口病, 核酸检测 …).
DEFAULT_QUERIES = [
    # very common
    "卫生",
    "公开",
    "工作",
    "政务公开",
    "信息公开",
    "政务 公开",
    "信息 公开",
    "加强 管理",
    "政务公开工作",
    "进一步加强",
    "卫生 公开 工作",
    "公开透明",
    # medium
    "舆情",
    "舆情 回应",
    "政策解读",
    "依申请公开",
    "医疗机构",
    "双随机",
    "卫生 监督",
    "院务公开",
    "家庭医生 签约",
    "传染病 疫情 公开",
    "预防接种",
    "行政处罚",
    "公立医院",
    "基本公共卫生",
    "突发公共卫生事件",
    "新农合",
    "卫生应急",
    "计划生育 奖励扶助",
    "中医药",
    "健康扶贫",
    "医疗卫生 基层 标准化",
    # rare
    "三公经费",
    "三公 经费",
    "手足口病",
    "尘肺病",
    "职业病 防治",
    "无偿献血",
    "医共体",
    "核酸检测",
    "互联网医院",
    "饮用水 合格率",
    "康宁诊所",
    "仁和 口腔诊所",
    "晋卫办发〔2015〕3号",
    "乡村振兴 医保",
]


# --- helpers ---------------------------------------------------------------------------------


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    """The 1/5/15-minute load averages: other work on the machine skews every figure."""
    with contextlib.suppress(OSError):
        return "/".join(f"{value:.1f}" for value in os.getloadavg())
    return "?"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 45 values is the 43rd smallest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def directory_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def timed_runs(run: Callable[[], Any], repeat: int, warmup: int = 1) -> tuple[list[float], Any]:
    """Seconds of each timed run after the warm-up runs, and the last result."""
    result = None
    for _ in range(warmup):
        result = run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def read_queries(path: str | None) -> list[str]:
    if path is None:
        return list(DEFAULT_QUERIES)
    queries = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            queries.append(text)
    return queries


# --- environment -----------------------------------------------------------------------------


def prepare_django(workdir: Path) -> Path:
    """Point every setting that writes at the work directory, set Django up, migrate a
    throwaway SQLite database (the engine's rebuild reads the outbox table)."""
    database = workdir / "bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["GONGKAI_DATA_DIR"] = str(workdir / "data")
    os.environ["MEDIA_ROOT"] = str(workdir / "data" / "media")
    os.environ["SEARCH_INDEX_DIR"] = str(workdir / "search-index")
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"  # queued, never run here
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise looks for it
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.urls import resolve

    # Import everything the page timings use now, not an hour later: the code then matches
    # the schema migrated below even if the working tree changes during a long run.
    for module in ("gongkai.demo.loading", "gongkai.documents.importing", "gongkai.portal.views"):
        importlib.import_module(module)
    resolve("/search/")  # loads the URLconf and every view module it names
    if Path(settings.DATABASES["default"]["NAME"]) != database:
        raise SystemExit("Refusing to run: the database is not the throwaway one.")
    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(
        f"Throwaway SQLite database {database} (DATABASE_URL set by this script), "
        f"migrated in {time.perf_counter() - start:.1f} s; the project's database is not used."
    )
    return database


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
    for package in ("tantivy", "rjieba", "django"):
        try:
            info[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            info[package] = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    return info


# --- Tantivy build ----------------------------------------------------------------------------


@dataclass
class BuildStats:
    documents: int = 0
    wall_seconds: float = 0.0
    generation_seconds: float = 0.0  # the benchmark's own corpus, generated in the build's process
    index_bytes: int = 0
    characters: int = 0
    segments: int = 0
    workers: int = 1
    # The single-process reference, measured in the same run on the first records.
    reference_documents: int = 0
    reference_seconds: float = 0.0  # wall minus corpus generation
    load_averages: list[str] = field(default_factory=list)  # before, reference done, after
    # CPU seconds (user + system) of this process and of its finished children (the pool's
    # workers), reference and full build: what a rebuild costs whatever else the machine runs.
    reference_cpu: list[float] = field(default_factory=list)  # [this process, children]
    cpu: list[float] = field(default_factory=list)
    spool_seconds: float = 0.0  # the FTS5 token spool: a separate pass, not part of the build
    apply: dict[str, Any] = field(default_factory=dict)  # bench_apply's figures

    @property
    def engine_seconds(self) -> float:
        """Build time without generating the corpus."""
        return self.wall_seconds - self.generation_seconds

    @property
    def rate(self) -> float:
        return self.documents / self.engine_seconds if self.engine_seconds else 0.0

    @property
    def reference_rate(self) -> float:
        if not self.reference_seconds:
            return 0.0
        return self.reference_documents / self.reference_seconds


def cpu_seconds() -> list[float]:
    """User + system CPU seconds of this process, and of its children that have ended."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return [own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime]


def cpu_line(cpu: list[float], documents: int, generation_seconds: float) -> str:
    """CPU per record: this process (minus the corpus generation) and the workers."""
    own = (cpu[0] - generation_seconds) / max(1, documents) * 1000
    workers = cpu[1] / max(1, documents) * 1000
    return (
        f"CPU per record {own + workers:.2f} ms = this process {own:.2f} (without the "
        f"corpus) + workers {workers:.2f}"
    )


def timed_corpus(n: int, seed: int, stats: BuildStats) -> Iterator[tuple[str, str, dict]]:
    """("document", id, payload) for the rebuild, adding the generation time to the stats."""
    records = corpus.iter_records(n, seed)
    while True:
        start = time.perf_counter()
        try:
            object_id, payload = next(records)
        except StopIteration:
            stats.generation_seconds += time.perf_counter() - start
            return
        stats.characters += len(payload["title"]) + len(payload["body"])
        stats.generation_seconds += time.perf_counter() - start
        yield "document", object_id, payload


def build_tantivy(n: int, seed: int, workers: int | None, reference_n: int) -> BuildStats:
    """The engine's `rebuild()` of N records with its worker processes, after a single-process
    `rebuild(workers=1)` of the first `reference_n` records (its own index, removed after) for
    the reference rate in the same run and machine conditions."""
    from django.test import override_settings

    from gongkai.search import index

    stats = BuildStats(workers=index.rebuild_workers(workers, n))
    stats.load_averages.append(load_average())
    if reference_n:
        reference = BuildStats()
        reference_dir = index.index_dir().parent / "reference-index"
        with override_settings(SEARCH_INDEX_DIR=reference_dir):
            start = time.perf_counter()
            cpu_before = cpu_seconds()
            documents = timed_corpus(reference_n, seed, reference)
            stats.reference_documents = index.rebuild(documents, total=reference_n, workers=1)
            stats.reference_seconds = time.perf_counter() - start - reference.generation_seconds
            stats.reference_cpu = [a - b for a, b in zip(cpu_seconds(), cpu_before, strict=True)]
        shutil.rmtree(reference_dir, ignore_errors=True)
        log(
            f"  reference: single-process rebuild(workers=1) of the first "
            f"{stats.reference_documents:,} records: {stats.reference_seconds:.1f} s = "
            f"{stats.reference_rate:,.0f} docs/s; load average {load_average()}; "
            + cpu_line(stats.reference_cpu, stats.reference_documents, reference.generation_seconds)
        )
    stats.load_averages.append(load_average())
    started = time.perf_counter()
    last_report = [0]

    def progress(count: int, total: int | None) -> None:
        if total and count * 20 // total > last_report[0]:
            last_report[0] = count * 20 // total
            elapsed = time.perf_counter() - started
            log(
                f"  tantivy: {count:>9,} / {total:,} documents, {elapsed:7.1f} s, "
                f"{count / elapsed:,.0f} docs/s; load average {load_average()}"
            )

    documents = timed_corpus(n, seed, stats)
    cpu_before = cpu_seconds()
    stats.documents = index.rebuild(documents, total=n, progress=progress, workers=workers)
    stats.wall_seconds = time.perf_counter() - started
    stats.cpu = [a - b for a, b in zip(cpu_seconds(), cpu_before, strict=True)]
    stats.load_averages.append(load_average())
    generation = (index.index_dir() / "current").resolve()
    stats.index_bytes = directory_bytes(generation)
    stats.segments = len(list(generation.glob("*.idx")))
    return stats


def spool_lines(records: list[tuple[str, dict]]) -> str:
    """The FTS5 spool lines of some records: id, title tokens, other tokens (tab-separated).

    Only the text's own segments (as before joins and pairs existed): FTS5 gets neither the
    joins nor the pairs, which exist for Tantivy's query plan. Runs in worker processes.
    """
    from gongkai.search.payload import TEXT_FIELDS, clean_payload, text_values
    from gongkai.search.segmentation import SEGMENT, index_terms

    lines = []
    for object_id, payload in records:
        cleaned = clean_payload(payload)
        fields = [
            [
                token[0]
                for value in text_values(cleaned, name)
                for token in index_terms(value).tokens
                if token[4] == SEGMENT
            ]
            for name in TEXT_FIELDS
        ]
        title = " ".join(fields[0])
        rest = " ".join(token for tokens in fields[1:] for token in tokens)
        lines.append(f"{object_id}\t{title}\t{rest}\n")
    return "".join(lines)


def write_spool(n: int, seed: int, spool_path: Path, workers: int) -> float:
    """Segment the corpus again, in worker processes, for FTS5: seconds taken."""
    import collections
    import multiprocessing

    start = time.perf_counter()
    records = corpus.iter_records(n, seed)
    pending: collections.deque = collections.deque()
    with (
        open(spool_path, "w", encoding="utf-8", buffering=1 << 20) as spool,
        multiprocessing.get_context("spawn").Pool(workers) as pool,
    ):
        while batch := list(itertools.islice(records, 200)):
            pending.append(pool.apply_async(spool_lines, (batch,)))
            if len(pending) >= workers * 4:
                spool.write(pending.popleft().get())
        while pending:
            spool.write(pending.popleft().get())
    return time.perf_counter() - start


def bench_apply(n: int, changes: int, seed: int) -> dict[str, Any]:
    """`apply_outbox()` of `changes` upserts on the built index: the first records get new
    payloads (another seed's records), as owning apps would write them to the outbox."""
    from gongkai.search.index import apply_outbox
    from gongkai.search.models import OutboxEntry
    from gongkai.search.payload import clean_payload

    log(
        f"\n[3b] apply_outbox() of {changes:,} changes to the index of {n:,} records; "
        f"load average {load_average()}"
    )
    start = time.perf_counter()
    entries = (
        OutboxEntry(
            kind="document", object_id=str(number), operation="upsert", payload=clean_payload(p)
        )
        for number, (_object_id, p) in enumerate(corpus.iter_records(changes, seed + 7))
    )
    while batch := list(itertools.islice(entries, 1_000)):
        OutboxEntry.objects.bulk_create(batch)
    written = time.perf_counter() - start
    load_before = load_average()
    start = time.perf_counter()
    cpu_before = cpu_seconds()
    applied = apply_outbox()
    seconds = time.perf_counter() - start
    cpu = [a - b for a, b in zip(cpu_seconds(), cpu_before, strict=True)]
    figures = {
        "changes": applied,
        "seconds": seconds,
        "per_second": applied / seconds,
        "outbox_write_seconds": written,
        "cpu": cpu,
        "load_averages": [load_before, load_average()],
    }
    met = "MET" if seconds <= APPLY_TARGET_SECONDS * changes / 10_000 else "NOT MET"
    log(
        f"  {applied:,} changes applied in {seconds:.1f} s = {applied / seconds:,.0f}/s "
        f"(outbox written in {written:.1f} s, not counted); load average "
        f"{load_before} → {figures['load_averages'][1]}; target 10,000 in ≤ "
        f"{APPLY_TARGET_SECONDS:.0f} s: {met}; " + cpu_line(cpu, applied, 0.0)
    )
    return figures


# --- SQLite FTS5 build ------------------------------------------------------------------------


@dataclass
class FtsStats:
    insert_seconds: float = 0.0
    optimize_seconds: float = 0.0
    size_bytes: int = 0
    rows: int = 0

    @property
    def build_seconds(self) -> float:
        return self.insert_seconds + self.optimize_seconds


def build_fts5(spool_path: Path, database: Path) -> FtsStats:
    """A contentless FTS5 table (the text itself would live in the Django table) over the
    spooled tokens, joined by spaces, tokenizer unicode61; merged with 'optimize' at the end."""
    stats = FtsStats()
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-262144")  # 256 MB page cache for the bulk load
    connection.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61', content='')"
    )
    start = time.perf_counter()
    connection.execute("BEGIN")
    batch: list[tuple[int, str, str]] = []
    with open(spool_path, encoding="utf-8", buffering=1 << 20) as spool:
        for line in spool:
            object_id, title, body = line.rstrip("\n").split("\t")
            batch.append((int(object_id), title, body))
            if len(batch) == 2_000:
                connection.executemany(FTS_INSERT_SQL, batch)
                stats.rows += len(batch)
                batch.clear()
                if stats.rows % 100_000 == 0:
                    log(f"  fts5: {stats.rows:>9,} rows, {time.perf_counter() - start:7.1f} s")
    if batch:
        connection.executemany(FTS_INSERT_SQL, batch)
        stats.rows += len(batch)
    connection.execute("COMMIT")
    stats.insert_seconds = time.perf_counter() - start
    start = time.perf_counter()
    connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    stats.optimize_seconds = time.perf_counter() - start
    connection.execute("PRAGMA cache_size=-8000")  # back to ~default for the queries
    connection.close()
    stats.size_bytes = database.stat().st_size
    return stats


def fts5_match(text: str) -> str:
    """The MATCH expression: each word's normal-mode tokens as an FTS5 phrase, words ANDed."""
    from gongkai.search.segmentation import normalize, query_tokens

    phrases = []
    for raw in _WORD_SEPARATORS.split(normalize(text).strip()):
        tokens = query_tokens(raw)
        if tokens:
            phrases.append('"' + " ".join(token.replace('"', '""') for token in tokens) + '"')
    return " AND ".join(phrases[:12])


# --- queries ---------------------------------------------------------------------------------


@dataclass
class QueryResult:
    query: str
    match: str
    tantivy_matches: int = 0
    fts5_matches: int = 0
    tantivy_runs: list[float] = field(default_factory=list)
    fts5_runs: list[float] = field(default_factory=list)
    fts5_count_seconds: float = 0.0
    # Profile of the Tantivy side (medians, seconds): the collector without hits/snippets,
    # the same without counting, and the query as plain token phrases ("whole-only": no pair
    # tokens, no finest-pieces alternative; what the engine did before pairs, minus pieces).
    raw_count_seconds: float = 0.0
    raw_top_seconds: float = 0.0
    whole_only_seconds: float = 0.0
    whole_only_matches: int = 0

    @property
    def tantivy_median(self) -> float:
        return statistics.median(self.tantivy_runs)

    @property
    def fts5_median(self) -> float:
        return statistics.median(self.fts5_runs)


def _whole_only_query(schema: Any, words: list[Any]) -> Any:
    """The engine's query as plain token phrases (what-if for profiling): each word as its
    normal-mode tokens (a phrase over the tokens themselves, not over the index's pair
    tokens; no finest-pieces alternative) in each field, with the same boosts, words ANDed."""
    from tantivy import Occur, Query

    from gongkai.search.query import FIELD_BOOSTS
    from gongkai.search.segmentation import query_phrase

    clauses = []
    for word in words:
        terms = query_phrase(word.tokens)
        per_field = []
        for name, boost in FIELD_BOOSTS.items():
            inner = (
                Query.term_query(schema, name, terms[0][1])
                if len(terms) == 1
                else Query.phrase_query(schema, name, terms)
            )
            per_field.append((Occur.Should, Query.boost_query(inner, boost)))
        clauses.append((Occur.Must, Query.boolean_query(per_field)))
    return Query.boolean_query(clauses)


def run_queries(queries: list[str], fts_path: Path | None, repeat: int) -> list[QueryResult]:
    """Both engines per query; Tantivy alone when fts_path is None (--no-fts5: its figures
    are then 0 and its count -1)."""
    from gongkai.search import query as engine
    from gongkai.search.index import open_searcher

    connection = sqlite3.connect(fts_path) if fts_path is not None else None
    results = []
    for text in queries:
        result = QueryResult(query=text, match=fts5_match(text))
        runs, found = timed_runs(lambda text=text: engine.search(text, page_size=TOP_K), repeat)
        result.tantivy_runs, result.tantivy_matches = runs, found.total

        def fts_top(match: str = result.match) -> list:
            return connection.execute(FTS_TOP_SQL, (match,)).fetchall()

        if connection is not None:
            result.fts5_runs, _rows = timed_runs(fts_top, repeat)
            start = time.perf_counter()
            result.fts5_matches = connection.execute(FTS_COUNT_SQL, (result.match,)).fetchone()[0]
            result.fts5_count_seconds = time.perf_counter() - start
        else:
            result.fts5_runs, result.fts5_matches = [0.0], -1

        # Profile: where the Tantivy time goes.
        searcher, schema = open_searcher()
        words = engine.parse_words(text)[: engine.MAX_WORDS]
        built = engine._combine([engine._word_query(schema, word) for word in words], [])
        runs, _found = timed_runs(lambda s=searcher, q=built: s.search(q, TOP_K, count=True), 3)
        result.raw_count_seconds = statistics.median(runs)
        runs, _found = timed_runs(lambda s=searcher, q=built: s.search(q, TOP_K, count=False), 3)
        result.raw_top_seconds = statistics.median(runs)
        whole = _whole_only_query(schema, words)
        runs, found = timed_runs(lambda s=searcher, q=whole: s.search(q, TOP_K, count=True), 3)
        result.whole_only_seconds = statistics.median(runs)
        result.whole_only_matches = found.count

        log(
            f"  {text:<16} tantivy {ms(result.tantivy_median):>7} ms ({result.tantivy_matches:>9,})"
            f"   fts5 {ms(result.fts5_median):>7} ms ({result.fts5_matches:>9,})"
        )
        results.append(result)
    if connection is not None:
        connection.close()
    return results


@dataclass
class LatencySummary:
    median_ms: float
    p95_ms: float
    max_ms: float
    all_runs_median_ms: float
    all_runs_p95_ms: float


def summarise(medians: list[float], runs: list[float]) -> LatencySummary:
    return LatencySummary(
        median_ms=statistics.median(medians) * 1000,
        p95_ms=percentile(medians, 0.95) * 1000,
        max_ms=max(runs) * 1000,
        all_runs_median_ms=statistics.median(runs) * 1000,
        all_runs_p95_ms=percentile(runs, 0.95) * 1000,
    )


def check_recall(n: int, seed: int, results: list[QueryResult]) -> str:
    """Whether every match count equals the first measurement's (1,000,000 records of the
    default seed only: no reference exists for other sizes)."""
    if n != TARGET_SCALE or seed != corpus.DEFAULT_SEED:
        return f"not checked (reference counts exist for {TARGET_SCALE:,} records, default seed)"
    differ = [
        f"{r.query} {r.tantivy_matches:,} (was {EXPECTED_COUNTS_1M[r.query]:,})"
        for r in results
        if r.query in EXPECTED_COUNTS_1M and r.tantivy_matches != EXPECTED_COUNTS_1M[r.query]
    ]
    checked = sum(1 for r in results if r.query in EXPECTED_COUNTS_1M)
    if differ:
        return f"CHANGED for {len(differ)} of {checked} queries: " + "; ".join(differ)
    return f"unchanged: all {checked} match counts equal the first measurement's"


# --- pages -----------------------------------------------------------------------------------


@dataclass
class PageStats:
    records: int = 0
    import_seconds: float = 0.0
    index_seconds: float = 0.0
    record_runs: list[float] = field(default_factory=list)
    search_runs: list[float] = field(default_factory=list)
    search_statuses: dict[str, int] = field(default_factory=dict)


def bench_pages(
    workdir: Path, queries: list[str], n_records: int, seed: int, repeat: int
) -> PageStats:
    """Record page and search page through Django's test Client, on real Document rows
    imported with the importer into the throwaway database and indexed through the outbox."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.catalogue.models import AgencyItem
    from gongkai.demo.loading import load_demo
    from gongkai.documents import importing
    from gongkai.documents.models import Document
    from gongkai.search.index import apply_outbox

    stats = PageStats()
    setup_test_environment()  # lets the test Client's host through ALLOWED_HOSTS
    with override_settings(SEARCH_INDEX_DIR=workdir / "pages-index", DEBUG=False):
        reused = (workdir / "pages-index").exists()  # --reuse: imported and indexed already
        load_demo()
        agency = Agency.objects.get(code="DEMO-COUNTY")
        actor = get_user_model().objects.get(username="sysadmin")
        items = list(
            AgencyItem.objects.filter(catalogue__agency=agency)
            .applicable()
            .order_by("code")
            .values_list("code", flat=True)
        )
        today = timezone.localdate()
        rows: list[dict[str, str]] = []
        start = time.perf_counter()
        records = corpus.iter_records(0 if reused else n_records, seed)
        for number, (_object_id, payload) in enumerate(records):
            published = min(datetime.date.fromisoformat(payload["published_on"]), today)
            doc_type = payload["doc_type"]
            rows.append(
                {
                    "标题": payload["title"],
                    "文号": payload["numbers"][0],
                    "发文机关": payload["agency_name"],
                    "成文日期": (published - datetime.timedelta(days=3)).isoformat(),
                    "发布日期": published.isoformat(),
                    "主题分类": payload["category"],
                    "目录事项编码": items[number % len(items)],
                    "文件类型": "news" if doc_type == "interpretation" else doc_type,
                    "内容概述": payload["summary"],
                    "正文": payload["body"],
                    "公开属性": "主动公开",
                    "有效性": payload["validity"],
                }
            )
            if len(rows) == 500:
                importing.import_records(agency=agency, actor=actor, rows=rows)
                rows = []
        if rows:
            importing.import_records(agency=agency, actor=actor, rows=rows)
        stats.import_seconds = time.perf_counter() - start
        start = time.perf_counter()
        apply_outbox()
        stats.index_seconds = time.perf_counter() - start
        public = list(Document.objects.public().order_by("pk").values_list("pk", flat=True))
        stats.records = len(public)
        log(
            f"  {stats.records:,} public records imported in {stats.import_seconds:.1f} s, "
            f"indexed through the outbox in {stats.index_seconds:.1f} s"
        )
        client = Client()
        sample = public[:: max(1, len(public) // 50)][:50]
        for pk in sample:  # warm-up pass
            response = client.get(f"/records/{pk}/")
            if response.status_code != 200:
                raise SystemExit(f"/records/{pk}/ answered {response.status_code}")
        for _ in range(repeat):
            for pk in sample:
                begin = time.perf_counter()
                client.get(f"/records/{pk}/")
                stats.record_runs.append(time.perf_counter() - begin)
        for text in queries:
            runs, response = timed_runs(lambda t=text: client.get("/search/", {"q": t}), repeat)
            stats.search_runs += runs
            status = str(response.status_code)
            stats.search_statuses[status] = stats.search_statuses.get(status, 0) + 1
    return stats


# --- report ----------------------------------------------------------------------------------


def print_query_table(results: Iterable[QueryResult]) -> None:
    log(
        f"{'query':<18}{'Tantivy n':>10}{'FTS5 n':>10}{'Tantivy ms':>12}{'FTS5 ms':>10}"
        f"{'ratio':>8}{'raw+count':>11}{'raw top20':>11}{'whole-only':>12}{'w-o n':>10}"
        f"{'FTS5 count':>12}"
    )
    for r in results:
        ratio = r.fts5_median / r.tantivy_median if r.tantivy_median else float("nan")
        log(
            f"{r.query:<18}{r.tantivy_matches:>10,}{r.fts5_matches:>10,}"
            f"{ms(r.tantivy_median):>12}{ms(r.fts5_median):>10}{ratio:>7.1f}×"
            f"{ms(r.raw_count_seconds):>11}{ms(r.raw_top_seconds):>11}"
            f"{ms(r.whole_only_seconds):>12}{r.whole_only_matches:>10,}"
            f"{ms(r.fts5_count_seconds):>12}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=None, help=f"records (default {DEFAULT_N:,})")
    parser.add_argument("--quick", action="store_true", help=f"smoke run: N={QUICK_N:,}")
    parser.add_argument("--queries", help="file with one query per line (# comments)")
    parser.add_argument("--workdir", help="where the indexes and the throwaway database go")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (+1 warm-up)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--pages", action="store_true", help="also time the portal pages")
    parser.add_argument(
        "--pages-n", type=int, default=None, help=f"default {DEFAULT_PAGES_N:,} (500 if --quick)"
    )
    parser.add_argument("--json", help="also write every figure to this JSON file")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="rebuild() worker processes (default: the engine's, one per CPU)",
    )
    parser.add_argument(
        "--reference-n",
        type=int,
        default=5_000,
        help="records of the single-process reference rebuild, same run (default 5,000; 0: none)",
    )
    parser.add_argument(
        "--no-fts5",
        action="store_true",
        help="skip SQLite FTS5 (build and queries): Tantivy figures and the recall check only",
    )
    parser.add_argument(
        "--changes",
        type=int,
        default=10_000,
        help="outbox upserts applied to the index by apply_outbox() (default 10,000; 0: none)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="run the queries (and pages) again on the indexes a --keep run left in --workdir",
    )
    args = parser.parse_args(argv)
    n = args.n if args.n is not None else (QUICK_N if args.quick else DEFAULT_N)
    if args.reuse:
        if not args.workdir or not (Path(args.workdir) / "build.json").exists():
            raise SystemExit("--reuse needs --workdir with the results of a --keep run")
        args.keep = True
        n = json.loads((Path(args.workdir) / "build.json").read_text("utf-8"))["n"]
    if args.pages_n is None:
        args.pages_n = 500 if args.quick else DEFAULT_PAGES_N
    queries = read_queries(args.queries)

    created = args.workdir is None
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="gongkai-bench-")).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    ours = ["bench.sqlite3", "bench.sqlite3-wal", "bench.sqlite3-shm", "data", "search-index"]
    ours += ["pages-index", "reference-index", "tokens.tsv", "fts5.sqlite3", "build.json"]
    leftovers = [name for name in ours if (workdir / name).exists()]
    if leftovers and not args.reuse:
        raise SystemExit(f"{workdir} already holds {', '.join(leftovers)}: use an empty directory")
    log(f"Work directory: {workdir}")
    try:
        return run(args, n, queries, workdir)
    finally:
        if args.keep:
            log(f"Kept {workdir}")
        elif created:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            for name in ours:
                path = workdir / name
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                elif path.exists():
                    path.unlink()


def run(args: argparse.Namespace, n: int, queries: list[str], workdir: Path) -> int:
    prepare_django(workdir)
    machine = machine_info()
    log(
        "Machine: {nproc} CPUs ({cpu}), {ram_gb} GB RAM, Python {python}, tantivy {tantivy}, "
        "rjieba {rjieba}, SQLite {sqlite}, Django {django}".format_map(
            {"cpu": "?", "ram_gb": "?", **machine}
        )
    )
    command = " ".join([Path(sys.executable).name, *sys.argv])
    log(f"Command: {command}")

    spool_path = workdir / "tokens.tsv"
    fts_path = workdir / "fts5.sqlite3"
    if args.reuse:
        saved = json.loads((workdir / "build.json").read_text("utf-8"))
        build = BuildStats(**saved["tantivy_build"])
        fts = FtsStats(**saved["fts5_build"]) if saved["fts5_build"] else None
        spool_bytes = saved["spool_bytes"]
        log(f"\nReusing the indexes of {n:,} records built earlier in {workdir}")
    else:
        build, fts, spool_bytes = build_both(args, n, spool_path, fts_path)
        (workdir / "build.json").write_text(
            json.dumps(
                {
                    "n": n,
                    "seed": args.seed,
                    "tantivy_build": asdict(build),
                    "fts5_build": asdict(fts) if fts else None,
                    "spool_bytes": spool_bytes,
                }
            ),
            "utf-8",
        )
    return report(args, n, queries, workdir, machine, command, build, fts, spool_bytes, fts_path)


def build_both(
    args: argparse.Namespace, n: int, spool_path: Path, fts_path: Path
) -> tuple[BuildStats, FtsStats | None, int]:
    log(
        f"\n[1/4] Tantivy: rebuild() over {n:,} generated records (seed {args.seed}); "
        f"load average {load_average()}"
    )
    build = build_tantivy(n, args.seed, args.workers, min(n, args.reference_n))
    log(
        f"  built {build.documents:,} documents ({build.characters / max(1, n):,.0f} characters "
        f"each on average) in {build.wall_seconds:.1f} s wall with {build.workers} worker "
        f"process(es); load average {' → '.join(build.load_averages)}"
    )
    log(
        f"  engine build (wall minus corpus generation {build.generation_seconds:.1f} s) "
        f"{build.engine_seconds:.1f} s = {build.rate:,.0f} docs/s"
        + (
            f" = {build.rate / build.reference_rate:.2f}× the single-process reference"
            if build.reference_rate
            else ""
        )
        + f"; index {mb(build.index_bytes)} in {build.segments} segments"
    )
    log("  " + cpu_line(build.cpu, build.documents, build.generation_seconds))
    if args.no_fts5:
        log("\n[2/4] SQLite FTS5: skipped (--no-fts5)")
        return build, None, 0
    log(
        "\n[2/4] SQLite FTS5 (unicode61, bm25) over the same index tokens; "
        f"load average {load_average()}"
    )
    build.spool_seconds = write_spool(n, args.seed, spool_path, max(1, build.workers))
    log(
        f"  token spool (segmented again, in {build.workers} processes): "
        f"{build.spool_seconds:.1f} s"
    )
    fts = build_fts5(spool_path, fts_path)
    spool_bytes = spool_path.stat().st_size
    if not args.keep:
        spool_path.unlink()
    log(
        f"  inserted {fts.rows:,} rows in {fts.insert_seconds:.1f} s, optimize "
        f"{fts.optimize_seconds:.1f} s, total {fts.build_seconds:.1f} s (+ the same "
        f"segmentation); database {mb(fts.size_bytes)} (token spool was {mb(spool_bytes)})"
    )
    return build, fts, spool_bytes


def report(
    args: argparse.Namespace,
    n: int,
    queries: list[str],
    workdir: Path,
    machine: dict[str, Any],
    command: str,
    build: BuildStats,
    fts: FtsStats | None,
    spool_bytes: int,
    fts_path: Path,
) -> int:

    load_before = load_average()
    log(
        f"\n[3/4] {len(queries)} queries, top {TOP_K} by relevance, 1 warm-up + {args.repeat} "
        f"runs; load average {load_before}"
    )
    results = run_queries(queries, fts_path if fts is not None else None, args.repeat)
    load_after = load_average()
    tantivy = summarise(
        [r.tantivy_median for r in results], [t for r in results for t in r.tantivy_runs]
    )
    sqlite = summarise([r.fts5_median for r in results], [t for r in results for t in r.fts5_runs])
    raw_top = [r.raw_top_seconds for r in results]
    raw_count = [r.raw_count_seconds for r in results]

    log(f"\nPer query (medians in ms; N = {n:,}):")
    print_query_table(results)
    log(
        "  raw+count = searcher.search with count (no hit loading/snippets); raw top20 = "
        "without count; whole-only = raw+count of plain token phrases (no pair tokens, no "
        "finest-pieces alternative)"
    )
    slowest = sorted(results, key=lambda r: r.tantivy_median, reverse=True)[:5]
    log(
        "Slowest Tantivy queries: "
        + ", ".join(f"{r.query} {ms(r.tantivy_median)}" for r in slowest)
    )

    ratio_median = sqlite.median_ms / tantivy.median_ms
    ratio_p95 = sqlite.p95_ms / tantivy.p95_ms
    log("\n" + "=" * 78)
    log(f"SUMMARY  N = {n:,} records, {len(queries)} queries, top {TOP_K}, {args.repeat} runs each")
    log("=" * 78)
    log(
        f"Tantivy build : {build.wall_seconds:,.1f} s wall ({build.engine_seconds:,.1f} s without "
        f"corpus generation), {build.rate:,.0f} docs/s with {build.workers} worker process(es)"
        + (
            f"; single-process reference {build.reference_rate:,.0f} docs/s on the first "
            f"{build.reference_documents:,} records "
            f"(ratio {build.rate / build.reference_rate:.2f}×)"
            if build.reference_rate
            else ""
        )
        + f"; index {mb(build.index_bytes)}; load average {' → '.join(build.load_averages)}"
    )
    target_met = build.engine_seconds <= REBUILD_TARGET_SECONDS * n / TARGET_SCALE
    log(
        f"  target 1,000,000 records in ≤ {REBUILD_TARGET_SECONDS / 60:.0f} min "
        f"(≥ {TARGET_SCALE / REBUILD_TARGET_SECONDS:,.0f} docs/s): "
        f"{'MET' if target_met else 'NOT MET'} ({build.rate:,.0f} docs/s)"
    )
    if fts is not None:
        log(
            f"FTS5 build    : {fts.build_seconds:,.1f} s (insert {fts.insert_seconds:,.1f} s + "
            f"optimize {fts.optimize_seconds:,.1f} s) + the same segmentation; "
            f"database {mb(fts.size_bytes)}"
        )
    recall = check_recall(n, args.seed, results)
    log(
        "Latency over the per-query medians (max = slowest single run), ms; load average "
        f"{load_before} before the queries, {load_after} after ({os.cpu_count()} CPUs):"
    )
    log(f"  {'':<12}{'median':>10}{'p95':>10}{'max':>10}   all runs: median / p95")
    for name, summary in (("Tantivy", tantivy), ("SQLite FTS5", sqlite)):
        log(
            f"  {name:<12}{summary.median_ms:>10,.1f}{summary.p95_ms:>10,.1f}"
            f"{summary.max_ms:>10,.1f}   {summary.all_runs_median_ms:,.1f} / "
            f"{summary.all_runs_p95_ms:,.1f}"
        )
    log(f"  RATIO SQLite/Tantivy: median {ratio_median:,.1f}×, p95 {ratio_p95:,.1f}×")
    log(
        "  (Tantivy = the engine's search(): count + 20 hits with title/snippet highlighting; "
        "FTS5 = 20 rowids, no count, no text)"
    )
    like_median = statistics.median(raw_top) * 1000
    like_p95 = percentile(raw_top, 0.95) * 1000
    log(
        f"  Like for like (Tantivy searcher top-20 ids, no count): median {like_median:,.2f} / "
        f"p95 {like_p95:,.2f} ms → ratio median {sqlite.median_ms / like_median:,.1f}×, "
        f"p95 {sqlite.p95_ms / like_p95:,.1f}×; with count: median "
        f"{statistics.median(raw_count) * 1000:,.2f} / p95 "
        f"{percentile(raw_count, 0.95) * 1000:,.2f} ms"
    )
    what_if = [r.tantivy_median - r.raw_count_seconds + r.whole_only_seconds for r in results]
    log(
        "  What-if with plain token phrases (search() minus raw+count plus "
        f"whole-only): median {statistics.median(what_if) * 1000:,.1f} / p95 "
        f"{percentile(what_if, 0.95) * 1000:,.1f} ms"
    )
    scale = "" if n >= TARGET_SCALE else f" (targets are set for {TARGET_SCALE:,} records)"
    p95_met = tantivy.p95_ms <= P95_TARGET_MS
    ratio_met = ratio_p95 >= RATIO_TARGET
    log(
        f"  target p95 ≤ {P95_TARGET_MS:.0f} ms: {'MET' if p95_met else 'NOT MET'} "
        f"({tantivy.p95_ms:,.1f} ms){scale}"
    )
    if fts is not None:
        log(
            f"  target ≥ {RATIO_TARGET:.0f}× faster than FTS5 at p95: "
            f"{'MET' if ratio_met else 'NOT MET'} ({ratio_p95:,.1f}×){scale}"
        )
    log(f"  recall: {recall}")
    log("=" * 78)
    if args.changes and not args.reuse:
        # After the queries: the changes replace records, and with them the match counts.
        build.apply = bench_apply(n, args.changes, args.seed)

    report = {
        "n": n,
        "seed": args.seed,
        "command": command,
        "machine": machine,
        "load_average_queries": [load_before, load_after],
        "tantivy_build": {
            **asdict(build),
            "engine_seconds": build.engine_seconds,
            "rate": build.rate,
            "reference_rate": build.reference_rate,
        },
        "fts5_build": {**asdict(fts), "build_seconds": fts.build_seconds} if fts else None,
        "recall": recall,
        "spool_bytes": spool_bytes,
        "queries": [
            {
                **asdict(r),
                "tantivy_median": r.tantivy_median,
                "fts5_median": r.fts5_median,
            }
            for r in results
        ],
        "tantivy": asdict(tantivy),
        "fts5": asdict(sqlite),
        "ratio_median": ratio_median,
        "ratio_p95": ratio_p95,
        "like_for_like_ms": {"median": like_median, "p95": like_p95},
        "pages": None,
    }
    if args.json:  # written before the pages run, so a failure there loses no figures
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
        log(f"Figures written to {args.json}")

    if not args.pages:
        log("\n[4/4] Pages: skipped (pass --pages)")
        return 0
    log(f"\n[4/4] Pages through Django's test Client ({args.pages_n:,} imported records)")
    pages = bench_pages(workdir, queries, args.pages_n, args.seed + 1, max(3, args.repeat // 2))
    log(
        f"Pages ({pages.records:,} public records, test Client, server side): record page "
        f"median {ms(statistics.median(pages.record_runs))} / p95 "
        f"{ms(percentile(pages.record_runs, 0.95))} ms; search page median "
        f"{ms(statistics.median(pages.search_runs))} / p95 "
        f"{ms(percentile(pages.search_runs, 0.95))} ms (statuses {pages.search_statuses})"
    )
    if args.json:
        report["pages"] = asdict(pages)
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
        log(f"Page figures added to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
