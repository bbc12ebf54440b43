"""办事服务: active service items with a published guide, and each guide with every element.

Read-only, like the rest of the public API: only published guides of active items of active
agencies; a withdrawn guide is 410 with its reason, anything else unknown is 404.
"""

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as WithStatus
from ninja.errors import HttpError

from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import AgencyRefOut, ChoiceOut, ErrorOut
from gongkai.api.shaping import absolute, agency_ref, choice
from gongkai.service_guides.models import (
    Channel,
    Delivery,
    Guide,
    GuideStatus,
    ItemType,
    ServiceItem,
)

router = Router(tags=["services"])


class ServiceFilters(Schema):
    agency: str | None = Field(None, max_length=32, description="实施机关的机关代码")
    item_type: ItemType | None = Field(None, description="事项类型")
    page: int = Field(1, description="页码，最大 50")
    page_size: int = Field(20, description="每页条数，最大 100")


class ServiceItemOut(Schema):
    code: str = Field(description="事项编码")
    name: str
    item_type: ChoiceOut
    level: ChoiceOut
    agency: AgencyRefOut = Field(description="实施机关")
    guide_version: int
    index_number: str = Field(description="办事指南的索引号")
    published_on: datetime.date
    url: str
    portal_url: str


class ServicePageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[ServiceItemOut]


class MaterialOut(Schema):
    name: str
    form: ChoiceOut
    copy_kind: ChoiceOut
    copies: int
    is_required: bool
    note: str
    sample_url: str | None
    blank_form_url: str | None


class StepOut(Schema):
    name: str
    description: str
    time_limit: str


class GuideOut(ServiceItemOut):
    legal_basis: str = Field(description="设定依据")
    implementing_body: str = Field(description="实施主体")
    service_object: str
    conditions: str = Field(description="受理条件")
    quantity_limit: str
    materials: list[MaterialOut] = Field(description="申请材料")
    steps: list[StepOut] = Field(description="办理流程")
    channels: list[ChoiceOut] = Field(description="办理方式")
    online_url: str
    statutory_days: int | None = Field(description="法定时限（工作日）")
    promised_days: int | None = Field(description="承诺时限（工作日）")
    is_free: bool
    fee_basis: str
    fee_standard: str
    result_name: str
    delivery_methods: list[ChoiceOut]
    place: str
    hours: str
    consult_phone: str
    complaint_channel: str
    remedy: str
    faq: str


class GuideGoneOut(Schema):
    detail: str = "withdrawn"
    withdrawn_on: datetime.date | None
    reason: str


def _item_out(request: HttpRequest, item: ServiceItem, guide: Guide) -> dict:
    agency = item.agency
    return {
        "code": item.code,
        "name": guide.name,
        "item_type": choice(item.item_type, item.get_item_type_display()),
        "level": choice(item.level, item.get_level_display()),
        "agency": agency_ref(agency),
        "guide_version": guide.version,
        "index_number": guide.document.index_number if guide.document else "",
        "published_on": timezone.localdate(guide.published_at),
        "url": absolute(request, "api:service-guide", agency.code, item.code),
        "portal_url": absolute(request, "portal:service-guide", agency.code, item.code),
    }


def _published():
    return Guide.objects.published().filter(
        service_item__is_active=True, service_item__agency__is_active=True
    )


@router.get(
    "",
    response={200: ServicePageOut, 400: ErrorOut},
    url_name="service-list",
    operation_id="list_services",
)
def list_services(request: HttpRequest, filters: Query[ServiceFilters]) -> ServicePageOut:
    """Service items with a published guide, by agency, type and code."""
    check_page(filters.page, filters.page_size)
    guides = _published().select_related("service_item__agency", "document")
    if filters.agency:
        guides = guides.filter(service_item__agency__code=filters.agency)
    if filters.item_type:
        guides = guides.filter(service_item__item_type=filters.item_type)
    guides = guides.order_by("service_item__agency__code", "service_item__code")
    total = guides.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    return ServicePageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[
            ServiceItemOut(**_item_out(request, guide.service_item, guide))
            for guide in guides[start : start + filters.page_size]
        ],
    )


def _file_url(request, item: ServiceItem, material, which: str) -> str | None:
    if not getattr(material, f"{which}_file"):
        return None
    return absolute(
        request, "portal:service-material-file", item.agency.code, item.code, material.pk, which
    )


@router.get(
    "/{agency}/{code}",
    response={200: GuideOut, 404: ErrorOut, 410: GuideGoneOut},
    url_name="service-guide",
    operation_id="get_service_guide",
)
def get_service_guide(request: HttpRequest, agency: str, code: str):
    """The published guide of one item, every element; a withdrawn guide is 410."""
    item = (
        ServiceItem.objects.active()
        .select_related("agency")
        .filter(agency__code=agency, agency__is_active=True, code=code)
        .first()
    )
    guide = item.guides.published().select_related("document").first() if item else None
    if item is not None and guide is None:
        withdrawn = item.guides.filter(status=GuideStatus.WITHDRAWN).order_by("-version").first()
        if withdrawn is not None:
            return WithStatus(
                410,
                GuideGoneOut(
                    withdrawn_on=timezone.localdate(withdrawn.withdrawn_at)
                    if withdrawn.withdrawn_at
                    else None,
                    reason=withdrawn.withdrawal_reason,
                ),
            )
    if guide is None:
        raise HttpError(404, _("未找到该事项的办事指南。"))
    return GuideOut(
        **_item_out(request, item, guide),
        legal_basis=guide.legal_basis,
        implementing_body=guide.implementing_body,
        service_object=guide.service_object,
        conditions=guide.conditions,
        quantity_limit=guide.quantity_limit,
        materials=[
            MaterialOut(
                name=m.name,
                form=choice(m.form, m.get_form_display()),
                copy_kind=choice(m.copy_kind, m.get_copy_kind_display()),
                copies=m.copies,
                is_required=m.is_required,
                note=m.note,
                sample_url=_file_url(request, item, m, "sample"),
                blank_form_url=_file_url(request, item, m, "blank_form"),
            )
            for m in guide.materials.all()
        ],
        steps=[
            StepOut(name=s.name, description=s.description, time_limit=s.time_limit)
            for s in guide.steps.all()
        ],
        channels=[choice(v, Channel(v).label) for v in guide.channels if v in Channel.values],
        online_url=guide.online_url,
        statutory_days=guide.statutory_days,
        promised_days=guide.promised_days,
        is_free=guide.fee_mode == "free",
        fee_basis=guide.fee_basis,
        fee_standard=guide.fee_standard,
        result_name=guide.result_name,
        delivery_methods=[
            choice(v, Delivery(v).label) for v in guide.delivery_methods if v in Delivery.values
        ],
        place=guide.place,
        hours=guide.hours,
        consult_phone=guide.consult_phone,
        complaint_channel=guide.complaint_channel,
        remedy=guide.remedy,
        faq=guide.faq,
    )
