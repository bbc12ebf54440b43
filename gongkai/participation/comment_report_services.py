"""Reports of published comments and their review by staff.

A report never hides a comment by itself: the comment stays public and enters the staff's
review queue. One visitor (a salted hash of IP address and session key) reports one comment
at most once. Staff then keep the comment public (the reports are dismissed) or hide it with
a reason that the public page shows in its place. The review is moderation, not disposition:
it is allowed after the consultation has closed, when dispositions are locked.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event, snapshot
from gongkai.participation.comment_services import (
    COMMENT_FIELDS,
    close_reports,
    drop_from_handling,
)
from gongkai.participation.errors import AlreadyReported, ParticipationError
from gongkai.participation.models import (
    Comment,
    CommentReport,
    ConsultationStatus,
    ModerationStatus,
    ReportOutcome,
)

MAX_REPORT_CHARS = 300
REVIEW_DECISIONS = ("keep", "hide")


def visitor_hash(ip: str, session_key: str) -> str:
    """A salted hash that tells visitors apart without storing their address or session."""
    return salted_hmac(
        "gongkai.participation.comment-report", f"{ip}\n{session_key}", algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def report_comment(*, comment: Comment, reason: str, ip: str, session_key: str) -> CommentReport:
    """A visitor reports a published comment: it stays public and waits for staff review.

    A second report of the same comment by the same visitor is not counted
    (`AlreadyReported`)."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    if comment.moderation_status != ModerationStatus.PUBLISHED:
        raise ParticipationError(_("该意见未公开。"))
    reason = (reason or "").strip()[:MAX_REPORT_CHARS]
    if not reason:
        raise ParticipationError(_("请说明举报理由。"), field="reason")
    visitor = visitor_hash(ip, session_key)
    if comment.reports.filter(visitor_hash=visitor).exists():
        raise AlreadyReported(_("您已举报过这条意见，工作人员会尽快复核。感谢您的监督！"))
    report = CommentReport.objects.create(comment=comment, visitor_hash=visitor, reason=reason)
    record_event(
        actor=None,
        action="consultation.report_comment",
        obj=comment,
        agency=comment.consultation.agency,
        after={"report": report.pk, "open_reports": comment.reports.open().count()},
        note=reason,
    )
    return report


@transaction.atomic
def review_reported_comment(*, comment: Comment, actor, decision: str, reason: str = "") -> Comment:
    """Staff decide on a reported comment: keep it public or hide it with a public reason.

    Allowed after the consultation has closed. Hiding before closing rejects the comment as
    before (it leaves any group and needs no disposition). After closing the disposition is
    locked: the hidden comment keeps its disposition and stays in the counts of the
    feedback, and its text is replaced by the notice wherever the portal shows it."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    if decision not in REVIEW_DECISIONS:
        raise ParticipationError(_("请选择复核结果。"), field="decision")
    if not comment.reports.open().exists():
        raise ParticipationError(_("该意见没有待复核的举报。"))
    reason = (reason or "").strip()
    limits.check_values(Comment, {"moderation_reason": reason}, error=ParticipationError)
    before = snapshot(comment, COMMENT_FIELDS)
    if decision == "keep":
        closed = close_reports(comment, actor=actor, outcome=ReportOutcome.DISMISSED)
    else:
        if comment.moderation_status != ModerationStatus.PUBLISHED:
            raise ParticipationError(_("该意见未公开，无需隐藏。"))
        if not reason:
            raise ParticipationError(
                _("隐藏意见时必须写明理由（理由将公开显示）。"), field="reason"
            )
        now = timezone.now()
        comment.moderation_status = ModerationStatus.REJECTED
        comment.moderation_reason = reason
        comment.moderated_by = actor
        comment.moderated_at = now
        comment.hidden_at = now
        fields = [
            "moderation_status",
            "moderation_reason",
            "moderated_by",
            "moderated_at",
            "hidden_at",
        ]
        if comment.consultation.status != ConsultationStatus.CLOSED:
            fields += drop_from_handling(comment)
        comment.save(update_fields=fields)
        closed = close_reports(comment, actor=actor, outcome=ReportOutcome.UPHELD)
    record_event(
        actor=actor,
        action="consultation.review_report",
        obj=comment,
        agency=comment.consultation.agency,
        before=before,
        after={**snapshot(comment, COMMENT_FIELDS), "decision": decision, "reports": closed},
        note=reason,
    )
    return comment
