"""The console page listing what a new standard catalogue changes for an agency, and re-derive."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.catalogue import services
from gongkai.catalogue.models import ItemStatus, StandardItem
from gongkai.catalogue.tests.factories import make_standard_item
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    return make_agency(level=Level.COUNTY, parent=make_agency(level=Level.CITY))


@pytest.fixture
def people(county):
    return {
        "admin": make_user(agency=county, roles=(Role.ADMIN,)),
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "stranger": make_user(agency=make_agency(), roles=(Role.ADMIN,)),
    }


@pytest.fixture
def catalogue(county, people):
    catalogue = services.derive_catalogue(agency=county, actor=people["admin"])
    services.mark_not_applicable(
        item=catalogue.items.get(code="0101"), reason="本县无此类机构", actor=people["admin"]
    )
    make_standard_item(code="ZZ01", name="新版新增事项", levels=["county"])
    StandardItem.objects.filter(code="0104").update(withdrawn_reason="第3版删除。")
    return catalogue


def test_the_page_lists_new_and_removed_items(client, county, people, catalogue):
    client.force_login(people["admin"])
    detail = client.get(reverse("console:catalogue-detail", args=[county.pk]))
    assert "查看标准目录更新" in detail.content.decode()

    page = client.get(reverse("console:catalogue-changes", args=[county.pk])).content.decode()

    assert "新版新增事项" in page
    assert "第3版删除。" in page
    assert "按标准目录新版本更新本机关目录" in page


@pytest.mark.parametrize(("who", "status"), [("publisher", 200), ("stranger", 404)])
def test_who_reads_the_page(client, county, people, catalogue, who, status):
    client.force_login(people[who])
    response = client.get(reverse("console:catalogue-changes", args=[county.pk]))
    assert response.status_code == status
    if status == 200:
        assert "按标准目录新版本更新本机关目录" not in response.content.decode()


def test_the_button_rederives_and_keeps_reasons(client, county, people, catalogue):
    client.force_login(people["admin"])

    response = client.post(reverse("console:catalogue-rederive", args=[county.pk]))

    assert response.status_code == 302
    assert catalogue.items.get(code="ZZ01").status == ItemStatus.KEPT
    assert catalogue.items.get(code="0104").status == ItemStatus.NOT_APPLICABLE
    assert catalogue.items.get(code="0101").not_applicable_reason == "本县无此类机构"
    page = client.get(reverse("console:catalogue-changes", args=[county.pk])).content.decode()
    assert "无需更新" in page


def test_a_publisher_cannot_rederive(client, county, people, catalogue):
    client.force_login(people["publisher"])
    response = client.post(reverse("console:catalogue-rederive", args=[county.pk]))
    assert response.status_code == 403
