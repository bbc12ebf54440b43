"""Snippets and highlighted titles (pure): escape everything, mark what the query matched.

Tantivy's SnippetGenerator re-tokenizes the stored text with the field's registered tokenizer;
Python cannot register jieba as one, so it cannot find our pre-segmented tokens in unsegmented
text. We highlight here instead: each query word becomes a pattern of its finest pieces with
optional punctuation between (政务\\W*公开), matched in the original text, which is
folded (full-width to half-width, ASCII lower case) without changing its length.
"""

import bisect
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 160
CONTEXT_CHARS = 24
MAX_MATCHES = 300

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII forms
_FOLD[0x3000] = 0x20
_FOLD.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    word: int


def word_pattern(pieces: list[str]) -> re.Pattern[str]:
    """A pattern for one query word: its pieces in order, punctuation or spaces allowed between."""
    return re.compile(r"[\W_]*".join(re.escape(piece) for piece in pieces))


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def find_matches(text: str, patterns: list[re.Pattern[str]]) -> list[Match]:
    """Where each word's pattern matches in the text, sorted, overlaps merged."""
    folded = _fold(text)
    found: list[Match] = []
    for number, pattern in enumerate(patterns):
        for hit in pattern.finditer(folded):
            if hit.end() > hit.start():
                found.append(Match(hit.start(), hit.end(), number))
            if len(found) >= MAX_MATCHES:
                break
    found.sort(key=lambda match: (match.start, -match.end))
    merged: list[Match] = []
    for match in found:
        if merged and match.start < merged[-1].end:
            last = merged[-1]
            if match.end > last.end:
                merged[-1] = Match(last.start, match.end, last.word)
            continue
        merged.append(match)
    return merged


def _render(text: str, start: int, end: int, matches: list[Match]) -> str:
    parts = []
    cursor = start
    for match in matches:
        if match.start < start or match.end > end:
            continue
        parts.append(escape(_SPACES.sub(" ", text[cursor : match.start])))
        parts.append("<mark>" + escape(text[match.start : match.end]) + "</mark>")
        cursor = match.end
    parts.append(escape(_SPACES.sub(" ", text[cursor:end])))
    return "".join(parts)


def highlight_all(text: str, patterns: list[re.Pattern[str]]) -> SafeString:
    """The whole text escaped, with every match marked (for titles)."""
    return mark_safe(_render(text, 0, len(text), find_matches(text, patterns)))  # noqa: S308 - escaped


def snippet(
    text: str, patterns: list[re.Pattern[str]], max_chars: int = SNIPPET_CHARS
) -> SafeString | None:
    """The window of the text with the most distinct query words, escaped and marked; None if
    nothing matches."""
    matches = find_matches(text, patterns)
    if not matches:
        return None
    starts = [match.start for match in matches]
    best_start, best_score = 0, (-1, -1)
    for anchor in matches:
        start = max(0, anchor.start - CONTEXT_CHARS)
        window = matches[
            bisect.bisect_left(starts, start) : bisect.bisect_right(starts, start + max_chars)
        ]
        inside = [m for m in window if m.end <= start + max_chars]
        score = (len({m.word for m in inside}), len(inside))
        if score > best_score:
            best_start, best_score = start, score
    end = min(len(text), best_start + max_chars)
    html = _render(text, best_start, end, matches).strip()
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - every text part is escaped


def plain_snippet(text: str, max_chars: int = SNIPPET_CHARS) -> SafeString:
    """The start of a text, escaped, for hits without a match to show."""
    cut = text[:max_chars]
    suffix = "…" if len(text) > max_chars else ""
    return mark_safe(escape(_SPACES.sub(" ", cut)).strip() + suffix)  # noqa: S308 - escaped
