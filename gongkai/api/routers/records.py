"""Public records (政府信息): a filtered, bounded list and one record with its links."""

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as WithStatus
from ninja.errors import HttpError

from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import (
    ErrorOut,
    RecordDetailOut,
    RecordFilters,
    RecordPageOut,
    WithdrawnOut,
)
from gongkai.api.shaping import record_detail_out, record_out, withdrawn_out
from gongkai.documents.models import (
    Document,
    DocumentQuerySet,
    Issuer,
    LinkKind,
)

router = Router(tags=["records"])


def listed(queryset: DocumentQuerySet) -> DocumentQuerySet:
    """What a list of records needs, in a constant number of queries (the body is left out)."""
    return (
        queryset.select_related("agency", "catalogue_item")
        .prefetch_related(Prefetch("issuers", queryset=Issuer.objects.order_by("position", "id")))
        .defer("body")
    )


def filter_records(
    queryset: DocumentQuerySet,
    *,
    agency: str | None = None,
    document_type: str | None = None,
    topic: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    catalogue_item: str | None = None,
    title: str | None = None,
) -> DocumentQuerySet:
    """Narrow records by the API's filters; each one given is required to match."""
    if agency:
        queryset = queryset.filter(agency__code=agency)
    if catalogue_item:
        queryset = queryset.filter(catalogue_item__code=catalogue_item)
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    if topic:
        queryset = queryset.filter(topic=topic)
    if year is not None:
        queryset = queryset.filter(published_at__year=year)
    if validity:
        queryset = queryset.filter(validity=validity)
    if title:
        queryset = queryset.filter(title__icontains=title)
    return queryset


@router.get(
    "",
    response={200: RecordPageOut, 400: ErrorOut},
    url_name="record-list",
    operation_id="list_records",
)
def list_records(request: HttpRequest, filters: Query[RecordFilters]) -> RecordPageOut:
    """Public records, newest first, filtered; at most 50 pages of at most 100."""
    check_page(filters.page, filters.page_size)
    if filters.catalogue_item and not filters.agency:
        raise HttpError(400, _("按目录事项筛选时，须同时用 agency 指定机关代码。"))
    records = filter_records(
        Document.objects.public(),
        agency=filters.agency,
        document_type=filters.type,
        topic=filters.topic,
        year=filters.year,
        validity=filters.validity,
        catalogue_item=filters.catalogue_item,
        title=(filters.q or "").strip(),
    )
    total = records.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    shown = listed(records.order_by("-published_at", "-id"))[start : start + filters.page_size]
    return RecordPageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[record_out(request, document) for document in shown],
    )


@router.get(
    "/{record_id}",
    response={200: RecordDetailOut, 404: ErrorOut, 410: WithdrawnOut},
    url_name="record-detail",
    operation_id="get_record",
)
def get_record(request: HttpRequest, record_id: int) -> RecordDetailOut | WithStatus[WithdrawnOut]:
    """One public record; a withdrawn one says when and why (410); anything else is 404."""
    document = (
        Document.objects.public()
        .select_related("agency", "catalogue_item")
        .filter(pk=record_id)
        .first()
    )
    if document is None:
        withdrawn = Document.objects.withdrawn_from_public().filter(pk=record_id).first()
        if withdrawn is None:
            raise HttpError(404, _("未找到该信息。"))
        return WithStatus(410, withdrawn_out(withdrawn))
    public = Document.objects.public().only("pk", "title")
    return record_detail_out(
        request,
        document,
        interpretations=public.filter(
            outgoing_links__target=document, outgoing_links__kind=LinkKind.INTERPRETS
        ),
        interprets=public.filter(
            incoming_links__source=document, incoming_links__kind=LinkKind.INTERPRETS
        ),
        amended_by=public.filter(
            outgoing_links__target=document, outgoing_links__kind=LinkKind.AMENDS
        ),
        repealed_by=public.filter(
            outgoing_links__target=document, outgoing_links__kind=LinkKind.REPEALS
        ),
    )
