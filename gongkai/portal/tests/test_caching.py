"""Public pages send validators, answer 304 when fresh, and change when content changes."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def published():
    agency = make_agency()
    item = make_agency_item(agency)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        document = make_published_document(
            catalogue_item=item, reviewer=reviewer, status=Status.IN_REVIEW
        )
    return document, reviewer


@pytest.mark.parametrize("name", ["home", "deadline"])
def test_public_pages_are_cacheable_by_a_shared_cache(client, published, name):
    response = client.get(reverse(f"portal:{name}"))

    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    # Stored for a few seconds, then revalidated (gongkai.http.caching); nginx would not
    # store a page marked no-cache at all.
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=5"


def test_a_fresh_page_is_answered_with_304(client, published):
    document, _reviewer = published
    url = reverse("portal:document-detail", args=[document.pk])
    etag = client.get(url)["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""


def test_withdrawing_a_record_makes_every_page_fresh(client, published):
    document, reviewer = published
    home_etag = client.get("/")["ETag"]
    record_url = reverse("portal:document-detail", args=[document.pk])
    record_etag = client.get(record_url)["ETag"]

    services.withdraw(document=document, actor=reviewer, reason="处罚决定已撤销。")

    assert client.get("/", HTTP_IF_NONE_MATCH=home_etag).status_code == 200
    withdrawn = client.get(record_url, HTTP_IF_NONE_MATCH=record_etag)
    assert withdrawn.status_code == 410
    assert "处罚决定已撤销。" in withdrawn.content.decode()


def test_each_language_and_text_size_has_its_own_validator(client, published):
    chinese = client.get("/")["ETag"]
    english = client.get("/en/")["ETag"]
    client.cookies["large_text"] = "1"
    large = client.get("/")["ETag"]

    assert len({chinese, english, large}) == 3
