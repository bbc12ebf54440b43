"""Cadence items in the console: set on the catalogue item, missing periods in the ledger with
a link that opens a draft of the item."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.catalogue.expected import open_expected_publications
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    agency = make_agency(name="测试县卫生健康局")
    return {
        "agency": agency,
        "item": standard_item(agency, "G1001"),
        "publisher": make_user(agency=agency, roles=(Role.PUBLISHER,)),
        "admin": make_user(agency=agency, roles=(Role.ADMIN,)),
    }


def test_a_missing_period_links_to_a_draft_of_its_item(client, world):
    item = world["item"]
    item.cadence_since = datetime.date(2026, 9, 15)
    item.save(update_fields=["cadence_since"])
    open_expected_publications(today=datetime.date(2026, 11, 16))
    client.force_login(world["publisher"])

    page = client.get("/console/obligations/", {"kind": "catalogue.expected_publication"})
    html = page.content.decode()
    assert "法定传染病疫情信息（2026年9月）" in html
    link = f"/console/documents/new/?agency={world['agency'].pk}&amp;item={item.pk}"
    assert link in html

    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="{item.pk}:" selected' in form


def test_the_item_form_sets_the_cadence(client, world):
    client.force_login(world["admin"])
    item = standard_item(world["agency"], "G0201")
    response = client.post(
        f"/console/catalogue/items/{item.pk}/",
        {
            "name": item.name,
            "basis": item.basis,
            "time_limit_days": 20,
            "subject": "",
            "cadence": "quarterly",
            "cadence_due_working_days": 15,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.cadence, item.cadence_due_working_days) == ("quarterly", 15)

    page = client.get(f"/console/catalogue/items/{item.pk}/").content.decode()
    assert "每期结束后公开时限（工作日）" in page
