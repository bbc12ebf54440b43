"""Checking uploaded attachments by their content, and extracting their text for search."""

import io
import logging
import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

from gongkai import limits
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
                check_archive(archive)
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


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a DOCX or XLSX that would expand past our limits, judged by its ZIP directory.

    Nothing is decompressed: the directory states each member's sizes, and zipfile never
    yields more bytes than a member declares, so what it says bounds what extraction reads.
    """
    members = archive.infolist()
    if len(members) > limits.ZIP_MAX_MEMBERS:
        raise UploadRejected(
            _("压缩文件包含 %(count)d 个部件，超过上限 %(limit)d 个，不予接受。")
            % {"count": len(members), "limit": limits.ZIP_MAX_MEMBERS}
        )
    total = 0
    for member in members:
        total += member.file_size
        too_big = member.file_size > limits.ZIP_MAX_MEMBER_BYTES
        ratio = member.file_size / max(member.compress_size, 1)
        if too_big or (
            member.file_size >= limits.ZIP_RATIO_FROM_BYTES and ratio > limits.ZIP_MAX_RATIO
        ):
            raise UploadRejected(_("文件解压后异常庞大（疑似“压缩炸弹”），不予接受。"))
    if total > limits.ZIP_MAX_TOTAL_BYTES:
        raise UploadRejected(_("文件解压后异常庞大（疑似“压缩炸弹”），不予接受。"))
