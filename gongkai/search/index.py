"""This server's Tantivy index: schema, applying the outbox, rebuilding, lag.

Layout of SEARCH_INDEX_DIR (one per server; several servers share one outbox table):

    current        symlink to the live generation (swapped atomically by `rebuild`)
    gen-<ns>/      a Tantivy index plus state.json: the last outbox id applied to it, and
                   the gaps below that id still awaited (see `_Gaps`)
    apply.lock     serialises apply_outbox and the swap at the end of a rebuild
    rebuild.lock   one rebuild at a time

The index is derived data: deleting the directory and running `rebuild` (or replaying the
outbox with `apply_outbox`) restores it.
"""

import collections
import contextlib
import fcntl
import itertools
import json
import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.db.models import Max, Q

from gongkai.search.build import (
    DocumentParts,
    Record,
    build_batch,
    build_one,
    pair_field,
    start_worker,
    to_document,
)
from gongkai.search.errors import IndexBusyError, IndexOutdatedError
from gongkai.search.models import Operation, OutboxEntry, record_key
from gongkai.search.payload import FILTER_FIELDS, TEXT_FIELDS, clean_payload

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: join tokens and the *_pairs fields (segmentation.index_terms)
WRITER_HEAP_BYTES = 64_000_000
LOCK_TIMEOUT_SECONDS = 60.0
# An id below the last applied one that is not yet visible belongs to a transaction that
# had not committed when we read (PostgreSQL hands out ids before commit). We keep looking
# for such ids this long before giving up on them (a rolled-back insert never appears).
GAP_WAIT_SECONDS = 3600.0
GAP_MAX_IDS = 100_000  # of one gap; a bigger jump in ids is not a crowd of open transactions
MAX_GAPS = 1_000  # the oldest are dropped first

ProgressCallback = Callable[[int, int | None], None]


def build_schema() -> tantivy.Schema:
    """The index schema: positioned text fields, filter and sort fast fields, a display blob."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("kind", tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:
        # The tokens are supplied pre-tokenized (segmentation.index_terms); the named
        # tokenizer is never run on our text.
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
        # Pair terms (`政务公开\x1f工作`), space-separated: a two-token phrase is one term here.
        # No positions: a longer phrase is checked on the positioned field.
        builder.add_text_field(pair_field(name), tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("number_keys", tokenizer_name="raw")
    for name in FILTER_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("published", indexed=True, fast=True)  # date ordinal, 0 = none
    builder.add_bytes_field("display", stored=True)  # JSON: title, url, dates, texts to show
    return builder.build()


SCHEMA = build_schema()


def index_dir() -> Path:
    """This server's index directory (setting SEARCH_INDEX_DIR, default <DATA_DIR>/search-index)."""
    return Path(getattr(settings, "SEARCH_INDEX_DIR", Path(settings.DATA_DIR) / "search-index"))


# --- state, locks, generations -----------------------------------------------------------------


@dataclass
class IndexState:
    """What one index generation has applied: the last outbox id and the gaps below it."""

    applied_id: int = 0
    gaps: list[list[float]] = field(default_factory=list)  # [first id, last id, seen at]
    schema_version: int = SCHEMA_VERSION

    def gap_ids(self) -> int:
        """How many ids the gaps span."""
        return sum(int(last - first) + 1 for first, last, _seen in self.gaps)


def _read_state(generation: Path) -> IndexState:
    try:
        raw = json.loads((generation / "state.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return IndexState(schema_version=0)
    return IndexState(
        applied_id=int(raw.get("applied_id", 0)),
        gaps=[list(gap) for gap in raw.get("gaps", [])],
        schema_version=int(raw.get("schema_version", 0)),
    )


def _write_state(generation: Path, state: IndexState) -> None:
    temporary = generation / "state.json.tmp"
    temporary.write_text(
        json.dumps(
            {
                "applied_id": state.applied_id,
                "gaps": state.gaps,
                "schema_version": state.schema_version,
            }
        ),
        encoding="utf-8",
    )
    os.replace(temporary, generation / "state.json")


@contextlib.contextmanager
def _file_lock(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusyError() from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _current_generation(base: Path) -> Path | None:
    try:
        return base / os.readlink(base / "current")
    except OSError:  # no link yet
        return None


def _new_generation(base: Path) -> Path:
    generation = base / f"gen-{time.time_ns()}"
    generation.mkdir(parents=True)
    tantivy.Index(SCHEMA, path=str(generation), reuse=False)
    return generation


def _point_current_at(base: Path, generation: Path) -> None:
    link = base / f"current.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(generation.name, link)
    os.replace(link, base / "current")


def _remove_old_generations(base: Path, keep: set[str]) -> None:
    # Keep the previous generation too: another process may still be reading it.
    for path in sorted(base.glob("gen-*")):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


_open_indexes: dict[Path, tantivy.Index] = {}
_open_lock = threading.Lock()


def _open_index(generation: Path) -> tantivy.Index:
    with _open_lock:
        index = _open_indexes.get(generation)
        if index is None:
            # A rebuild (perhaps by another process) swapped generations: let the old one go.
            for path in [path for path in _open_indexes if path.parent == generation.parent]:
                del _open_indexes[path]
            index = tantivy.Index.open(str(generation))
            _open_indexes[generation] = index
        return index


def _check_schema(state: IndexState) -> None:
    if state.schema_version != SCHEMA_VERSION:
        logger.error(
            "Search index has schema version %s, the code expects %s: "
            "run `gongkai search_index rebuild`",
            state.schema_version,
            SCHEMA_VERSION,
        )
        raise IndexOutdatedError()


def open_searcher() -> tuple[tantivy.Searcher, tantivy.Schema] | None:
    """A searcher over this server's live index, reloaded to its last commit; None if no index."""
    generation = _current_generation(index_dir())
    if generation is None:
        return None
    _check_schema(_read_state(generation))
    index = _open_index(generation)
    index.reload()
    return index.searcher(), index.schema


# --- applying the outbox -----------------------------------------------------------------------


def _ensure_generation(base: Path) -> Path:
    generation = _current_generation(base)
    if generation is None:
        generation = _new_generation(base)
        _write_state(generation, IndexState(schema_version=SCHEMA_VERSION))
        _point_current_at(base, generation)
    return generation


def _note_gaps(state: IndexState, entries: list[OutboxEntry], now: float) -> None:
    """Record the ids skipped between the last applied id and each entry as gaps."""
    expected = state.applied_id + 1
    for entry in entries:
        if entry.id > expected:
            first = max(expected, entry.id - GAP_MAX_IDS)
            state.gaps.append([first, entry.id - 1, now])
        expected = max(expected, entry.id + 1)
    del state.gaps[:-MAX_GAPS]


def _late_entries(state: IndexState, now: float, limit: int) -> tuple[list[OutboxEntry], bool]:
    """Entries that appeared in a gap since the last look, and whether more may wait; expired
    gaps are dropped."""
    state.gaps = [gap for gap in state.gaps if now - gap[2] < GAP_WAIT_SECONDS]
    if not state.gaps:
        return [], False
    condition = Q()
    for first, last, _seen in state.gaps:
        condition |= Q(id__gte=int(first), id__lte=int(last))
    late = list(OutboxEntry.objects.filter(condition).order_by("id")[:limit])
    if not late:
        return [], False
    found = {entry.id for entry in late}
    remaining: list[list[float]] = []
    for first, last, seen in state.gaps:
        start = int(first)
        for entry_id in sorted(i for i in found if first <= i <= last):
            if entry_id > start:
                remaining.append([start, entry_id - 1, seen])
            start = entry_id + 1
        if start <= last:
            remaining.append([start, int(last), seen])
    state.gaps = remaining
    # A late entry is stale when a newer change of the same record was applied already.
    newest: dict[str, int] = {}
    for kind, object_id, newest_id in (
        OutboxEntry.objects.filter(
            kind__in={e.kind for e in late},
            object_id__in={e.object_id for e in late},
            id__lte=state.applied_id,
        )
        .order_by()
        .values_list("kind", "object_id")
        .annotate(newest_id=Max("id"))
    ):
        newest[record_key(kind, object_id)] = newest_id
    fresh = [entry for entry in late if newest.get(entry.key, entry.id) <= entry.id]
    return fresh, len(late) == limit


def _write_entries(
    writer: tantivy.IndexWriter,
    entries: list[OutboxEntry],
    pool: ProcessPoolExecutor | None = None,
    workers: int = 1,
) -> None:
    # The writes in id order; each upsert's document built as it is reached (in the pool when
    # one is given, which works a few batches ahead of the writer).
    records: list[Record] = []
    numbers: list[int] = []  # the index in `entries` of each record
    for number, entry in enumerate(entries):
        if entry.operation != Operation.UPSERT:
            continue
        try:
            records.append((entry.kind, entry.object_id, clean_payload(entry.payload or {})))
        except (ValueError, TypeError):
            # A payload that cannot be indexed must not block every later change.
            logger.exception("Search outbox entry %s has an invalid payload; not indexed", entry.id)
            continue
        numbers.append(number)
    if pool is not None:
        # Lazily: the workers segment the next batches while this process writes these.
        built = ((parts, error) for _record, parts, error in _built_in_pool(pool, records, workers))
    else:
        built = (build_one(record) for record in records)
    waiting = iter(numbers)
    next_number = next(waiting, None)
    for number, entry in enumerate(entries):
        # Tantivy applies a delete to documents added before it, so delete + add is an upsert.
        writer.delete_documents_by_term("key", entry.key)
        if number != next_number:
            continue
        next_number = next(waiting, None)
        parts, error = next(built)
        if parts is not None:
            writer.add_document(to_document(parts))
        elif error is not None:
            logger.error(
                "Search outbox entry %s has an invalid payload; not indexed (%s)", entry.id, error
            )


def apply_outbox(batch_size: int = 500, workers: int | None = None) -> int:
    """Apply outbox entries newer than this server's last applied id, in id order; idempotent.

    A backlog of at least SMALL_REBUILD entries (after a bulk import, or a server that was
    down) is segmented by worker processes as in `rebuild` (`workers`: `rebuild_workers`).
    """
    base = index_dir()
    applied = 0
    with _file_lock(base / "apply.lock"), contextlib.ExitStack() as stack:
        generation = _ensure_generation(base)
        state = _read_state(generation)
        _check_schema(state)
        index = _open_index(generation)
        now = time.time()
        pool = None
        backlog = OutboxEntry.objects.filter(id__gt=state.applied_id)[:SMALL_REBUILD].count()
        workers = rebuild_workers(workers, backlog)
        if backlog >= SMALL_REBUILD and workers > 1:
            pool = stack.enter_context(_worker_pool(workers))
            # Longer runs between commits keep the workers busy while this process writes.
            batch_size = max(batch_size, POOL_APPLY_BATCH)
        while True:
            late, more_late = _late_entries(state, now, batch_size)
            entries = list(
                OutboxEntry.objects.filter(id__gt=state.applied_id).order_by("id")[:batch_size]
            )
            if not entries and not late:
                break
            writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            try:
                _write_entries(writer, [*late, *entries], pool, workers)
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
                del writer
            _note_gaps(state, entries, now)
            if entries:
                state.applied_id = entries[-1].id
            _write_state(generation, state)
            applied += len(late) + len(entries)
            if len(entries) < batch_size and not more_late:
                break
        _write_state(generation, state)  # expired or filled gaps
        index.reload()
    return applied


# --- rebuilding --------------------------------------------------------------------------------

# Below this many records (when the caller knows the count) starting worker processes costs
# more than it saves: about a second each to import and load the dictionary.
SMALL_REBUILD = 2_000
# Outbox entries per commit when a backlog is applied with worker processes.
POOL_APPLY_BATCH = 2_000
BATCH_RECORDS = 32  # records per task sent to a worker: fewer round trips, bounded memory
BATCHES_PER_WORKER = 4  # tasks in flight per worker, so none waits while the writer adds
# A batch takes well under a second. A worker killed mid-task (the OOM killer, say) loses
# its task without a word from multiprocessing.Pool: waiting forever would hold the rebuild
# lock forever, so a batch that takes this long fails the rebuild instead.
BATCH_TIMEOUT_SECONDS = 600.0
WORKER_STOP_SECONDS = 10.0  # a worker's last batch, after a failed rebuild


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def rebuild_workers(requested: int | None = None, total: int | None = None) -> int:
    """How many processes build documents in a rebuild; 1 means no pool, all in this process.

    An explicit number (argument, or setting SEARCH_REBUILD_WORKERS) is used as given;
    otherwise one per available CPU, and 1 for a rebuild known to be small.
    """
    if requested is None:
        requested = getattr(settings, "SEARCH_REBUILD_WORKERS", None)
    if requested is None:
        if total is not None and total < SMALL_REBUILD:
            return 1
        requested = available_cpus()
    return max(1, int(requested))


@contextlib.contextmanager
def _worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that build documents; shut down however the block ends.

    "spawn", not fork: the parent holds database connections and Tantivy's writer threads,
    neither of which a forked child may touch. A spawned child imports only `build` (pure).
    An executor, not multiprocessing.Pool: Pool.terminate() could hang for ever when its task
    thread was blocked writing a batch into the pipe of the workers it had just stopped (seen
    on a loaded machine); the executor queues no more than it runs, cancels what waits, and
    tells of a worker that died (BrokenProcessPool) instead of losing its task in silence.
    """
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
    )
    try:
        yield pool
    except BaseException:
        # Batches not started are dropped; one that runs ends within a second (a hung one is
        # stopped: the rebuild failed already and its lock must not be held for ever).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=WORKER_STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        raise
    else:
        pool.shutdown(wait=True)


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _built_in_pool(
    pool: ProcessPoolExecutor, records: Iterable[Record], workers: int
) -> Iterator[tuple[Record, DocumentParts | None, str | None]]:
    """Each record with its document parts (or the error), built by the pool, in input order.

    The records are read lazily here, in the parent, a few batches ahead of the writer: never
    more than workers × BATCHES_PER_WORKER batches wait in memory.
    """
    pending: collections.deque[tuple[list[Record], Any]] = collections.deque()

    def oldest() -> Iterator[tuple[Record, DocumentParts | None, str | None]]:
        done, result = pending.popleft()
        try:
            built = result.result(timeout=BATCH_TIMEOUT_SECONDS)
        except (TimeoutError, BrokenProcessPool):
            raise RuntimeError("A search index worker process stopped answering") from None
        return zip(done, *zip(*built, strict=True), strict=True)

    for batch in _batches(records, BATCH_RECORDS):
        pending.append((batch, pool.submit(build_batch, batch)))
        if len(pending) >= workers * BATCHES_PER_WORKER:
            yield from oldest()
    while pending:
        yield from oldest()


def _cleaned(documents: Iterable[tuple[str, str, Mapping[str, Any]]]) -> Iterator[Record]:
    """The documents with checked payloads; an invalid one is logged and skipped."""
    for kind, object_id, payload in documents:
        try:
            cleaned = clean_payload(payload)
        except (ValueError, TypeError):
            logger.exception("Search payload of %s:%s is invalid; not indexed", kind, object_id)
            continue
        yield kind, str(object_id), cleaned


def rebuild(
    documents: Iterable[tuple[str, str, Mapping[str, Any]]],
    *,
    total: int | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> int:
    """Build a fresh index from (kind, object_id, payload) in a new directory, then swap it in.

    The outbox's max id is read before the first document, so every change committed while
    the documents are read is newer than the applied id and is replayed by `apply_outbox`.
    Pass a lazy iterable (a generator), not a list read beforehand: it is read here, in this
    process, while `workers` processes (`rebuild_workers`) segment the text; this process
    adds their documents to the writer in the order read.
    """
    workers = rebuild_workers(workers, total)
    base = index_dir()
    base.mkdir(parents=True, exist_ok=True)
    with _file_lock(base / "rebuild.lock", timeout=1.0):
        max_id = OutboxEntry.objects.aggregate(max_id=Max("id"))["max_id"] or 0
        present = set(
            OutboxEntry.objects.filter(id__gt=max(0, max_id - 1000), id__lte=max_id).values_list(
                "id", flat=True
            )
        )
        now = time.time()
        state = IndexState(applied_id=max_id, schema_version=SCHEMA_VERSION)
        for missing in sorted(set(range(max(1, max_id - 999), max_id + 1)) - present):
            state.gaps.append([missing, missing, now])
        generation = _new_generation(base)
        count = 0
        step = max(1, (total or 10_000) // 100)  # about a hundred progress reports
        writer = tantivy.Index.open(str(generation)).writer(
            heap_size=WRITER_HEAP_BYTES * 2, num_threads=2
        )
        try:
            with contextlib.ExitStack() as stack:
                records = _cleaned(documents)
                if workers > 1:
                    pool = stack.enter_context(_worker_pool(workers))
                    built = _built_in_pool(pool, records, workers)
                else:
                    built = ((record, *build_one(record)) for record in records)
                for (kind, object_id, _payload), parts, error in built:
                    if parts is None:
                        logger.error(
                            "Search payload of %s:%s is invalid; not indexed (%s)",
                            kind,
                            object_id,
                            error,
                        )
                        continue
                    writer.add_document(to_document(parts))
                    count += 1
                    if progress is not None and count % step == 0:
                        progress(count, total)
            writer.commit()
        except BaseException:
            # Stop the writer's threads before removing the directory they write to.
            writer.rollback()
            writer.wait_merging_threads()
            del writer
            shutil.rmtree(generation, ignore_errors=True)
            raise
        writer.wait_merging_threads()
        del writer
        _write_state(generation, state)
        with _file_lock(base / "apply.lock"):
            previous = _current_generation(base)
            _point_current_at(base, generation)
        if progress is not None and (count == 0 or count % step):
            progress(count, total)
        keep = {generation.name} | ({previous.name} if previous is not None else set())
        _remove_old_generations(base, keep)
    return count


# --- lag ---------------------------------------------------------------------------------------


def index_lag() -> dict[str, int]:
    """How far this server's index is behind the outbox: applied id, max id, pending entries,
    and whether the index was built with another schema version (searches and applies fail
    until `rebuild`)."""
    generation = _current_generation(index_dir())
    state = _read_state(generation) if generation is not None else IndexState()
    outbox_max_id = OutboxEntry.objects.aggregate(max_id=Max("id"))["max_id"] or 0
    waiting = Q(id__gt=state.applied_id)
    for first, last, _seen in state.gaps:
        waiting |= Q(id__gte=int(first), id__lte=int(last))
    pending = OutboxEntry.objects.filter(waiting).count()
    return {
        "applied_id": state.applied_id,
        "outbox_max_id": outbox_max_id,
        "pending": pending,
        "gap_ids": state.gap_ids(),
        "rebuild_needed": int(state.schema_version != SCHEMA_VERSION),
    }
