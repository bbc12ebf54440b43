"""One record's index document as plain data (`DocumentParts`), and its Tantivy document.

Pure (no database, no settings, no Django): a rebuild runs `build_batch` in worker processes
started with the "spawn" method, which import this module and nothing of Django.

The slow part of indexing a record is segmenting its text (`segmentation.index_terms`).
Workers do that and send back plain data; the process holding the writer turns them into a
`tantivy.Document` (`to_document`). A Document itself cannot cross a process boundary
cheaply: pickling one with its pre-tokenized fields took longer than building it, and the
JSON form `IndexWriter.add_json` reads (~80 KB a record) cost the writer's process 1.1 ms a
record to parse against 0.2 ms for `add_document` (measured on the bench corpus).
"""

import array
import datetime
import json
import signal
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import tantivy

from gongkai.search.payload import FILTER_FIELDS, TEXT_FIELDS, text_values
from gongkai.search.segmentation import index_terms, normalize_number, warm_up

VALUE_GAP = 10  # positions between two values of a field, so a phrase never spans them
DISPLAY_TEXT_CHARS = (
    50_000  # body/attachment text kept for snippets; matches beyond show the summary
)

# One record to build: kind, object id, cleaned payload (payload.clean_payload).
Record = tuple[str, str, Mapping[str, Any]]
# A text field's pre-tokenized value, packed: the text, its tokens' texts joined by NUL (a
# list in the rare case a token holds a NUL), and their position, start and end offset in
# turn. Two strings and an array pickle in a fraction of the time of a tuple per token (that
# cost the writer's process ~0.35 ms a record, a third of its share).
TextValue = tuple[str, str | list[str], array.array]
TEXTS_JOINER = "\x00"


def _packed(text: str, tokens: list[tuple[str, int, int, int, str]]) -> TextValue:
    texts = [token[0] for token in tokens]
    joined = TEXTS_JOINER.join(texts)
    numbers = array.array("i", [number for token in tokens for number in token[1:4]])
    if joined.count(TEXTS_JOINER) != len(texts) - 1:  # a token holds a NUL: no joining
        return text, texts, numbers
    return text, joined, numbers


class DocumentParts(NamedTuple):
    """What one record puts in the index, as plain data that pickles fast."""

    key: str
    kind: str
    texts: dict[str, TextValue]  # positioned text fields
    strings: list[tuple[str, str]]  # (field, value): pair terms, number keys, filters
    integers: list[tuple[str, int]]  # (field, value): year, published
    display: bytes  # JSON shown with a hit


# What building a record gave: its parts, or None and why it could not be built.
Built = tuple[DocumentParts | None, str | None]


def record_key(kind: str, object_id: str) -> str:
    """The index key of a record (the same as `models.record_key`, without Django)."""
    return f"{kind}:{object_id}"


def pair_field(name: str) -> str:
    """The field holding the pair terms of a text field."""
    return f"{name}_pairs"


def published_ordinal(value: str | None) -> int:
    """The sort value of a publication date: its ordinal, 0 when unknown (sorts last)."""
    return datetime.date.fromisoformat(value).toordinal() if value else 0


def _text_field(values: list[str]) -> tuple[TextValue | None, str]:
    """A text field's pre-tokenized value, and its pair terms joined by spaces."""
    if len(values) == 1:  # most fields: the tokens as `index_terms` gave them
        terms = index_terms(values[0])
        if not terms.tokens:
            return None, ""
        return _packed(values[0], terms.tokens), " ".join(terms.pairs)
    tokens: list[tuple[str, int, int, int, str]] = []
    pairs: list[str] = []
    base_position = 0
    base_offset = 0
    for value in values:
        terms = index_terms(value)
        tokens += [
            (text, base_position + position, base_offset + start, base_offset + end, kind)
            for text, position, start, end, kind in terms.tokens
        ]
        pairs += terms.pairs
        if terms.tokens:
            base_position += max(token[1] for token in terms.tokens) + 1 + VALUE_GAP
        base_offset += len(value) + 1
    if not tokens:
        return None, ""
    return _packed("\n".join(values), tokens), " ".join(pairs)


def document_parts(kind: str, object_id: str, payload: Mapping[str, Any]) -> DocumentParts:
    """What one record puts in the index, from its cleaned payload."""
    texts: dict[str, TextValue] = {}
    strings: list[tuple[str, str]] = []
    for name in TEXT_FIELDS:
        value, pairs = _text_field(text_values(payload, name))
        if value is not None:
            texts[name] = value
        if pairs:
            strings.append((pair_field(name), pairs))
    for number in text_values(payload, "numbers"):
        strings.append(("number_keys", normalize_number(number)))
    for name in FILTER_FIELDS:
        if payload.get(name):
            strings.append((name, payload[name]))
    integers = [("published", published_ordinal(payload.get("published_on")))]
    if payload.get("year") is not None:
        integers.insert(0, ("year", payload["year"]))
    display = {
        "title": payload.get("title", ""),
        "url": payload.get("url", ""),
        "published_on": payload.get("published_on"),
        "agency_name": payload.get("agency_name", ""),
        "summary": payload.get("summary", ""),
        "body": payload.get("body", "")[:DISPLAY_TEXT_CHARS],
        "attachments": "\n".join(text_values(payload, "attachments"))[:DISPLAY_TEXT_CHARS],
    }
    return DocumentParts(
        key=record_key(kind, object_id),
        kind=kind,
        texts=texts,
        strings=strings,
        integers=integers,
        display=json.dumps(display, ensure_ascii=False).encode("utf-8"),
    )


def to_document(parts: DocumentParts) -> tantivy.Document:
    """The Tantivy document of a record's parts (in the process that adds it to a writer)."""
    document = tantivy.Document()
    document.add_text("key", parts.key)
    document.add_text("kind", parts.kind)
    Token = tantivy.Token
    for name, (text, texts, numbers) in parts.texts.items():
        if isinstance(texts, str):
            texts = texts.split(TEXTS_JOINER)
        triples = iter(numbers)
        pre_tokenized = tantivy.PreTokenizedString(
            text,
            [
                Token(token, position, start, end)
                for token, position, start, end in zip(
                    texts, triples, triples, triples, strict=True
                )
            ],
        )
        document.add_pre_tokenized_text(name, pre_tokenized)
    for name, value in parts.strings:
        document.add_text(name, value)
    for name, number in parts.integers:
        document.add_integer(name, number)
    document.add_bytes("display", parts.display)
    return document


def build_one(record: Record) -> Built:
    """A record's document parts, or None and the reason when its payload cannot be indexed."""
    kind, object_id, payload = record
    try:
        return document_parts(kind, object_id, payload), None
    except (ValueError, TypeError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


def build_batch(records: Iterable[Record]) -> list[Built]:
    """`build_one` for each record of a batch, in order (what a rebuild's worker runs)."""
    return [build_one(record) for record in records]


def start_worker() -> None:
    """Set up a rebuild's worker process: leave Ctrl-C to the parent, load the dictionary."""
    # Ctrl-C reaches the whole process group. The parent alone acts on it (it rolls back and
    # terminates the pool), so no worker dies mid-task and breaks the pool under it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()
