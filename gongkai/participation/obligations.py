"""What public participation owes, for the obligations ledger: a reply to each message within
its category's working days, a first response to each 舆情 event within 24 or 48 hours, an
answer to each verification request within 24 hours (regulations.md §5), and the published
feedback on each consultation (意见采纳情况反馈) within CONSULTATION_FEEDBACK_WORKING_DAYS of its
close — no national rule fixes that period: our reading, configurable (README)."""

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.documents.models import Attribute, Status
from gongkai.obligations.registry import Spec
from gongkai.participation.models import (
    Consultation,
    ConsultationStatus,
    MessageStatus,
    OpinionEvent,
    PublicMessage,
    VerificationRequest,
)

MESSAGE_REPLY = "participation.message_reply"
OPINION_RESPONSE = "participation.opinion_response"
VERIFICATION_ANSWER = "participation.verification_answer"
CONSULTATION_FEEDBACK = "participation.consultation_feedback"


def describe_message_reply(message: PublicMessage) -> Spec:
    """Done when answered, or when not accepted (不予受理 is the answer, with where to go)."""
    done_at = None
    if message.status == MessageStatus.ANSWERED:
        done_at = message.answered_at
    elif message.status == MessageStatus.REJECTED:
        done_at = message.rejected_at
    return Spec(
        agency_id=message.agency_id,
        # The subject as the agency received it (staff, and supervisors, read it anyway).
        title=_("留言：%(subject)s") % {"subject": message.subject[:60]},
        due_on=message.due_on,
        is_provisional=message.due_is_provisional,
        done_at=done_at,
    )


def describe_opinion_response(event: OpinionEvent) -> Spec:
    """The first response is due at `respond_by` (derived from the severity history)."""
    return Spec(
        agency_id=event.agency_id,
        title=event.title,
        due_on=None,
        due_at=event.respond_by,
        done_at=event.first_response_at,
    )


def describe_verification_answer(request: VerificationRequest) -> Spec:
    return Spec(
        agency_id=request.event.agency_id,
        title=_("核实请求：%(requester)s（%(event)s）")
        % {"requester": request.requester, "event": request.event.title},
        due_on=None,
        due_at=request.answer_by,
        done_at=request.answered_at,
    )


def describe_consultation_feedback(consultation: Consultation) -> Spec | None:
    """A published consultation owes its adoption feedback, published, a number of working days
    after its closing date; done when the feedback record is published proactively."""
    if consultation.status == ConsultationStatus.DRAFT:
        return None
    from gongkai.catalogue.expected import due_of  # the one "working days after a day" rule

    due_on, provisional = due_of(
        consultation.closes_on, settings.CONSULTATION_FEEDBACK_WORKING_DAYS
    )
    feedback = consultation.feedback_document
    done_at = None
    if (
        feedback is not None
        and feedback.status == Status.PUBLISHED
        and feedback.attribute == Attribute.PROACTIVE
    ):
        done_at = feedback.published_at
    return Spec(
        agency_id=consultation.agency_id,
        title=_("意见采纳情况反馈：%(title)s") % {"title": consultation.draft.title[:60]},
        due_on=due_on,
        is_provisional=provisional,
        done_at=done_at,
    )


def consultations_of_feedback(document) -> list[Consultation]:
    """The consultation whose feedback a saved record is (for the ledger's watch)."""
    return list(Consultation.objects.filter(feedback_document_id=document.pk))
