"""Public participation: consultations on drafts, public messages, public-opinion events.

One module per concept; everything is importable from `gongkai.participation.models`."""

from gongkai.participation.models.consultations import (
    Clause,
    Comment,
    CommentReport,
    CommentSource,
    Consultation,
    ConsultationStatus,
    ContactRule,
    Disposition,
    Moderation,
    ModerationStatus,
    ReportOutcome,
)
from gongkai.participation.models.mailbox import (
    MessageCategory,
    MessageStatus,
    PublicMessage,
    RejectionGround,
    ReplyLimit,
)
from gongkai.participation.models.opinion import (
    Escalation,
    OpinionEvent,
    OpinionResponse,
    OpinionSource,
    OpinionStatus,
    ResponseKind,
    Severity,
    VerificationRequest,
)

__all__ = [
    "Clause",
    "Comment",
    "CommentReport",
    "CommentSource",
    "Consultation",
    "ConsultationStatus",
    "ContactRule",
    "Disposition",
    "Escalation",
    "MessageCategory",
    "MessageStatus",
    "Moderation",
    "ModerationStatus",
    "OpinionEvent",
    "OpinionResponse",
    "OpinionSource",
    "OpinionStatus",
    "PublicMessage",
    "RejectionGround",
    "ReplyLimit",
    "ReportOutcome",
    "ResponseKind",
    "Severity",
    "VerificationRequest",
]
