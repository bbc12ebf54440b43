"""Console and portal pages of the price lists: every role's access, import, review, the
searchable public list and an item's history."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.diseases.tests.factories import xlsx
from gongkai.factories import make_agency, make_user
from gongkai.prices.models import PriceItem, VersionStatus
from gongkai.prices.tests.factories import item, make_list, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_agency(code="CITY", name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def price_list(city):
    return make_list(make_agency(code="HC-COUNTY", name="测试县卫生健康局", parent=city))


@pytest.fixture
def clerk(price_list):
    return make_user(agency=price_list.agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(price_list):
    return make_user(agency=price_list.agency, roles=(Role.REVIEWER,))


@pytest.fixture
def supervisor(city):
    return make_user(agency=city, roles=(Role.SUPERVISOR,))


@pytest.fixture
def outsider():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,))


def _upload(data):
    return SimpleUploadedFile("p.xlsx", data)


HEADER = ("项目编码", "项目名称", "规格", "计价单位", "价格（元）", "执行日期", "备注")


def test_console_access_by_role(client, price_list, clerk, reviewer, supervisor, outsider):
    detail = reverse("console:price-list-detail", args=[price_list.pk])
    for user, status in [(clerk, 200), (reviewer, 200), (supervisor, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(reverse("console:price-lists")).status_code == 200
        assert client.get(detail).status_code == status
    client.force_login(supervisor)
    upload = _upload(xlsx(HEADER, ("A", "诊查费", "", "次", "8", "2026-01-01", "")))
    assert client.post(detail, {"file": upload}).status_code == 403
    client.logout()
    assert client.get(reverse("console:price-lists")).status_code == 302


def test_import_review_and_publish_through_the_console(client, price_list, clerk, reviewer):
    client.force_login(clerk)
    detail = reverse("console:price-list-detail", args=[price_list.pk])
    bad = xlsx(
        HEADER,
        ("A", "诊查费", "", "次", "8", "2026-01-01", ""),
        ("A", "复诊", "", "次", "x", "", ""),
    )
    page = client.post(detail, {"file": _upload(bad)}).content.decode()
    assert "第3行" in page
    assert not PriceItem.objects.exists()
    good = xlsx(HEADER, ("A", "诊查费", "", "次", "8", "2026-01-01", ""))
    response = client.post(detail, {"file": _upload(good)})
    version = price_list.versions.get()
    assert response.url == reverse("console:price-version", args=[version.pk])
    version_url = reverse("console:price-version", args=[version.pk])
    form = {
        "code": "B",
        "name": "静脉输液",
        "specification": "",
        "unit": "次",
        "price": "8.005",
        "effective_on": "2026-01-01",
        "note": "",
    }
    assert "2" in client.post(version_url, form).content.decode()  # at most 2 decimals
    form["price"] = "8.00"
    assert client.post(version_url, form).status_code == 302
    action = reverse("console:price-action", args=[version.pk])
    client.post(action, {"action": "submit"})
    assert client.post(action, {"action": "publish"}).status_code == 403  # not a reviewer
    client.force_login(reviewer)
    client.post(action, {"action": "publish"})
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.items.count() == 2


def test_portal_list_is_searchable_and_paged(client, price_list):
    rows = [item(f"{n:04d}", "5", f"项目{n:04d}") for n in range(60)]
    rows.append(item("110200001", "8", "普通门诊诊查费"))
    publish(price_list, rows)
    agency, inst = price_list.agency.code, price_list.institution.code
    url = reverse("portal:price-list", args=[agency, inst, "service"])
    page = client.get(url).content.decode()
    assert "共 61 项" in page
    assert 'class="card-table"' in page
    assert "page=2" in page
    found = client.get(url, {"q": "门诊"}).content.decode()
    assert "普通门诊诊查费" in found
    assert "共 1 项" in found
    assert "共 1 项" in client.get(url, {"q": "1102"}).content.decode()
    assert client.get(reverse("portal:agency-prices", args=[agency])).status_code == 200
    assert client.get(reverse("portal:price-list", args=[agency, inst, "drug"])).status_code == 404
    assert client.get(reverse("portal:price-list", args=[agency, inst, "nope"])).status_code == 404


def test_portal_item_history(client, price_list):
    publish(price_list, [item("A", "10", "普通门诊诊查费")])
    publish(price_list, [item("A", "12", "普通门诊诊查费", on=datetime.date(2026, 7, 1))])
    agency, inst = price_list.agency.code, price_list.institution.code
    url = reverse("portal:price-item", args=[agency, inst, "service", "A"])
    page = client.get(url).content.decode()
    assert "调价" in page
    assert "10.00" in page
    assert "12.00" in page
    assert "2026-07-01" in page
    missing = reverse("portal:price-item", args=[agency, inst, "service", "ZZZ"])
    assert client.get(missing).status_code == 404


def test_a_new_list_only_for_own_institutions(client, price_list, clerk):
    from gongkai.prices.models import PriceList

    client.force_login(clerk)
    url = reverse("console:price-lists")
    hospital = price_list.institution
    assert client.post(url, {"institution": hospital.pk, "kind": "drug"}).status_code == 302
    assert PriceList.objects.filter(institution=hospital, kind="drug").exists()
    stranger = make_agency(level=Level.INSTITUTION)
    page = client.post(url, {"institution": stranger.pk, "kind": "consumable"})
    assert page.status_code == 200
    assert not PriceList.objects.filter(institution=stranger).exists()
