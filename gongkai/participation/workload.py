"""What waits for an agency in public participation, counted for the console dashboard and
the supervisor's view: a few aggregate queries for any number of agencies."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from gongkai.obligations import ledger
from gongkai.participation import mailbox
from gongkai.participation.models import (
    Comment,
    Consultation,
    ConsultationStatus,
    ModerationStatus,
    OpinionEvent,
    OpinionStatus,
    PublicMessage,
)
from gongkai.participation.obligations import MESSAGE_REPLY, OPINION_RESPONSE


@dataclass
class Workload:
    open_messages: int = 0
    overdue_messages: int = 0
    messages_past_veto_line: int = 0  # unanswered > 3 months: the website inspection's veto
    consultations_taking_comments: int = 0
    comments_awaiting_moderation: int = 0
    comments_reported: int = 0  # reported comments awaiting review, closed consultations too
    consultations_to_close: int = 0  # past the closing day, not yet closed
    open_opinion_events: int = 0
    overdue_opinion_events: int = 0

    @property
    def is_empty(self) -> bool:
        return not any(vars(self).values())


def workload(
    agency_ids: set[int] | list[int], *, today: datetime.date, now: datetime.datetime
) -> dict[int, Workload]:
    """Per agency id: the counts of `Workload` (agencies with nothing get an empty one)."""
    result = {pk: Workload() for pk in agency_ids}
    cutoff = mailbox.veto_cutoff_on(today)
    for row in (
        PublicMessage.objects.open()
        .filter(agency_id__in=result)
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            past_veto=Count("pk", filter=Q(received_at__date__lt=cutoff)),
        )
    ):
        counts = result[row["agency_id"]]
        counts.open_messages = row["total"]
        counts.messages_past_veto_line = row["past_veto"]
    for row in (
        Consultation.objects.filter(agency_id__in=result, status=ConsultationStatus.OPEN)
        .values("agency_id")
        .annotate(
            taking=Count("pk", filter=Q(opens_on__lte=today, closes_on__gte=today)),
            to_close=Count("pk", filter=Q(closes_on__lt=today)),
        )
    ):
        result[row["agency_id"]].consultations_taking_comments = row["taking"]
        result[row["agency_id"]].consultations_to_close = row["to_close"]
    for row in (
        Comment.objects.filter(
            consultation__agency_id__in=result,
            consultation__status=ConsultationStatus.OPEN,
            moderation_status=ModerationStatus.PENDING,
        )
        .values("consultation__agency_id")
        .annotate(total=Count("pk"))
    ):
        result[row["consultation__agency_id"]].comments_awaiting_moderation = row["total"]
    for row in (
        Comment.objects.reported()
        .filter(consultation__agency_id__in=result)
        .values("consultation__agency_id")
        .annotate(total=Count("pk"))
    ):
        result[row["consultation__agency_id"]].comments_reported = row["total"]
    for row in (
        OpinionEvent.objects.filter(agency_id__in=result, status=OpinionStatus.OPEN)
        .values("agency_id")
        .annotate(
            total=Count("pk"),
        )
    ):
        result[row["agency_id"]].open_opinion_events = row["total"]
    # Overdue replies and responses are the ledger's (obligations/ledger.py).
    for agency_id, n in ledger.overdue_counts(MESSAGE_REPLY, result, today=today, now=now).items():
        result[agency_id].overdue_messages = n
    for agency_id, n in ledger.overdue_counts(
        OPINION_RESPONSE, result, today=today, now=now
    ).items():
        result[agency_id].overdue_opinion_events = n
    return result
