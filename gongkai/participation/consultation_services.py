"""State changes of consultations on drafts: drafting, publication, closing with the
adoption feedback, the final document. Each is one function in one transaction that writes an
audit event; the draft and the feedback are document-library records and go through the
library's own review and publication. The comments are in `comment_services`."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.documents import rules as document_rules
from gongkai.documents import services as documents
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document, DocumentType, LinkKind, Status
from gongkai.participation import consultations as rules
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    Clause,
    Consultation,
    ConsultationStatus,
    Disposition,
    ModerationStatus,
)

CONSULTATION_FIELDS = [
    "background",
    "basis",
    "main_content",
    "opens_on",
    "closes_on",
    "short_period_reason",
    "moderation",
    "name_rule",
    "contact_rule",
    "how_to_comment",
]
DRAFT_FIELDS = ["title", "document_number", "topic", "catalogue_item", "summary", "body"]


def _document_error(exc: DocumentError) -> ParticipationError:
    return ParticipationError(exc.message, field=getattr(exc, "field", None))


def _check_consultation(agency: Agency, values: Mapping[str, Any]) -> None:
    problems = rules.period_problems(
        opens_on=values.get("opens_on"),
        closes_on=values.get("closes_on"),
        minimum_days=agency.consultation_minimum_days,
        short_period_reason=values.get("short_period_reason") or "",
    )
    for name in ("background", "basis", "main_content"):
        if not (values.get(name) or "").strip():
            problems.setdefault(name, _("请填写起草背景、依据和主要内容。"))
    if problems:
        field, message = next(iter(problems.items()))
        raise ParticipationError(message, field=field)
    limits.check_values(Consultation, values, error=ParticipationError)


def _replace_clauses(consultation: Consultation, clauses: Sequence[rules.DraftClause]) -> None:
    if not clauses:
        raise ParticipationError(_("征求意见稿至少要有一个条款。"), field="clauses")
    for clause in clauses:
        limits.check_values(Clause, {"text": clause.text}, error=ParticipationError)
    consultation.clauses.all().delete()
    Clause.objects.bulk_create(
        Clause(consultation=consultation, number=n, heading=c.heading[:100], text=c.text)
        for n, c in enumerate(clauses, start=1)
    )


def _clauses_from(text: str) -> list[rules.DraftClause]:
    return rules.split_into_clauses(text)


@transaction.atomic
def create_consultation(
    *,
    agency: Agency,
    actor,
    draft_values: Mapping[str, Any],
    values: Mapping[str, Any],
    clauses_text: str,
    issuers: Iterable[str] | None = None,
) -> Consultation:
    """Draft a consultation: a 征求意见稿 record in the library plus the consultation's terms.

    The clauses are split from `clauses_text` (第X条 lines, numbered headings or paragraphs).
    """
    _check_consultation(agency, values)
    clauses = _clauses_from(clauses_text)
    if not clauses:
        raise ParticipationError(_("请填写征求意见稿正文，以便按条款征求意见。"), field="clauses")
    document_values = {k: v for k, v in draft_values.items() if k in DRAFT_FIELDS}
    document_values.update(
        document_type=DocumentType.CONSULTATION_DRAFT,
        formed_on=values.get("opens_on") or timezone.localdate(),
    )
    document_values.setdefault("body", clauses_text)
    try:
        draft = documents.create_draft(
            agency=agency, actor=actor, values=document_values, issuers=issuers or [agency.name]
        )
    except DocumentError as exc:
        raise _document_error(exc) from exc
    consultation = Consultation.objects.create(
        agency=agency,
        draft=draft,
        created_by=actor,
        **{k: values.get(k) for k in CONSULTATION_FIELDS if k in values},
    )
    _replace_clauses(consultation, clauses)
    record_event(
        actor=actor,
        action="consultation.create",
        obj=consultation,
        agency=agency,
        after={**snapshot(consultation, CONSULTATION_FIELDS), "clauses": len(clauses)},
    )
    return consultation


@transaction.atomic
def update_consultation(
    *,
    consultation: Consultation,
    actor,
    draft_values: Mapping[str, Any] | None = None,
    values: Mapping[str, Any] | None = None,
    clauses_text: str | None = None,
) -> Consultation:
    """Change a consultation that is not yet published, and its draft and clauses."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.DRAFT:
        raise ParticipationError(_("已发布的征求意见不能修改。"))
    before = snapshot(consultation, CONSULTATION_FIELDS)
    merged = {**before, **{k: getattr(consultation, k) for k in CONSULTATION_FIELDS}}
    merged.update({k: v for k, v in (values or {}).items() if k in CONSULTATION_FIELDS})
    _check_consultation(consultation.agency, merged)
    if draft_values:
        try:
            documents.update_draft(
                document=consultation.draft,
                actor=actor,
                values={k: v for k, v in draft_values.items() if k in DRAFT_FIELDS},
            )
        except DocumentError as exc:
            raise _document_error(exc) from exc
    for name in CONSULTATION_FIELDS:
        setattr(consultation, name, merged[name])
    consultation.save(update_fields=CONSULTATION_FIELDS)
    if clauses_text is not None:
        _replace_clauses(consultation, _clauses_from(clauses_text))
    record_event(
        actor=actor,
        action="consultation.update",
        obj=consultation,
        agency=consultation.agency,
        before=before,
        after=snapshot(consultation, CONSULTATION_FIELDS),
    )
    return consultation


@transaction.atomic
def submit_consultation(*, consultation: Consultation, actor) -> Consultation:
    """The drafter hands the draft to a reviewer (the library's review)."""
    if consultation.status != ConsultationStatus.DRAFT:
        raise ParticipationError(_("该征求意见已发布。"))
    try:
        documents.submit_for_review(document=consultation.draft, actor=actor)
    except DocumentError as exc:
        raise _document_error(exc) from exc
    return consultation


@transaction.atomic
def publish_consultation(*, consultation: Consultation, actor) -> Consultation:
    """A reviewer publishes the draft for comment: the record gets its 索引号 and the
    consultation starts taking comments on its opening day."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.DRAFT:
        raise ParticipationError(_("该征求意见已发布。"))
    draft = consultation.draft
    if draft.status != Status.PUBLISHED:
        try:
            documents.publish(document=draft, actor=actor)
        except DocumentError as exc:
            raise _document_error(exc) from exc
    consultation.status = ConsultationStatus.OPEN
    consultation.published_at = timezone.now()
    consultation.save(update_fields=["status", "published_at"])
    record_event(
        actor=actor,
        action="consultation.publish",
        obj=consultation,
        agency=consultation.agency,
        before={"status": ConsultationStatus.DRAFT},
        after={"status": consultation.status},
    )
    return consultation


# --- closing, feedback and the final document -----------------------------------------------


def comment_facts(consultation: Consultation) -> list[rules.CommentFacts]:
    """The consultation's comments as the rules see them (one query).

    A comment hidden after closing keeps its (locked) disposition and so stays an opinion in
    the counts; only its text gives way to the public notice. Rejected before closing, it
    has no disposition and is not an opinion."""
    return [
        rules.CommentFacts(
            pk=c.pk,
            body=c.hidden_notice if c.is_hidden else c.body,
            clause_number=c.clause.number if c.clause_id else None,
            clause_heading=c.clause.heading if c.clause_id else "",
            disposition=c.disposition,
            reason=c.disposition_reason,
            group_lead_pk=c.group_lead_id,
            awaiting_moderation=c.moderation_status == ModerationStatus.PENDING,
            rejected=c.moderation_status == ModerationStatus.REJECTED and not c.disposition,
            source_label=str(c.get_source_display()),
        )
        for c in consultation.comments.select_related("clause").order_by("submitted_at", "id")
    ]


def get_feedback(consultation: Consultation) -> rules.Feedback:
    return rules.compute_feedback(comment_facts(consultation))


def _feedback_body(consultation: Consultation, feedback: rules.Feedback) -> str:
    # The record is an official text in the agency's language, whatever the clerk's UI. Its
    # body is HTML: the public's words are escaped into paragraphs, never read as markup.
    with translation.override("zh-hans"):
        text = rules.feedback_text(
            feedback,
            draft_title=consultation.draft.title,
            opens_on=consultation.opens_on,
            closes_on=consultation.closes_on,
            dispositions={value: str(label) for value, label in Disposition.choices},
        )
    return document_rules.plain_text_to_body(text)


@transaction.atomic
def close_consultation(*, consultation: Consultation, actor) -> Consultation:
    """End the consultation once every opinion has a disposition, and draft the feedback
    (意见采纳情况反馈) as a library record submitted for review."""
    consultation = (
        Consultation.objects.select_for_update().select_related("draft").get(pk=consultation.pk)
    )
    if consultation.status != ConsultationStatus.OPEN:
        raise ParticipationError(_("只有已发布、尚未结束的征求意见可以结束。"))
    facts = comment_facts(consultation)
    problems = rules.closing_problems(
        facts, today=timezone.localdate(), closes_on=consultation.closes_on
    )
    if problems:
        raise ParticipationError(" ".join(problems))
    feedback = rules.compute_feedback(facts)
    with translation.override("zh-hans"):
        title = rules.feedback_title(consultation.draft.title)
        summary = _(
            "征求意见共收到意见%(total)d条，采纳%(adopted)d条，部分采纳%(partly)d条，不予采纳%(not)d条。"
        ) % {
            "total": feedback.total,
            "adopted": feedback.counts.get(Disposition.ADOPTED, 0),
            "partly": feedback.counts.get(Disposition.PARTLY_ADOPTED, 0),
            "not": feedback.counts.get(Disposition.NOT_ADOPTED, 0),
        }
    draft = consultation.draft
    try:
        record = documents.create_draft(
            agency=consultation.agency,
            actor=actor,
            values={
                "title": title[:300],
                "document_type": DocumentType.CONSULTATION_FEEDBACK,
                "topic": draft.topic,
                "catalogue_item": draft.catalogue_item,
                "formed_on": timezone.localdate(),
                "summary": summary,
                "body": _feedback_body(consultation, feedback),
            },
            issuers=[i.name for i in draft.issuers.all()] or [consultation.agency.name],
        )
        documents.link_documents(
            source=record, target=draft, kind=LinkKind.FEEDBACK_ON, actor=actor
        )
        documents.submit_for_review(document=record, actor=actor)
    except DocumentError as exc:
        raise _document_error(exc) from exc
    consultation.status = ConsultationStatus.CLOSED
    consultation.closed_at = timezone.now()
    consultation.closed_by = actor
    consultation.feedback_document = record
    consultation.save(update_fields=["status", "closed_at", "closed_by", "feedback_document"])
    record_event(
        actor=actor,
        action="consultation.close",
        obj=consultation,
        agency=consultation.agency,
        before={"status": ConsultationStatus.OPEN},
        after={
            "status": consultation.status,
            "feedback_document": record.pk,
            "counts": feedback.counts,
            "total": feedback.total,
        },
    )
    return consultation


@transaction.atomic
def publish_feedback(*, consultation: Consultation, actor) -> Document:
    """A reviewer publishes the feedback record (the library's publication rules apply)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    record = consultation.feedback_document
    if record is None:
        raise ParticipationError(_("尚未生成意见采纳情况反馈，请先结束征求意见。"))
    try:
        documents.publish(document=record, actor=actor)
    except DocumentError as exc:
        if getattr(exc, "field", None) == "release_review":
            # The findings are resolved one by one on the feedback record's own page.
            raise ParticipationError(
                _("%(message)s请打开意见采纳情况反馈的信息页面，逐项处理后审核发布。")
                % {"message": exc.message}
            ) from exc
        raise _document_error(exc) from exc
    record_event(
        actor=actor,
        action="consultation.publish_feedback",
        obj=consultation,
        agency=consultation.agency,
        after={"feedback_document": record.pk},
    )
    return record


@transaction.atomic
def link_final_document(*, consultation: Consultation, document: Document, actor) -> Consultation:
    """Name the adopted document that came out of the consultation (draft → final)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.CLOSED:
        raise ParticipationError(_("征求意见结束后才能关联正式文件。"))
    if document.agency_id != consultation.agency_id:
        raise ParticipationError(_("正式文件须为本机关发布的信息。"), field="document")
    if document.document_type in (
        DocumentType.CONSULTATION_DRAFT,
        DocumentType.CONSULTATION_FEEDBACK,
    ):
        raise ParticipationError(
            _("请选择正式印发的文件，而不是征求意见稿或反馈。"), field="document"
        )
    before = {"final_document": consultation.final_document_id}
    try:
        documents.link_documents(
            source=document, target=consultation.draft, kind=LinkKind.FINAL_VERSION_OF, actor=actor
        )
    except DocumentError as exc:
        raise _document_error(exc) from exc
    consultation.final_document = document
    consultation.save(update_fields=["final_document"])
    record_event(
        actor=actor,
        action="consultation.link_final",
        obj=consultation,
        agency=consultation.agency,
        before=before,
        after={"final_document": document.pk},
    )
    return consultation
