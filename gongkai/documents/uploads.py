"""Checking uploaded attachments by their content, and extracting their text for search."""

import io
import logging
import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

from gongkai.documents.errors import UploadRejected
from gongkai.documents.models import AttachmentKind

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}


@dataclass(frozen=True)
class DetectedType:
    kind: str
    extension: str


def detect_type(data: bytes) -> DetectedType:
    """What the file really is, judged by its bytes (never by its name).

    Accepted: PDF, Word 2007+ (DOCX), Excel 2007+ (XLSX), PNG/JPEG/GIF/WebP images.
    """
    if data.startswith(b"%PDF-"):
        return DetectedType(AttachmentKind.PDF, "pdf")
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise UploadRejected(_("文件已损坏，无法识别。")) from exc
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DetectedType(AttachmentKind.DOCX, "docx")
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return DetectedType(AttachmentKind.XLSX, "xlsx")
        raise UploadRejected(_("压缩文件不是可接受的附件类型。只接受 PDF、DOCX、XLSX 和图片。"))
    guess = filetype.guess(data)
    if guess is not None and guess.mime in IMAGE_EXTENSIONS:
        return DetectedType(AttachmentKind.IMAGE, IMAGE_EXTENSIONS[guess.mime])
    raise UploadRejected(_("不接受此类文件。只接受 PDF、DOCX、XLSX 和 PNG、JPEG、GIF、WebP 图片。"))


def check_size(size: int, limit: int) -> None:
    if size <= 0:
        raise UploadRejected(_("文件是空的。"))
    if size > limit:
        raise UploadRejected(
            _("文件太大（%(size).1f MB），上限为 %(limit).0f MB。")
            % {"size": size / 1024 / 1024, "limit": limit / 1024 / 1024}
        )


def extract_text(kind: str, data: bytes) -> str:
    """Plain text of a PDF, DOCX or XLSX for the search index; images have none."""
    if kind == AttachmentKind.PDF:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages).strip()
    if kind == AttachmentKind.DOCX:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append("\t".join(cell.text for cell in row.cells))
        return "\n".join(part for part in parts if part.strip()).strip()
    if kind == AttachmentKind.XLSX:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        lines = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None]
                if cells:
                    lines.append("\t".join(cells))
        workbook.close()
        return "\n".join(lines).strip()
    return ""
