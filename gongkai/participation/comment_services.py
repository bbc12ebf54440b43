"""State changes of the comments on a consultation: the public's web comments, comments
staff record from letters and meetings, moderation, dispositions and groups of identical
opinions (reports and their review are in `comment_report_services`). Each is one function
in one transaction that writes an audit event."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event, snapshot
from gongkai.participation import consultations as rules
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    Clause,
    Comment,
    CommentSource,
    Consultation,
    ConsultationStatus,
    ContactRule,
    Moderation,
    ModerationStatus,
    ReportOutcome,
)

COMMENT_FIELDS = [
    "moderation_status",
    "moderation_reason",
    "disposition",
    "disposition_reason",
    "group_lead",
    "hidden_at",
]
MAX_COMMENT_CHARS = limits.COMMENT_BODY


def _check_comment_text(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ParticipationError(_("请填写意见内容。"), field="body")
    if len(body) > MAX_COMMENT_CHARS:
        message = limits.too_long_message(_("意见内容"), MAX_COMMENT_CHARS, len(body))
        raise ParticipationError(message, field="body")
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


def drop_from_handling(comment: Comment) -> list[str]:
    """Rejected content leaves any group and drops its disposition; returns the fields."""
    comment.disposition = ""
    comment.disposition_reason = ""
    comment.group_lead = None
    comment.grouped.update(group_lead=None)
    return ["disposition", "disposition_reason", "group_lead"]


def close_reports(comment: Comment, *, actor, outcome: str) -> int:
    """Mark the comment's open reports as reviewed; the caller holds the transaction."""
    return comment.reports.open().update(
        outcome=outcome, reviewed_by=actor, reviewed_at=timezone.now()
    )


@transaction.atomic
def moderate_comment(*, comment: Comment, actor, decision: str, reason: str = "") -> Comment:
    """Publish a comment, keep it as a private opinion, or reject abusive content with a
    reason. A rejected comment is not an opinion and needs no disposition; one the public
    could read is shown as hidden, with the reason. The decision also settles any open
    reports of the comment."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    if decision not in MODERATION_DECISIONS:
        raise ParticipationError(_("请选择审核结果。"), field="decision")
    if comment.consultation.status == ConsultationStatus.CLOSED:
        raise ParticipationError(
            _("征求意见已结束，意见不能再审核；被举报的意见可在“被举报的意见”中复核。")
        )
    target = MODERATION_DECISIONS[decision]
    if target == ModerationStatus.PUBLISHED and comment.consultation.moderation == Moderation.NEVER:
        raise ParticipationError(_("本次征求意见不公开意见内容。"), field="decision")
    if target == ModerationStatus.REJECTED and not (reason or "").strip():
        raise ParticipationError(_("拒绝意见时必须写明理由。"), field="reason")
    before = snapshot(comment, COMMENT_FIELDS)
    was_public = comment.moderation_status == ModerationStatus.PUBLISHED or comment.is_hidden
    comment.moderation_status = target
    comment.moderation_reason = (reason or "").strip()
    comment.moderated_by = actor
    comment.moderated_at = timezone.now()
    comment.hidden_at = (
        comment.moderated_at if target == ModerationStatus.REJECTED and was_public else None
    )
    fields = ["moderation_status", "moderation_reason", "moderated_by", "moderated_at", "hidden_at"]
    if target == ModerationStatus.REJECTED:
        fields += drop_from_handling(comment)
    limits.check_text_lengths(comment, error=ParticipationError, fields=fields)
    comment.save(update_fields=fields)
    reports = close_reports(
        comment,
        actor=actor,
        # Taken off the public page: the reports were right.
        outcome=ReportOutcome.DISMISSED
        if target == ModerationStatus.PUBLISHED
        else ReportOutcome.UPHELD,
    )
    record_event(
        actor=actor,
        action="consultation.moderate",
        obj=comment,
        agency=comment.consultation.agency,
        before=before,
        after={**snapshot(comment, COMMENT_FIELDS), "reports": reports},
        note=comment.moderation_reason,
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
    limits.check_text_lengths(comment, error=ParticipationError, fields=list(values))
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
