"""Published enforcement decisions (双公示): a filtered, bounded list and one decision.

Every value comes from enforcement.public (the one masked view of a decision): a natural
person's ID number is always masked and their name follows the configured rule. A withdrawn
decision answers 410 with its public explanation; anything not on the public list is 404.
"""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as WithStatus
from ninja.errors import HttpError

from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import AgencyRefOut, ChoiceOut, ErrorOut
from gongkai.api.shaping import absolute, agency_ref, choice
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.enforcement.public import public_view
from gongkai.enforcement.queries import DecisionFilter, filter_decisions

router = Router(tags=["enforcement"])


class DecisionFilters(Schema):
    kind: DecisionKind | None = Field(None, description="决定类型")
    agency: str | None = Field(None, description="公示机关的机关代码")
    party: str | None = Field(None, max_length=100, description="行政相对人名称（组织）")
    credit_code: str | None = Field(None, max_length=30, description="统一社会信用代码")
    number: str | None = Field(None, max_length=100, description="决定书文号（部分）")
    decided_from: datetime.date | None = Field(None, description="决定日期自")
    decided_to: datetime.date | None = Field(None, description="决定日期至")
    page: int = Field(1, description="页码，最大 50")
    page_size: int = Field(20, description="每页条数，最大 100")


class DecisionOut(Schema):
    id: int
    kind: ChoiceOut
    agency: AgencyRefOut = Field(description="公示机关")
    party_name: str = Field(description="行政相对人名称（自然人按规则隐去）")
    party_category: ChoiceOut
    party_credit_code: str
    party_id: str = Field(description="证件类型及号码（始终部分隐去）")
    legal_representative: str
    document_number: str
    decided_on: datetime.date
    authority_name: str
    authority_credit_code: str
    current_state: ChoiceOut
    source_name: str
    source_credit_code: str
    licence_category: str
    certificate_name: str
    licence_number: str
    licence_content: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    violation_type: str
    violation_facts: str
    penalty_basis: str
    penalty_categories: list[ChoiceOut]
    penalty_content: str
    fine_amount: Decimal | None = Field(description="罚款金额（元）")
    confiscation_amount: Decimal | None = Field(description="没收金额（元）")
    suspended_licences: str
    penalty_valid_until: datetime.date | None = Field(description="处罚有效期")
    decision_content: str
    decision_basis: str
    publicity_ends_on: datetime.date | None
    published_on: datetime.date | None
    url: str
    portal_url: str


class DecisionPageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[DecisionOut]


class DecisionGoneOut(Schema):
    detail: str = "withdrawn"
    document_number: str
    withdrawn_on: datetime.date | None
    explanation: str


def decision_out(request: HttpRequest, decision: Decision) -> DecisionOut:
    view = public_view(decision)
    texts = view.texts
    labels = decision.penalty_category_labels()
    return DecisionOut(
        id=decision.pk,
        kind=choice(decision.kind, decision.get_kind_display()),
        agency=agency_ref(decision.agency),
        party_name=view.party_name,
        party_category=choice(decision.party_category, decision.get_party_category_display()),
        party_credit_code=decision.party_credit_code,
        party_id=view.party_id,
        legal_representative=view.legal_representative,
        document_number=decision.document_number,
        decided_on=decision.decided_on,
        authority_name=decision.authority_name,
        authority_credit_code=decision.authority_credit_code,
        current_state=choice(decision.current_state, decision.get_current_state_display()),
        source_name=decision.source_name,
        source_credit_code=decision.source_credit_code,
        licence_category=decision.licence_category,
        certificate_name=decision.certificate_name,
        licence_number=decision.licence_number,
        licence_content=texts["licence_content"],
        valid_from=decision.valid_from,
        valid_until=decision.valid_until,
        violation_type=decision.violation_type,
        violation_facts=texts["violation_facts"],
        penalty_basis=texts["penalty_basis"],
        penalty_categories=[
            choice(code, label)
            for code, label in zip(decision.penalty_categories or [], labels, strict=True)
        ],
        penalty_content=texts["penalty_content"],
        fine_amount=decision.fine_amount,
        confiscation_amount=decision.confiscation_amount,
        suspended_licences=texts["suspended_licences"],
        penalty_valid_until=decision.penalty_valid_until,
        decision_content=texts["decision_content"],
        decision_basis=texts["decision_basis"],
        publicity_ends_on=decision.publicity_ends_on,
        published_on=decision.published_on,
        url=absolute(request, "api:decision-detail", decision.pk),
        portal_url=absolute(request, "portal:decision-detail", decision.pk),
    )


@router.get(
    "",
    response={200: DecisionPageOut, 400: ErrorOut},
    url_name="decision-list",
    operation_id="list_decisions",
)
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]) -> DecisionPageOut:
    """Decisions on the public list, newest decision first; at most 50 pages of 100."""
    check_page(filters.page, filters.page_size)
    decisions = filter_decisions(
        Decision.objects.public(on=timezone.localdate()),
        DecisionFilter(
            party=filters.party or "",
            credit_code=filters.credit_code or "",
            number=filters.number or "",
            kind=filters.kind or "",
            agency=filters.agency or "",
            decided_from=filters.decided_from,
            decided_to=filters.decided_to,
        ),
    )
    total = decisions.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    shown = decisions.select_related("agency")[start : start + filters.page_size]
    return DecisionPageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[decision_out(request, d) for d in shown],
    )


@router.get(
    "/{decision_id}",
    response={200: DecisionOut, 404: ErrorOut, 410: DecisionGoneOut},
    url_name="decision-detail",
    operation_id="get_decision",
)
def get_decision(request: HttpRequest, decision_id: int):
    """One decision on the public list; a withdrawn one is 410 with its explanation."""
    decision = Decision.objects.select_related("agency").filter(pk=decision_id).first()
    if decision is not None and decision.status == DecisionStatus.WITHDRAWN:
        return WithStatus(
            410,
            DecisionGoneOut(
                document_number=decision.document_number,
                withdrawn_on=timezone.localdate(decision.withdrawn_at)
                if decision.withdrawn_at
                else None,
                explanation=public_view(decision).texts["withdrawal_explanation"],
            ),
        )
    if decision is None or not decision.is_public_on(timezone.localdate()):
        raise HttpError(404, _("未找到该执法决定。"))
    return decision_out(request, decision)
