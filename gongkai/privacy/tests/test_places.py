"""Findings in a document's parts come back with their place: page, paragraph, cell; an image
that no OCR read is reported as not checked."""

import io

import pytest

from gongkai.documents import ocr
from gongkai.documents.extraction import TextPart, extract_parts, extract_text
from gongkai.documents.models import AttachmentKind
from gongkai.documents.tests.factories import pdf_bytes, png_bytes, xlsx_bytes
from gongkai.privacy.detection import Kind
from gongkai.privacy.scan import find_in_document
from gongkai.privacy.tests.examples import id_number

ID = id_number("14010519850228002")


def docx_with(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def places(found) -> list[tuple[str, str]]:
    return [(item.place, item.finding.kind) for item in found]


def test_parts_keep_their_places_and_unread_images_are_not_checked():
    parts = [("第1页", "无"), ("第2页", "电话13812345678"), ("图片", None)]

    found = find_in_document(parts)

    assert places(found) == [("第2页", Kind.MOBILE), ("图片", Kind.NOT_CHECKED)]
    assert [item.is_checked for item in found] == [True, False]


def test_a_pdf_page_is_the_place():
    parts = extract_parts(AttachmentKind.PDF, pdf_bytes(f"Applicant ID {ID}"))

    assert parts == [TextPart("第1页", f"Applicant ID {ID}")]
    assert places(find_in_document(parts)) == [("第1页", Kind.ID_NUMBER)]


def test_a_pdf_page_without_text_is_not_checked():
    parts = extract_parts(AttachmentKind.PDF, pdf_bytes(""))

    assert places(find_in_document(parts)) == [("第1页", Kind.NOT_CHECKED)]


def test_a_docx_paragraph_is_the_place_counting_empty_paragraphs():
    data = docx_with(["关于答复的通知", "", "申请人：张三，电话13812345678"])

    found = find_in_document(extract_parts(AttachmentKind.DOCX, data))

    assert places(found) == [("第3段", Kind.NAME), ("第3段", Kind.MOBILE)]


def test_an_xlsx_cell_is_the_place():
    data = xlsx_bytes([["姓名", "身份证号"], ["李四", ID]])

    found = find_in_document(extract_parts(AttachmentKind.XLSX, data))

    assert places(found) == [("Sheet!B2", Kind.ID_NUMBER)]


def test_the_search_index_text_is_unchanged():
    data = docx_with(["第一段", "", "第三段"])

    assert extract_text(AttachmentKind.DOCX, data) == "第一段\n第三段"


def test_an_image_without_ocr_is_not_checked():
    parts = extract_parts(AttachmentKind.IMAGE, png_bytes())

    assert places(find_in_document(parts)) == [("图片", Kind.NOT_CHECKED)]


def test_an_image_ocr_cannot_read_is_not_checked():
    parts = extract_parts(AttachmentKind.IMAGE, png_bytes(), ocr=lambda data: None)

    assert parts == [TextPart("图片", None)]


def test_ocr_degrades_to_none_without_the_binary(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)

    assert ocr.image_text(png_bytes()) is None
    assert not ocr.is_available()


@pytest.mark.skipif(not ocr.is_available(), reason="tesseract-ocr with chi_sim not installed")
def test_a_mobile_number_in_an_image_is_read_by_ocr():
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (900, 120), "white")
    ImageDraw.Draw(image).text(
        (20, 30), "Tel 13812345678", fill="black", font=ImageFont.load_default(size=48)
    )
    out = io.BytesIO()
    image.save(out, format="PNG")

    parts = extract_parts(AttachmentKind.IMAGE, out.getvalue(), ocr=ocr.image_text)

    assert places(find_in_document(parts)) == [("图片", Kind.MOBILE)]
