"""Public consultations on drafts: the list (open ones first), one consultation with its
clauses and published comments, and the feedback on how comments were used once it is
published. Commenters' names and contact details are never part of the API."""

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import AgencyRefOut, ChoiceOut, ErrorOut
from gongkai.documents.models import Attribute, Status
from gongkai.participation import consultation_services as services
from gongkai.participation import consultations as rules
from gongkai.participation.models import (
    Comment,
    Consultation,
    ConsultationStatus,
    Disposition,
)
from gongkai.participation.models.consultations import ConsultationQuerySet

router = Router(tags=["consultations"])


class ConsultationFilters(Schema):
    agency: str | None = Field(None, description="机关代码")
    state: str | None = Field(
        None, description="open：正在征求意见；feedback：已公开意见采纳情况反馈"
    )
    page: int = 1
    page_size: int = 20


class ConsultationOut(Schema):
    id: int
    title: str
    agency: AgencyRefOut
    draft_record_id: int
    index_number: str | None
    opens_on: datetime.date
    closes_on: datetime.date
    is_open: bool = Field(description="今天是否可以提出意见")
    has_feedback: bool = Field(description="意见采纳情况反馈是否已公开")
    url: str
    portal_url: str


class ConsultationPageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[ConsultationOut]


class ClauseOut(Schema):
    number: int
    heading: str
    text: str


class CommentOut(Schema):
    id: int
    clause_number: int | None
    body: str
    submitted_on: datetime.date
    source: ChoiceOut


class FeedbackItemOut(Schema):
    body: str
    disposition: ChoiceOut
    reason: str
    merged_count: int


class FeedbackSectionOut(Schema):
    clause_number: int | None
    clause_heading: str
    items: list[FeedbackItemOut]


class FeedbackOut(Schema):
    record_id: int
    title: str
    published_at: datetime.datetime | None
    total: int
    distinct: int
    adopted: int
    partly_adopted: int
    not_adopted: int
    sections: list[FeedbackSectionOut]


class ConsultationDetailOut(ConsultationOut):
    background: str
    basis: str
    main_content: str
    short_period_reason: str
    clauses: list[ClauseOut]
    comments: list[CommentOut]
    feedback: FeedbackOut | None
    final_record_id: int | None


def public_consultations() -> ConsultationQuerySet:
    return (
        Consultation.objects.published()
        .filter(draft__status=Status.PUBLISHED, draft__attribute=Attribute.PROACTIVE)
        .select_related("agency", "draft", "feedback_document", "final_document")
    )


def _feedback_public(consultation: Consultation) -> bool:
    record = consultation.feedback_document
    return (
        record is not None
        and record.status == Status.PUBLISHED
        and record.attribute == Attribute.PROACTIVE
    )


def _out(request: HttpRequest, consultation: Consultation, today: datetime.date) -> dict:
    return {
        "id": consultation.pk,
        "title": consultation.draft.title,
        "agency": AgencyRefOut(code=consultation.agency.code, name=consultation.agency.name),
        "draft_record_id": consultation.draft_id,
        "index_number": consultation.draft.index_number,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "is_open": consultation.status == ConsultationStatus.OPEN
        and rules.accepts_comments_on(
            today, opens_on=consultation.opens_on, closes_on=consultation.closes_on
        ),
        "has_feedback": _feedback_public(consultation),
        "url": request.build_absolute_uri(
            reverse("api:consultation-detail", args=[consultation.pk])
        ),
        "portal_url": request.build_absolute_uri(
            reverse("portal:consultation-detail", args=[consultation.pk])
        ),
    }


@router.get(
    "",
    response={200: ConsultationPageOut, 400: ErrorOut},
    url_name="consultation-list",
    operation_id="list_consultations",
)
def list_consultations(
    request: HttpRequest, filters: Query[ConsultationFilters]
) -> ConsultationPageOut:
    """Published consultations, newest first; `state=open` or `state=feedback` narrows."""
    check_page(filters.page, filters.page_size)
    today = timezone.localdate()
    consultations = public_consultations()
    if filters.agency:
        consultations = consultations.filter(agency__code=filters.agency)
    if filters.state == "open":
        consultations = consultations.open_on(today)
    elif filters.state == "feedback":
        consultations = consultations.with_public_feedback()
    elif filters.state:
        raise HttpError(400, _("state 只能是 open 或 feedback。"))
    total = consultations.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    shown = consultations.order_by("-opens_on", "-id")[start : start + filters.page_size]
    return ConsultationPageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[ConsultationOut(**_out(request, c, today)) for c in shown],
    )


def _feedback_out(consultation: Consultation) -> FeedbackOut:
    feedback = services.get_feedback(consultation)
    labels = dict(Disposition.choices)
    record = consultation.feedback_document
    return FeedbackOut(
        record_id=record.pk,
        title=record.title,
        published_at=record.published_at,
        total=feedback.total,
        distinct=feedback.distinct,
        adopted=feedback.counts.get(Disposition.ADOPTED, 0),
        partly_adopted=feedback.counts.get(Disposition.PARTLY_ADOPTED, 0),
        not_adopted=feedback.counts.get(Disposition.NOT_ADOPTED, 0),
        sections=[
            FeedbackSectionOut(
                clause_number=section.clause_number,
                clause_heading=section.clause_heading,
                items=[
                    FeedbackItemOut(
                        body=item.body,
                        disposition=ChoiceOut(
                            value=item.disposition, label=str(labels.get(item.disposition, ""))
                        ),
                        reason=item.reason,
                        merged_count=item.merged_count,
                    )
                    for item in section.items
                ],
            )
            for section in feedback.sections
        ],
    )


@router.get(
    "/{consultation_id}",
    response={200: ConsultationDetailOut, 404: ErrorOut},
    url_name="consultation-detail",
    operation_id="get_consultation",
)
def get_consultation(request: HttpRequest, consultation_id: int) -> ConsultationDetailOut:
    """One published consultation: clauses, published comments, and the feedback if public."""
    consultation = public_consultations().filter(pk=consultation_id).first()
    if consultation is None:
        raise HttpError(404, _("未找到该征求意见。"))
    comments = (
        Comment.objects.public()
        .filter(consultation=consultation)
        .select_related("clause")
        .order_by("submitted_at", "id")
    )
    final = consultation.final_document
    return ConsultationDetailOut(
        **_out(request, consultation, timezone.localdate()),
        background=consultation.background,
        basis=consultation.basis,
        main_content=consultation.main_content,
        short_period_reason=consultation.short_period_reason,
        clauses=[
            ClauseOut(number=c.number, heading=c.heading, text=c.text)
            for c in consultation.clauses.all()
        ],
        comments=[
            CommentOut(
                id=c.pk,
                clause_number=c.clause.number if c.clause_id else None,
                body=c.body,
                submitted_on=timezone.localdate(c.submitted_at),
                source=ChoiceOut(value=c.source, label=str(c.get_source_display())),
            )
            for c in comments
        ],
        feedback=_feedback_out(consultation) if _feedback_public(consultation) else None,
        final_record_id=final.pk
        if final is not None
        and final.status == Status.PUBLISHED
        and final.attribute == Attribute.PROACTIVE
        else None,
    )
