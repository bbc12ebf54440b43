"""The read-only API of published guides: the contract."""

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.service_guides import publication
from gongkai.service_guides.tests.factories import make_guide, make_item, make_published_guide

pytestmark = pytest.mark.django_db


def test_list_and_detail_of_published_guides(client):
    agency = make_agency(code="HC-COUNTY")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    published = make_item(agency, code="SX-1")
    guide = make_published_guide(published, reviewer=reviewer)
    make_guide(make_item(agency, code="SX-2"))  # a draft: not in the API

    page = client.get("/api/services", {"agency": "HC-COUNTY"}).json()
    assert page["count"] == 1
    (row,) = page["results"]
    assert row["code"] == "SX-1"
    assert row["item_type"] == {"value": "licensing", "label": "行政许可"}
    assert row["index_number"] == guide.document.index_number
    assert row["portal_url"].endswith("/agencies/HC-COUNTY/services/SX-1/")

    detail = client.get("/api/services/HC-COUNTY/SX-1").json()
    assert detail["statutory_days"] == 45
    assert detail["is_free"] is True
    assert [m["name"] for m in detail["materials"]] == [
        "医疗机构执业登记申请书",
        "设置医疗机构批准书",
    ]
    assert [s["name"] for s in detail["steps"]] == ["申请", "受理", "审查"]
    assert [c["value"] for c in detail["channels"]] == ["window", "online"]
    assert client.get("/api/services/HC-COUNTY/SX-2").status_code == 404
    assert client.get("/api/services", {"item_type": "nonsense"}).status_code in (400, 422)

    publication.withdraw_guide(guide=guide, actor=reviewer, reason="事项已取消")
    gone = client.get("/api/services/HC-COUNTY/SX-1")
    assert gone.status_code == 410
    assert gone.json()["reason"] == "事项已取消"
