"""Console pages of an agency's catalogue: every role's access and the filing round trip."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.catalogue import services
from gongkai.catalogue.models import CatalogueStatus, ItemStatus
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    return make_agency(level=Level.CITY, name="测试市卫生健康委员会")


@pytest.fixture
def county(city):
    return make_agency(level=Level.COUNTY, parent=city)


@pytest.fixture
def people(city, county):
    stranger_agency = make_agency()
    return {
        "admin": make_user(agency=county, roles=(Role.ADMIN,)),
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "stranger": make_user(agency=stranger_agency, roles=(Role.ADMIN,)),
    }


@pytest.fixture
def catalogue(county, people):
    return services.derive_catalogue(agency=county, actor=people["admin"])


def detail(county):
    return reverse("console:catalogue-detail", args=[county.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("publisher", 200), ("supervisor", 200), ("stranger", 404)],
)
def test_who_can_read_the_catalogue(client, county, people, catalogue, who, status):
    client.force_login(people[who])

    assert client.get(detail(county)).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client, county, catalogue):
    response = client.get(detail(county))

    assert response.status_code == 302
    assert "/console/login/" in response["Location"]


def test_the_admin_marks_an_item_not_applicable_with_a_reason(client, county, people, catalogue):
    item = catalogue.items.get(code="0104")
    client.force_login(people["admin"])
    url = reverse("console:catalogue-item-na", args=[item.pk])

    client.post(url, {"reason": ""}, follow=True)
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT  # a reason is required

    client.post(url, {"reason": "本县无此类机构"})
    item.refresh_from_db()
    assert item.status == ItemStatus.NOT_APPLICABLE
    assert item.not_applicable_reason == "本县无此类机构"


@pytest.mark.parametrize("who", ["publisher", "supervisor"])
def test_others_cannot_change_items(client, county, people, catalogue, who):
    item = catalogue.items.get(code="0104")
    client.force_login(people[who])

    response = client.post(
        reverse("console:catalogue-item-na", args=[item.pk]), {"reason": "试图修改"}
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT


def test_the_admin_adds_an_item_and_it_is_audited(client, county, people, catalogue):
    client.force_login(people["admin"])

    client.post(
        reverse("console:catalogue-item-add", args=[county.pk]),
        {
            "category_code": "L1",
            "category_name": "本县特色事项",
            "code": "L-01",
            "name": "县域医共体建设进展",
            "basis": "县政府文件",
            "time_limit_days": "20",
            "subject": "",
        },
    )

    added = catalogue.items.get(code="L-01")
    assert added.status == ItemStatus.ADDED
    assert AuditEvent.objects.filter(action="catalogue.item_added", agency=county).exists()


def test_filing_returning_and_accepting(client, county, people, catalogue):
    client.force_login(people["admin"])
    client.post(reverse("console:catalogue-file", args=[county.pk]))
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.FILED

    # While filed, nobody can edit the items.
    item = catalogue.items.get(code="0104")
    page = client.post(
        reverse("console:catalogue-item-na", args=[item.pk]), {"reason": "x"}, follow=True
    )
    assert "备案" in page.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT

    # The admin cannot review their own filing; the city's supervisor can.
    review = reverse("console:catalogue-review", args=[county.pk])
    assert client.post(review, {"decision": "accept"}).status_code == 403
    client.force_login(people["supervisor"])
    client.post(review, {"decision": "return", "comments": ""})
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.FILED  # returning needs comments

    client.post(review, {"decision": "return", "comments": "请补充本县特色事项。"})
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.RETURNED
    assert catalogue.review_comments == "请补充本县特色事项。"

    client.force_login(people["admin"])
    assert "请补充本县特色事项。" in client.get(detail(county)).content.decode()
    client.post(reverse("console:catalogue-file", args=[county.pk]))
    client.force_login(people["supervisor"])
    client.post(review, {"decision": "accept", "comments": ""})
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.ACCEPTED


def test_the_catalogue_list_shows_only_readable_agencies(client, county, city, people, catalogue):
    client.force_login(people["stranger"])

    page = client.get(reverse("console:catalogue-home")).content.decode()

    assert county.name not in page
