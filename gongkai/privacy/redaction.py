"""Real redaction (删减后公开, #15 §3): the withheld strings are removed from every layer of a
PDF, DOCX, XLSX or HTML file, never covered by a box, and `verify_clean` re-extracts every
layer of the result to prove it.

Pure: bytes in, bytes out; no database, no settings, no HTTP. Who redacted and why is the
caller's record; `basis` (条例 第十四至十六条, 第三十七条 …) is a string the caller gives and
is written into each note and into the file's redaction note.

The formats live in `redaction_pdf`, `redaction_ooxml` (DOCX, XLSX) and `redaction_html`;
this module holds the interface and the matching rules they share.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html"
SUPPORTED_TYPES = (PDF, DOCX, XLSX, HTML)

# What replaces a removed string in text formats: says that something was removed, not how
# long it was (a box as long as a name tells the name's length).
MARK = "［已删减］"

# Between two characters of a withheld string a file may hold spaces (also the ideographic
# space and no-break space), hyphens and dashes, soft hyphens and zero-width characters:
# "1101 0119 …", "138-1234-5678", a name split by a line break. All are matched.
SEPARATORS = r"[\s\-\u00ad\u2010-\u2015\u200b-\u200d\u2060\ufeff]*"
MIN_LENGTH = 2


class RedactionError(Exception):
    """A file that cannot be redacted (unsupported type, unreadable, encrypted)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class RedactionNote:
    """One place where withheld text was removed: which string (its index in `strings`),
    where (page, part, cell, field …), in which layer, how often, on which legal basis."""

    string_index: int
    place: str
    layer: str
    count: int
    basis: str


@dataclass(frozen=True)
class Leftover:
    """A withheld string still present after redaction: publication must stop."""

    string: str
    place: str
    layer: str


@dataclass
class Redacted:
    data: bytes
    content_type: str
    report: list[RedactionNote] = field(default_factory=list)
    rasterised_pages: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many occurrences were removed, in all layers."""
        return sum(note.count for note in self.report)


# Full-width ASCII forms (１３８, Ｘ, －) and the ideographic space, one character for one.
FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def fold(text: str) -> str:
    """Full-width digits and letters (１３８) read as ASCII, character by character, so that
    offsets in the folded text are offsets in the original."""
    return FULL_WIDTH.sub(_half_width, text)


def canonical(string: str) -> str:
    """The string without its own separators (spaces, hyphens), folded."""
    return re.sub(SEPARATORS, "", fold(string))


def compile_patterns(strings: Sequence[str]) -> list[re.Pattern[str]]:
    """One pattern per withheld string: its characters in order, separators allowed between
    them, ASCII letters in either case (the X of an ID number, e-mail addresses)."""
    patterns = []
    for string in strings:
        chars = canonical(string)
        if len(chars) < MIN_LENGTH:
            message = _("要删减的内容至少需要两个字符：“%(string)s”。")
            raise RedactionError(message % {"string": string})
        body = SEPARATORS.join(re.escape(char) for char in chars)
        patterns.append(re.compile(body, re.IGNORECASE))
    return patterns


def find_spans(text: str, patterns: Sequence[re.Pattern[str]]) -> list[tuple[int, int, int]]:
    """(start, end, string index) of every match in `text`, overlaps merged, in order."""
    folded = fold(text)
    hits = sorted(
        (m.start(), m.end(), index)
        for index, pattern in enumerate(patterns)
        for m in pattern.finditer(folded)
    )
    merged: list[tuple[int, int, int]] = []
    for start, end, index in hits:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, index))
    return merged


def found_indexes(text: str, patterns: Sequence[re.Pattern[str]]) -> set[int]:
    """Which strings occur in `text` (for verification: overlaps are not merged)."""
    folded = fold(text)
    return {index for index, pattern in enumerate(patterns) if pattern.search(folded)}


def redact_text(
    text: str, patterns: Sequence[re.Pattern[str]], *, mark: str = MARK
) -> tuple[str, dict[int, int]]:
    """`text` with each match replaced by MARK, and how many of each string were removed."""
    counts: dict[int, int] = {}
    pieces, position = [], 0
    for start, end, index in find_spans(text, patterns):
        pieces += [text[position:start], mark]
        position = end
        counts[index] = counts.get(index, 0) + 1
    pieces.append(text[position:])
    return "".join(pieces), counts


@dataclass
class Slot:
    """A piece of text in a structure (a DOCX run's w:t, an HTML text node) that can be read
    and rewritten; a paragraph is a list of slots, and a string may run across them."""

    get: Callable[[], str]
    set: Callable[[str], None]


def redact_slots(slots: Sequence[Slot], patterns) -> dict[int, int]:
    """Remove matches that may run across slots: the slot where a match starts gets MARK,
    the matched characters go from every slot they were in."""
    texts = [slot.get() or "" for slot in slots]
    spans = find_spans("".join(texts), patterns)
    if not spans:
        return {}
    counts: dict[int, int] = {}
    new_texts = []
    offset = 0
    for text in texts:
        pieces, position = [], 0
        for start, end, _index in spans:
            local_start, local_end = max(start - offset, 0), min(end - offset, len(text))
            if local_start >= len(text) or local_end <= 0:
                continue
            pieces.append(text[position:local_start])
            if start - offset >= 0:
                pieces.append(MARK)
            position = local_end
        pieces.append(text[position:])
        new_texts.append("".join(pieces))
        offset += len(text)
    for slot, old, new in zip(slots, texts, new_texts, strict=True):
        if old != new:
            slot.set(new)
    for _start, _end, index in spans:
        counts[index] = counts.get(index, 0) + 1
    return counts


def notes_from_counts(counts: dict[int, int], *, place: str, layer: str, basis: str):
    """RedactionNotes for one place from a {string index: count} table."""
    return [
        RedactionNote(string_index=index, place=place, layer=layer, count=count, basis=basis)
        for index, count in sorted(counts.items())
    ]


def note_text(*, basis: str, count: int) -> str:
    """The sentence appended to a redacted file."""
    return _("本文件依据%(basis)s作了删减处理，共删减%(count)d处。") % {
        "basis": basis,
        "count": count,
    }


def is_supported(content_type: str) -> bool:
    """Whether `redact` takes files of this type (PDF, DOCX, XLSX, HTML)."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind in SUPPORTED_TYPES or kind == "application/xhtml+xml"


def _module(content_type: str):
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == PDF:
        from gongkai.privacy import redaction_pdf

        return redaction_pdf
    if kind in (DOCX, XLSX):
        from gongkai.privacy import redaction_ooxml

        return redaction_ooxml
    if kind in (HTML, "application/xhtml+xml"):
        from gongkai.privacy import redaction_html

        return redaction_html
    raise RedactionError(
        _("不支持对该类型的文件作删减处理：%(type)s。支持 PDF、DOCX、XLSX 和 HTML。")
        % {"type": content_type or _("未知类型")}
    )


def redact(data: bytes, *, content_type: str, strings: list[str], basis: str) -> Redacted:
    """Remove every occurrence of `strings` from every layer of the file and append a note
    of the redactions citing `basis` (条例 第十四至十六条, 第三十七条)."""
    module = _module(content_type)
    patterns = compile_patterns(strings)
    if not basis.strip():
        raise RedactionError(_("删减必须写明依据。"))
    plain = [canonical(string) for string in strings]
    return module.redact(
        data, content_type=content_type, patterns=patterns, plain=plain, basis=basis
    )


@dataclass(frozen=True)
class Passage:
    """Readable text of one layer of a file, for the personal-data detector."""

    place: str
    layer: str
    text: str


def extract_passages(data: bytes, *, content_type: str) -> list[Passage]:
    """The text of every readable layer of a (redacted) file, so that the detector can be run
    over the published rendition again (#15 §3)."""
    module = _module(content_type)
    return [Passage(place, layer, text) for place, layer, text in module.passages(data) if text]


def verify_clean(data: bytes, *, content_type: str, strings: list[str]) -> list[Leftover]:
    """Every withheld string still present in any layer of the file; empty means clean.
    Publication is blocked while this is not empty."""
    module = _module(content_type)
    patterns = compile_patterns(strings)
    found = module.find_leftovers(data, content_type=content_type, patterns=patterns)
    unique = dict.fromkeys((strings[index], place, layer) for index, place, layer in found)
    return [Leftover(string=s, place=place, layer=layer) for s, place, layer in unique]
