"""Personal street addresses: where somebody lives, not where an office is.

An agency publishes its own address on purpose ("地址：太原市小店区长治路111号"), and it
stops at the house number. Somebody's home goes further: a building, unit or room after the
road and number (…12号3栋2单元301室, …小区5号楼1单元), or a village group (…村三组) — or it
follows a word that says somebody lives there (家住、住址、现住、居住在、户籍地). So an address
is found

- from a *dwelling part*: building / unit / room (栋、幢、号楼、单元、室、户) or a village group
  (组), read back to the start of the address (the first administrative division or road); or
- after a *residence word*, up to the end of the phrase.

An address after an office label (办公地址、单位地址、受理地点、地址：) with no residence word is
an office's and is left alone, even with a room number (…大厦5楼502室); so is any value in
`allowed` (compared by the caller).
"""

import re

from gongkai.privacy.detection import Confidence, Finding, Kind, mask

_NUMBER = r"[0-9一二三四五六七八九十百零〇]+"
_DWELLING = re.compile(
    rf"(?:{_NUMBER}(?:号楼|栋|幢|座|单元|室|户|组|号院)[-之]?)+"
    rf"(?:{_NUMBER}(?:号|室)|[0-9]{{3,4}}(?![0-9]))?"  # 2单元301: the room without 室
    r"|[0-9]+-[0-9]+-[0-9]+(?:室|号)?"
)
# What an address is made of, read backwards from its dwelling part.
_ADDRESS_CHARACTER = re.compile(r"[\u4e00-\u9fff0-9A-Za-z#\-－·()（）]")
_MAX_ADDRESS = 40
_ROAD = re.compile(
    r"(?:省|自治区|市|自治州|盟|区|县|旗|乡|镇|街道|社区|村|路|街|巷|道|胡同|弄|里|小区|花园|苑|家园|新村|公寓|大厦)"
)
_DIVISION_START = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|自治州|盟|区|县|旗|乡|镇|街道)")
_RESIDENCE = re.compile(
    r"(?:家住|家庭住址|家庭地址|住址|现住址|现住|居住在|居住于|住在|户籍地|户籍地址|现居)"
    r"[ :：]*"
)
_OFFICE = re.compile(
    r"(?:办公地址|单位地址|通讯地址|受理地点|办理地点|咨询地点|办公地点|地址)"
    r"[ :：]*$"
)
_END = re.compile(r"[，,。；;、\s]")
# Words that come before an address in a sentence but are not part of it.
_LEAD = re.compile(r"^.*?(?:位于|坐落于|在|于|至|到|是|为|住|系)(?=[\u4e00-\u9fff])")


def find_addresses(text: str) -> list[Finding]:
    """Personal addresses in the text, by their dwelling part or a residence word."""
    spans: list[tuple[int, int, Confidence]] = []
    for residence in _RESIDENCE.finditer(text):
        start = residence.end()
        end_match = _END.search(text, start)
        end = min(end_match.start() if end_match else len(text), start + _MAX_ADDRESS)
        if end - start >= 4 and _ROAD.search(text, start, end):
            spans.append((start, end, Confidence.HIGH))
    for dwelling in _DWELLING.finditer(text):
        if any(start <= dwelling.start() < end for start, end, _c in spans):
            continue
        start = _start_of(text, dwelling.start())
        if start is None:
            continue
        lead = text[max(start - 8, 0) : start]
        if _OFFICE.search(lead) and not _RESIDENCE.search(lead):
            continue
        spans.append((start, dwelling.end(), Confidence.MEDIUM))
    return [
        Finding(
            Kind.ADDRESS, text[start:end], start, end, mask(Kind.ADDRESS, text[start:end]), level
        )
        for start, end, level in spans
    ]


def _start_of(text: str, dwelling_start: int) -> int | None:
    """Where the address that ends in a dwelling part begins: back over address characters,
    then forward past the words of the sentence to its first division or road."""
    start = dwelling_start
    while (
        start > 0
        and dwelling_start - start < _MAX_ADDRESS
        and _ADDRESS_CHARACTER.match(text[start - 1])
    ):
        start -= 1
    chunk = text[start:dwelling_start]
    if not _ROAD.search(chunk):
        return None  # "3号楼" alone, with no road or place before it
    if residence := list(_RESIDENCE.finditer(chunk)):
        return start + residence[-1].end()
    if office := list(re.finditer(_OFFICE.pattern.rstrip("$"), chunk)):
        return start + office[-1].end()
    if lead := _LEAD.match(chunk):
        start += lead.end()
        chunk = text[start:dwelling_start]
    if division := _DIVISION_START.search(chunk):
        start += division.start()
    return start
