"""PDF redaction with PyMuPDF: the text goes from the content streams and the image pixels
under it are burnt out (`apply_redactions`), then every other layer is cleaned — form
fields, annotations, links, outlines, metadata (Info and XMP), embedded files — and the file
is written anew with garbage collection, so that the old revisions an incremental update
left behind are gone. A page whose text survives `apply_redactions` is rasterised (last
resort, reported). `find_leftovers` reads every layer again, including a raw scan of every
object and of every stream in the file's bytes."""

import html
import re
from urllib.parse import unquote

import pymupdf
from django.utils.translation import gettext as _

from gongkai.privacy import rawscan
from gongkai.privacy.redaction import (
    Redacted,
    RedactionError,
    find_spans,
    found_indexes,
    note_text,
    notes_from_counts,
    redact_text,
)

# Keep characters outside the media box: hidden text is still text that leaks.
TEXT_FLAGS = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_MEDIABOX_CLIP
CJK_FONT = "china-s"  # PyMuPDF's built-in Droid Sans Fallback
RASTER_DPI = 150
META_LAYER = "metadata"


def _open(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises plain exceptions for damaged files
        raise RedactionError(_("无法读取该 PDF 文件。")) from exc
    if doc.needs_pass:
        raise RedactionError(_("该 PDF 文件已加密，无法删减；请提供未加密的文件。"))
    return doc


def _page_text(page: pymupdf.Page) -> tuple[str, list]:
    """The page's text (visible or not: an OCR layer is invisible) with each character's box;
    lines are joined by a newline, so that a string broken over two lines is still found."""
    chars, boxes = [], []
    for block in page.get_text("rawdict", flags=TEXT_FLAGS)["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for char in span["chars"]:
                    for c in char["c"]:
                        chars.append(c)
                        boxes.append(char["bbox"])  # a tuple: Rects only for matches
            chars.append("\n")
            boxes.append(None)
    return "".join(chars), boxes


def _line_rects(boxes) -> list[pymupdf.Rect]:
    """One rectangle per line piece of a match (a match broken over lines gives two)."""
    rects: list[pymupdf.Rect] = []
    current = None
    for raw in [*boxes, None]:
        box = None if raw is None else pymupdf.Rect(raw)
        if box is None or (current is not None and abs(box.y0 - current.y0) > box.height / 2):
            if current is not None:
                rects.append(current)
            current = None if box is None else pymupdf.Rect(box)
        else:
            current = pymupdf.Rect(box) if current is None else current | box
    return rects


def _match_rects(page, patterns) -> tuple[list[pymupdf.Rect], dict[int, int]]:
    text, boxes = _page_text(page)
    rects, counts = [], {}
    for start, end, index in find_spans(text, patterns):
        rects += _line_rects([b for b in boxes[start:end] if b is not None])
        counts[index] = counts.get(index, 0) + 1
    return rects, counts


def _redact_page_text(doc, page, patterns, strings) -> tuple[dict[int, int], bool]:
    """Remove the matches from the page's content and its images; rasterise if text remains."""
    rects, counts = _match_rects(page, patterns)
    # PyMuPDF's own search as a second opinion (it knows ligatures and hyphenation).
    for string in strings:
        rects += page.search_for(string)
    if not rects:
        return counts, False
    for rect in rects:
        page.add_redact_annot(rect, fill=(0, 0, 0), cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    remaining, _counts = _match_rects(page, patterns)
    if remaining:
        _rasterise(doc, page, rects + remaining)
        return counts, True
    return counts, False


def _rasterise(doc, page, rects) -> None:
    """Last resort: the page becomes a picture of itself with the matches blacked out."""
    for rect in rects:
        page.draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
    pixmap = page.get_pixmap(dpi=RASTER_DPI, annots=False)
    for xref in page.get_contents():
        doc.update_stream(xref, b" ")
    doc.xref_set_key(page.xref, "Resources", "<<>>")
    page.insert_image(page.rect, pixmap=pixmap)


def _clean_widgets(page, patterns, basis, place) -> list:
    notes = []
    for widget in list(page.widgets()):
        counts: dict[int, int] = {}
        for attr in ("field_value", "field_label"):
            value = getattr(widget, attr)
            if isinstance(value, str):
                cleaned, found = redact_text(value, patterns)
                if found:
                    setattr(widget, attr, cleaned)
                    _add(counts, found)
        choices = widget.choice_values or []
        if any(isinstance(c, str) and found_indexes(c, patterns) for c in choices):
            cleaned_choices = []
            for choice in choices:
                cleaned, found = redact_text(choice, patterns)
                cleaned_choices.append(cleaned)
                _add(counts, found)
            widget.choice_values = cleaned_choices
        if counts:
            widget.update()
            notes += notes_from_counts(counts, place=place, layer="form_field", basis=basis)
    return notes


def _clean_annotations(doc, page, patterns, basis, place) -> list:
    counts: dict[int, int] = {}
    doomed = []
    for annot in page.annots():
        changes = {}
        for key in ("content", "title", "subject"):
            cleaned, found = redact_text(annot.info.get(key) or "", patterns)
            if found:
                changes[key] = cleaned
                _add(counts, found)
        if changes:
            annot.set_info(**changes)
            annot.update()
        kind, rich = doc.xref_get_key(annot.xref, "RC")
        if kind != "null" and found_indexes(rich, patterns):
            doc.xref_set_key(annot.xref, "RC", "null")
            _add(counts, dict.fromkeys(found_indexes(rich, patterns), 1))
        if annot.type[0] == pymupdf.PDF_ANNOT_FILE_ATTACHMENT:
            info = annot.file_info
            hits = rawscan.find_in_blob(annot.get_file(), patterns) | found_indexes(
                " ".join(str(v) for v in info.values()), patterns
            )
            if hits:
                doomed.append(annot.xref)
                _add(counts, dict.fromkeys(hits, 1))
    for xref in doomed:
        page.delete_annot(page.load_annot(xref))
    return notes_from_counts(counts, place=place, layer="annotation", basis=basis)


def _clean_links(page, patterns, basis, place) -> list:
    counts: dict[int, int] = {}
    for link in page.get_links():
        hits = found_indexes(unquote(link.get("uri") or ""), patterns)
        if hits:
            page.delete_link(link)
            _add(counts, dict.fromkeys(hits, 1))
    return notes_from_counts(counts, place=place, layer="link", basis=basis)


def _clean_metadata(doc, patterns, basis) -> list:
    notes = []
    kind, ref = doc.xref_get_key(-1, "Info")
    if kind == "xref":
        info = int(ref.split()[0])
        for key in doc.xref_get_keys(info):
            kind, value = doc.xref_get_key(info, key)
            if kind != "string":
                continue
            cleaned, found = redact_text(value, patterns)
            if found:
                doc.xref_set_key(info, key, pymupdf.get_pdf_str(cleaned))
                notes += notes_from_counts(found, place=key, layer=META_LAYER, basis=basis)
    xmp = doc.get_xml_metadata()
    if xmp:
        cleaned, found = redact_text(xmp, patterns)
        hidden = found_indexes(html.unescape(cleaned), patterns)
        if found or hidden:
            if hidden:  # written with character references: drop the XMP packet whole
                doc.del_xml_metadata()
            else:
                doc.set_xml_metadata(cleaned)
            _add(found, dict.fromkeys(hidden, 1))
            notes += notes_from_counts(found, place="XMP", layer=META_LAYER, basis=basis)
    return notes


def _clean_outline(doc, patterns, basis) -> list:
    toc = doc.get_toc(simple=False)
    counts: dict[int, int] = {}
    for item in toc:
        cleaned, found = redact_text(item[1], patterns)
        if found:
            item[1] = cleaned
            _add(counts, found)
    if counts:
        doc.set_toc(toc)
    return notes_from_counts(counts, place=_("书签"), layer="outline", basis=basis)


def _clean_embedded(doc, patterns, basis) -> list:
    notes = []
    for name in doc.embfile_names():
        info = doc.embfile_info(name)
        labels = " ".join(str(info.get(k) or "") for k in ("name", "filename", "ufilename", "desc"))
        hits = found_indexes(labels, patterns) | rawscan.find_in_blob(
            doc.embfile_get(name), patterns
        )
        if hits:
            # An attachment is removed whole: its own format may hide the text in ways this
            # module does not read, and a half-cleaned attachment is worse than none.
            doc.embfile_del(name)
            notes += notes_from_counts(
                dict.fromkeys(hits, 1), place=name, layer="embedded_file", basis=basis
            )
    return notes


NAME_TOKEN = re.compile(r"/([^\s/<>\[\]()%{}]+)")


def _clean_object_strings(doc, patterns, basis) -> list:
    """The last sweep: every string value in every object's dictionaries (JavaScript, field
    names, custom keys, action targets …), four levels deep."""
    counts: dict[int, int] = {}

    def walk(xref: int, path: str, source: str, depth: int) -> None:
        for key in dict.fromkeys(NAME_TOKEN.findall(source)):
            full = f"{path}/{key}" if path else key
            kind, value = doc.xref_get_key(xref, full)
            if kind == "string":
                cleaned, found = redact_text(value, patterns)
                if found:
                    doc.xref_set_key(xref, full, pymupdf.get_pdf_str(cleaned))
                    _add(counts, found)
            elif kind == "dict" and depth < 4:
                walk(xref, full, value, depth + 1)

    for xref in range(1, doc.xref_length()):
        source = doc.xref_object(xref, compressed=True)
        # Walk only the objects whose string tokens spell a withheld string.
        tokens = rawscan.pdf_strings(source.encode("latin-1", "replace"))
        if source.startswith("<<") and rawscan.find_in_text_blob(b"".join(tokens), patterns):
            walk(xref, "", source[2:-2], 0)
    return notes_from_counts(counts, place=_("PDF 对象"), layer="object", basis=basis)


def _add(counts: dict[int, int], found: dict[int, int]) -> None:
    for index, count in found.items():
        counts[index] = counts.get(index, 0) + count


def _show_all_layers(doc) -> dict | None:
    """Switch every optional content group on, so that text in a hidden layer is read (and
    removed) too; returns the configuration to put back."""
    groups = doc.get_ocgs()
    if not groups:
        return None
    saved = doc.get_layer()
    doc.set_layer(-1, on=list(groups), off=[])  # what will be saved …
    for config in doc.layer_ui_configs():  # … and what the open document shows now
        doc.set_layer_ui_config(config["number"], action=0)
    return saved


def _restore_layers(doc, saved: dict | None) -> None:
    if saved is not None:
        doc.set_layer(-1, on=saved.get("on") or [], off=saved.get("off") or [])


def _add_note_page(doc, text: str) -> None:
    last = doc[-1].rect if doc.page_count else pymupdf.paper_rect("a4")
    page = doc.new_page(width=last.width, height=last.height)
    box = pymupdf.Rect(56, 56, last.width - 56, last.height - 56)
    content = _("删减说明") + "\n\n" + text
    for size in (12, 10, 8, 6):  # a long basis must still fit (an overflow writes nothing)
        if page.insert_textbox(box, content, fontname=CJK_FONT, fontsize=size) >= 0:
            return


def redact(data: bytes, *, content_type: str, patterns, plain, basis: str, note: bool = True):
    """See `redaction.redact`; `plain` are the strings without separators."""
    doc = _open(data)
    report, rasterised = [], []
    saved_layers = _show_all_layers(doc)
    for number, page in enumerate(doc, start=1):
        place = _("第%(n)d页") % {"n": number}
        # Fields and annotations first: their appearance is page text too, and cleaned
        # they keep their place instead of being cut out by the text redaction.
        report += _clean_widgets(page, patterns, basis, place)
        report += _clean_annotations(doc, page, patterns, basis, place)
        report += _clean_links(page, patterns, basis, place)
        counts, was_rasterised = _redact_page_text(doc, page, patterns, plain)
        report += notes_from_counts(counts, place=place, layer="text", basis=basis)
        if was_rasterised:
            rasterised.append(number)
    _restore_layers(doc, saved_layers)
    report += _clean_metadata(doc, patterns, basis)
    report += _clean_outline(doc, patterns, basis)
    report += _clean_embedded(doc, patterns, basis)
    report += _clean_object_strings(doc, patterns, basis)
    total = sum(n.count for n in report)
    if note and total:
        text = note_text(basis=basis, count=total)
        if rasterised:
            pages = "、".join(str(n) for n in rasterised)
            rasterised_note = _("第%(pages)s页的文字无法从页面内容中删除，该页已转为图像。")
            text += rasterised_note % {"pages": pages}
        _add_note_page(doc, text)
    out = doc.tobytes(garbage=4, deflate=True, clean=True, encryption=pymupdf.PDF_ENCRYPT_NONE)
    return Redacted(data=out, content_type=content_type, report=report, rasterised_pages=rasterised)


def passages(data: bytes) -> list[tuple[str, str, str]]:
    """(place, layer, text) of every layer a reader can show: page text (hidden layers too),
    form fields, annotations, links, metadata, outline and the embedded files' labels."""
    doc = _open(data)
    _show_all_layers(doc)
    return list(_passages(doc))


def _passages(doc):
    for number, page in enumerate(doc, start=1):
        place = _("第%(n)d页") % {"n": number}
        yield place, "text", _page_text(page)[0]
        for widget in page.widgets():
            values = [widget.field_value, widget.field_label, widget.field_name]
            values += widget.choice_values or []
            yield place, "form_field", "\n".join(str(v) for v in values if v)
        for annot in page.annots():
            yield place, "annotation", "\n".join(str(v) for v in annot.info.values())
        for link in page.get_links():
            yield place, "link", unquote(link.get("uri") or "")
    yield "Info", META_LAYER, "\n".join(str(v) for v in doc.metadata.values() if v)
    xmp = doc.get_xml_metadata()
    yield "XMP", META_LAYER, xmp + "\n" + html.unescape(xmp)
    yield _("书签"), "outline", "\n".join(item[1] for item in doc.get_toc())
    for name in doc.embfile_names():
        info = doc.embfile_info(name)
        yield name, "embedded_file", "\n".join(str(v) for v in info.values())


def find_leftovers(data: bytes, *, content_type: str, patterns) -> list[tuple[int, str, str]]:
    """(string index, place, layer) of every match in any layer of the PDF: the readable
    layers, attached files, every object of the current revision and every stream in the
    file's bytes."""
    doc = _open(data)
    _show_all_layers(doc)
    found = [
        (i, place, layer)
        for place, layer, text in _passages(doc)
        for i in sorted(found_indexes(text or "", patterns))
    ]
    for number, page in enumerate(doc, start=1):
        for annot in page.annots(types=[pymupdf.PDF_ANNOT_FILE_ATTACHMENT]):
            place = _("第%(n)d页") % {"n": number}
            found += [
                (i, place, "annotation") for i in rawscan.find_in_blob(annot.get_file(), patterns)
            ]
    for name in doc.embfile_names():
        found += [
            (i, name, "embedded_file")
            for i in rawscan.find_in_blob(doc.embfile_get(name), patterns)
        ]
    for xref in range(1, doc.xref_length()):
        for i in rawscan.find_in_pdf_object(doc, xref, patterns):
            found.append((i, f"obj {xref}", "object"))
    for i in rawscan.find_in_pdf_bytes(data, patterns):
        found.append((i, _("文件字节（含旧版本）"), "raw"))
    return found
