"""HTML redaction: the page is first sanitised with the project's own allow-list (nh3, as
record bodies are: scripts, styles, comments and unknown attributes go, and with them the
places a string hides unseen), then text nodes — also a string split over inline elements —
and the remaining attributes (title, alt, href) are cleaned."""

import html
import re
from urllib.parse import unquote

import nh3
from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html

from gongkai.documents.rules import ALLOWED_BODY_ATTRIBUTES, ALLOWED_BODY_TAGS
from gongkai.privacy.redaction import (
    Redacted,
    RedactionError,
    Slot,
    found_indexes,
    note_text,
    notes_from_counts,
    redact_slots,
    redact_text,
)

# A published page may also carry images (with alt text) and titles on any element.
TAGS = ALLOWED_BODY_TAGS | {"span", "img", "div", "section", "h1", "h5", "h6", "dl", "dt", "dd"}
ATTRIBUTES = {
    **ALLOWED_BODY_ATTRIBUTES,
    "img": {"src", "alt", "title", "width", "height"},
    "*": {"title"},
}
# A string is not matched across these: they end a run of text.
BLOCKS = {
    "p", "div", "section", "li", "ul", "ol", "table", "thead", "tbody", "tr", "td", "th",
    "caption", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd",
}  # fmt: skip
BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(BLOCKS)) + r")\b[^>]*>", re.IGNORECASE)
ANY_TAG = re.compile(r"<[^>]*>")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RedactionError(_("无法读取该 HTML 文件的字符编码。"))


def sanitise(text: str) -> str:
    """The project's sanitiser with the page allow-list (`documents.rules` for bodies)."""
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _slot(element, attr: str) -> Slot:
    return Slot(
        get=lambda: getattr(element, attr) or "",
        set=lambda value: setattr(element, attr, value),
    )


def _runs(root) -> list[list[Slot]]:
    """Runs of text a string may span: inline elements join a run, blocks end it."""
    runs: list[list[Slot]] = []

    def walk(element, run: list[Slot]) -> list[Slot]:
        run.append(_slot(element, "text"))
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in BLOCKS:
                inner: list[Slot] = []
                runs.append(inner)
                walk(child, inner)
                run = []
                runs.append(run)
            else:
                run = walk(child, run)
            run.append(_slot(child, "tail"))
        return run

    first: list[Slot] = []
    runs.append(first)
    walk(root, first)
    return runs


def _add(counts: dict[int, int], found: dict[int, int]) -> None:
    for index, count in found.items():
        counts[index] = counts.get(index, 0) + count


def redact(data: bytes, *, content_type: str, patterns, plain, basis: str, note: bool = True):
    """See `redaction.redact`."""
    clean = sanitise(_decode(data))
    root = lxml_html.fragment_fromstring(clean or "<p></p>", create_parent="div")
    text_counts: dict[int, int] = {}
    for run in _runs(root):
        _add(text_counts, redact_slots(run, patterns))
    attribute_counts: dict[int, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            cleaned, found = redact_text(value, patterns)
            if not found and found_indexes(unquote(value), patterns):
                cleaned, found = redact_text(unquote(value), patterns)
            if found:
                element.set(name, cleaned)
                _add(attribute_counts, found)
    report = notes_from_counts(text_counts, place="HTML", layer="text", basis=basis)
    report += notes_from_counts(attribute_counts, place="HTML", layer="attribute", basis=basis)
    total = sum(text_counts.values()) + sum(attribute_counts.values())
    if note and total:
        paragraph = etree.SubElement(root, "p")
        paragraph.text = note_text(basis=basis, count=total)
    out = etree.tostring(root, encoding="unicode", method="html")
    out = out[len("<div>") : -len("</div>")]
    return Redacted(data=out.encode(), content_type=content_type, report=report)


def passages(data: bytes) -> list[tuple[str, str, str]]:
    """The page's text as a reader sees it, blocks on lines of their own."""
    text = html.unescape(ANY_TAG.sub("", BLOCK_TAG.sub("\n", _decode(data))))
    return [("HTML", "text", text)]


def find_leftovers(data: bytes, *, content_type: str, patterns) -> list[tuple[int, str, str]]:
    """The raw text, the text with character references resolved and URLs decoded, and the
    text without tags (inline tags removed, block tags as breaks)."""
    raw = _decode(data)
    unescaped = html.unescape(raw)
    stripped = html.unescape(ANY_TAG.sub("", BLOCK_TAG.sub("\x00", raw)))
    found = []
    for text, layer in ((raw, "raw"), (unescaped, "raw"), (unquote(unescaped), "raw")):
        found += [(i, "HTML", layer) for i in sorted(found_indexes(text, patterns))]
    found += [(i, "HTML", "text") for i in sorted(found_indexes(stripped, patterns))]
    return found
