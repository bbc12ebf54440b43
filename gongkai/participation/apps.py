from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("互动交流")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_message_due_dates, dispatch_uid="message-due")

        from gongkai.participation.mailbox_services import refresh_due_date
        from gongkai.participation.models import PublicMessage
        from gongkai.workdays.due_dates import DueDateSource, register_due_dates

        register_due_dates(
            DueDateSource(
                kind=_("留言"),
                open_objects=lambda: PublicMessage.objects.open().select_related("agency"),
                refresh=refresh_due_date,
                recomputed_action="participation.message.due_recomputed",
            )
        )

        from gongkai.obligations.registry import ObligationKind, register_kind
        from gongkai.participation import obligations
        from gongkai.participation.access import HANDLER_ROLES
        from gongkai.participation.models import Consultation, OpinionEvent, VerificationRequest

        register_kind(
            ObligationKind(
                code=obligations.MESSAGE_REPLY,
                label=_("留言答复"),
                model=PublicMessage,
                describe=obligations.describe_message_reply,
                responsible_roles=HANDLER_ROLES,
                all_objects=lambda: PublicMessage.objects.order_by("pk").iterator(chunk_size=2000),
            )
        )
        register_kind(
            ObligationKind(
                code=obligations.OPINION_RESPONSE,
                label=_("舆情回应"),
                model=OpinionEvent,
                describe=obligations.describe_opinion_response,
                responsible_roles=HANDLER_ROLES,
                all_objects=lambda: OpinionEvent.objects.order_by("pk"),
            )
        )
        register_kind(
            ObligationKind(
                code=obligations.VERIFICATION_ANSWER,
                label=_("核实请求答复"),
                model=VerificationRequest,
                describe=obligations.describe_verification_answer,
                responsible_roles=HANDLER_ROLES,
                all_objects=lambda: VerificationRequest.objects.select_related("event").order_by(
                    "pk"
                ),
            )
        )
        from gongkai.documents.models import Document

        register_kind(
            ObligationKind(
                code=obligations.CONSULTATION_FEEDBACK,
                label=_("意见采纳情况反馈"),
                model=Consultation,
                describe=obligations.describe_consultation_feedback,
                responsible_roles=HANDLER_ROLES,
                all_objects=lambda: Consultation.objects.select_related(
                    "draft", "feedback_document"
                ).order_by("pk"),
                watches=((Document, obligations.consultations_of_feedback),),
            )
        )
        calendar_changed.connect(_recompute_feedback_due_dates, dispatch_uid="feedback-due")


def _recompute_feedback_due_dates(sender, **kwargs) -> None:
    # The feedback's due day is counted on the calendar when described: recount them all.
    from gongkai.obligations.services import rebuild
    from gongkai.participation.obligations import CONSULTATION_FEEDBACK

    rebuild([CONSULTATION_FEEDBACK])


def _recompute_message_due_dates(sender, *, actor=None, years=None, **kwargs) -> None:
    # A public message's due date is derived from the calendar (design.md).
    from gongkai.participation.mailbox_services import recompute_due_dates

    recompute_due_dates(actor=actor)
