"""Words from lists: sensitive words, the agency's secrecy markers and 错敏字 (a wrong official
name of a leader or an institution, with the right one). The lists are data, passed in
(`WordLists`); the privacy app's `ListEntry` rows hold them and `lists.lists_for(agency)`
reads them.

Besides the listed markers, a 密级 mark in the form of GB/T 9704-2012 (绝密★, 机密★1年,
秘密★) is always a secrecy marker: "秘密" alone is an ordinary word (保守国家秘密).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gongkai.privacy.detection import Confidence, Finding, Kind, mask

SECRECY_MARK = re.compile(
    r"(?:绝密|机密|秘密)\s*[★☆]"
    r"(?:\s*[0-9一二三四五六七八九十]+\s*(?:年|个月|月))?"
)


@dataclass(frozen=True)
class WordLists:
    sensitive: tuple[str, ...] = ()
    secrecy: tuple[str, ...] = ()
    corrections: Mapping[str, str] = field(default_factory=dict)  # wrong → right

    @classmethod
    def of(
        cls,
        *,
        sensitive: Iterable[str] = (),
        secrecy: Iterable[str] = (),
        corrections: Mapping[str, str] | None = None,
    ) -> "WordLists":
        return cls(
            tuple(w for w in sensitive if w.strip()),
            tuple(w for w in secrecy if w.strip()),
            dict(corrections or {}),
        )

    def pattern(self) -> re.Pattern[str] | None:
        """One alternation of every listed word, the longest first (so 内部资料 wins over
        内部), compiled once per list."""
        return _alternation(
            tuple(
                sorted({*self.sensitive, *self.secrecy, *self.corrections}, key=len, reverse=True)
            )
        )


_PATTERNS: dict[tuple[str, ...], re.Pattern[str] | None] = {}


def _alternation(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if words not in _PATTERNS:
        if len(_PATTERNS) > 64:
            _PATTERNS.clear()
        _PATTERNS[words] = (
            re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
            if words
            else None
        )
    return _PATTERNS[words]


def find_listed(text: str, lists: WordLists) -> list[Finding]:
    """Listed words and 密级 marks in the text. A wrong name is not reported where it is part
    of the right one written out."""
    findings = [
        Finding(Kind.SECRECY_MARK, m.group(), m.start(), m.end(), m.group())
        for m in SECRECY_MARK.finditer(text)
    ]
    pattern = lists.pattern()
    if pattern is None:
        return findings
    secrecy = {word.lower() for word in lists.secrecy}
    corrections = {wrong.lower(): right for wrong, right in lists.corrections.items()}
    for match in pattern.finditer(text):
        word = match.group().lower()
        if word in secrecy:
            findings.append(
                Finding(Kind.SECRECY_MARK, match.group(), match.start(), match.end(), match.group())
            )
        elif word in corrections:
            right = corrections[word]
            if _inside_right_form(text, match.start(), match.group(), right):
                continue
            findings.append(
                Finding(
                    Kind.WRONG_NAME,
                    match.group(),
                    match.start(),
                    match.end(),
                    right,
                    Confidence.HIGH,
                    replacement=right,
                )
            )
        else:
            findings.append(
                Finding(
                    Kind.SENSITIVE_WORD,
                    match.group(),
                    match.start(),
                    match.end(),
                    mask(Kind.SENSITIVE_WORD, match.group()),
                )
            )
    return findings


def _inside_right_form(text: str, start: int, wrong: str, right: str) -> bool:
    offset = right.lower().find(wrong.lower())
    if offset < 0:
        return False
    return text[start - offset : start - offset + len(right)].lower() == right.lower()
