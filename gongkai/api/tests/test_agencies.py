"""Contract of /api/agencies, /api/agencies/{code} and /api/agencies/{code}/catalogue."""

import pytest

from gongkai.api.tests.conftest import publish
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.catalogue.services import derive_catalogue
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def test_agency_list_shape(client, agency, city):
    response = client.get("/api/agencies")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == [
        {
            "code": "HX-WJJ",
            "name": "和县卫生健康委员会",
            "short_name": "和县卫健委",
            "level": {"value": "county", "label": "县级"},
            "parent": "MAS-WJW",
            "url": f"{BASE}/api/agencies/HX-WJJ",
            "portal_url": f"{BASE}/agencies/HX-WJJ/",
            "guide_url": f"{BASE}/agencies/HX-WJJ/guide/",
            "catalogue_url": f"{BASE}/agencies/HX-WJJ/catalogue/",
        },
        {
            "code": "MAS-WJW",
            "name": "马鞍山市卫生健康委员会",
            "short_name": "",
            "level": {"value": "city", "label": "市级"},
            "parent": None,
            "url": f"{BASE}/api/agencies/MAS-WJW",
            "portal_url": f"{BASE}/agencies/MAS-WJW/",
            "guide_url": f"{BASE}/agencies/MAS-WJW/guide/",
            "catalogue_url": f"{BASE}/agencies/MAS-WJW/catalogue/",
        },
    ]


def test_chinese_is_sent_as_utf8_not_escaped(client, agency):
    assert "和县卫生健康委员会".encode() in client.get("/api/agencies").content


def test_inactive_agencies_are_left_out(client, agency):
    make_agency(code="OLD", is_active=False)

    assert [a["code"] for a in client.get("/api/agencies").json()] == ["HX-WJJ", "MAS-WJW"]


def test_agency_detail_adds_the_guide_facts(client, agency):
    response = client.get("/api/agencies/HX-WJJ")

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "HX-WJJ"
    assert body["parent"] == "MAS-WJW"
    assert {key: body[key] for key in body if key.startswith("office_")} == {
        "office_name": "办公室",
        "office_address": "测试路1号",
        "office_hours": "工作日 9:00-17:00",
        "office_telephone": "010-00000000",
        "office_fax": "010-00000001",
        "office_email": "gk@example.org",
        "office_online_contact": "https://example.org/contact",
        "office_postcode": "",
    }


@pytest.mark.parametrize("path", ["", "/catalogue"])
def test_unknown_or_inactive_agency_is_404_in_chinese(client, path):
    make_agency(code="OLD", is_active=False)

    for code in ("OLD", "NO-SUCH"):
        response = client.get(f"/api/agencies/{code}{path}")
        assert response.status_code == 404
        assert response.json() == {"detail": "未找到该机关。"}


def test_catalogue_groups_applicable_items_and_counts_public_records(client, agency, reviewer):
    derive_catalogue(agency=agency, actor=None)
    items = list(AgencyItem.objects.filter(catalogue__agency=agency))
    assert len(items) > 2, "the standard catalogue should give the agency its items"
    used, dropped = items[0], items[1]
    dropped.status = ItemStatus.NOT_APPLICABLE
    dropped.not_applicable_reason = "本机关无此职能。"
    dropped.save(update_fields=["status", "not_applicable_reason"])
    publish(used, reviewer)
    publish(used, reviewer)
    make_document(catalogue_item=used, title="草稿")
    make_document(catalogue_item=used, title="审核中", status=Status.IN_REVIEW)

    response = client.get("/api/agencies/HX-WJJ/catalogue")

    assert response.status_code == 200
    body = response.json()
    assert body["agency"] == {"code": "HX-WJJ", "name": "和县卫生健康委员会"}
    listed = {i["code"]: i for c in body["categories"] for i in c["items"]}
    assert dropped.code not in listed
    assert len(listed) == len(items) - 1
    assert listed[used.code]["public_record_count"] == 2
    assert {i["public_record_count"] for code, i in listed.items() if code != used.code} == {0}
    first = body["categories"][0]
    assert set(first) == {"code", "name", "items"}
    assert first["code"] == used.category_code


def test_catalogue_item_shape(client, agency):
    make_agency_item(
        agency,
        category_code="C01",
        category_name="机构职能",
        code="C0101",
        name="机构职能",
        basis="《中华人民共和国政府信息公开条例》第二十条",
        time_limit_text="自信息形成或者变更之日起20个工作日内予以公开",
        subject="县卫生健康委",
        channels=["政府网站"],
        audience="全社会",
        mode="主动",
        level="县级",
        elements=[{"name": "机构职能", "time_limit_days": 20, "channels": ["政府网站"]}],
    )

    body = client.get("/api/agencies/HX-WJJ/catalogue").json()

    assert body["categories"] == [
        {
            "code": "C01",
            "name": "机构职能",
            "items": [
                {
                    "code": "C0101",
                    "name": "机构职能",
                    "basis": "《中华人民共和国政府信息公开条例》第二十条",
                    "time_limit_days": 20,
                    "time_limit_text": "自信息形成或者变更之日起20个工作日内予以公开",
                    "subject": "县卫生健康委",
                    "channels": ["政府网站"],
                    "audience": "全社会",
                    "mode": "主动",
                    "level": "县级",
                    "elements": [
                        {
                            "name": "机构职能",
                            "details": "",
                            "time_limit_days": 20,
                            "time_limit_text": "",
                            "channels": ["政府网站"],
                            "audience": "",
                            "mode": "",
                            "level": "",
                        }
                    ],
                    "public_record_count": 0,
                    "records_url": f"{BASE}/api/records?agency=HX-WJJ&catalogue_item=C0101",
                }
            ],
        }
    ]


def test_agency_without_catalogue_has_no_categories(client, agency):
    assert client.get("/api/agencies/HX-WJJ/catalogue").json()["categories"] == []
