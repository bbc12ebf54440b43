"""DOCX and XLSX redaction on real files made with python-docx and openpyxl: every part of the
package must come out without the string, checked by `verify_clean` and by reading every
member of the zip independently."""

import io
import zipfile

import docx
import openpyxl
import pytest

from gongkai.privacy.redaction import DOCX, MARK, XLSX, RedactionError, redact, verify_clean
from gongkai.privacy.tests import redaction_files as files
from gongkai.privacy.tests.redaction_files import BASIS, ID, KEPT, MOBILE, NAME, raw_traces

STRINGS = [ID, MOBILE, NAME]


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n).decode("utf-8", "replace") for n in package.namelist()}


def _assert_clean(data: bytes, content_type: str) -> None:
    assert verify_clean(data, content_type=content_type, strings=STRINGS) == []
    for string in STRINGS:
        assert not raw_traces(data, string), string


# DOCX


def test_docx_fixture_holds_the_strings_in_every_place():
    parts = _parts(files.docx_file())
    places = {
        left.place for left in verify_clean(files.docx_file(), content_type=DOCX, strings=STRINGS)
    }
    assert ID not in parts["word/document.xml"]  # split over runs: only the reader sees it
    assert MOBILE[:7] in parts["word/document.xml"]  # in w:delText
    assert {"word/document.xml", "word/comments.xml", "docProps/core.xml"} <= places
    assert any(place.startswith("word/header") for place in places)


def test_docx_every_place_is_cleaned():
    result = redact(files.docx_file(), content_type=DOCX, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data, DOCX)
    document = docx.Document(io.BytesIO(result.data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == f"申请人{MARK}，身份证号码{MARK}"
    assert KEPT in texts
    assert document.tables[0].cell(0, 0).text == "联系电话"
    assert document.tables[0].cell(0, 1).text == MARK
    assert document.sections[0].header.paragraphs[0].text == f"经办：{MARK}"
    assert document.core_properties.author == MARK
    assert document.core_properties.title == f"{MARK}的申请"


def test_docx_tracked_deletion_is_cleaned_and_insertion_kept():
    result = redact(files.docx_file(), content_type=DOCX, strings=[MOBILE], basis=BASIS)

    body = _parts(result.data)["word/document.xml"]
    assert MOBILE[:7] not in body
    assert MOBILE[7:] not in body
    assert "（已更正）" in body
    assert "<w:delText" in body  # still a tracked change, only without the number


def test_docx_note_is_the_last_paragraph():
    result = redact(files.docx_file(), content_type=DOCX, strings=STRINGS, basis=BASIS)

    last = docx.Document(io.BytesIO(result.data)).paragraphs[-1].text
    assert last == f"本文件依据{BASIS}作了删减处理，共删减{result.count}处。"
    assert result.count >= 8
    assert {n.place for n in result.report} >= {"word/document.xml", "word/comments.xml"}


# XLSX


def test_xlsx_fixture_holds_the_strings():
    places = {
        left.place for left in verify_clean(files.xlsx_file(), content_type=XLSX, strings=STRINGS)
    }
    assert {"xl/workbook.xml", "xl/sharedStrings.xml", "docProps/core.xml"} <= places
    assert any("comments" in place for place in places)


def test_xlsx_every_place_is_cleaned():
    result = redact(files.xlsx_file(), content_type=XLSX, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data, XLSX)
    book = openpyxl.load_workbook(io.BytesIO(result.data))
    assert book.sheetnames == ["申请登记", f"{MARK}材料", "删减说明"]
    sheet = book["申请登记"]
    assert [c.value for c in sheet[2]] == [MARK, MARK, MARK, KEPT]
    assert sheet["D3"].value == f"{MARK}等1人"
    assert sheet["D2"].comment.text == f"核实{MARK}"
    assert book.properties.creator == MARK
    assert book[f"{MARK}材料"]["A1"].value == "材料清单"
    assert sheet["A5"].value == f"经办人{MARK}，电话{MARK}"
    assert list(book.defined_names) == ["name_已删减"]
    assert book.defined_names["name_已删减"].attr_text == f"'{MARK}材料'!$A$1"


def test_xlsx_note_sheet():
    result = redact(files.xlsx_file(), content_type=XLSX, strings=STRINGS, basis=BASIS)

    note = openpyxl.load_workbook(io.BytesIO(result.data))["删减说明"]
    assert note["A1"].value == "删减说明"
    assert note["A2"].value == f"本文件依据{BASIS}作了删减处理，共删减{result.count}处。"


def test_xlsx_sheet_names_stay_unique():
    book = openpyxl.Workbook()
    book.active.title = NAME
    book.create_sheet(MOBILE)
    out = io.BytesIO()
    book.save(out)

    result = redact(out.getvalue(), content_type=XLSX, strings=STRINGS, basis=BASIS)

    names = openpyxl.load_workbook(io.BytesIO(result.data)).sheetnames
    assert names == [MARK, f"{MARK}（2）", "删减说明"]


def test_a_package_that_is_not_the_declared_kind_is_refused():
    with pytest.raises(RedactionError, match="DOCX"):
        redact(files.xlsx_file(), content_type=DOCX, strings=STRINGS, basis=BASIS)


def test_not_a_zip_is_refused():
    with pytest.raises(RedactionError, match="DOCX/XLSX"):
        redact(b"not a zip", content_type=XLSX, strings=STRINGS, basis=BASIS)


def _with_member(data: bytes, name: str, member: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, member)
    return out.getvalue()


def test_a_workbook_embedded_in_a_document_is_redacted_too():
    embedded = "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    original = _with_member(files.docx_file(), embedded, files.xlsx_file())
    assert embedded in {
        left.place for left in verify_clean(original, content_type=DOCX, strings=STRINGS)
    }

    result = redact(original, content_type=DOCX, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data, DOCX)
    inner = zipfile.ZipFile(io.BytesIO(result.data)).read(embedded)
    assert openpyxl.load_workbook(io.BytesIO(inner))["申请登记"]["D2"].value == KEPT
    assert embedded in {n.place for n in result.report}


def test_a_document_attached_to_a_pdf_is_found_and_removed():
    import pymupdf

    from gongkai.privacy.redaction import PDF

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "附件见后", fontname=files.CJK)
    doc.embfile_add("application.docx", files.docx_file())
    original = doc.tobytes()
    assert not raw_traces(original, ID)  # deflated inside the zip: no byte search sees it
    assert verify_clean(original, content_type=PDF, strings=[ID])

    result = redact(original, content_type=PDF, strings=[ID], basis=BASIS)

    assert verify_clean(result.data, content_type=PDF, strings=[ID]) == []
    assert pymupdf.open(stream=result.data, filetype="pdf").embfile_names() == []
