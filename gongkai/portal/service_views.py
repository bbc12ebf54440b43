"""办事服务: an agency's service items by type, and each item's guide — printable, with a QR code
to its own address. Only published guides of active items are shown; a withdrawn guide says so
(410) with the reason."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.portal.caching import public_page
from gongkai.service_guides.models import (
    Guide,
    GuideMaterial,
    GuideStatus,
    ItemType,
    ServiceItem,
)
from gongkai.service_guides.qr import qr_svg
from gongkai.service_guides.services import guide_url


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


@public_page
def agency_services(request: HttpRequest, code: str) -> HttpResponse:
    """The 办事服务 column: every active item, grouped by type, linked to its guide."""
    agency = _active_agency(code)
    items = list(ServiceItem.objects.active().filter(agency=agency).order_by("item_type", "code"))
    published = {
        guide.service_item_id: guide
        for guide in Guide.objects.published().filter(service_item__in=items)
    }
    groups = [
        (
            label,
            [(item, published.get(item.pk)) for item in items if item.item_type == value],
        )
        for value, label in ItemType.choices
    ]
    return render(
        request,
        "portal/service_list.html",
        {
            "agency": agency,
            "column": "services",
            "groups": [(label, rows) for label, rows in groups if rows],
        },
    )


def _item(code: str, item_code: str) -> ServiceItem:
    agency = _active_agency(code)
    return get_object_or_404(
        ServiceItem.objects.active().select_related("agency"), agency=agency, code=item_code
    )


@public_page
def service_guide(request: HttpRequest, code: str, item_code: str) -> HttpResponse:
    """The item's published guide, every element, printable, with the QR code to this page."""
    item = _item(code, item_code)
    guide = item.guides.published().select_related("document").first()
    if guide is None:
        withdrawn = item.guides.filter(status=GuideStatus.WITHDRAWN).order_by("-version").first()
        if withdrawn is None:
            raise Http404
        return render(
            request,
            "portal/service_guide_withdrawn.html",
            {"agency": item.agency, "item": item, "guide": withdrawn, "column": "services"},
            status=410,
        )
    url = guide_url(guide)
    return render(
        request,
        "portal/service_guide.html",
        {
            "agency": item.agency,
            "item": item,
            "guide": guide,
            "materials": guide.materials.all(),
            "steps": guide.steps.all(),
            "url": url,
            "qr_svg": qr_svg(url),
            "column": "services",
        },
    )


@require_safe
def material_file(
    request: HttpRequest, code: str, item_code: str, material_pk: int, which: str
) -> HttpResponse:
    """A sample or blank form of a published guide's material (checked at upload)."""
    item = _item(code, item_code)
    material = get_object_or_404(
        GuideMaterial, pk=material_pk, guide__service_item=item, guide__status=GuideStatus.PUBLISHED
    )
    if which not in ("sample", "blank_form"):
        raise Http404
    stored = getattr(material, f"{which}_file")
    if not stored or not default_storage.exists(stored.name):
        raise Http404
    response = FileResponse(default_storage.open(stored.name, "rb"))
    response["Content-Disposition"] = content_disposition_header(
        True, getattr(material, f"{which}_name") or stored.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
