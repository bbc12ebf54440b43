"""The CKAN-compatible read API, read by CKAN's own client library (ckanapi) against a live
server, and its contract pinned by the test client."""

import ckanapi
import pytest
from django.urls import reverse

from gongkai.factories import make_agency
from gongkai.opendata import services
from gongkai.opendata.tests.factories import make_dataset, make_published_dataset
from gongkai.search import index

# The live server makes these tests transactional; serialized_rollback puts back what the data
# migrations wrote (the standard catalogue, content types) for the tests after them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def catalogue():
    """Two agencies' published datasets, a draft and a withdrawn one, indexed for search."""
    county = make_agency(code="CKAN-COUNTY", name="演示县卫生健康局")
    city = make_agency(code="CKAN-CITY", name="演示市卫生健康委员会")
    beds = make_published_dataset(
        county, name="hospital-beds", title="医疗机构床位数", tags=("医疗机构", "床位")
    )
    vaccines = make_published_dataset(
        county, name="vaccination", title="预防接种门诊名录", tags=("预防接种",)
    )
    city_beds = make_published_dataset(
        city, name="city-beds", title="全市医疗机构床位", tags=("床位",)
    )
    extra = [
        make_published_dataset(city, name=f"city-figures-{n}", title=f"统计数据{n}", tags=())
        for n in range(4)
    ]
    make_dataset(county, name="draft-only", title="草稿数据集")
    gone = make_published_dataset(county, name="withdrawn-one", title="已撤回的数据集")
    services.withdraw_dataset(dataset=gone, actor=gone.reviewed_by, reason="数据有误")
    index.apply_outbox()
    return {"beds": beds, "vaccines": vaccines, "city_beds": city_beds, "extra": extra}


PUBLISHED = 7


@pytest.fixture
def ckan(live_server, catalogue):
    # Closed before the live server stops, so that no kept-alive socket outlives it.
    with ckanapi.RemoteCKAN(live_server.url, user_agent="gongkai-tests/1.0") as client:
        yield client


def test_ckanapi_lists_only_published_datasets(ckan):
    names = ckan.action.package_list()
    assert len(names) == PUBLISHED
    assert "hospital-beds" in names
    assert "draft-only" not in names
    assert "withdrawn-one" not in names


def test_ckanapi_shows_a_package_by_name_and_by_id(ckan, catalogue):
    package = ckan.action.package_show(id="hospital-beds")
    assert package["name"] == "hospital-beds"
    assert package["title"] == "医疗机构床位数"
    assert package["notes"].startswith("本县医疗机构")
    assert package["organization"]["name"] == "ckan-county"
    assert sorted(t["name"] for t in package["tags"]) == ["医疗机构", "床位"]
    assert package["license_id"] == "CC-BY-4.0"
    [resource] = package["resources"]
    assert resource["format"] == "CSV"
    assert resource["mimetype"] == "text/csv"
    assert resource["size"] > 0
    assert resource["url"].endswith(
        reverse("portal:dataset-resource-download", args=["hospital-beds", resource_pk(catalogue)])
    )
    assert "drafted_by" not in package
    assert "reviewed_by" not in package
    assert ckan.action.package_show(id=package["id"])["name"] == "hospital-beds"


def resource_pk(catalogue) -> int:
    return catalogue["beds"].resources.get().pk


@pytest.mark.parametrize("identifier", ["no-such-dataset", "draft-only", "withdrawn-one"])
def test_ckanapi_gets_not_found_for_unknown_or_unpublished(ckan, identifier):
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=identifier)


def test_ckanapi_searches_with_q(ckan):
    found = ckan.action.package_search(q="预防接种")
    assert found["count"] == 1
    assert [p["name"] for p in found["results"]] == ["vaccination"]
    # Every factory dataset's summary speaks of 床位数: q searches the summary too.
    assert ckan.action.package_search(q="床位", rows=0)["count"] == PUBLISHED
    assert ckan.action.package_search(q="床位", fq="tags:床位")["count"] == 2


def test_ckanapi_filters_by_organisation_and_tags(ckan):
    county = ckan.action.package_search(fq="organization:ckan-county")
    assert {p["name"] for p in county["results"]} == {"hospital-beds", "vaccination"}
    tagged = ckan.action.package_search(fq="tags:床位")
    assert {p["name"] for p in tagged["results"]} == {"hospital-beds", "city-beds"}
    both = ckan.action.package_search(fq='organization:ckan-city AND tags:"床位"')
    assert [p["name"] for p in both["results"]] == ["city-beds"]


def test_ckanapi_pages_with_rows_and_start(ckan):
    first = ckan.action.package_search(rows=3, start=0, sort="title_string asc")
    second = ckan.action.package_search(rows=3, start=3, sort="title_string asc")
    assert first["count"] == second["count"] == PUBLISHED
    assert len(first["results"]) == 3
    assert not {p["name"] for p in first["results"]} & {p["name"] for p in second["results"]}


def test_harvesting_every_page_covers_every_dataset_exactly_once(ckan):
    harvested, start = [], 0
    while True:
        page = ckan.action.package_search(rows=2, start=start, sort="metadata_modified desc")
        if not page["results"]:
            break
        harvested.extend(p["id"] for p in page["results"])
        start += 2
    assert len(harvested) == len(set(harvested)) == PUBLISHED


def test_ckanapi_reads_organisations(ckan):
    assert ckan.action.organization_list() == ["ckan-city", "ckan-county"]
    [_city, county] = ckan.action.organization_list(all_fields=True)
    assert (county["name"], county["title"], county["package_count"]) == (
        "ckan-county",
        "演示县卫生健康局",
        2,
    )
    shown = ckan.action.organization_show(id="ckan-city")
    assert shown["package_count"] == 5
    with pytest.raises(ckanapi.NotFound):
        ckan.action.organization_show(id="nowhere")


def test_ckanapi_reads_the_status(ckan):
    assert ckan.action.status_show()["ckan_version"]


def test_the_envelope_and_error_shapes(client):
    ok = client.get("/api/3/action/package_list")
    assert ok.status_code == 200
    assert ok.json()["success"] is True
    assert ok.json()["help"].endswith("/api/3/action/help_show?name=package_list")
    missing = client.get("/api/3/action/package_show", {"id": "nothing"})
    assert missing.status_code == 404
    assert missing.json()["error"] == {"__type": "Not Found Error", "message": "Not found"}
    bad = client.get("/api/3/action/package_search", {"fq": "res_format:CSV"})
    assert bad.status_code == 409
    assert bad.json()["error"]["__type"] == "Validation Error"
    assert "fq" in bad.json()["error"]
    bad_rows = client.get("/api/3/action/package_search", {"rows": "many"})
    assert bad_rows.status_code == 409
    capped = client.get("/api/3/action/package_search", {"rows": "5000"})
    assert capped.status_code == 200
