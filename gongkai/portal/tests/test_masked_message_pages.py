"""A message published as its masked copy (#11): the portal page and the feed show the masked
texts, never the ID number or the third party's phone of the original."""

import pytest
from django.urls import reverse

from gongkai.participation.tests.mailbox_factories import make_mailbox_world, make_masked_message
from gongkai.privacy.tests.examples import id_number

pytestmark = pytest.mark.django_db

ID_NUMBER = id_number("14010519850228002")
PHONE = "13812345678"


@pytest.fixture
def masked():
    world = make_mailbox_world()
    return make_masked_message(
        world["county"],
        handler=world["handler"],
        reviewer=world["reviewer"],
        body=f"邻居身份证{ID_NUMBER}，能否代办接种？",
        reply=f"可以代办，请联系李医生{PHONE}。",
    )


def assert_masked(content: str) -> None:
    assert "140***********" + ID_NUMBER[-4:] in content
    assert "138****5678" in content
    assert ID_NUMBER not in content
    assert PHONE not in content


def test_the_portal_page_shows_the_masked_copy(client, masked):
    page = client.get(f"/messages/{masked.pk}/")

    assert page.status_code == 200
    assert_masked(page.content.decode())


def test_the_feed_shows_the_masked_reply(client, masked):
    feed = client.get(reverse("portal:feed-messages"))

    content = feed.content.decode()
    assert feed.status_code == 200
    assert "138****5678" in content
    assert PHONE not in content
