"""State changes of consultations on drafts. Each is one function in one transaction that
writes an audit event; the draft and the feedback are document-library records and go
through the library's own review and publication."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.documents import services as documents
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document, DocumentType, LinkKind, Status
from gongkai.participation import consultations as rules
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    Clause,
    Comment,
    CommentSource,
    Consultation,
    ConsultationStatus,
    ContactRule,
    Disposition,
    Moderation,
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
COMMENT_FIELDS = [
    "moderation_status",
    "moderation_reason",
    "disposition",
    "disposition_reason",
    "group_lead",
    "report_count",
]
MAX_COMMENT_CHARS = 5000


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


def _replace_clauses(consultation: Consultation, clauses: Sequence[rules.DraftClause]) -> None:
    if not clauses:
        raise ParticipationError(_("征求意见稿至少要有一个条款。"), field="clauses")
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


# --- comments ------------------------------------------------------------------------------


def _check_comment_text(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ParticipationError(_("请填写意见内容。"), field="body")
    if len(body) > MAX_COMMENT_CHARS:
        raise ParticipationError(
            _("意见内容不能超过%(n)d字。") % {"n": MAX_COMMENT_CHARS}, field="body"
        )
    return body


def _clause_of(consultation: Consultation, clause: Clause | None) -> Clause | None:
    if clause is not None and clause.consultation_id != consultation.pk:
        raise ParticipationError(_("所选条款不属于该征求意见稿。"), field="clause")
    return clause


@transaction.atomic
def submit_comment(
    *,
    consultation: Consultation,
    body: str,
    clause: Clause | None = None,
    commenter_name: str = "",
    contact: str = "",
    today: datetime.date | None = None,
) -> Comment:
    """A member of the public comments by the web form while the consultation is open."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    today = today or timezone.localdate()
    if consultation.status != ConsultationStatus.OPEN or not rules.accepts_comments_on(
        today, opens_on=consultation.opens_on, closes_on=consultation.closes_on
    ):
        raise ParticipationError(
            _("该征求意见不在征求期内（%(opens)s至%(closes)s），不能提交意见。")
            % {"opens": consultation.opens_on, "closes": consultation.closes_on}
        )
    body = _check_comment_text(body)
    commenter_name = (commenter_name or "").strip()[:100]
    contact = (contact or "").strip()[:200]
    if consultation.name_rule == ContactRule.REQUIRED and not commenter_name:
        raise ParticipationError(_("本次征求意见须填写姓名或单位。"), field="commenter_name")
    if consultation.contact_rule == ContactRule.REQUIRED and not contact:
        raise ParticipationError(_("本次征求意见须填写联系方式。"), field="contact")
    initial = {
        Moderation.BEFORE: ModerationStatus.PENDING,
        Moderation.AFTER: ModerationStatus.PUBLISHED,
        Moderation.NEVER: ModerationStatus.NOT_PUBLISHED,
    }[consultation.moderation]
    comment = Comment.objects.create(
        consultation=consultation,
        clause=_clause_of(consultation, clause),
        source=CommentSource.WEB,
        commenter_name=commenter_name,
        contact=contact,
        body=body,
        moderation_status=initial,
    )
    record_event(
        actor=None,
        action="consultation.comment",
        obj=comment,
        agency=consultation.agency,
        after={"clause": comment.clause_id, "moderation_status": initial},
    )
    return comment


@transaction.atomic
def record_comment(
    *,
    consultation: Consultation,
    actor,
    body: str,
    source: str,
    source_detail: str = "",
    clause: Clause | None = None,
    commenter_name: str = "",
    contact: str = "",
    received_on: datetime.date | None = None,
    make_public: bool = False,
) -> Comment:
    """Staff record a comment received by letter, e-mail, or at a 座谈会、论证会、听证会."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status == ConsultationStatus.DRAFT:
        raise ParticipationError(_("征求意见发布后才能登记意见。"))
    if consultation.status == ConsultationStatus.CLOSED:
        raise ParticipationError(_("征求意见已结束，不能再登记意见。"))
    if source not in CommentSource.values or source == CommentSource.WEB:
        raise ParticipationError(_("请选择意见来源（信函、座谈会等）。"), field="source")
    if (
        source in (CommentSource.FORUM, CommentSource.EXPERT_MEETING, CommentSource.HEARING)
        and not (source_detail or "").strip()
    ):
        raise ParticipationError(_("请写明会议的时间和名称。"), field="source_detail")
    body = _check_comment_text(body)
    submitted_at = timezone.now()
    if received_on is not None:
        if received_on > timezone.localdate():
            raise ParticipationError(_("收到日期不能晚于今天。"), field="received_on")
        submitted_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9)))
    public = make_public and consultation.moderation != Moderation.NEVER
    comment = Comment.objects.create(
        consultation=consultation,
        clause=_clause_of(consultation, clause),
        source=source,
        source_detail=(source_detail or "").strip()[:200],
        commenter_name=(commenter_name or "").strip()[:100],
        contact=(contact or "").strip()[:200],
        body=body,
        submitted_at=submitted_at,
        recorded_by=actor,
        moderation_status=ModerationStatus.PUBLISHED if public else ModerationStatus.NOT_PUBLISHED,
        moderated_by=actor,
        moderated_at=timezone.now(),
    )
    record_event(
        actor=actor,
        action="consultation.record_comment",
        obj=comment,
        agency=consultation.agency,
        after={"source": source, "clause": comment.clause_id, "public": public},
    )
    return comment


MODERATION_DECISIONS = {
    "publish": ModerationStatus.PUBLISHED,
    "keep_private": ModerationStatus.NOT_PUBLISHED,
    "reject": ModerationStatus.REJECTED,
}


@transaction.atomic
def moderate_comment(*, comment: Comment, actor, decision: str, reason: str = "") -> Comment:
    """Publish a comment, keep it as a private opinion, or reject abusive content with a
    reason. A rejected comment is not an opinion and needs no disposition."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    if decision not in MODERATION_DECISIONS:
        raise ParticipationError(_("请选择审核结果。"), field="decision")
    if comment.consultation.status == ConsultationStatus.CLOSED:
        raise ParticipationError(_("征求意见已结束，意见不能再审核。"))
    target = MODERATION_DECISIONS[decision]
    if target == ModerationStatus.PUBLISHED and comment.consultation.moderation == Moderation.NEVER:
        raise ParticipationError(_("本次征求意见不公开意见内容。"), field="decision")
    if target == ModerationStatus.REJECTED and not (reason or "").strip():
        raise ParticipationError(_("拒绝意见时必须写明理由。"), field="reason")
    before = snapshot(comment, COMMENT_FIELDS)
    comment.moderation_status = target
    comment.moderation_reason = (reason or "").strip()
    comment.moderated_by = actor
    comment.moderated_at = timezone.now()
    fields = ["moderation_status", "moderation_reason", "moderated_by", "moderated_at"]
    if target == ModerationStatus.REJECTED:
        # Rejected content leaves any group and drops its disposition.
        comment.disposition = ""
        comment.disposition_reason = ""
        comment.group_lead = None
        fields += ["disposition", "disposition_reason", "group_lead"]
        comment.grouped.update(group_lead=None)
    comment.save(update_fields=fields)
    record_event(
        actor=actor,
        action="consultation.moderate",
        obj=comment,
        agency=comment.consultation.agency,
        before=before,
        after=snapshot(comment, COMMENT_FIELDS),
        note=comment.moderation_reason,
    )
    return comment


@transaction.atomic
def report_comment(*, comment: Comment, reason: str) -> Comment:
    """Anyone may report a published comment; it is hidden until staff review it again."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.moderation_status not in (ModerationStatus.PUBLISHED, ModerationStatus.REPORTED):
        raise ParticipationError(_("该意见未公开。"))
    reason = (reason or "").strip()
    if not reason:
        raise ParticipationError(_("请说明举报理由。"), field="reason")
    before = snapshot(comment, COMMENT_FIELDS)
    comment.moderation_status = ModerationStatus.REPORTED
    comment.report_count += 1
    comment.last_report_reason = reason[:300]
    comment.save(update_fields=["moderation_status", "report_count", "last_report_reason"])
    record_event(
        actor=None,
        action="consultation.report_comment",
        obj=comment,
        agency=comment.consultation.agency,
        before=before,
        after=snapshot(comment, COMMENT_FIELDS),
        note=reason[:300],
    )
    return comment


def _check_open_for_handling(consultation: Consultation) -> None:
    if consultation.status == ConsultationStatus.CLOSED:
        raise ParticipationError(_("征求意见已结束，采纳情况不能再修改。"))
    if consultation.status == ConsultationStatus.DRAFT:
        raise ParticipationError(_("征求意见尚未发布。"))


@transaction.atomic
def dispose_comment(*, comment: Comment, actor, disposition: str, reason: str = "") -> Comment:
    """Record whether an opinion is adopted (采纳 / 部分采纳 / 不予采纳) and why; the
    comments grouped with it take the same disposition."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    _check_open_for_handling(comment.consultation)
    if comment.moderation_status == ModerationStatus.REJECTED:
        raise ParticipationError(_("已拒绝的内容不作采纳处理。"))
    if comment.group_lead_id is not None:
        raise ParticipationError(_("该意见已合并到另一条意见，请处理那一条。"))
    problem = rules.disposition_problem(disposition, reason)
    if problem:
        raise ParticipationError(problem, field="reason" if disposition else "disposition")
    before = snapshot(comment, COMMENT_FIELDS)
    now = timezone.now()
    values = {
        "disposition": disposition,
        "disposition_reason": (reason or "").strip(),
        "disposed_by": actor,
        "disposed_at": now,
    }
    for name, value in values.items():
        setattr(comment, name, value)
    comment.save(update_fields=list(values))
    merged = comment.grouped.update(**values)
    record_event(
        actor=actor,
        action="consultation.dispose",
        obj=comment,
        agency=comment.consultation.agency,
        before=before,
        after={**snapshot(comment, COMMENT_FIELDS), "grouped": merged},
    )
    return comment


@transaction.atomic
def group_comments(*, lead: Comment, others: Sequence[Comment], actor) -> Comment:
    """Handle identical or near-identical opinions together under `lead`."""
    lead = Comment.objects.select_for_update().select_related("consultation").get(pk=lead.pk)
    _check_open_for_handling(lead.consultation)
    if lead.group_lead_id is not None:
        raise ParticipationError(_("作为合并对象的意见本身已被合并。"))
    if lead.moderation_status == ModerationStatus.REJECTED:
        raise ParticipationError(_("已拒绝的内容不能作为合并对象。"))
    ids = [c.pk for c in others if c.pk != lead.pk]
    if not ids:
        raise ParticipationError(_("请选择要合并的意见。"), field="others")
    members = list(
        Comment.objects.select_for_update().filter(pk__in=ids, consultation=lead.consultation)
    )
    if len(members) != len(ids):
        raise ParticipationError(_("只能合并同一征求意见中的意见。"), field="others")
    if any(m.moderation_status == ModerationStatus.REJECTED for m in members):
        raise ParticipationError(_("已拒绝的内容不能合并。"), field="others")
    # A member that led its own group hands its members to the new lead.
    Comment.objects.filter(group_lead__in=members).update(group_lead=lead)
    Comment.objects.filter(pk__in=ids).update(
        group_lead=lead,
        disposition=lead.disposition,
        disposition_reason=lead.disposition_reason,
        disposed_by=lead.disposed_by,
        disposed_at=lead.disposed_at,
    )
    Comment.objects.filter(group_lead=lead).update(
        disposition=lead.disposition,
        disposition_reason=lead.disposition_reason,
        disposed_by=lead.disposed_by,
        disposed_at=lead.disposed_at,
    )
    record_event(
        actor=actor,
        action="consultation.group",
        obj=lead,
        agency=lead.consultation.agency,
        after={"lead": lead.pk, "grouped": ids},
    )
    return lead


@transaction.atomic
def ungroup_comment(*, comment: Comment, actor) -> Comment:
    """Take a comment out of its group; it then needs its own disposition."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    _check_open_for_handling(comment.consultation)
    if comment.group_lead_id is None:
        raise ParticipationError(_("该意见未被合并。"))
    before = snapshot(comment, COMMENT_FIELDS)
    comment.group_lead = None
    comment.disposition = ""
    comment.disposition_reason = ""
    comment.disposed_by = None
    comment.disposed_at = None
    comment.save(
        update_fields=[
            "group_lead",
            "disposition",
            "disposition_reason",
            "disposed_by",
            "disposed_at",
        ]
    )
    record_event(
        actor=actor,
        action="consultation.ungroup",
        obj=comment,
        agency=comment.consultation.agency,
        before=before,
        after=snapshot(comment, COMMENT_FIELDS),
    )
    return comment


# --- closing, feedback and the final document -----------------------------------------------


def comment_facts(consultation: Consultation) -> list[rules.CommentFacts]:
    """The consultation's comments as the rules see them (one query)."""
    return [
        rules.CommentFacts(
            pk=c.pk,
            body=c.body,
            clause_number=c.clause.number if c.clause_id else None,
            clause_heading=c.clause.heading if c.clause_id else "",
            disposition=c.disposition,
            reason=c.disposition_reason,
            group_lead_pk=c.group_lead_id,
            awaiting_moderation=c.moderation_status
            in (ModerationStatus.PENDING, ModerationStatus.REPORTED),
            rejected=c.moderation_status == ModerationStatus.REJECTED,
            source_label=str(c.get_source_display()),
        )
        for c in consultation.comments.select_related("clause").order_by("submitted_at", "id")
    ]


def get_feedback(consultation: Consultation) -> rules.Feedback:
    return rules.compute_feedback(comment_facts(consultation))


def _feedback_body(consultation: Consultation, feedback: rules.Feedback) -> str:
    # The record is an official text in the agency's language, whatever the clerk's UI.
    with translation.override("zh-hans"):
        return rules.feedback_text(
            feedback,
            draft_title=consultation.draft.title,
            opens_on=consultation.opens_on,
            closes_on=consultation.closes_on,
            dispositions={value: str(label) for value, label in Disposition.choices},
        )


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
