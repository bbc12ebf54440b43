"""Sources for a rebuild: each owning app registers how to list its records' payloads.

Register in the app's `AppConfig.ready()`:

    register_source("document", iter_payloads=iter_document_payloads, count=count_documents)

where `iter_payloads()` yields (object_id, payload) for every record that belongs in the
index (published ones only) and `count()` says how many there are (for the progress bar).
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.search import index

PayloadIterator = Callable[[], Iterable[tuple[str | int, Mapping[str, Any]]]]


@dataclass(frozen=True)
class Source:
    kind: str
    iter_payloads: PayloadIterator
    count: Callable[[], int] | None = None


_sources: dict[str, Source] = {}


def register_source(
    kind: str, iter_payloads: PayloadIterator, count: Callable[[], int] | None = None
) -> None:
    """Register (or replace) the record source of one kind."""
    if not kind or ":" in kind:
        raise ValueError("kind must be a non-empty name without ':'")
    _sources[kind] = Source(kind, iter_payloads, count)


def unregister_source(kind: str) -> None:
    """Forget a source (for tests)."""
    _sources.pop(kind, None)


def registered_sources() -> list[Source]:
    """The registered sources in registration order."""
    return list(_sources.values())


def count_all() -> int | None:
    """How many records all sources hold; None when a source cannot say."""
    total = 0
    for source in _sources.values():
        if source.count is None:
            return None
        total += source.count()
    return total


def _all_documents() -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for source in registered_sources():
        for object_id, payload in source.iter_payloads():
            yield source.kind, str(object_id), payload


def rebuild_from_sources(
    progress: index.ProgressCallback | None = None, workers: int | None = None
) -> int:
    """Rebuild this server's index from every registered source; returns records indexed.

    `workers`: processes segmenting the text (`index.rebuild_workers`; 1 = this process only).
    """
    return index.rebuild(_all_documents(), total=count_all(), progress=progress, workers=workers)
