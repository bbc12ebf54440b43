"""State changes of the document library. Each is one function, in one transaction, writing
one audit event; side effects (text extraction) run after commit."""

import datetime
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.catalogue.rules import time_limit_days
from gongkai.documents import rules, workflow
from gongkai.documents.errors import DocumentError, PublicationBlocked, TransitionNotAllowed
from gongkai.documents.models import (
    Attachment,
    Attribute,
    Document,
    DocumentLink,
    DocumentType,
    IndexCounter,
    Issuer,
    LinkKind,
    Status,
    Validity,
)
from gongkai.documents.search_feed import sync_search
from gongkai.documents.uploads import check_size, detect_type
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import WorkCalendar

EDITABLE_FIELDS = [
    "title",
    "document_number",
    "document_type",
    "topic",
    "catalogue_item",
    "catalogue_element",
    "formed_on",
    "changed_on",
    "decision_count",
    "summary",
    "body",
    "attribute",
    "scope",
    "withholding_basis",
    "withholding_reason",
    "effective_on",
    "interpretation_form",
    "interpreter_role",
    "interpreter_name",
    "interpreter_post",
]
AUDITED_FIELDS = [
    *EDITABLE_FIELDS,
    "status",
    "index_number",
    "published_at",
    "due_on",
    "is_late",
    "validity",
    "validity_changed_on",
    "interpretation_waiver",
    "withdrawal_reason",
    "review_comments",
]

DUE_FIELDS = ["due_on", "due_problem", "due_is_provisional"]


# --- shared steps ------------------------------------------------------------------------


def _require(action: str, document: Document) -> str:
    if not workflow.is_allowed(action, document.status):
        raise TransitionNotAllowed(
            str(workflow.ACTION_LABELS[action]), document.get_status_display()
        )
    return workflow.target_status(action, document.status)


def _check_fields(agency: Agency, values: Mapping[str, Any]) -> None:
    problems = rules.attribute_problems(
        attribute=values.get("attribute", Attribute.PROACTIVE),
        scope=values.get("scope", "full"),
        basis=values.get("withholding_basis", ""),
        reason=values.get("withholding_reason", ""),
    )
    if problems:
        field, message = next(iter(problems.items()))
        raise DocumentError(message, field=field)
    item: AgencyItem | None = values.get("catalogue_item")
    if item is None:
        raise DocumentError(_("请选择公开目录事项。"), field="catalogue_item")
    if item.catalogue.agency_id != agency.pk:
        raise DocumentError(_("所选目录事项不属于本机关的公开目录。"), field="catalogue_item")
    if item.status == ItemStatus.NOT_APPLICABLE:
        raise DocumentError(_("所选目录事项已标记为不适用，不能发布信息。"), field="catalogue_item")
    element = values.get("catalogue_element") or ""
    if element and element not in {e.get("name") for e in item.elements or []}:
        raise DocumentError(_("所选公开内容要素不属于该目录事项。"), field="catalogue_element")
    formed_on = values.get("formed_on")
    changed_on = values.get("changed_on")
    if formed_on and changed_on and changed_on < formed_on:
        raise DocumentError(_("变更日期不能早于成文日期。"), field="changed_on")
    problem = rules.decision_count_problem(
        values.get("document_type", ""), values.get("decision_count", 1)
    )
    if problem:
        raise DocumentError(problem, field="decision_count")
    future = rules.future_date_problems(
        document_type=values.get("document_type", ""),
        formed_on=formed_on,
        changed_on=changed_on,
        today=timezone.localdate(),
    )
    if future:
        field, message = next(iter(future.items()))
        raise DocumentError(message, field=field)


@dataclass(frozen=True)
class TimeLimit:
    """The working days a record has to be published, and what the catalogue alone says."""

    days: int
    catalogue_days: int

    @property
    def set_by_type(self) -> bool:
        """True when the record type (双公示) shortened the catalogue's limit."""
        return self.days != self.catalogue_days


def publication_time_limit(document: Document) -> TimeLimit:
    """The record's time limit: its catalogue element's (or item's), capped by its type."""
    item = document.catalogue_item
    catalogue_days = time_limit_days(
        item.elements or [], item.time_limit_days, document.catalogue_element
    )
    return TimeLimit(
        days=rules.record_time_limit_days(document.document_type, catalogue_days),
        catalogue_days=catalogue_days,
    )


def refresh_due_date(document: Document, calendar: WorkCalendar | None = None) -> None:
    """Derive the due date from the start date, the catalogue's time limit and the calendar."""
    days = publication_time_limit(document).days  # catalogue limit, capped by type (双公示)
    calendar = calendar or get_calendar()
    try:
        document.due_on = rules.publication_due_on(document.clock_start_on, days, calendar)
        document.due_problem = ""
    except WorkdaysError as exc:
        document.due_on = None
        document.due_problem = str(exc.message)[:300]
    document.due_is_provisional = bool(
        document.clock_start_on
        and calendar.provisional_between(document.clock_start_on, document.due_on)
    )


def _set_issuers(document: Document, names: Iterable[str]) -> None:
    cleaned = [n.strip() for n in names if n and n.strip()]
    if not cleaned:
        raise DocumentError(_("请至少填写一个发文机关。"), field="issuers")
    for name in cleaned:
        limits.check_values(Issuer, {"name": name}, error=DocumentError)
    document.issuers.all().delete()
    agencies = {a.name: a for a in Agency.objects.filter(name__in=cleaned)}
    Issuer.objects.bulk_create(
        Issuer(document=document, name=name, agency=agencies.get(name), position=i)
        for i, name in enumerate(dict.fromkeys(cleaned))
    )


def _allocate_index_serial(agency: Agency, year: int) -> int:
    """Next 索引号 serial for the agency and year; locked so concurrent publications differ."""
    IndexCounter.objects.bulk_create(
        [IndexCounter(agency=agency, year=year, last_serial=0)], ignore_conflicts=True
    )
    counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


def assign_index_number(document: Document, on: datetime.date) -> None:
    serial = _allocate_index_serial(document.agency, on.year)
    document.index_year = on.year
    document.index_serial = serial
    document.index_number = rules.format_index_number(document.agency.code, on.year, serial)


# --- drafting ----------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    *, agency: Agency, actor, values: Mapping[str, Any], issuers: Iterable[str]
) -> Document:
    """Start a record as a draft in `agency`; the due date is derived at once."""
    values = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    limits.check_values(Document, values, error=DocumentError)
    _check_fields(agency, values)
    document = Document(agency=agency, drafted_by=actor, status=Status.DRAFT, **values)
    document.body = rules.clean_body(document.body)
    refresh_due_date(document)
    document.save()
    _set_issuers(document, issuers)
    record_event(
        actor=actor,
        action="document.create",
        obj=document,
        agency=agency,
        after=snapshot(document, AUDITED_FIELDS),
    )
    return document


@transaction.atomic
def update_draft(
    *, document: Document, actor, values: Mapping[str, Any], issuers: Iterable[str] | None = None
) -> Document:
    """Change a draft's fields (only drafts can be edited)."""
    _require(workflow.Action.EDIT, document)
    before = snapshot(document, AUDITED_FIELDS)
    values = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    merged = {**{name: getattr(document, name) for name in EDITABLE_FIELDS}, **values}
    limits.check_values(Document, values, error=DocumentError)
    _check_fields(document.agency, merged)
    for name, value in values.items():
        setattr(document, name, value)
    document.body = rules.clean_body(document.body)
    document.updated_at = timezone.now()
    refresh_due_date(document)
    document.save(update_fields=[*values.keys(), "body", "updated_at", *DUE_FIELDS])
    if issuers is not None:
        _set_issuers(document, issuers)
    record_event(
        actor=actor,
        action="document.update",
        obj=document,
        agency=document.agency,
        before=before,
        after=snapshot(document, AUDITED_FIELDS),
    )
    return document


@transaction.atomic
def submit_for_review(*, document: Document, actor) -> Document:
    """The drafter hands the record to a reviewer."""
    target = _require(workflow.Action.SUBMIT, document)
    before = snapshot(document, ["status"])
    document.status = target
    document.submitted_at = timezone.now()
    document.updated_at = document.submitted_at
    document.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(
        actor=actor,
        action="document.submit",
        obj=document,
        agency=document.agency,
        before=before,
        after=snapshot(document, ["status"]),
    )
    return document


@transaction.atomic
def return_for_revision(*, document: Document, actor, comments: str) -> Document:
    """The reviewer sends the record back to its drafter with comments."""
    target = _require(workflow.Action.RETURN, document)
    if not (comments or "").strip():
        raise DocumentError(_("退回时必须写明审核意见。"), field="comments")
    before = snapshot(document, ["status", "review_comments"])
    document.status = target
    document.review_comments = comments.strip()
    limits.check_text_lengths(document, error=DocumentError, fields=["review_comments"])
    document.updated_at = timezone.now()
    document.save(update_fields=["status", "review_comments", "updated_at"])
    record_event(
        actor=actor,
        action="document.return",
        obj=document,
        agency=document.agency,
        before=before,
        after=snapshot(document, ["status", "review_comments"]),
        note=comments.strip(),
    )
    return document


# --- publication -------------------------------------------------------------------------


def interpretations_of(document: Document):
    """Interpretations linked to a policy document, newest first."""
    return Document.objects.filter(
        outgoing_links__target=document, outgoing_links__kind=LinkKind.INTERPRETS
    ).order_by("-created_at")


def _check_publishable(document: Document, actor) -> None:
    if (
        document.drafted_by_id is not None
        and actor is not None
        and document.drafted_by_id == actor.pk
    ):
        raise PublicationBlocked(_("起草人不能审核发布自己起草的信息，请由另一位审核员发布。"))
    problems = rules.attribute_problems(
        attribute=document.attribute,
        scope=document.scope,
        basis=document.withholding_basis,
        reason=document.withholding_reason,
    )
    if problems:
        raise PublicationBlocked(next(iter(problems.values())))
    future = rules.future_date_problems(
        document_type=document.document_type,
        formed_on=document.formed_on,
        changed_on=document.changed_on,
        today=timezone.localdate(),
    )
    if future:
        raise PublicationBlocked(next(iter(future.values())))
    if (
        document.document_type == DocumentType.INTERPRETATION
        and not DocumentLink.objects.filter(source=document, kind=LinkKind.INTERPRETS).exists()
    ):
        raise PublicationBlocked(_("政策解读必须关联其解读的政策文件。"))


def release_review(
    document: Document,
    actor,
    resolutions: Mapping[str, tuple[str, str]] | None = None,
    *,
    companion: bool = False,
) -> None:
    """The secrecy and privacy review (保密审查) of the record as it is now, or a refusal."""
    try:
        review_services.ensure_release_review(document, actor=actor, resolutions=resolutions)
    except ReleaseReviewError as exc:
        message = exc.message
        if companion:
            message = _("同步发布的“%(title)s”：%(message)s") % {
                "title": document.title,
                "message": message,
            }
        raise PublicationBlocked(message, field="release_review") from exc


@transaction.atomic
def publish(
    *,
    document: Document,
    actor,
    interpretation_waiver: str = "",
    resolutions: Mapping[str, tuple[str, str]] | None = None,
) -> Document:
    """The reviewer publishes: 发布日期 and 索引号 are stamped, lateness recorded.

    A policy document goes out together with its interpretations that await review; without
    any interpretation the reviewer must record why (interpretation_waiver). Reviewer and
    drafter must be different people. Each record passes the secrecy and privacy review
    (privacy.review_services): `resolutions` resolve its findings, finding id → (resolution,
    reason); a redaction makes the record 删减后公开.
    """
    target = _require(workflow.Action.PUBLISH, document)
    _check_publishable(document, actor)
    release_review(document, actor, resolutions)
    companions: list[Document] = []
    waiver = (interpretation_waiver or "").strip()
    if document.needs_interpretation:
        # A published interpretation counts wherever it comes from; one still in review goes
        # out with the policy only if it belongs to the same agency (the reviewer's remit).
        interpretations = list(
            interpretations_of(document).filter(
                Q(status=Status.PUBLISHED) | Q(status=Status.IN_REVIEW, agency=document.agency)
            )
        )
        companions = [d for d in interpretations if d.status == Status.IN_REVIEW]
        if not interpretations and not waiver:
            raise PublicationBlocked(
                _("政策文件应与政策解读同步发布。请先提交解读材料，或由审核员写明不作解读的理由。"),
                field="interpretation_waiver",
            )
        for companion in companions:
            _check_publishable(companion, actor)
            release_review(companion, actor, companion=True)
    _publish_one(document, actor, target, waiver=waiver if document.needs_interpretation else "")
    for companion in companions:
        _publish_one(companion, actor, Status.PUBLISHED, note=_("与所解读的政策文件同步发布"))
    return document


def _publish_one(
    document: Document, actor, target: str, *, waiver: str = "", note: str = ""
) -> None:
    before = snapshot(document, AUDITED_FIELDS)
    now = timezone.now()
    today = timezone.localdate(now)
    refresh_due_date(document)
    document.status = target
    document.published_at = now
    document.reviewed_by = actor
    document.updated_at = now
    if waiver:
        document.interpretation_waiver = waiver
        limits.check_text_lengths(document, error=DocumentError, fields=["interpretation_waiver"])
    if document.index_number is None:
        assign_index_number(document, today)
    document.is_late = document.attribute == Attribute.PROACTIVE and rules.is_published_late(
        today, document.due_on
    )
    document.save(
        update_fields=[
            "status",
            "published_at",
            "reviewed_by",
            "updated_at",
            "interpretation_waiver",
            "index_number",
            "index_year",
            "index_serial",
            "is_late",
            "due_on",
            "due_problem",
            "due_is_provisional",
        ]
    )
    record_event(
        actor=actor,
        action="document.publish",
        obj=document,
        agency=document.agency,
        before=before,
        after=snapshot(document, AUDITED_FIELDS),
        note=note or (_("逾期发布") if document.is_late else ""),
    )
    sync_search(document)


@transaction.atomic
def withdraw(*, document: Document, actor, reason: str) -> Document:
    """Take a published record off the portal; it keeps its 索引号 and says it was withdrawn.

    For a penalty decision that was changed or revoked, 行政处罚法 Art.48 requires this within
    3 days, with a public explanation (the reason is shown on the portal).
    """
    target = _require(workflow.Action.WITHDRAW, document)
    if not (reason or "").strip():
        raise DocumentError(_("撤回必须写明理由，理由将向公众显示。"), field="reason")
    before = snapshot(document, AUDITED_FIELDS)
    document.status = target
    document.withdrawn_at = timezone.now()
    document.withdrawal_reason = reason.strip()
    limits.check_text_lengths(document, error=DocumentError, fields=["withdrawal_reason"])
    document.updated_at = document.withdrawn_at
    document.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    record_event(
        actor=actor,
        action="document.withdraw",
        obj=document,
        agency=document.agency,
        before=before,
        after=snapshot(document, AUDITED_FIELDS),
        note=reason.strip(),
    )
    sync_search(document)
    return document


@transaction.atomic
def change_validity(
    *,
    document: Document,
    actor,
    validity: str,
    changed_on: datetime.date | None,
    by_document: Document | None = None,
) -> Document:
    """Mark a published record amended, repealed or expired (or valid again), with the date
    and, for amendment or repeal, the record that did it."""
    _require(workflow.Action.CHANGE_VALIDITY, document)
    if validity not in Validity.values:
        raise DocumentError(_("无效的有效性取值。"), field="validity")
    if validity != Validity.VALID and changed_on is None:
        raise DocumentError(_("请填写修改、废止或失效的日期。"), field="changed_on")
    if by_document is not None:
        if by_document.pk == document.pk:
            raise DocumentError(_("不能关联文件本身。"), field="by_document")
        if validity not in (Validity.AMENDED, Validity.REPEALED):
            raise DocumentError(
                _("只有“已修改”或“已废止”可以关联修改或废止文件。"), field="by_document"
            )
    before = snapshot(document, ["validity", "validity_changed_on"])
    document.validity = validity
    document.validity_changed_on = changed_on if validity != Validity.VALID else None
    document.updated_at = timezone.now()
    document.save(update_fields=["validity", "validity_changed_on", "updated_at"])
    if by_document is not None:
        kind = LinkKind.AMENDS if validity == Validity.AMENDED else LinkKind.REPEALS
        DocumentLink.objects.get_or_create(source=by_document, target=document, kind=kind)
    record_event(
        actor=actor,
        action="document.validity",
        obj=document,
        agency=document.agency,
        before=before,
        after={
            **snapshot(document, ["validity", "validity_changed_on"]),
            "by_document": by_document.pk if by_document else None,
        },
    )
    sync_search(document)
    if by_document is not None and by_document.is_public:
        sync_search(by_document)
    return document


@transaction.atomic
def link_documents(*, source: Document, target: Document, kind: str, actor) -> DocumentLink:
    """Relate two records (an interpretation interprets a policy, etc.)."""
    if source.pk == target.pk:
        raise DocumentError(_("不能关联文件本身。"))
    if kind == LinkKind.INTERPRETS:
        if source.document_type != DocumentType.INTERPRETATION:
            raise DocumentError(_("只有政策解读可以作为解读关联到政策文件。"))
        if target.document_type not in (
            DocumentType.RULE,
            DocumentType.NORMATIVE,
            DocumentType.POLICY,
        ):
            raise DocumentError(_("解读对象必须是规章、行政规范性文件或其他政策文件。"))
    link, created = DocumentLink.objects.get_or_create(source=source, target=target, kind=kind)
    if created:
        record_event(
            actor=actor,
            action="document.link",
            obj=source,
            agency=source.agency,
            after={"kind": kind, "target": target.pk},
        )
    return link


@transaction.atomic
def unlink_documents(*, link: DocumentLink, actor) -> None:
    """Remove a relation while the record it starts from is still a draft."""
    if link.source.status not in (Status.DRAFT, Status.IN_REVIEW):
        raise DocumentError(_("已发布信息的关联不能删除。"))
    record_event(
        actor=actor,
        action="document.unlink",
        obj=link.source,
        agency=link.source.agency,
        before={"kind": link.kind, "target": link.target_id},
    )
    link.delete()


# --- attachments -------------------------------------------------------------------------


@transaction.atomic
def add_attachment(*, document: Document, actor, name: str, data: bytes) -> Attachment:
    """Attach a file checked by content and size; its text is extracted after commit."""
    _require(workflow.Action.EDIT, document)
    check_size(len(data), settings.ATTACHMENT_MAX_BYTES)
    detected = detect_type(data)
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        document=document,
        original_name=(name or "attachment")[-255:],
        kind=detected.kind,
        extension=detected.extension,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(f"{digest}.{detected.extension}", ContentFile(data), save=False)
    attachment.save()
    record_event(
        actor=actor,
        action="document.attach",
        obj=document,
        agency=document.agency,
        after={
            "attachment": attachment.pk,
            "name": attachment.original_name,
            "kind": attachment.kind,
            "size": attachment.size,
            "sha256": digest,
        },
    )
    from gongkai.documents.tasks import extract_attachment_text

    transaction.on_commit(lambda: extract_attachment_text.enqueue(attachment.pk))
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, actor) -> None:
    """Drop an attachment from a draft (published records keep theirs)."""
    document = attachment.document
    _require(workflow.Action.EDIT, document)
    record_event(
        actor=actor,
        action="document.detach",
        obj=document,
        agency=document.agency,
        before={"attachment": attachment.pk, "name": attachment.original_name},
    )
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    if not Attachment.objects.filter(file=stored).exists():
        transaction.on_commit(lambda: storage.delete(stored))


# --- clocks ------------------------------------------------------------------------------


@transaction.atomic
def recompute_due_dates(*, actor, years: Iterable[int] | None = None) -> int:
    """Re-derive the due date of every unpublished record after the calendar changed."""
    calendar = get_calendar()
    changed = 0
    documents = Document.objects.unpublished().select_related("catalogue_item", "agency")
    for document in documents:
        before = snapshot(document, DUE_FIELDS)
        refresh_due_date(document, calendar)
        after = snapshot(document, DUE_FIELDS)
        if before != after:
            document.save(update_fields=DUE_FIELDS)
            record_event(
                actor=actor,
                action="document.due_recomputed",
                obj=document,
                agency=document.agency,
                before=before,
                after=after,
                note=_("工作日历变更后重新计算"),
            )
            changed += 1
    return changed


# --- imported history --------------------------------------------------------------------

INDEX_NUMBER_PATTERN = re.compile(r"^(?P<code>[0-9A-Za-z-]+)/(?P<year>\d{4})-(?P<serial>\d+)$")


def register_imported_index_number(document: Document, index_number: str) -> None:
    """Keep an imported record's existing 索引号 and make sure the counter never reissues it."""
    document.index_number = index_number
    match = INDEX_NUMBER_PATTERN.match(index_number)
    if match and match["code"] == document.agency.code:
        year, serial = int(match["year"]), int(match["serial"])
        taken = Document.objects.filter(
            agency=document.agency, index_year=year, index_serial=serial
        ).exclude(pk=document.pk)
        if taken.exists():
            raise DocumentError(
                _("索引号 %(number)s 已被本机关的其他信息使用。") % {"number": index_number}
            )
        document.index_year, document.index_serial = year, serial
        IndexCounter.objects.bulk_create(
            [IndexCounter(agency=document.agency, year=year, last_serial=0)],
            ignore_conflicts=True,
        )
        counter = IndexCounter.objects.select_for_update().get(agency=document.agency, year=year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])
