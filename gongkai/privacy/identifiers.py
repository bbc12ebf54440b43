"""Travel documents and licence plates: numbers without a check character, recognised by their
published formats and, where the shape alone is too common, by a label before them.

Formats (sources in the README):

- passports of the PRC: E + 8 digits (electronic ordinary passport, 2012), E + a letter other
  than I and O + 7 digits (from April 2017), G + 8 digits (older ordinary passports), SE / DE /
  PE + 7 digits (service, diplomatic and official ordinary passports), K + 8 digits (Hong Kong
  SAR), MA + 7 digits (Macao SAR); the old 14/15 + 7 digits only after a label (nine digits
  alone are any number);
- 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + the 8-digit lifetime number, on the
  1999 card followed by 2 digits counting the renewals (11 characters in all);
- 往来港澳通行证 (electronic, 2014): C + 8 digits, and from December 2018 C + a letter other
  than I and O + 7 digits;
- 台湾居民来往大陆通行证: the 8-digit lifetime number (since 2008, "一人一号、终身不变"), on
  older ones followed by 2 digits and a letter in brackets; eight digits alone are any number,
  so only after a label;
- licence plates (GA 36): a province's one-character abbreviation, a letter of the issuing
  office (not I or O), then 5 letters or digits; new-energy plates have 6 (D or F first for
  small cars, last for large ones); 挂, 学, 警, 港, 澳 end some special plates.
"""

import re

from gongkai.privacy.detection import Confidence, Finding, Kind, mask

_BEFORE = r"(?<![0-9A-Za-z])"
_AFTER = r"(?![0-9A-Za-z])"
_LETTER = "A-HJ-NP-Z"  # capitals without I and O
# A label just before a number makes it much more likely to be the document's.
_LABEL_WINDOW = 14

_PATTERNS: list[tuple[Kind, re.Pattern[str], re.Pattern[str] | None]] = [
    # (kind, the number, a label required before it — None when the shape is enough)
    (
        Kind.PASSPORT,
        re.compile(
            _BEFORE + rf"(?:E[0-9]{{8}}|E[{_LETTER}][0-9]{{7}}|G[0-9]{{8}}|K[0-9]{{8}}"
            r"|(?:SE|DE|PE|MA)[0-9]{7})" + _AFTER
        ),
        None,
    ),
    (Kind.PASSPORT, re.compile(_BEFORE + r"1[45][0-9]{7}" + _AFTER), re.compile("护照")),
    (
        Kind.HK_MACAO_RESIDENT_PERMIT,
        re.compile(_BEFORE + r"[HM][0-9]{8}(?:[0-9]{2})?" + _AFTER),
        None,
    ),
    (
        Kind.HK_MACAO_TRAVEL_PERMIT,
        re.compile(_BEFORE + rf"C(?:[0-9]{{8}}|[{_LETTER}][0-9]{{7}})" + _AFTER),
        None,
    ),
    (
        Kind.TAIWAN_RESIDENT_PERMIT,
        re.compile(r"(?<![0-9A-Za-z])[0-9]{8}(?:[0-9]{2}(?:\([A-Z0-9]\)|（[A-Z0-9]）)?)?" + _AFTER),
        re.compile("台胞证|台湾居民来往大陆通行证|台湾居民居住证|来往大陆通行证"),
    ),
]
_LABELS = {
    Kind.PASSPORT: re.compile("护照"),
    Kind.HK_MACAO_RESIDENT_PERMIT: re.compile("回乡证|来往内地通行证|港澳居民"),
    Kind.HK_MACAO_TRAVEL_PERMIT: re.compile("往来港澳通行证|港澳通行证|双程证"),
}

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"(?<![A-Za-z0-9])[{_PROVINCES}][{_LETTER}][·•・ ]?"
    rf"(?:[DF][{_LETTER}0-9][0-9]{{4}}|[0-9]{{5}}[DF]|[{_LETTER}0-9]{{4}}[挂学警港澳]|[{_LETTER}0-9]{{5}})"
    + _AFTER
)
_MIN_PLATE_DIGITS = 3  # 5 capitals after 京A is a word (京ABCDE), not a plate


def find_identifiers(text: str) -> list[Finding]:
    """Passport and permit numbers and licence plates in the text (ASCII letters and digits;
    the caller normalises full-width forms)."""
    findings = []
    for kind, pattern, required_label in _PATTERNS:
        for match in pattern.finditer(text):
            before = text[max(match.start() - _LABEL_WINDOW, 0) : match.start()]
            if required_label is not None:
                if not required_label.search(before):
                    continue
                confidence = Confidence.HIGH
            else:
                label = _LABELS.get(kind)
                labelled = label is not None and label.search(before)
                confidence = Confidence.HIGH if labelled else Confidence.MEDIUM
            value = match.group()
            findings.append(
                Finding(kind, value, match.start(), match.end(), mask(kind, value), confidence)
            )
    for match in _PLATE.finditer(text):
        value = match.group()
        if sum(character.isdigit() for character in value) < _MIN_PLATE_DIGITS:
            continue
        findings.append(
            Finding(
                Kind.LICENCE_PLATE,
                value,
                match.start(),
                match.end(),
                mask(Kind.LICENCE_PLATE, value),
                Confidence.MEDIUM,
            )
        )
    return findings
