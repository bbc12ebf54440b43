"""Every Atom feed labels its plain-text summaries `type="text"`: text that looks like markup
(a record summary, a reply, a draft's summary) is never interpreted by a feed reader."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.participation import mailbox_services, publication_services
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.participation.tests.mailbox_factories import make_message

ATOM = "{http://www.w3.org/2005/Atom}"
LOOKS_LIKE_HTML = '甲 < 乙 & <a href="https://evil.example">点此</a>'
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


def summaries(client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, not outside input
    return [entry.find(f"{ATOM}summary") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def agency():
    return make_agency(code="FEED-2", level=Level.COUNTY)


def test_record_feeds_carry_plain_text_summaries(client, agency):
    item = make_agency_item(agency, code="X01")
    make_published_document(agency=agency, catalogue_item=item, summary=LOOKS_LIKE_HTML)
    for url in (
        reverse("portal:feed-records"),
        reverse("portal:feed-agency", args=["FEED-2"]),
        reverse("portal:feed-catalogue-item", args=["FEED-2", "X01"]),
    ):
        [summary] = summaries(client, url)
        assert summary.get("type") == "text"
        assert summary.text == LOOKS_LIKE_HTML


def test_the_message_feed_carries_the_reply_as_plain_text(client, agency):
    handler = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    message = make_message(agency)
    mailbox_services.accept_message(message=message, actor=handler)
    mailbox_services.draft_reply(message=message, actor=handler, text=LOOKS_LIKE_HTML)
    mailbox_services.approve_reply(message=message, actor=reviewer)
    publication_services.set_publication(message=message, actor=reviewer, publish=True)
    [summary] = summaries(client, reverse("portal:feed-messages"))
    assert summary.get("type") == "text"
    assert summary.text == LOOKS_LIKE_HTML


def test_the_consultation_feed_carries_plain_text(client, agency):
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    at = datetime.datetime(2026, 11, 2, 10, tzinfo=SHANGHAI)
    with time_machine.travel(at, tick=False):
        consultation = make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)
    consultation.draft.summary = LOOKS_LIKE_HTML
    consultation.draft.save(update_fields=["summary"])
    [summary] = summaries(client, reverse("portal:feed-consultations"))
    assert summary.get("type") == "text"
    assert summary.text.startswith(LOOKS_LIKE_HTML)
