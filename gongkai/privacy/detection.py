"""Personal data in free text: resident ID numbers, mobile and landline numbers, e-mail
addresses and bank card numbers, each with a masked form.

Pure: no database, no settings, no HTTP. Numbers are recognised by their shape *and* their
check character where they have one, so that the many long numbers of government texts
(文号, 索引号, dates, amounts, unified social credit codes) are not reported:

- resident ID numbers: GB 11643-1999 (18 characters, ISO 7064 MOD 11-2 check character, X for
  10; the birth date must be a real date); the old 15-digit numbers (no check character) need a
  real 19YYMMDD birth date;
- unified social credit codes: GB 32100-2015 (18 characters, MOD 31 check character) belong to
  organisations: recognised, so that they are neither ID numbers nor bank cards, and never
  reported;
- bank card numbers: 16–19 digits passing the Luhn check (ISO/IEC 7812-1);
- mobile numbers: 1[3-9]x xxxx xxxx, optionally +86/0086/86, spaces or hyphens between groups;
- landline numbers: an area code (010, 02x, or 0[3-9]xx), optionally in brackets, then a local
  number of 7 or 8 digits that does not start with 0 or 1.

A number is only taken whole: digits that are part of a longer run of digits or letters, a
decimal (12.5) or an amount (¥…, …元) are not personal data.

The other kinds (passports and permits, plates, addresses, names, listed words) live in the
sibling modules; `scan.find_all` runs them all with these.
"""

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from stdnum import luhn
from stdnum.cn import ric, uscc


class Kind(StrEnum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    EMAIL = "email"
    BANK_CARD = "bank_card"
    # A name the caller knows (find_given), or one read next to a label or a number
    # (names.find_names); never a name guessed from the text alone.
    NAME = "name"
    # The kinds below are found by `scan.find_all` (the other modules of this package);
    # `find_personal_data` keeps to the numbers above.
    ADDRESS = "address"
    LICENCE_PLATE = "licence_plate"
    PASSPORT = "passport"
    HK_MACAO_RESIDENT_PERMIT = "hk_macao_resident_permit"  # 港澳居民来往内地通行证
    TAIWAN_RESIDENT_PERMIT = "taiwan_resident_permit"  # 台湾居民来往大陆通行证
    HK_MACAO_TRAVEL_PERMIT = "hk_macao_travel_permit"  # 往来港澳通行证
    SENSITIVE_WORD = "sensitive_word"
    SECRECY_MARK = "secrecy_mark"
    WRONG_NAME = "wrong_name"  # 错敏字: a wrong official name, with the right one
    NOT_CHECKED = "not_checked"  # a part of a document that could not be read (an image)


class Confidence(StrEnum):
    HIGH = "high"  # a check character passed, or a listed word matched
    MEDIUM = "medium"  # the shape alone, or a label next to it
    LOW = "low"  # guessed from the context (a name before a number)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    text: str  # as written in the text
    start: int
    end: int
    masked: str  # what may be shown instead
    confidence: Confidence = Confidence.HIGH
    paragraph: int | None = None  # 1-based, set by scan.find_all
    replacement: str = ""  # the right form of a wrong official name (错敏字)

    @property
    def key(self) -> str:
        """The value without its formatting, to compare it with a known value."""
        return _key(self.kind, self.text)


# Full-width forms (ＡＢＣ１２３＠．－＋（）) and the ideographic space become ASCII one character
# for one character, so that offsets in the normalised text are offsets in the original.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = ord(" ")
_FULL_WIDTH[0xFFE5] = ord("¥")

_HAS_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000\uffe5]")

_CREDIT_CODE_KIND = "credit_code"  # recognised to be left alone, never a Finding

# Around a number: no digit or letter (a longer code), no decimal point or thousands
# separator next to a digit, not the last part of a hyphenated code (HT-2026-…). A number
# written in groups (6222 0212 …) must not go on with another group either.
_BEFORE = r"(?<![0-9A-Za-z])(?<![0-9][.,-])"
# …/2020-00123 ends an 索引号 (the agency's code, the year, a serial): its code is not a person's.
_AFTER = r"(?![0-9A-Za-z])(?![.,][0-9])(?!/[0-9]{4}-)"
_BEFORE_GROUPS = _BEFORE + r"(?<![0-9][ -])"
_AFTER_GROUPS = _AFTER + r"(?![ -][0-9])"
# An amount: a currency sign before, or a unit of money after.
_CURRENCY_BEFORE = re.compile(r"[¥$]\s*$")
# 万 and 亿 only right after the number: after a space or tab they begin the next word (a
# table's next cell: "13812345678\t万柏林区").
_MONEY_AFTER = re.compile(r"^(?:\s*(?:元|角|块|美元|人民币|RMB)|万|亿)")

_AREA = r"(?:010|02[0-9]|0[3-9][0-9]{2})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (Kind.ID_NUMBER, re.compile(_BEFORE + r"[0-9]{17}[0-9Xx]" + _AFTER)),
    (
        Kind.ID_NUMBER,
        re.compile(
            _BEFORE_GROUPS + r"[0-9]{6}(?P<s>[ -])[0-9]{8}(?P=s)[0-9]{3}[0-9Xx]" + _AFTER_GROUPS
        ),
    ),
    (Kind.ID_NUMBER, re.compile(_BEFORE + r"[1-8][0-9]{14}" + _AFTER)),
    (_CREDIT_CODE_KIND, re.compile(_BEFORE + r"[0-9A-Za-z]{2}[0-9]{6}[0-9A-Za-z]{10}" + _AFTER)),
    (Kind.BANK_CARD, re.compile(_BEFORE + r"[0-9]{16,19}" + _AFTER)),
    (
        Kind.BANK_CARD,
        re.compile(
            _BEFORE_GROUPS
            + r"[0-9]{4}(?P<s>[ -])[0-9]{4}(?:(?P=s)[0-9]{4}){2}(?:(?P=s)[0-9]{1,4})?"
            + _AFTER_GROUPS
        ),
    ),
    (
        Kind.MOBILE,
        re.compile(
            r"(?:(?<![0-9A-Za-z+])(?:\+|00)?86[ -]?|" + _BEFORE + r")"
            r"1[3-9][0-9](?P<s>[ -]?)[0-9]{4}(?P=s)[0-9]{4}" + _AFTER
        ),
    ),
    (
        Kind.LANDLINE,
        re.compile(_BEFORE + rf"(?:\({_AREA}\)[ -]?|{_AREA}[ -]?)[2-9][0-9]{{6,7}}" + _AFTER),
    ),
]
# Phone numbers have no check character: their shape is all there is.
_NUMBER_CONFIDENCE = {Kind.LANDLINE: Confidence.MEDIUM}
# Who wins when two readings cover the same characters (longer spans win first).
_PRIORITY = [
    Kind.EMAIL,
    Kind.ID_NUMBER,
    _CREDIT_CODE_KIND,
    Kind.BANK_CARD,
    Kind.MOBILE,
    Kind.LANDLINE,
]

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,}(?![A-Za-z0-9-])"
)
# Addresses of web pages: their digits are paths and record numbers, never somebody's.
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.IGNORECASE)
_AREA_CODE = re.compile(r"^(010|02[0-9]|0[3-9][0-9]{2})")
_OLDEST_BIRTH_YEAR = 1900
_CREDIT_CODE_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")


def find_personal_data(text: str, *, allowed: Iterable[str] = ()) -> list[Finding]:
    """Every piece of personal data in the text, in order, none overlapping another.

    `allowed` are values that may stay (an agency's own published office telephone and
    e-mail): they are compared without their formatting.
    """
    plain = plain_text(text)
    candidates: list[tuple[int, int, str]] = [
        (match.start(), match.end(), Kind.EMAIL) for match in _EMAIL.finditer(plain)
    ]
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(plain):
            value = match.group()
            if _is_amount(plain, match.start(), match.end()) or not _is_valid(kind, value):
                continue
            candidates.append((match.start(), match.end(), kind))
    web_addresses = [match.span() for match in _WEB_ADDRESS.finditer(plain)]
    candidates = [c for c in candidates if not _inside_any(c, web_addresses)]
    chosen = _without_overlaps(candidates)
    allowed_keys = _allowed_keys(tuple(allowed))
    findings = []
    for start, end, kind in chosen:
        if kind == _CREDIT_CODE_KIND:
            continue  # an organisation's code is public, and it hides nothing else
        kind = Kind(kind)
        value = text[start:end]
        if _key(kind, value) in allowed_keys:
            continue
        confidence = _NUMBER_CONFIDENCE.get(kind, Confidence.HIGH)
        findings.append(Finding(kind, value, start, end, mask(kind, plain[start:end]), confidence))
    return findings


def plain_text(text: str) -> str:
    """The text with full-width letters, digits and signs as ASCII, one character for one (so
    offsets stay valid)."""
    # translate() looks every character up: most texts have nothing to change.
    if _HAS_FULL_WIDTH.search(text) is None:
        return text
    return text.translate(_FULL_WIDTH)


def find_given(text: str, value: str, *, kind: Kind) -> list[Finding]:
    """Where a known value (the sender's name, or a phone number as they typed it) is written
    in the text, letter case ignored."""
    value = value.strip()
    if not value:
        return []
    pattern = re.compile(re.escape(value), re.IGNORECASE)
    return [
        Finding(kind, match.group(), match.start(), match.end(), mask(kind, match.group()))
        for match in pattern.finditer(text)
    ]


def combine(*findings: Iterable[Finding]) -> list[Finding]:
    """Findings from several searches over the same text, in order, without overlaps (the
    longer one, or the one found first, stays)."""
    everything = sorted(
        (finding for group in findings for finding in group), key=lambda f: -(f.end - f.start)
    )
    kept: list[Finding] = []
    for finding in everything:
        if all(finding.end <= other.start or other.end <= finding.start for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def mask_text(text: str, findings: Iterable[Finding]) -> str:
    """The text with every finding replaced by its masked form."""
    masked = text
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        masked = masked[: finding.start] + finding.masked + masked[finding.end :]
    return masked


def mask(kind: Kind, value: str) -> str:
    """The masked form: ID 110***********4522, mobile 138****5678, e-mail z***@example.com,
    bank card ***************1234, landline 0351-***5678, name 张**."""
    value = plain_text(value).strip()
    if kind in _MASK_AS_WRITTEN:
        return value
    if kind == Kind.SENSITIVE_WORD:
        return "*" * len(value)
    if kind == Kind.ADDRESS:
        # The place stays readable down to the road; the house and room go.
        first_digit = re.search(r"[0-9一二三四五六七八九十]+(?:号|栋|幢|单元|室|组|弄)", value)
        kept = value[: first_digit.start()] if first_digit else value[: len(value) // 2]
        return kept + "****"
    if kind == Kind.LICENCE_PLATE:
        return value[:2] + "*" * max(len(value) - 3, 0) + value[-1:]
    if kind in _DOCUMENT_NUMBERS:
        return value[:1] + "*" * max(len(value) - 3, 0) + value[-2:]
    if kind == Kind.EMAIL and "@" in value:
        local, domain = value.rsplit("@", 1)
        return f"{local[:1]}***@{domain}"
    if kind == Kind.NAME:
        return value[:1] + "*" * (len(value) - 1)
    digits = _key(kind, value)
    if kind == Kind.ID_NUMBER and len(digits) > 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if kind == Kind.MOBILE and len(digits) == 11:
        return digits[:3] + "****" + digits[-4:]
    if kind == Kind.LANDLINE and (area := _AREA_CODE.match(digits)):
        local = digits[area.end() :]
        return f"{area.group()}-" + "*" * max(len(local) - 4, 0) + local[-4:]
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


_MASK_AS_WRITTEN = frozenset({Kind.SECRECY_MARK, Kind.WRONG_NAME, Kind.NOT_CHECKED})
_DOCUMENT_NUMBERS = frozenset(
    {
        Kind.PASSPORT,
        Kind.HK_MACAO_RESIDENT_PERMIT,
        Kind.TAIWAN_RESIDENT_PERMIT,
        Kind.HK_MACAO_TRAVEL_PERMIT,
    }
)


# --- checks --------------------------------------------------------------------------------


def _is_valid(kind: str, value: str) -> bool:
    compact = re.sub(r"[ -]", "", value).upper()
    if kind == Kind.ID_NUMBER:
        return is_id_number(compact)
    if kind == _CREDIT_CODE_KIND:
        return is_credit_code(compact)
    if kind == Kind.BANK_CARD:
        return 16 <= len(compact) <= 19 and luhn.is_valid(compact)
    return True  # phone numbers have no check digit: their shape is all there is


def is_id_number(number: str) -> bool:
    """A resident ID number: 18 characters with a real birth date and the GB 11643-1999 check
    character, or an old 15-digit number with a real 19YYMMDD birth date."""
    if len(number) == 18:
        if not number[:17].isascii() or not number[:17].isdigit():
            return False
        if number[-1] != ric.calc_check_digit(number):
            return False
        return _is_birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    if len(number) == 15 and number.isascii() and number.isdigit():
        return _is_birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def is_credit_code(code: str) -> bool:
    """A unified social credit code: 18 characters of the GB 32100-2015 alphabet (no I, O, S,
    V, Z), a six-digit region code in the 3rd to 8th place and the MOD 31 check character."""
    return (
        len(code) == 18
        and all(character in _CREDIT_CODE_ALPHABET for character in code)
        and code[2:8].isdigit()
        and code[-1] == uscc.calc_check_digit(code)
    )


def _is_birth_date(year: int, month: int, day: int) -> bool:
    # The region code is not checked: counties are created and renamed, and a number from
    # a code missing in some table is still somebody's number.
    if year < _OLDEST_BIRTH_YEAR:
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _is_amount(text: str, start: int, end: int) -> bool:
    return bool(_CURRENCY_BEFORE.search(text[max(start - 3, 0) : start])) or bool(
        _MONEY_AFTER.match(text[end : end + 6])
    )


def _inside_any(candidate: tuple[int, int, str], spans: list[tuple[int, int]]) -> bool:
    return any(start <= candidate[0] and candidate[1] <= end for start, end in spans)


def _without_overlaps(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The longest readings first (then by _PRIORITY), each kept if it overlaps none kept."""
    ordered = sorted(candidates, key=lambda c: (-(c[1] - c[0]), _PRIORITY.index(c[2]), c[0]))
    kept: list[tuple[int, int, str]] = []
    for candidate in ordered:
        if all(candidate[1] <= other[0] or other[1] <= candidate[0] for other in kept):
            kept.append(candidate)
    return sorted(kept)


def _key(kind: str, value: str) -> str:
    value = plain_text(value)
    if kind == Kind.EMAIL:
        return value.strip().lower()
    if kind == Kind.NAME:
        return value.strip()
    compact = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    if kind == Kind.MOBILE and len(compact) > 11:
        compact = compact[-11:]  # without +86 / 0086 / 86
    return compact


@functools.lru_cache(maxsize=64)
def _allowed_keys(values: tuple[str, ...]) -> frozenset[str]:
    keys = set()
    for value in values:
        for finding in find_personal_data(value):
            keys.add(finding.key)
    return frozenset(keys)
