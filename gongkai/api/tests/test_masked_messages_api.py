"""A message published as its masked copy (#11): the API gives the masked texts, in the list
and for the one message, never the original ID number or phone."""

import pytest

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


def test_one_message_gives_the_masked_question_and_reply(client, masked):
    response = client.get(f"/api/messages/{masked.pk}")

    assert response.status_code == 200
    data = response.json()
    assert data["body"] == f"邻居身份证140***********{ID_NUMBER[-4:]}，能否代办接种？"
    assert data["reply"] == "可以代办，请联系李医生138****5678。"


def test_the_list_gives_the_masked_texts(client, masked):
    response = client.get("/api/messages")

    content = response.content.decode()
    assert response.status_code == 200
    assert ID_NUMBER not in content
    assert PHONE not in content
    assert "138****5678" in response.json()["results"][0]["reply"]
