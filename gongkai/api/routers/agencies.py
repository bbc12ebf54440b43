"""Agencies, their guide facts (条例 Art.12) and their disclosure catalogues."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from gongkai.agencies.models import Agency
from gongkai.api.schemas import (
    AgencyCatalogueOut,
    AgencyDetailOut,
    AgencyOut,
    CatalogueCategoryOut,
    ErrorOut,
)
from gongkai.api.shaping import agency_detail_out, agency_out, agency_ref, catalogue_item_out
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import tally

router = Router(tags=["agencies"])


def _active_agency(code: str) -> Agency:
    """The active agency with this code, or a 404 in Chinese."""
    try:
        return Agency.objects.active().select_related("parent").get(code=code)
    except Agency.DoesNotExist:
        raise HttpError(404, _("未找到该机关。")) from None


@router.get("", response=list[AgencyOut], url_name="agency-list", operation_id="list_agencies")
def list_agencies(request: HttpRequest) -> list[AgencyOut]:
    """Every active agency, by code."""
    agencies = Agency.objects.active().select_related("parent").order_by("code")
    return [agency_out(request, agency) for agency in agencies]


@router.get(
    "/{code}",
    response={200: AgencyDetailOut, 404: ErrorOut},
    url_name="agency-detail",
    operation_id="get_agency",
)
def get_agency(request: HttpRequest, code: str) -> AgencyDetailOut:
    """One active agency with its disclosure office's details."""
    agency = _active_agency(code)
    return agency_detail_out(request, agency)


@router.get(
    "/{code}/catalogue",
    response={200: AgencyCatalogueOut, 404: ErrorOut},
    url_name="agency-catalogue",
    operation_id="get_agency_catalogue",
)
def get_agency_catalogue(request: HttpRequest, code: str) -> AgencyCatalogueOut:
    """The agency's catalogue: categories → applicable items, each with its public record count."""
    agency = _active_agency(code)
    items = list(AgencyItem.objects.filter(catalogue__agency=agency).applicable())
    counts = tally.public_count_by_item(agency.pk)  # the tally kept by the database
    for item in items:
        item.public_record_count = counts.get(item.pk, 0)
    categories: dict[str, CatalogueCategoryOut] = {}
    for item in items:
        category = categories.setdefault(
            item.category_code,
            CatalogueCategoryOut(code=item.category_code, name=item.category_name, items=[]),
        )
        category.items.append(catalogue_item_out(request, agency, item))
    return AgencyCatalogueOut(agency=agency_ref(agency), categories=list(categories.values()))
