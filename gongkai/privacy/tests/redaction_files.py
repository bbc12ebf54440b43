"""Real files for the redaction tests, made here with PyMuPDF, python-docx and openpyxl, and
an independent trace search: every stream of the bytes inflated, every zip member read, and
the string looked for in every encoding a file may use — without the module under test."""

import io
import re
import zipfile
import zlib

import pymupdf

from gongkai.privacy.tests.examples import id_number

ID = id_number("11010119900307452")
MOBILE = "13812345678"
NAME = "王小明"
KEPT = "本段不涉及个人信息，应当保留"
BASIS = "《中华人民共和国政府信息公开条例》第十五条、第三十七条"
CJK = "china-s"


def needles(string: str) -> list[bytes]:
    """The byte spellings of a string: UTF-8, UTF-16 both ways, GB18030, hex."""
    spelled = [string.encode(e) for e in ("utf-8", "utf-16-be", "utf-16-le", "gb18030")]
    return spelled + [s.hex().encode() for s in spelled[:2]]


def _layers(data: bytes) -> list[bytes]:
    blobs = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        try:
            blobs.append(zlib.decompressobj().decompress(match.group(1).strip(b"\r\n")))
        except zlib.error:
            blobs.append(match.group(1))
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                blobs += [name.encode(), *_layers(package.read(name))]
    return blobs


def raw_traces(data: bytes, string: str) -> bool:
    """Whether the string is anywhere in the (decompressed) bytes, in any spelling."""
    wanted = needles(string)
    blobs = _layers(data)
    return any(needle in blob.lower() or needle in blob for blob in blobs for needle in wanted)


def _save(doc: pymupdf.Document) -> bytes:
    return doc.tobytes(deflate=True)


def text_pdf() -> bytes:
    """A text layer: a number inline, a phone number spaced, a number broken over two lines."""
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        f"申请人{NAME}，身份证号码{ID}，请予核实。",
        "联系电话 138 1234 5678，工作日可联系。",
        f"证件号码：{ID[:10]}",
        f"{ID[10:]}（续上行）。",
        KEPT + "。",
    ]
    for n, line in enumerate(lines):
        page.insert_text((72, 90 + 24 * n), line, fontname=CJK, fontsize=11)
    return _save(doc)


def scanned_pdf() -> tuple[bytes, pymupdf.Rect]:
    """A scanned page: the text only in an image, with an invisible OCR text layer above it.
    Returns the file and where the number is on the page."""
    source = pymupdf.open()
    page = source.new_page()
    page.insert_text((72, 100), f"身份证号码{ID}", fontname=CJK, fontsize=14)
    page.insert_text((72, 140), KEPT, fontname=CJK, fontsize=14)
    where = page.search_for(ID)[0]
    pixmap = page.get_pixmap(dpi=144)
    doc = pymupdf.open()
    scan = doc.new_page(width=page.rect.width, height=page.rect.height)
    scan.insert_image(scan.rect, pixmap=pixmap)
    scan.insert_text((72, 100), f"身份证号码{ID}", fontname=CJK, fontsize=14, render_mode=3)
    scan.insert_text((72, 140), KEPT, fontname=CJK, fontsize=14, render_mode=3)
    return _save(doc), where


def form_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), KEPT, fontname=CJK, fontsize=11)
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "id_number"
    widget.field_value = ID
    widget.rect = pymupdf.Rect(72, 100, 300, 120)
    page.add_widget(widget)
    return _save(doc)


def annotated_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), KEPT, fontname=CJK, fontsize=11)
    note = page.add_text_annot((72, 100), f"核实：申请人身份证号码{ID}")
    note.set_info(title="经办人")
    note.update()
    box = page.add_freetext_annot(pymupdf.Rect(72, 150, 400, 180), f"电话{MOBILE}", fontsize=10)
    box.update()
    return _save(doc)


XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:description>申请人身份证号码{id}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def metadata_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), KEPT, fontname=CJK, fontsize=11)
    doc.set_metadata(
        {
            "title": f"关于{NAME}申请的答复",
            "author": NAME,
            "subject": f"身份证号码{ID}",
            "keywords": f"{MOBILE}, 答复",
        }
    )
    doc.set_xml_metadata(XMP.format(id=ID))
    return _save(doc)


def embedded_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), KEPT, fontname=CJK, fontsize=11)
    doc.embfile_add("application.txt", f"申请人身份证号码：{ID}".encode(), desc="申请材料")
    doc.embfile_add("catalogue.txt", "公开目录".encode(), desc="目录")
    return _save(doc)


def incremental_pdf(path) -> bytes:
    """Revision 1 shows the number; revision 2, an incremental update, replaced the page's
    text. A reader shows revision 2, the file still holds revision 1."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), f"身份证号码{ID}", fontname=CJK, fontsize=11)
    doc.save(path, deflate=True)
    doc.close()
    doc = pymupdf.open(path)
    page = doc[0]
    page.clean_contents()
    xref = page.get_contents()[0]
    doc.update_stream(xref, b"q Q")
    page.insert_text((72, 72), KEPT, fontname=CJK, fontsize=11)
    doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    doc.close()
    return path.read_bytes()


def docx_file() -> bytes:
    """Split runs, a table, a header, a tracked deletion, a comment and core properties."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("申请人")
    for piece in (NAME[:1], NAME[1:], "，身份证号码", ID[:6], ID[6:12], ID[12:]):
        paragraph.add_run(piece)
    document.add_paragraph(KEPT)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "联系电话"
    table.cell(0, 1).text = MOBILE
    document.sections[0].header.paragraphs[0].text = f"经办：{NAME}"
    commented = document.add_paragraph("见批注")
    document.add_comment(commented.runs, text=f"核实{ID}", author=NAME, initials="W")
    document.core_properties.author = NAME
    document.core_properties.title = f"{NAME}的申请"
    out = io.BytesIO()
    document.save(out)
    return _with_tracked_deletion(out.getvalue())


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _with_tracked_deletion(data: bytes) -> bytes:
    """python-docx does not write tracked changes: put one (a deleted phone number and an
    inserted text) into the body's XML."""
    deletion = (
        f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">原电话：</w:t></w:r>'
        f'<w:del w:id="90" w:author="{NAME}" w:date="2026-11-01T00:00:00Z"><w:r>'
        f"<w:delText>{MOBILE[:7]}</w:delText></w:r><w:r><w:delText>{MOBILE[7:]}</w:delText>"
        f'</w:r></w:del><w:ins w:id="91" w:author="审核人" w:date="2026-11-01T00:00:00Z">'
        "<w:r><w:t>（已更正）</w:t></w:r></w:ins></w:p>"
    )
    return _replace_in_zip(data, "word/document.xml", "<w:sectPr", deletion + "<w:sectPr")


def _replace_in_zip(data: bytes, part: str, old: str, new: str, added=None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            raw = source.read(info)
            if info.filename == part:
                text = raw.decode()
                index = text.rfind(old)
                raw = (text[:index] + new + text[index + len(old) :]).encode()
            target.writestr(info, raw)
        for name, raw in (added or {}).items():
            target.writestr(name, raw)
    return out.getvalue()


S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED = (
    f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{S}" count="1" uniqueCount="1">'
    f"<si><r><t>经办人{NAME[:1]}</t></r><r><rPr><b/></rPr><t>{NAME[1:]}</t></r>"
    f"<r><t>，电话{MOBILE[:3]}</t></r><r><t>{MOBILE[3:]}</t></r></si></sst>"
)


def _with_shared_string(data: bytes) -> bytes:
    """openpyxl writes inline strings; Excel writes a shared-strings table. Add one, as rich
    text whose runs split a name and a number, used by cell A5."""
    data = _replace_in_zip(
        data,
        "xl/worksheets/sheet1.xml",
        "</sheetData>",
        '<row r="5"><c r="A5" t="s"><v>0</v></c></row></sheetData>',
        added={"xl/sharedStrings.xml": SHARED.encode()},
    )
    rel = (
        '<Relationship Id="rIdShared" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    data = _replace_in_zip(data, "xl/_rels/workbook.xml.rels", "</Relationships>", rel)
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return _replace_in_zip(data, "[Content_Types].xml", "</Types>", override)


def xlsx_file() -> bytes:
    """A cell, a shared string, a number cell, a comment, a sheet name, a defined name and
    properties."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "申请登记"
    sheet.append(["姓名", "身份证号码", "电话", "备注"])
    sheet.append([NAME, ID, int(MOBILE), KEPT])
    sheet.append(["合计", None, None, f"{NAME}等1人"])
    sheet["D2"].comment = Comment(f"核实{ID}", NAME)
    named = book.create_sheet(f"{NAME}材料")
    named["A1"] = "材料清单"
    book.defined_names[f"name_{MOBILE}"] = DefinedName(
        f"name_{MOBILE}", attr_text=f"'{NAME}材料'!$A$1"
    )
    book.properties.creator = NAME
    book.properties.title = f"{NAME}的申请"
    out = io.BytesIO()
    book.save(out)
    return _with_shared_string(out.getvalue())
