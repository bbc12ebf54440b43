"""The published-messages API: the contract of the list and of one message; unpublished
messages are 404 and no field carries the sender's name, contact details or query code."""

import json

import pytest

from gongkai.participation import publication_services
from gongkai.participation.models import MessageCategory
from gongkai.participation.tests.mailbox_factories import (
    SENDER,
    make_answered_message,
    make_mailbox_world,
    make_message,
    make_published_message,
)

pytestmark = pytest.mark.django_db

MESSAGE_FIELDS = {
    "id",
    "subject",
    "body",
    "category",
    "agency",
    "received_on",
    "answered_on",
    "published_on",
    "reply",
    "url",
    "portal_url",
}


@pytest.fixture
def world():
    world = make_mailbox_world()
    people = {"handler": world["handler"], "reviewer": world["reviewer"]}
    world["published"] = make_published_message(world["county"], **people, subject="接种时间")
    world["redacted"] = make_answered_message(
        world["county"], **people, subject="原标题", category=MessageCategory.COMPLAINT
    )
    publication_services.set_publication(
        message=world["redacted"],
        actor=world["reviewer"],
        publish=True,
        public_subject="删减后的标题",
        public_body="删减后的内容",
    )
    world["private"] = make_answered_message(world["county"], **people, wants_public=False)
    world["open"] = make_message(world["county"])
    world["withdrawn"] = make_published_message(world["county"], **people, subject="撤下")
    publication_services.set_publication(
        message=world["withdrawn"], actor=world["reviewer"], publish=False
    )
    return world


def test_the_list_holds_published_messages_only(client, world):
    response = client.get("/api/messages")

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert {m["id"] for m in data["results"]} == {world["published"].pk, world["redacted"].pk}
    assert (data["page"], data["pages"], data["next"], data["previous"]) == (1, 1, None, None)


def test_one_message_pins_the_contract(client, world):
    message = world["redacted"]

    data = client.get(f"/api/messages/{message.pk}").json()

    assert set(data) == MESSAGE_FIELDS
    assert data["subject"] == "删减后的标题"
    assert data["body"] == "删减后的内容"
    assert data["category"] == {"value": "complaint", "label": "投诉"}
    assert data["agency"] == {"code": "SL-COUNTY", "name": "示例县卫生健康局"}
    assert data["received_on"] == data["answered_on"] == data["published_on"] == "2026-03-02"
    assert data["reply"] == "周六上午可以接种，请携带身份证件。"
    assert data["url"].endswith(f"/api/messages/{message.pk}")
    assert data["portal_url"].endswith(f"/messages/{message.pk}/")


def test_no_field_carries_the_sender_or_the_query_code(client, world):
    text = json.dumps(client.get("/api/messages").json(), ensure_ascii=False)

    for value in SENDER.values():
        assert value not in text
    assert world["published"].query_code not in text
    assert "原标题" not in text  # the redacted original stays out


@pytest.mark.parametrize("name", ["private", "open", "withdrawn"])
def test_unpublished_messages_are_not_found(client, world, name):
    response = client.get(f"/api/messages/{world[name].pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该留言。"}


def test_filters_by_agency_and_category(client, world):
    make_published_message(
        world["other"],
        handler=world["other_handler"],
        reviewer=world["other_handler"],
        subject="邻县留言",
    )

    by_agency = client.get("/api/messages", {"agency": "LX-COUNTY"}).json()
    by_category = client.get("/api/messages", {"category": "complaint"}).json()

    assert [m["subject"] for m in by_agency["results"]] == ["邻县留言"]
    assert [m["subject"] for m in by_category["results"]] == ["删减后的标题"]


def test_pages_are_bounded(client, world):
    assert client.get("/api/messages", {"page": 51}).status_code == 400
    assert client.get("/api/messages", {"page_size": 101}).status_code == 400
    page = client.get("/api/messages", {"page_size": 1}).json()
    assert page["pages"] == 2
    assert page["next"].endswith("page=2")


def test_an_unknown_category_is_refused(client, world):
    assert client.get("/api/messages", {"category": "gossip"}).status_code == 422


def test_the_openapi_document_describes_the_message_paths(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert set(paths["/api/messages"]) == {"get"}
    assert set(paths["/api/messages/{message_id}"]["get"]["responses"]) == {"200", "404"}
