"""Published results of deputies' suggestions and CPPCC proposals: the replies whose record is
public (with the record's id and 索引号), and the yearly counts per class of an agency. Letters,
feedback and anything not yet published are never part of the API."""

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gongkai.agencies.models import Agency
from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import AgencyRefOut, ChoiceOut, ErrorOut
from gongkai.documents.models import Document
from gongkai.proposals import services
from gongkai.proposals.models import Classification, Kind, Proposal

router = Router(tags=["proposals"])


class ProposalFilters(Schema):
    agency: str | None = Field(None, description="机关代码")
    year: int | None = Field(None, description="年度")
    kind: str | None = Field(None, description="suggestion：人大代表建议；proposal：政协委员提案")
    classification: str | None = Field(None, description="办理结果分类：A、B 或 C")
    page: int = 1
    page_size: int = 20


class ProposalOut(Schema):
    id: int
    kind: ChoiceOut
    year: int
    number: str
    title: str
    members: str
    agency: AgencyRefOut
    classification: ChoiceOut
    replied_on: datetime.date | None
    publication_mode: ChoiceOut
    record_id: int
    index_number: str | None
    record_url: str
    portal_url: str


class ProposalPageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[ProposalOut]


class YearCountsOut(Schema):
    year: int
    kind: ChoiceOut
    received: int = Field(description="交办件数")
    replied: int = Field(description="已答复件数")
    a: int = Field(description="A类：已解决或采纳")
    b: int = Field(description="B类：正在解决或列入计划")
    c: int = Field(description="C类：留作参考")


def _choice(value: str, label) -> ChoiceOut:
    return ChoiceOut(value=value, label=str(label))


def _out(request: HttpRequest, proposal: Proposal) -> ProposalOut:
    record = proposal.record
    return ProposalOut(
        id=proposal.pk,
        kind=_choice(proposal.kind, proposal.get_kind_display()),
        year=proposal.year,
        number=proposal.number,
        title=proposal.title,
        members=proposal.members,
        agency=AgencyRefOut(code=proposal.agency.code, name=proposal.agency.name),
        classification=_choice(proposal.classification, proposal.get_classification_display()),
        replied_on=proposal.replied_on,
        publication_mode=_choice(
            proposal.publication_mode, proposal.get_publication_mode_display()
        ),
        record_id=record.pk,
        index_number=record.index_number,
        record_url=request.build_absolute_uri(reverse("api:record-detail", args=[record.pk])),
        portal_url=request.build_absolute_uri(reverse("portal:document-detail", args=[record.pk])),
    )


@router.get(
    "",
    response={200: ProposalPageOut, 400: ErrorOut},
    url_name="proposal-list",
    operation_id="list_proposals",
)
def list_proposals(request: HttpRequest, filters: Query[ProposalFilters]) -> ProposalPageOut:
    """Published results, newest year first; filter by agency, year, kind and class."""
    check_page(filters.page, filters.page_size)
    if filters.kind and filters.kind not in Kind.values:
        raise HttpError(400, _("kind 只能是 suggestion 或 proposal。"))
    if filters.classification and filters.classification not in Classification.values:
        raise HttpError(400, _("classification 只能是 A、B 或 C。"))
    rows = (
        Proposal.objects.published()
        .filter(record__in=Document.objects.public(), agency__is_active=True)
        .select_related("agency", "record")
    )
    if filters.agency:
        rows = rows.filter(agency__code=filters.agency)
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.classification:
        rows = rows.filter(classification=filters.classification)
    total = rows.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    shown = rows.order_by("-year", "kind", "number", "pk")[start : start + filters.page_size]
    return ProposalPageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[_out(request, p) for p in shown],
    )


@router.get(
    "/counts/{code}",
    response={200: list[YearCountsOut], 404: ErrorOut},
    url_name="proposal-counts",
    operation_id="get_proposal_counts",
)
def get_proposal_counts(request: HttpRequest, code: str) -> list[YearCountsOut]:
    """An agency's suggestions and proposals per year and kind: assigned, replied, per class."""
    agency = Agency.objects.active().filter(code=code).first()
    if agency is None:
        raise HttpError(404, _("没有这个机关。"))
    return [
        YearCountsOut(
            year=row.year,
            kind=_choice(row.kind, row.kind_label),
            received=row.received,
            replied=row.replied,
            a=row.a,
            b=row.b,
            c=row.c,
        )
        for row in services.yearly_counts([agency.pk])
    ]
