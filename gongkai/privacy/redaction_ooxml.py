"""DOCX and XLSX redaction on the package's XML: every part of the zip is read, so body,
tables, headers, footers, footnotes, comments, tracked changes (w:delText), shared strings,
inline strings, cell values, sheet names, defined names and document properties are all
cleaned the same way. The XML is edited in place (not through python-docx or openpyxl,
which would drop the parts they do not model: images, charts, comments' anchors …).

A string split over several runs (张|三 in two w:r, a rich-text shared string) is found
across the runs of one paragraph; tracked changes are read as the current text, as the
original text and as both together, so a number half deleted and half inserted is found."""

import io
import zipfile
from urllib.parse import unquote

from django.utils.translation import gettext as _
from lxml import etree

from gongkai.privacy import rawscan
from gongkai.privacy.redaction import (
    DOCX,
    XLSX,
    Redacted,
    RedactionError,
    Slot,
    found_indexes,
    note_text,
    notes_from_counts,
    redact_slots,
    redact_text,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_SUFFIXES = (".xml", ".rels", ".vml")

# Elements whose text elements form one running text, and those text elements.
CONTAINERS = {
    f"{{{W}}}p": {f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}instrText"},
    f"{{{S}}}si": {f"{{{S}}}t"},
    f"{{{S}}}is": {f"{{{S}}}t"},
    f"{{{S}}}text": {f"{{{S}}}t"},  # a comment
    f"{{{A}}}p": {f"{{{A}}}t"},  # text in shapes and charts
}
INSERTED, DELETED_TEXT = f"{{{W}}}ins", f"{{{W}}}delText"
NOTE_SHEET = "删减说明"
MAX_UNPACKED = 512 * 1024 * 1024  # a zip bomb is refused, not unpacked


def _read(data: bytes) -> zipfile.ZipFile:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise RedactionError(_("无法读取该 Office 文件（不是有效的 DOCX/XLSX 压缩包）。")) from exc
    if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
        raise RedactionError(_("该 Office 文件解压后过大，无法删减。"))
    return package


def _parse(raw: bytes):
    try:
        return etree.fromstring(raw, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError:
        return None


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _container_of(element, containers):
    parent = element.getparent()
    while parent is not None and parent.tag not in containers:
        parent = parent.getparent()
    return parent


def _text_slot(element) -> Slot:
    def write(text: str) -> None:
        element.text = text
        if element.tag.startswith(f"{{{W}}}"):
            element.set(XML_SPACE, "preserve")

    return Slot(get=lambda: element.text or "", set=write)


def _views(container, texts):
    """The running texts of one container: as it reads now, as it read before the tracked
    changes, and everything together."""
    if container.tag != f"{{{W}}}p":
        return [texts]
    current = [t for t in texts if t.tag != DELETED_TEXT]
    original = [t for t in texts if not any(a.tag == INSERTED for a in t.iterancestors())]
    return [current, original, texts]


def _redact_containers(root, patterns) -> dict[int, int]:
    counts: dict[int, int] = {}
    for tag, text_tags in CONTAINERS.items():
        for container in root.iter(tag):
            texts = [
                t for t in container.iter(*text_tags) if _container_of(t, CONTAINERS) is container
            ]
            for view in _views(container, texts):
                _add(counts, redact_slots([_text_slot(t) for t in view], patterns))
    return counts


def _redact_numeric_cells(root, patterns) -> dict[int, int]:
    """A number cell (a phone number typed as a number) becomes an inline text cell."""
    counts: dict[int, int] = {}
    for cell in root.iter(f"{{{S}}}c"):
        value = cell.find(f"{{{S}}}v")
        if value is None or cell.get("t") in ("s", "str", "inlineStr", "e"):
            continue
        cleaned, found = redact_text(value.text or "", patterns)
        if found:
            for child in list(cell):
                cell.remove(child)
            cell.set("t", "inlineStr")
            inline = etree.SubElement(cell, f"{{{S}}}is")
            etree.SubElement(inline, f"{{{S}}}t").text = cleaned
            _add(counts, found)
    return counts


def _redact_everything_else(root, patterns) -> dict[int, int]:
    """Every remaining text, tail and attribute (sheet names, authors, alt text, link
    targets, properties, formulas)."""
    counts: dict[int, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("text", "tail"):
            cleaned, found = redact_text(getattr(element, attr) or "", patterns)
            if found:
                setattr(element, attr, cleaned)
                _add(counts, found)
        for name, value in element.attrib.items():
            cleaned, found = redact_text(value, patterns)
            if not found and found_indexes(unquote(value), patterns):
                cleaned, found = redact_text(unquote(value), patterns)
            if found:
                element.set(name, cleaned)
                _add(counts, found)
    return counts


def _redact_defined_names(root, patterns) -> dict[int, int]:
    """A defined name may hold letters, digits, _ and . only: the mark there is 已删减, made
    unique with a number."""
    counts: dict[int, int] = {}
    taken = {d.get("name") for d in root.iter(f"{{{S}}}definedName")}
    for defined in root.iter(f"{{{S}}}definedName"):
        cleaned, found = redact_text(defined.get("name") or "", patterns, mark="已删减")
        if found:
            candidate, n = cleaned, 2
            while candidate in taken:
                candidate, n = f"{cleaned}_{n}", n + 1
            taken.add(candidate)
            defined.set("name", candidate)
            _add(counts, found)
    return counts


def _unique_sheet_names(root) -> None:
    """Two sheets whose names were both redacted would share a name, which Excel refuses."""
    seen: set[str] = set()
    for sheet in root.iter(f"{{{S}}}sheet"):
        name, n = sheet.get("name"), 2
        while sheet.get("name") in seen:
            sheet.set("name", f"{name}（{n}）")
            n += 1
        seen.add(sheet.get("name"))


def _redact_part(name: str, raw: bytes, patterns) -> tuple[bytes, dict[int, int]]:
    if rawscan.is_zip(raw):  # an embedded DOCX/XLSX (word/embeddings/…)
        inner = _redact_package(raw, patterns)
        return inner[0], inner[1]
    if not name.lower().endswith(XML_SUFFIXES):
        return raw, {}
    root = _parse(raw)
    if root is None:  # legacy VML is often not well-formed XML: clean it as text
        cleaned, found = redact_text(raw.decode("utf-8", "replace"), patterns)
        return (cleaned.encode() if found else raw), found
    counts = _redact_containers(root, patterns)
    _add(counts, _redact_numeric_cells(root, patterns))
    _add(counts, _redact_defined_names(root, patterns))
    _add(counts, _redact_everything_else(root, patterns))
    if not counts:
        return raw, {}
    if name == "xl/workbook.xml":
        _unique_sheet_names(root)
    return _serialise(root), counts


def _redact_package(data: bytes, patterns) -> tuple[bytes, dict[int, int], dict, list]:
    """(new package, total counts, {part: counts}, order of parts) without a note."""
    source = _read(data)
    parts, per_part, total = {}, {}, {}
    for info in source.infolist():
        raw = source.read(info)
        parts[info.filename], counts = _redact_part(info.filename, raw, patterns)
        if counts:
            per_part[info.filename] = counts
            _add(total, counts)
    return _write(source.infolist(), parts), total, per_part, source.infolist()


def _write(infos, parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = [i.filename for i in infos]
        for name in names + [n for n in parts if n not in names]:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            target.writestr(info, parts[name], compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _add_docx_note(parts: dict[str, bytes], text: str) -> None:
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{{{W}}}body")
    paragraph = etree.Element(f"{{{W}}}p")
    etree.SubElement(etree.SubElement(paragraph, f"{{{W}}}r"), f"{{{W}}}t").text = text
    last = body[-1] if len(body) else None
    if last is not None and last.tag == f"{{{W}}}sectPr":
        last.addprevious(paragraph)
    else:
        body.append(paragraph)
    parts["word/document.xml"] = _serialise(root)


def _add_xlsx_note(parts: dict[str, bytes], text: str) -> None:
    """A sheet 删减说明 (workbook, its relationships and the content types all told)."""
    n = 1
    while f"xl/worksheets/sheet{n}.xml" in parts:
        n += 1
    target = f"worksheets/sheet{n}.xml"
    parts[f"xl/{target}"] = _serialise(_note_sheet(text))
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    ids = {r.get("Id") for r in rels}
    rid = next(f"rId{i}" for i in range(1, len(ids) + 2) if f"rId{i}" not in ids)
    etree.SubElement(
        rels,
        f"{{{PKG_R}}}Relationship",
        Id=rid,
        Type=f"{R}/worksheet",
        Target=target,
    )
    parts["xl/_rels/workbook.xml.rels"] = _serialise(rels)
    workbook = etree.fromstring(parts["xl/workbook.xml"])
    sheets = workbook.find(f"{{{S}}}sheets")
    names = {s.get("name") for s in sheets}
    name = NOTE_SHEET if NOTE_SHEET not in names else f"{NOTE_SHEET}（{len(names) + 1}）"
    sheet_id = max((int(s.get("sheetId")) for s in sheets), default=0) + 1
    entry = etree.SubElement(sheets, f"{{{S}}}sheet", name=name, sheetId=str(sheet_id))
    entry.set(f"{{{R}}}id", rid)
    parts["xl/workbook.xml"] = _serialise(workbook)
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(
        types,
        f"{{{CT}}}Override",
        PartName=f"/xl/{target}",
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    )
    parts["[Content_Types].xml"] = _serialise(types)


def _note_sheet(text: str):
    sheet = etree.Element(f"{{{S}}}worksheet", nsmap={None: S})
    data = etree.SubElement(sheet, f"{{{S}}}sheetData")
    for number, line in enumerate((NOTE_SHEET, text), start=1):
        row = etree.SubElement(data, f"{{{S}}}row", r=str(number))
        cell = etree.SubElement(row, f"{{{S}}}c", r=f"A{number}", t="inlineStr")
        etree.SubElement(etree.SubElement(cell, f"{{{S}}}is"), f"{{{S}}}t").text = line
    return sheet


def _add(counts: dict[int, int], found: dict[int, int]) -> None:
    for index, count in found.items():
        counts[index] = counts.get(index, 0) + count


def redact(data: bytes, *, content_type: str, patterns, plain, basis: str, note: bool = True):
    """See `redaction.redact`."""
    kind = content_type.split(";")[0].strip().lower()
    _package, total, per_part, infos = _redact_package(data, patterns)
    source = _read(_package)
    parts = {info.filename: source.read(info) for info in source.infolist()}
    main = "word/document.xml" if kind == DOCX else "xl/workbook.xml"
    if main not in parts:
        raise RedactionError(_("该文件不是有效的 %(kind)s 文件。") % {"kind": _kind_name(kind)})
    report = []
    for part, counts in per_part.items():
        layer = "properties" if part.startswith("docProps/") else "content"
        report += notes_from_counts(counts, place=part, layer=layer, basis=basis)
    if note and total:
        text = note_text(basis=basis, count=sum(total.values()))
        (_add_docx_note if kind == DOCX else _add_xlsx_note)(parts, text)
    return Redacted(data=_write(infos, parts), content_type=content_type, report=report)


def _kind_name(kind: str) -> str:
    return {DOCX: "DOCX", XLSX: "XLSX"}.get(kind, kind)


def _part_texts(root, *, current_only: bool = False) -> list[str]:
    """Every running text of a part: each container's views, each text, tail and attribute
    (for the detector: each container as it reads now, then the texts outside them)."""
    texts = []
    for tag, text_tags in CONTAINERS.items():
        for container in root.iter(tag):
            inner = [
                t for t in container.iter(*text_tags) if _container_of(t, CONTAINERS) is container
            ]
            views = _views(container, inner)[:1] if current_only else _views(container, inner)
            texts += ["".join(t.text or "" for t in view) for view in views]
    for element in root.iter():
        if current_only and _container_of(element, CONTAINERS) is not None:
            continue
        texts += [element.text or "", element.tail or ""]
        texts += [v for value in element.attrib.values() for v in (value, unquote(value))]
    return texts


def passages(data: bytes) -> list[tuple[str, str, str]]:
    """(part, layer, text) for every XML part: its paragraphs, strings and comments as they
    read now, one a line, then its other texts and attributes."""
    out = []
    source = _read(data)
    for info in source.infolist():
        if not info.filename.lower().endswith(XML_SUFFIXES):
            continue
        root = _parse(source.read(info))
        if root is None:
            continue
        texts = [t for t in _part_texts(root, current_only=True) if t.strip()]
        layer = "properties" if info.filename.startswith("docProps/") else "content"
        out.append((info.filename, layer, "\n".join(texts)))
    return out


def find_leftovers(data: bytes, *, content_type: str, patterns) -> list[tuple[int, str, str]]:
    """(string index, part, layer) for every match in any part of the package; binary parts
    are read as text in every encoding and packages inside the package are opened too."""
    found = []
    source = _read(data)
    for info in source.infolist():
        raw, name = source.read(info), info.filename
        found += [(i, name, "part_name") for i in found_indexes(unquote(name), patterns)]
        root = _parse(raw) if name.lower().endswith(XML_SUFFIXES) else None
        hits = rawscan.find_in_blob(raw, patterns) if root is None else set()
        if root is not None:
            for text in _part_texts(root):
                hits |= found_indexes(text, patterns)
            hits |= rawscan.find_in_text_blob(raw, patterns)
        layer = "properties" if name.startswith("docProps/") else "content"
        found += [(i, name, layer) for i in sorted(hits)]
    return found
