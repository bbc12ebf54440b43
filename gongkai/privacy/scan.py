"""Everything the detector knows, over a text or over the parts of a document, with the place
of each finding. Pure: the word lists and the allowed values are arguments.

- `find_all(text, allowed=…, lists=…)`: numbers (detection), passports, permits and plates
  (identifiers), addresses, names next to a label or a number, listed words; each finding
  with its paragraph (1-based, counting the non-empty lines);
- `find_in_document(parts, …)`: the same over extracted parts — `(place, text)` pairs such as
  ("第3页", …), ("第12段", …), ("Sheet1!C7", …); a part whose text is None (an image that
  no OCR read) comes back as one `not_checked` finding, never silently skipped.
"""

import bisect
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.privacy.addresses import find_addresses
from gongkai.privacy.detection import (
    Confidence,
    Finding,
    Kind,
    combine,
    find_personal_data,
    plain_text,
)
from gongkai.privacy.identifiers import find_identifiers
from gongkai.privacy.listed import WordLists, find_listed
from gongkai.privacy.names import find_names

NO_LISTS = WordLists()
_FORMATTING = re.compile(r"[\s\-－()（）:：,，]")


@dataclass(frozen=True)
class PlacedFinding:
    place: str  # "第3页", "第12段", "Sheet1!C7", or "" for a plain text
    finding: Finding

    @property
    def is_checked(self) -> bool:
        return self.finding.kind != Kind.NOT_CHECKED


def find_all(
    text: str, *, allowed: Iterable[str] = (), lists: WordLists = NO_LISTS
) -> list[Finding]:
    """Every finding in the text, in order, none overlapping another, with paragraph numbers."""
    allowed = list(allowed)
    plain = plain_text(text)
    numbers = find_personal_data(text, allowed=allowed)
    identifiers = find_identifiers(plain)
    others = [
        *identifiers,
        *find_addresses(plain),
        *find_names(plain, [*numbers, *identifiers]),
        *find_listed(plain, lists),
    ]
    allowed_plain = [_compact(value) for value in allowed if value.strip()]
    others = [
        dataclasses.replace(finding, text=text[finding.start : finding.end])
        for finding in others
        if not any(_compact(finding.text) in value for value in allowed_plain)
    ]
    found = combine(numbers, others)
    paragraph_starts = _paragraph_starts(text)
    return [
        dataclasses.replace(
            finding, paragraph=bisect.bisect_right(paragraph_starts, finding.start) or 1
        )
        for finding in found
    ]


def find_in_document(
    parts: Iterable[tuple[str, str | None]],
    *,
    allowed: Iterable[str] = (),
    lists: WordLists = NO_LISTS,
) -> list[PlacedFinding]:
    """Findings in each extracted part, with the part's place; unread images as not checked."""
    allowed = list(allowed)
    placed = []
    for place, text in parts:
        if text is None:
            placed.append(
                PlacedFinding(place, Finding(Kind.NOT_CHECKED, "", 0, 0, "", Confidence.LOW))
            )
            continue
        placed.extend(
            PlacedFinding(place, finding)
            for finding in find_all(text, allowed=allowed, lists=lists)
        )
    return placed


def _paragraph_starts(text: str) -> list[int]:
    """Offsets where each non-empty line begins."""
    starts = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            starts.append(offset)
        offset += len(line)
    return starts


def _compact(value: str) -> str:
    return _FORMATTING.sub("", plain_text(value)).lower()
