"""A new version of the standard catalogue: what changed for an agency, and re-deriving."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalogue import services
from gongkai.catalogue.errors import CatalogueLockedError
from gongkai.catalogue.models import CatalogueStatus, ItemStatus, StandardItem
from gongkai.catalogue.tests.factories import make_element, make_standard_item

pytestmark = pytest.mark.django_db


def _new_version(code: str, **values) -> StandardItem:
    """The standard item `code` as a new version of the standard catalogue states it."""
    standard = StandardItem.objects.get(code=code)
    for name, value in values.items():
        setattr(standard, name, value)
    standard.save()
    return standard


def test_an_unchanged_standard_means_no_changes(catalogue):
    assert not services.changes_for(catalogue)


def test_changes_list_new_items_of_the_agencys_level_only(catalogue):
    county_item = make_standard_item(code="ZZ01", levels=["county"])
    make_standard_item(code="ZZ02", levels=["township"])
    changes = services.changes_for(catalogue)
    assert [standard.code for standard in changes.new] == [county_item.code]


def test_changes_list_changed_elements_and_whether_the_agency_edited_them(catalogue, county_admin):
    services.update_item(
        item=catalogue.items.get(code="0108"), actor=county_admin, basis="本县补充的依据"
    )
    elements = [
        make_element(),
        make_element(
            name="结果信息",
            time_limit_days=5,
            time_limit_text="自信息形成或者变更之日起5个工作日内予以公开",
        ),
    ]
    _new_version("0108", basis="新版依据", elements=elements)
    (change,) = services.changes_for(catalogue).changed
    assert change.item.code == "0108"
    by_name = {field.name: field for field in change.fields}
    assert set(by_name) == {"basis", "elements"}
    assert by_name["basis"].edited_by_agency
    assert not by_name["elements"].edited_by_agency


def test_changes_list_kept_items_withdrawn_or_no_longer_of_the_level(catalogue):
    _new_version("0104", levels=["city"])
    _new_version("0108", withdrawn_reason="第3版删除。")
    removed = {item.code for item in services.changes_for(catalogue).removed}
    assert {"0104", "0108"} <= removed


def test_rederive_takes_the_standards_changes_and_keeps_the_agencys_own(catalogue, county_admin):
    own = services.add_item(
        catalogue=catalogue,
        category_code="L",
        category_name="本县事项",
        code="L-01",
        name="县域医共体建设进展",
        actor=county_admin,
    )
    services.update_item(
        item=catalogue.items.get(code="0108"), actor=county_admin, basis="本县补充的依据"
    )
    services.mark_not_applicable(
        item=catalogue.items.get(code="0101"), reason="本县无此类机构", actor=county_admin
    )
    _new_version(
        "0108",
        basis="新版依据",
        time_limit_days=15,
        time_limit_text="自信息形成或者变更之日起15个工作日内予以公开",
    )
    _new_version("0101", name="母婴保健技术服务机构执业许可（新版名称）")
    _new_version("0104", withdrawn_reason="第3版删除。")
    new = make_standard_item(code="ZZ01", levels=["county"])

    changes = services.rederive(catalogue, county_admin)

    assert [standard.code for standard in changes.new] == ["ZZ01"]
    assert catalogue.items.get(standard_item=new).status == ItemStatus.KEPT
    licence = catalogue.items.get(code="0108")
    assert licence.basis == "本县补充的依据"  # the agency's edit wins
    assert licence.time_limit_days == 15  # the standard's change is taken
    assert licence.standard_snapshot["basis"] == "新版依据"
    maternal = catalogue.items.get(code="0101")
    assert maternal.name.endswith("（新版名称）")
    assert (maternal.status, maternal.not_applicable_reason) == (
        ItemStatus.NOT_APPLICABLE,
        "本县无此类机构",
    )
    removed = catalogue.items.get(code="0104")
    assert removed.status == ItemStatus.NOT_APPLICABLE
    assert "第3版删除" in removed.not_applicable_reason
    assert catalogue.items.get(pk=own.pk).status == ItemStatus.ADDED
    assert not services.changes_for(catalogue)
    event = AuditEvent.objects.for_object(catalogue).get(action="catalogue.rederived")
    assert event.actor == county_admin
    assert event.after["added_codes"] == ["ZZ01"]
    assert event.after["kept_agency_fields"] == {"0108": ["basis"]}
    assert event.after["not_applicable_codes"] == ["0104"]


def test_rederive_with_nothing_changed_writes_nothing(catalogue, county_admin):
    before = AuditEvent.objects.count()
    assert not services.rederive(catalogue, county_admin)
    assert AuditEvent.objects.count() == before


def test_rederive_of_a_filed_catalogue_is_refused(catalogue, county_admin):
    make_standard_item(code="ZZ01", levels=["county"])
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    with pytest.raises(CatalogueLockedError):
        services.rederive(catalogue, county_admin)


def test_rederive_reopens_an_accepted_catalogue(catalogue, county_admin, city_supervisor):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    services.accept_catalogue(catalogue=catalogue, actor=city_supervisor)
    make_standard_item(code="ZZ01", levels=["county"])
    services.rederive(catalogue, county_admin)
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.DRAFT


def test_a_cadence_comes_from_the_data_and_a_new_one_is_taken_on_rederive(catalogue, county_admin):
    assert catalogue.items.get(code="G1001").cadence == "monthly"
    assert catalogue.items.get(code="G0402").cadence_due_working_days == 165
    _new_version("G0401", cadence="yearly", cadence_due_working_days=60)
    (change,) = services.changes_for(catalogue).changed
    assert {field.name for field in change.fields} == {"cadence", "cadence_due_working_days"}
    services.rederive(catalogue, county_admin)
    budget = catalogue.items.get(code="G0401")
    assert (budget.cadence, budget.cadence_due_working_days) == ("yearly", 60)
    assert budget.cadence_since is not None


def test_a_snapshot_from_before_cadences_were_copied_does_not_count_as_a_change(catalogue):
    item = catalogue.items.get(code="G1001")
    snapshot = dict(item.standard_snapshot)
    del snapshot["cadence"], snapshot["cadence_due_working_days"]  # as migration 0005 fills it
    item.standard_snapshot = snapshot
    item.save(update_fields=["standard_snapshot"])
    assert not services.changes_for(catalogue)
