"""Background work of the document library (run by `gongkai db_worker`)."""

import logging

from django.db import transaction
from django_tasks import task

from gongkai.documents.extraction import ExtractionFailed, extract_text
from gongkai.documents.models import Attachment, ExtractionStatus

logger = logging.getLogger(__name__)


@task()
def extract_attachment_text(attachment_id: int) -> str:
    """Extract an attachment's text once; a broken file is marked failed, not retried forever."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.extraction_status != ExtractionStatus.PENDING:
        return "skipped"
    try:
        with attachment.file.open("rb") as handle:
            text = extract_text(attachment.kind, handle.read())
        status = ExtractionStatus.DONE if text else ExtractionStatus.NONE
    except ExtractionFailed as exc:  # damaged, or expands past the limits: no traceback needed
        logger.warning("No text from attachment %s: %s", attachment_id, exc.__cause__ or exc)
        text, status = "", ExtractionStatus.FAILED
    except Exception:  # a malformed upload must not crash the worker
        logger.exception("Text extraction failed for attachment %s", attachment_id)
        text, status = "", ExtractionStatus.FAILED
    with transaction.atomic():
        updated = Attachment.objects.filter(
            pk=attachment_id, extraction_status=ExtractionStatus.PENDING
        ).update(extracted_text=text, extraction_status=status)
    if updated:
        _reindex_if_public(attachment.document_id)
    return status if updated else "skipped"


def _reindex_if_public(document_id: int) -> None:
    # The record may have been published (and indexed) before the text was extracted.
    from gongkai.documents.models import Document
    from gongkai.documents.search_feed import sync_search

    with transaction.atomic():
        document = Document.objects.public().filter(pk=document_id).first()
        if document is not None:
            sync_search(document)
