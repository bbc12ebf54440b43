"""The text of an attachment for the search index, read within limits.

A small upload can expand enormously: a 1 MB DOCX can hold 400 MB of XML. So a DOCX or XLSX
is first judged by its ZIP directory (`uploads.check_archive`), and the text is then read as a
stream and cut off at `max_chars`: nothing is ever parsed or held whole beyond the limits.
"""

import io
import logging
import zipfile
from typing import NamedTuple

from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.documents.errors import DocumentError, UploadRejected
from gongkai.documents.models import AttachmentKind
from gongkai.documents.uploads import check_archive

logger = logging.getLogger(__name__)

WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
READ_CHUNK_BYTES = 64 * 1024
PDF_STREAM_SETTINGS = (  # fields of pypdf.Configuration
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "array_based_stream_maximum_output_length",
    "maximum_declared_stream_length",
)


class ExtractionFailed(DocumentError):
    """The file's text could not be read; the attachment itself stays."""


class ExpansionLimitReached(Exception):
    """A stream gave more bytes than its limit allows."""


class MeteredReader(io.RawIOBase):
    """A file that counts the bytes read through it and refuses to give more than `limit`."""

    def __init__(self, raw, limit: int):
        super().__init__()
        self.raw = raw
        self.limit = limit
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()
        super().close()

    def read(self, size: int = -1) -> bytes:
        size = READ_CHUNK_BYTES if size is None or size < 0 else size
        data = self.raw.read(min(size, READ_CHUNK_BYTES))
        self.bytes_read += len(data)
        if self.bytes_read > self.limit:
            raise ExpansionLimitReached(self.bytes_read)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class TextCollector:
    """Lines of text up to `max_chars` in all; `full` once the limit is reached."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.lines: list[str] = []
        self.chars = 0
        self.full = False

    def add(self, line: str) -> None:
        if self.full or not line.strip():
            return
        room = self.max_chars - self.chars
        if len(line) >= room:
            line, self.full = line[:room], True
        self.lines.append(line)
        self.chars += len(line) + 1

    def text(self) -> str:
        return "\n".join(self.lines).strip()


def extract_text(
    kind: str, data: bytes, *, max_chars: int = limits.EXTRACTED_TEXT_MAX_CHARS
) -> str:
    """Plain text of a PDF, DOCX or XLSX for the search index (at most `max_chars`).

    Images have none. A damaged file, or one that would expand past the limits, raises
    `ExtractionFailed` with a message for the clerk.
    """
    from pypdf.errors import LimitReachedError

    collector = TextCollector(max_chars)
    try:
        if kind == AttachmentKind.PDF:
            _pdf_text(data, collector)
        elif kind == AttachmentKind.DOCX:
            _docx_text(data, collector)
        elif kind == AttachmentKind.XLSX:
            _xlsx_text(data, collector)
    except (UploadRejected, ExpansionLimitReached, LimitReachedError) as exc:
        raise ExtractionFailed(_("无法提取文本：文件解压后超过上限。")) from exc
    except Exception as exc:  # pypdf, lxml and openpyxl raise many types for a damaged file
        raise ExtractionFailed(_("无法提取文本：文件可能已损坏。")) from exc
    if collector.full:
        logger.info("Extracted text cut off at %d characters", max_chars)
    return collector.text()


class TextPart(NamedTuple):
    """A part of a file with its place ("第3页", "第12段", "Sheet1!C7", "图片"); text None
    when nothing could read it (an image without OCR)."""

    place: str
    text: str | None


class PartCollector(TextCollector):
    """As TextCollector, keeping each line with its place."""

    def __init__(self, max_chars: int):
        super().__init__(max_chars)
        self.parts: list[TextPart] = []

    def add_part(self, place: str, line: str) -> None:
        before = len(self.lines)
        self.add(line)
        if len(self.lines) > before:
            self.parts.append(TextPart(place, self.lines[-1]))


def extract_parts(
    kind: str, data: bytes, *, max_chars: int = limits.EXTRACTED_TEXT_MAX_CHARS, ocr=None
) -> list[TextPart]:
    """The text of a file part by part, with places, for the privacy review (#15): pages of a
    PDF, paragraphs of a DOCX (counted from 1 in document order, table cells included),
    cells of an XLSX. An image is read by `ocr(data) -> str | None` (e.g.
    `documents.ocr.image_text`); with no OCR, or none that reads it, the image is one part
    with text None, to be reported as not checked. A PDF page without a text layer (a scan)
    is such a part too. Errors as `extract_text`."""
    from pypdf.errors import LimitReachedError

    collector = PartCollector(max_chars)
    try:
        if kind == AttachmentKind.PDF:
            _pdf_text(data, collector)
        elif kind == AttachmentKind.DOCX:
            _docx_text(data, collector)
        elif kind == AttachmentKind.XLSX:
            _xlsx_cells(data, collector)
        elif kind == AttachmentKind.IMAGE:
            text = ocr(data) if ocr is not None else None
            return [TextPart(_("图片"), text.strip() if text and text.strip() else None)]
    except (UploadRejected, ExpansionLimitReached, LimitReachedError) as exc:
        raise ExtractionFailed(_("无法提取文本：文件解压后超过上限。")) from exc
    except Exception as exc:  # pypdf, lxml and openpyxl raise many types for a damaged file
        raise ExtractionFailed(_("无法提取文本：文件可能已损坏。")) from exc
    return collector.parts


def _add(collector: TextCollector, place: str, line: str) -> None:
    if isinstance(collector, PartCollector):
        collector.add_part(place, line)
    else:
        collector.add(line)


def _pdf_text(data: bytes, collector: TextCollector) -> None:
    import pypdf

    # pypdf's own limits bound what one stream may decompress to (a PDF "zip bomb").
    stream_limits = dict.fromkeys(PDF_STREAM_SETTINGS, limits.PDF_MAX_STREAM_BYTES)
    with pypdf.apply_configuration(**stream_limits):
        reader = pypdf.PdfReader(io.BytesIO(data))
        for number, page in enumerate(reader.pages):
            if number >= limits.PDF_MAX_PAGES or collector.full:
                break
            text = page.extract_text() or ""
            place = _("第%(number)d页") % {"number": number + 1}
            if isinstance(collector, PartCollector) and not text.strip():
                collector.parts.append(TextPart(place, None))  # a scan: no text layer
            _add(collector, place, text)


def _open_member(data: bytes, name: str) -> tuple[zipfile.ZipFile, MeteredReader]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    check_archive(archive)
    return archive, MeteredReader(archive.open(name), limits.ZIP_MAX_MEMBER_BYTES)


def _docx_text(data: bytes, collector: TextCollector) -> None:
    """Paragraphs (in the body and in tables) read one at a time from word/document.xml."""
    from lxml import etree

    archive, stream = _open_member(data, "word/document.xml")
    with archive, stream:
        # Entities are not expanded and nothing is fetched: no "billion laughs", no XXE.
        events = etree.iterparse(
            stream,
            events=("end",),
            tag=f"{WORD_NAMESPACE}p",
            resolve_entities=False,
            no_network=True,
        )
        for number, (_event, paragraph) in enumerate(events, start=1):
            _add(
                collector,
                _("第%(number)d段") % {"number": number},
                "".join(node.text or "" for node in paragraph.iter(f"{WORD_NAMESPACE}t")),
            )
            # Forget what was read, so memory stays at one paragraph.
            paragraph.clear()
            while paragraph.getprevious() is not None:
                del paragraph.getparent()[0]
            if collector.full:
                return


def _xlsx_text(data: bytes, collector: TextCollector) -> None:
    import warnings

    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_archive(archive)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # styles openpyxl ignores anyway
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                collector.add("\t".join(str(value) for value in row if value is not None))
                if collector.full:
                    return
    finally:
        workbook.close()


def _xlsx_cells(data: bytes, collector: PartCollector) -> None:
    """Each non-empty cell as one part, placed as Sheet1!C7."""
    import warnings

    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_archive(archive)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # styles openpyxl ignores anyway
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or not hasattr(cell, "coordinate"):
                        continue
                    collector.add_part(f"{sheet.title}!{cell.coordinate}", str(value))
                    if collector.full:
                        return
    finally:
        workbook.close()
