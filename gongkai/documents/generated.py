"""Records generated from structured data: a service guide, a budget table, a month's disease
figures, a price list, a project's stage. The structured entry stays the source; its published
rendition is a record of the library, so that it gets its 索引号 from the same counter as every
record, passes the same secrecy review, writes the same `document.publish` event and reaches the
catalogue, search, the records API and the feeds without a second path.

Each owning app renders the body and says which facts it publishes on purpose (`keep`); this
module is the one place that turns that into a published record. Called inside the owning app's
transaction; a blocked review raises `ReleaseReviewError` (nothing is saved when the caller's
transaction rolls back), which the app turns into its own message.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import rules
from gongkai.documents import services as document_services
from gongkai.documents.models import Attribute, Document, Issuer, Scope, Status, Validity
from gongkai.documents.search_feed import sync_search
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError

# finding id -> (resolution, reason): what the review keeps on purpose.
Keep = Callable[[Document], Mapping[str, tuple[str, str]]]


@dataclass(frozen=True)
class GeneratedRecord:
    """What the owning app says about the record it publishes (texts in Chinese: stored)."""

    agency: Agency
    catalogue_item: AgencyItem
    title: str
    summary: str
    body: str  # rendered HTML; cleaned again here
    document_type: str
    topic: str
    element: str = ""  # the item's element it is filed under, when the item has it
    formed_on: datetime.date | None = None  # default: the day of publication
    due_on: datetime.date | None = None  # the owning app's own time limit, if it has one
    drafted_by: object = None
    # Other fields of the record the owning app sets (a transcript's interpreter_role …).
    extra_fields: Mapping[str, object] | None = None


def publish_generated_record(
    record: GeneratedRecord,
    *,
    actor,
    now: datetime.datetime,
    note: str,
    keep: Keep | None = None,
) -> Document:
    """Publish `record` proactively as a library record, reviewed by `actor` (raises
    ReleaseReviewError when the secrecy review finds what `keep` does not account for)."""
    agency = record.agency
    today = timezone.localdate(now)
    element_names = {element.get("name") for element in record.catalogue_item.elements or []}
    document = Document(
        agency=agency,
        title=record.title[:300],
        document_type=record.document_type,
        topic=record.topic,
        catalogue_item=record.catalogue_item,
        catalogue_element=record.element if record.element in element_names else "",
        formed_on=record.formed_on or today,
        summary=record.summary,
        body=rules.clean_body(record.body),
        attribute=Attribute.PROACTIVE,
        scope=Scope.FULL,
        status=Status.PUBLISHED,
        drafted_by=record.drafted_by,
        reviewed_by=actor,
        created_at=now,
        updated_at=now,
        published_at=now,
        **(record.extra_fields or {}),
    )
    document_services.assign_index_number(document, today)
    document_services.refresh_due_date(document)
    if record.due_on is not None:
        document.due_on = record.due_on
    document.is_late = rules.is_published_late(today, document.due_on)
    document.save()
    Issuer.objects.create(document=document, name=agency.name, agency=agency, position=0)
    resolutions = dict(keep(document)) if keep is not None else {}
    review_services.ensure_release_review(document, actor=actor, resolutions=resolutions or None)
    record_event(
        actor=actor,
        action="document.publish",
        obj=document,
        agency=agency,
        after=snapshot(document, document_services.AUDITED_FIELDS),
        note=note,
    )
    sync_search(document)
    return document


def supersede(
    previous,
    *,
    by_document: Document,
    by_version: int,
    published_status: str,
    action: str,
    agency: Agency,
    actor,
    now: datetime.datetime,
) -> None:
    """The earlier published version of a structured entry, already moved to its app's
    "superseded" status (the caller saves that, when its constraints allow): its record is
    marked 已修改 from today and linked to the new record, and the change is audited under the
    app's `action` (e.g. "prices.supersede")."""
    if previous.document is not None:
        document_services.change_validity(
            document=previous.document,
            actor=actor,
            validity=Validity.AMENDED,
            changed_on=timezone.localdate(now),
            by_document=by_document,
        )
    record_event(
        actor=actor,
        action=action,
        obj=previous,
        agency=agency,
        before={"status": published_status},
        after={"status": previous.status, "by_version": by_version},
    )


def review_refusal(exc: ReleaseReviewError, message: str) -> str:
    """`message` (with %(shown)s) naming what the review found."""
    return message % {"shown": review_services.findings_summary(exc.findings) or exc.message}
