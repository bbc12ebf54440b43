"""Uploads that expand enormously are refused, and extraction never reads past its limits."""

import io
import zipfile
import zlib
from collections.abc import Iterable

import pytest

from gongkai import limits
from gongkai.documents import extraction, services
from gongkai.documents.errors import UploadRejected
from gongkai.documents.extraction import ExtractionFailed, extract_text
from gongkai.documents.models import Attachment, AttachmentKind, ExtractionStatus
from gongkai.documents.tasks import extract_attachment_text
from gongkai.documents.tests.factories import docx_bytes, draft_values, xlsx_bytes
from gongkai.documents.uploads import detect_type

CONTENT_TYPES = (
    b'<?xml version="1.0"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def document_xml(paragraphs: Iterable[bytes]) -> Iterable[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD}"><w:body>'.encode()
    yield from paragraphs
    yield b"</w:body></w:document>"


def docx_from_chunks(chunks: Iterable[bytes], *, level: int = 6) -> bytes:
    """A DOCX whose word/document.xml is written chunk by chunk: only the compressed bytes
    are ever held, so a 200 MB document costs the test a few hundred kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)
    return out.getvalue()


def repeated(block: bytes, total_bytes: int) -> Iterable[bytes]:
    chunk = block * (1024 * 1024 // len(block))
    for _ in range(total_bytes // len(chunk)):
        yield chunk


def test_a_docx_that_expands_to_200_mb_is_refused_at_upload_and_extraction():
    bomb = docx_from_chunks(
        document_xml(repeated(paragraph("政务公开" * 50), 200 * 1024 * 1024)), level=1
    )
    assert len(bomb) < 3 * 1024 * 1024

    with pytest.raises(UploadRejected, match="压缩炸弹"):
        detect_type(bomb)
    with pytest.raises(ExtractionFailed, match="无法提取文本"):
        extract_text(AttachmentKind.DOCX, bomb)


def test_a_small_member_with_a_bomb_ratio_is_refused():
    # 20 MB of zeros is under every absolute limit but compresses about 1,000 times.
    bomb = docx_from_chunks(repeated(b"\0", 20 * 1024 * 1024), level=9)

    with pytest.raises(UploadRejected, match="压缩炸弹"):
        detect_type(bomb)


def test_an_archive_of_too_many_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"".join(document_xml([paragraph("x")])))
        for number in range(limits.ZIP_MAX_MEMBERS):
            archive.writestr(f"word/media/{number}.bin", b"")

    with pytest.raises(UploadRejected, match="部件"):
        detect_type(out.getvalue())


def test_an_ordinary_docx_passes_the_archive_check():
    data = docx_from_chunks(document_xml([paragraph("预防接种"), paragraph("宣传周")]))

    assert detect_type(data).kind == AttachmentKind.DOCX
    assert extract_text(AttachmentKind.DOCX, data) == "预防接种\n宣传周"


class CountingReader(extraction.MeteredReader):
    instances: list["CountingReader"] = []

    def __init__(self, raw, limit):
        super().__init__(raw, limit)
        CountingReader.instances.append(self)


def test_docx_text_stops_at_the_limit_while_reading(monkeypatch):
    CountingReader.instances = []
    monkeypatch.setattr(extraction, "MeteredReader", CountingReader)
    count = 60_000  # numbered, so it compresses like a real document, not like a bomb
    paragraphs = [paragraph(f"第{number}段 卫生健康委员会信息公开") for number in range(count)]
    xml_size = sum(len(part) for part in paragraphs)
    data = docx_from_chunks(document_xml(paragraphs))

    text = extract_text(AttachmentKind.DOCX, data, max_chars=10_000)

    assert len(text) <= 10_000
    assert text.startswith("第0段 卫生健康委员会信息公开\n第1段 卫生健康委员会信息公开")
    (reader,) = CountingReader.instances
    assert 0 < reader.bytes_read < xml_size // 10  # it stopped long before the end


def test_the_metered_reader_refuses_bytes_past_its_limit():
    reader = extraction.MeteredReader(io.BytesIO(b"x" * 200_000), limit=100_000)

    with pytest.raises(extraction.ExpansionLimitReached):  # noqa: PT012 - reading to the end
        while reader.read(30_000):
            pass
    assert reader.bytes_read <= 100_000 + extraction.READ_CHUNK_BYTES


def test_xlsx_text_stops_at_the_limit():
    data = xlsx_bytes([["乡镇", f"第{number}行"] for number in range(300)])

    text = extract_text(AttachmentKind.XLSX, data, max_chars=500)

    assert 0 < len(text) <= 500
    assert text.startswith("乡镇\t第0行\n乡镇\t第1行")


# --- PDF ---------------------------------------------------------------------------------


def pdf_with_pages(streams: list[tuple[bytes, bytes]]) -> bytes:
    """A PDF with one page per (dictionary extras, stream bytes) and a correct xref table."""
    count = len(streams)
    font = 3 + 2 * count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(count)), count),
    ]
    for number, (extras, stream) in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * number)
        )
        objects.append(
            b"<< /Length %d %s >>\nstream\n" % (len(stream), extras) + stream + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def text_stream(text: str) -> tuple[bytes, bytes]:
    return b"", f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")


def test_pdf_pages_past_the_limit_are_not_read(monkeypatch):
    monkeypatch.setattr(limits, "PDF_MAX_PAGES", 2)
    data = pdf_with_pages([text_stream("first"), text_stream("second"), text_stream("third")])

    assert extract_text(AttachmentKind.PDF, data) == "first\nsecond"


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "PDF_MAX_STREAM_BYTES", 2 * 1024 * 1024)
    compressor = zlib.compressobj(9)
    size = 3 * 1024 * 1024  # pypdf alone would inflate it and read its text
    parts = [compressor.compress(text_stream("hidden")[1])]
    parts += [compressor.compress(b" " * (1024 * 1024)) for _ in range(size // (1024 * 1024))]
    bomb = b"".join([*parts, compressor.flush()])

    data = pdf_with_pages([(b"/Filter /FlateDecode", bomb)])

    with pytest.raises(ExtractionFailed, match="超过上限"):
        extract_text(AttachmentKind.PDF, data)


def test_a_damaged_pdf_says_its_text_cannot_be_extracted():
    with pytest.raises(ExtractionFailed, match="无法提取文本"):
        extract_text(AttachmentKind.PDF, b"%PDF-1.4\nthis is not really a pdf")


# --- the background task -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_an_attachment_that_expands_past_the_limits_is_marked_failed(
    agency, publisher, item, monkeypatch
):
    document = services.create_draft(
        agency=agency, actor=publisher, values=draft_values(item), issuers=[agency.name]
    )
    attachment = services.add_attachment(
        document=document, actor=publisher, name="方案.docx", data=docx_bytes("预防接种")
    )
    # An upload accepted under older, looser limits: extraction must refuse it, not crash.
    monkeypatch.setattr(limits, "ZIP_MAX_TOTAL_BYTES", 1024)

    assert extract_attachment_text.call(attachment.pk) == ExtractionStatus.FAILED
    attachment = Attachment.objects.get(pk=attachment.pk)
    assert attachment.extraction_status == ExtractionStatus.FAILED
    assert attachment.extracted_text == ""
