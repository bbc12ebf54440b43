"""Atom feeds and the sitemap list public records only."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.models import Attribute, Status, WithholdingBasis
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    make_published_document,
)
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    agency = make_agency(code="FEED-1")
    item = make_agency_item(agency, code="X01")
    other_item = make_agency_item(agency, code="X02")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))

    def publish(**overrides):
        overrides.setdefault("status", Status.IN_REVIEW)
        overrides.setdefault("catalogue_item", item)
        return make_published_document(reviewer=reviewer, **overrides)

    withdrawn = publish(title="已撤回的公示")
    services.withdraw(document=withdrawn, actor=reviewer, reason="更正")
    return {
        "agency": agency,
        "public": publish(title="公开的通知"),
        "other_item": publish(title="另一事项的通知", catalogue_item=other_item),
        "withheld": publish(
            title="不予公开的请示",
            attribute=Attribute.WITHHELD,
            withholding_basis=WithholdingBasis.PROCESS_INFORMATION,
            withholding_reason="过程性信息",
        ),
        "draft": make_document(catalogue_item=item, title="草稿通知"),
        "withdrawn": withdrawn,
    }


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_records_feed_is_atom_with_public_records_only(client, records):
    response = client.get(reverse("portal:feed-records"))
    content = response.content.decode()

    assert response["Content-Type"].startswith("application/atom+xml")
    assert "公开的通知" in content
    assert records["agency"].name in content  # author
    for hidden in ("不予公开的请示", "草稿通知", "已撤回的公示"):
        assert hidden not in content


def test_agency_and_catalogue_item_feeds(client, records):
    agency_feed = body(client, reverse("portal:feed-agency", args=["FEED-1"]))
    item_feed = body(client, reverse("portal:feed-catalogue-item", args=["FEED-1", "X01"]))

    assert "另一事项的通知" in agency_feed
    assert "公开的通知" in item_feed
    assert "另一事项的通知" not in item_feed


def test_unknown_feed_is_404(client, records):
    assert client.get(reverse("portal:feed-agency", args=["NOPE"])).status_code == 404
    url = reverse("portal:feed-catalogue-item", args=["FEED-1", "NOPE"])
    assert client.get(url).status_code == 404


def test_sitemap_lists_public_records_and_agency_pages(client, records):
    index = body(client, "/sitemap.xml")
    assert "sitemap-records.xml" in index

    pages = body(client, "/sitemap-records.xml")
    assert reverse("portal:document-detail", args=[records["public"].pk]) in pages
    for hidden in ("withheld", "draft", "withdrawn"):
        assert reverse("portal:document-detail", args=[records[hidden].pk]) not in pages

    agencies = body(client, "/sitemap-agencies.xml")
    assert reverse("portal:agency-guide", args=["FEED-1"]) in agencies
