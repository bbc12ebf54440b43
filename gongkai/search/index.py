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

import contextlib
import datetime
import fcntl
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.db.models import Max, Q

from gongkai.search.errors import IndexBusyError, IndexOutdatedError
from gongkai.search.models import Operation, OutboxEntry, record_key
from gongkai.search.payload import FILTER_FIELDS, TEXT_FIELDS, clean_payload, text_values
from gongkai.search.segmentation import index_terms, normalize_number

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: join tokens and the *_pairs fields (segmentation.index_terms)
VALUE_GAP = 10  # positions between two values of a field, so a phrase never spans them
DISPLAY_TEXT_CHARS = (
    50_000  # body/attachment text kept for snippets; matches beyond show the summary
)
WRITER_HEAP_BYTES = 64_000_000
LOCK_TIMEOUT_SECONDS = 60.0
# An id below the last applied one that is not yet visible belongs to a transaction that
# had not committed when we read (PostgreSQL hands out ids before commit). We keep looking
# for such ids this long before giving up on them (a rolled-back insert never appears).
GAP_WAIT_SECONDS = 3600.0
GAP_MAX_IDS = 100_000  # of one gap; a bigger jump in ids is not a crowd of open transactions
MAX_GAPS = 1_000  # the oldest are dropped first

ProgressCallback = Callable[[int, int | None], None]


def pair_field(name: str) -> str:
    """The field holding the pair terms of a text field."""
    return f"{name}_pairs"


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


# --- documents -------------------------------------------------------------------------------


def _pre_tokenized(values: list[str]) -> tuple[tantivy.PreTokenizedString | None, str]:
    """A field's positioned tokens, and its pair terms joined by spaces."""
    tokens: list[tantivy.Token] = []
    pairs: list[str] = []
    base_position = 0
    base_offset = 0
    for value in values:
        terms = index_terms(value)
        tokens += [
            tantivy.Token(text, base_position + position, base_offset + start, base_offset + end)
            for text, position, start, end, _kind in terms.tokens
        ]
        pairs += terms.pairs
        if terms.tokens:
            base_position += max(token[1] for token in terms.tokens) + 1 + VALUE_GAP
        base_offset += len(value) + 1
    if not tokens:
        return None, ""
    return tantivy.PreTokenizedString("\n".join(values), tokens), " ".join(pairs)


def published_ordinal(value: str | None) -> int:
    """The sort value of a publication date: its ordinal, 0 when unknown (sorts last)."""
    return datetime.date.fromisoformat(value).toordinal() if value else 0


def build_document(kind: str, object_id: str, payload: Mapping[str, Any]) -> tantivy.Document:
    """The Tantivy document of one record from its cleaned payload."""
    document = tantivy.Document()
    document.add_text("key", record_key(kind, object_id))
    document.add_text("kind", kind)
    for name in TEXT_FIELDS:
        pre_tokenized, pairs = _pre_tokenized(text_values(payload, name))
        if pre_tokenized is not None:
            document.add_pre_tokenized_text(name, pre_tokenized)
        if pairs:
            document.add_text(pair_field(name), pairs)
    for number in text_values(payload, "numbers"):
        document.add_text("number_keys", normalize_number(number))
    for name in FILTER_FIELDS:
        if payload.get(name):
            document.add_text(name, payload[name])
    if payload.get("year") is not None:
        document.add_integer("year", payload["year"])
    document.add_integer("published", published_ordinal(payload.get("published_on")))
    display = {
        "title": payload.get("title", ""),
        "url": payload.get("url", ""),
        "published_on": payload.get("published_on"),
        "agency_name": payload.get("agency_name", ""),
        "summary": payload.get("summary", ""),
        "body": payload.get("body", "")[:DISPLAY_TEXT_CHARS],
        "attachments": "\n".join(text_values(payload, "attachments"))[:DISPLAY_TEXT_CHARS],
    }
    document.add_bytes("display", json.dumps(display, ensure_ascii=False).encode("utf-8"))
    return document


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


def _write_entries(writer: tantivy.IndexWriter, entries: Iterable[OutboxEntry]) -> None:
    for entry in entries:
        # Tantivy applies a delete to documents added before it, so delete + add is an upsert.
        writer.delete_documents_by_term("key", entry.key)
        if entry.operation != Operation.UPSERT:
            continue
        try:
            document = build_document(
                entry.kind, entry.object_id, clean_payload(entry.payload or {})
            )
        except (ValueError, TypeError):
            # A payload that cannot be indexed must not block every later change.
            logger.exception("Search outbox entry %s has an invalid payload; not indexed", entry.id)
            continue
        writer.add_document(document)


def apply_outbox(batch_size: int = 500) -> int:
    """Apply outbox entries newer than this server's last applied id, in id order; idempotent."""
    base = index_dir()
    applied = 0
    with _file_lock(base / "apply.lock"):
        generation = _ensure_generation(base)
        state = _read_state(generation)
        _check_schema(state)
        index = _open_index(generation)
        now = time.time()
        while True:
            late, more_late = _late_entries(state, now, batch_size)
            entries = list(
                OutboxEntry.objects.filter(id__gt=state.applied_id).order_by("id")[:batch_size]
            )
            if not entries and not late:
                break
            writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            try:
                _write_entries(writer, [*late, *entries])
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


def rebuild(
    documents: Iterable[tuple[str, str, Mapping[str, Any]]],
    *,
    total: int | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Build a fresh index from (kind, object_id, payload) in a new directory, then swap it in.

    The outbox's max id is read before the first document, so every change committed while
    the documents are read is newer than the applied id and is replayed by `apply_outbox`.
    Pass a lazy iterable (a generator), not a list read beforehand.
    """
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
            for kind, object_id, payload in documents:
                try:
                    document = build_document(kind, str(object_id), clean_payload(payload))
                except (ValueError, TypeError):
                    logger.exception(
                        "Search payload of %s:%s is invalid; not indexed", kind, object_id
                    )
                    continue
                writer.add_document(document)
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
