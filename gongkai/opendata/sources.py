"""Tables the platform generates from its own data, offered as resources of open datasets.

The apps that own figures (budgets, prices, disease counts, projects …) register a *source*
here: a key, a title and a function giving one agency's **published** rows as a typed table.
A dataset resource can then be "generated from" a source instead of uploaded: its CSV, XLSX
and JSON are written from the table when the figures change, and the dataset follows the
publication of the figures without a clerk exporting and uploading a file.

Nothing here knows a figure's kind, as `search` knows no record type: the owners register in
their AppConfig.ready(). A source's function must return only what is already public.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# Column types a resource's schema can carry (Frictionless Table Schema's names, so that the
# JSON of a resource describes itself in a vocabulary other portals read).
COLUMN_TYPES = ("string", "integer", "number", "date", "year")


@dataclass(frozen=True)
class Column:
    name: str  # machine name: ASCII, the CSV header and the JSON key
    title: str  # the Chinese label shown above the column
    type: str = "string"  # one of COLUMN_TYPES
    unit: str = ""  # 万元, 元, 例 … shown with the title

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"unknown column type {self.type!r}")
        if not self.name.isascii() or not self.name.replace("_", "").isalnum():
            raise ValueError(f"a column's name is ASCII letters, digits and _: {self.name!r}")


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Any, ...]]  # each as long as columns; None for an empty cell

    def __post_init__(self):
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells for {width} columns")


@dataclass(frozen=True)
class Source:
    key: str  # "<app>.<table>", stable: stored on resources
    title: str  # lazy translation; what the clerk picks in the resource form
    build: Callable[[Any], Table]  # (agency) -> that agency's published rows


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Offer a table as a generated resource; the owning app calls this in ready()."""
    existing = _SOURCES.get(source.key)
    if existing is not None and existing.build is not source.build:
        raise ValueError(f"a source named {source.key!r} is registered twice")
    _SOURCES[source.key] = source


def get(key: str) -> Source:
    """The source of that key; KeyError names the key when no app registered it."""
    try:
        return _SOURCES[key]
    except KeyError:
        raise KeyError(f"no open-data source {key!r} is registered") from None


def all_sources() -> list[Source]:
    """Every registered source, by key (the resource form's choices)."""
    return [_SOURCES[key] for key in sorted(_SOURCES)]
