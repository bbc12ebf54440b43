"""Deriving an agency's catalogue from the standard one."""

import pytest

from gongkai.agencies.models import Level
from gongkai.audit.models import AuditEvent
from gongkai.catalogue import services
from gongkai.catalogue.errors import CatalogueLockedError, DuplicateCodeError
from gongkai.catalogue.models import AgencyCatalogue, CatalogueStatus, ItemStatus, StandardItem
from gongkai.catalogue.tests.factories import make_standard_item
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db


def _codes_of_level(level: str) -> set[str]:
    return {s.code for s in StandardItem.objects.all() if s.applies_to(level)}


def test_derive_creates_one_kept_item_per_standard_item_of_its_level(catalogue):
    assert catalogue.status == CatalogueStatus.DRAFT
    assert set(catalogue.items.values_list("code", flat=True)) == _codes_of_level("county")
    assert set(catalogue.items.values_list("status", flat=True)) == {ItemStatus.KEPT}


def test_derive_copies_every_field(catalogue):
    for item in catalogue.items.select_related("standard_item__category"):
        standard = item.standard_item
        assert item.code == standard.code
        assert (item.category_code, item.category_name) == (
            standard.category.code,
            standard.category.name,
        )
        for name in services.COPIED_FIELDS:
            assert getattr(item, name) == getattr(standard, name), (item.code, name)


def test_derived_items_do_not_share_elements_with_the_standard(catalogue, county_admin):
    item = catalogue.items.get(code="0104")
    elements = item.elements
    elements[0]["details"] = "本机关补充"
    services.update_item(item=item, actor=county_admin, elements=elements)
    assert StandardItem.objects.get(code="0104").elements[0]["details"] == ""


def test_derive_is_idempotent(catalogue, county, county_admin):
    events = AuditEvent.objects.count()
    again = services.derive_catalogue(agency=county, actor=county_admin)
    assert again.pk == catalogue.pk
    assert set(again.items.values_list("code", flat=True)) == _codes_of_level("county")
    assert AuditEvent.objects.count() == events


def test_derive_records_creation_and_the_added_codes(catalogue, county_admin):
    created = AuditEvent.objects.for_object(catalogue).get(action="catalogue.created")
    derived = AuditEvent.objects.for_object(catalogue).get(action="catalogue.derived")
    assert created.actor == derived.actor == county_admin
    assert derived.agency == catalogue.agency
    assert set(derived.after["added_codes"]) == _codes_of_level("county")


def test_derive_adds_only_new_standard_items_and_keeps_the_agencys_choices(
    catalogue, county, county_admin
):
    item = catalogue.items.get(code="0108")
    services.mark_not_applicable(item=item, reason="本乡无公共场所审批权", actor=county_admin)
    new = make_standard_item(code="ZZ01")
    services.derive_catalogue(agency=county, actor=county_admin)
    assert catalogue.items.get(standard_item=new).status == ItemStatus.KEPT
    assert catalogue.items.get(code="0108").status == ItemStatus.NOT_APPLICABLE
    event = AuditEvent.objects.for_object(catalogue).filter(action="catalogue.derived").first()
    assert event.after == {"added_codes": ["ZZ01"]}


def test_a_county_derives_only_county_level_items(catalogue):
    levels = [item.standard_item.levels for item in catalogue.items.select_related("standard_item")]
    assert levels
    assert all("county" in item_levels for item_levels in levels)
    codes = set(catalogue.items.values_list("code", flat=True))
    assert {"0104", "02SD01", "P0101", "G0101"} <= codes
    assert "P0301" in codes  # a county bureau may publish its institutions' information


def test_a_township_derives_only_township_level_items(standard_catalogue, county, county_admin):
    township = make_agency(level=Level.TOWNSHIP, parent=county)
    catalogue = services.derive_catalogue(agency=township, actor=county_admin)
    codes = set(catalogue.items.values_list("code", flat=True))
    assert codes == _codes_of_level("township")
    assert {"P0101", "P0601", "G0101"} <= codes
    assert not codes & {"0104", "02SD01", "P0401", "P0701"}  # county powers


def test_an_institution_derives_its_own_items_and_a_province_the_city_ones(
    standard_catalogue, province, county_admin
):
    hospital = make_agency(level=Level.INSTITUTION, parent=province)
    codes = set(
        services.derive_catalogue(agency=hospital, actor=county_admin).items.values_list(
            "code", flat=True
        )
    )
    assert {"P0301", "G0401"} <= codes
    assert "G0101" not in codes
    provincial = services.derive_catalogue(agency=province, actor=county_admin)
    assert set(provincial.items.values_list("code", flat=True)) == _codes_of_level("city")


def test_withdrawn_standard_items_are_not_derived(standard_catalogue, county, county_admin):
    standard = make_standard_item(withdrawn_reason="第2版删除")
    catalogue = services.derive_catalogue(agency=county, actor=county_admin)
    assert not catalogue.items.filter(standard_item=standard).exists()


def test_derive_with_no_standard_items_creates_an_empty_catalogue(county, county_admin):
    StandardItem.objects.all().delete()
    catalogue = services.derive_catalogue(agency=county, actor=county_admin)
    assert AgencyCatalogue.objects.get(agency=county) == catalogue
    assert not catalogue.items.exists()


def test_derive_into_a_filed_catalogue_is_refused(catalogue, county, county_admin):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    make_standard_item()
    with pytest.raises(CatalogueLockedError):
        services.derive_catalogue(agency=county, actor=county_admin)


def test_derive_into_an_accepted_catalogue_reopens_it(
    catalogue, county, county_admin, city_supervisor
):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    services.accept_catalogue(catalogue=catalogue, actor=city_supervisor)
    make_standard_item()
    catalogue = services.derive_catalogue(agency=county, actor=county_admin)
    assert catalogue.status == CatalogueStatus.DRAFT


def test_derive_refuses_a_standard_code_the_agency_already_used(catalogue, county, county_admin):
    services.add_item(
        catalogue=catalogue,
        category_code="L1",
        category_name="本地事项",
        code="ZZ02",
        name="本地事项一",
        actor=county_admin,
    )
    make_standard_item(code="ZZ02")
    with pytest.raises(DuplicateCodeError, match="ZZ02"):
        services.derive_catalogue(agency=county, actor=county_admin)
