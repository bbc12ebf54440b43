"""Console pages of public messages: the list by clock, the message page with its actions per
role, and the reply limits. A clerk of another agency can neither see nor answer."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.factories import make_user
from gongkai.participation import mailbox_services as services
from gongkai.participation.models import MessageCategory, MessageStatus, ReplyLimit
from gongkai.participation.tests.mailbox_factories import (
    SENDER,
    make_answered_message,
    make_mailbox_world,
    make_message,
)

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)  # a Monday


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    world = make_mailbox_world()
    world["message"] = make_message(world["county"], subject="新收到的留言")
    world["overdue"] = make_message(
        world["county"],
        subject="已逾期的留言",
        received_at=datetime.datetime(2026, 2, 2, 9, tzinfo=SHANGHAI),
    )
    world["stale"] = make_message(
        world["county"],
        subject="超过三个月的留言",
        received_at=datetime.datetime(2025, 11, 3, 9, tzinfo=SHANGHAI),
    )
    return world


def action(message, name):
    return reverse("console:message-action", args=[message.pk, name])


def detail(message):
    return reverse("console:message-detail", args=[message.pk])


def section(page, slug):
    """The messages of one stage of the list, in their order."""
    (found,) = [s for s in page.context["sections"] if s["slug"] == slug]
    return [row.message for row in found["rows"]]


def test_the_list_sorts_messages_by_clock(client, world):
    client.force_login(world["handler"])

    page = client.get(reverse("console:messages"))

    content = page.content.decode()
    assert page.status_code == 200
    # One stage (待受理); within it the ledger's overdue first, then due soon.
    assert section(page, "received") == [world["stale"], world["overdue"], world["message"]]
    assert page.context["past_line_count"] == 1
    assert "2026-03-09" in content  # the due date column
    assert "超过3个月未答复" in content
    assert SENDER["phone"] not in content  # the list shows no contact details


def test_the_list_filters(client, world):
    make_message(world["county"], subject="一条建议", category=MessageCategory.SUGGESTION)
    client.force_login(world["handler"])

    page = client.get(reverse("console:messages"), {"category": MessageCategory.SUGGESTION})

    assert [m.subject for m in section(page, "received")] == ["一条建议"]


def test_the_supervisor_sees_subordinate_agencies_past_the_line(client, world):
    client.force_login(world["supervisor"])

    page = client.get(reverse("console:messages"))

    (row,) = page.context["supervised"]
    assert row["agency_id"] == world["county"].pk
    assert (row["open_count"], row["overdue_count"], row["past_line_count"]) == (3, 2, 1)
    assert "国办秘函〔2019〕19号" in page.content.decode()


def test_another_agency_sees_none_of_it(client, world):
    client.force_login(world["other_handler"])

    page = client.get(reverse("console:messages"))

    assert page.status_code == 200
    assert all(s["rows"] == [] for s in page.context["sections"])
    assert page.context["supervised"] == []
    assert client.get(detail(world["message"])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("handler", 200), ("supervisor", 200)])
def test_staff_of_the_agency_and_its_supervisor_read_the_message(client, world, who, status):
    client.force_login(world[who])

    page = client.get(detail(world["message"]))

    assert page.status_code == status
    content = page.content.decode()
    assert SENDER["phone"] in content  # staff see how to reach the sender
    assert "2026-03-09" in content


def test_the_public_is_kept_out_of_the_console(client, world):
    assert client.get(reverse("console:messages")).status_code == 302  # to the login
    client.force_login(make_user())
    assert client.get(detail(world["message"])).status_code == 403


def test_each_role_is_offered_its_own_actions(client, world):
    client.force_login(world["handler"])
    assert client.get(detail(world["message"])).context["permitted"] == {
        "accept",
        "forward",
        "reject",
    }
    client.force_login(world["reviewer"])
    assert client.get(detail(world["message"])).context["permitted"] == set()
    client.force_login(world["supervisor"])
    assert client.get(detail(world["message"])).context["permitted"] == set()


def test_accept_draft_approve_publish_through_the_console(client, world):
    message = world["message"]
    client.force_login(world["handler"])
    client.post(action(message, "accept"), {"responsible_unit": "疾控科"})
    client.post(action(message, "reply"), {"text": "周六上午可以接种。"})
    # The handler cannot approve.
    assert client.post(action(message, "approve")).status_code == 403

    client.force_login(world["reviewer"])
    client.post(action(message, "approve"))
    page = client.post(
        action(message, "publish"),
        {"public_subject": "周末能否接种", "public_body": "请问周末能否接种？"},
        follow=True,
    )

    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
    assert message.responsible_unit == "疾控科"
    assert message.is_published
    assert "已保存" in page.content.decode()


def test_the_reviewer_returns_the_draft_with_comments(client, world):
    message = world["message"]
    client.force_login(world["handler"])
    client.post(action(message, "accept"), {"responsible_unit": ""})
    client.post(action(message, "reply"), {"text": "初稿"})
    client.force_login(world["reviewer"])

    client.post(action(message, "return"), {"comments": "请写明接种时间"})

    client.force_login(world["handler"])
    page = client.get(detail(message))
    assert page.context["message"].status == MessageStatus.ACCEPTED
    assert "请写明接种时间" in page.content.decode()


@pytest.mark.parametrize(
    ("who", "name", "data"),
    [
        ("other_handler", "accept", {"responsible_unit": ""}),
        ("other_handler", "reply", {"text": "越权答复"}),
        ("other_handler", "reject", {"ground": "petition", "reason": "越权"}),
        ("supervisor", "accept", {"responsible_unit": ""}),
        ("reviewer", "accept", {"responsible_unit": ""}),
        ("foi_handler", "accept", {"responsible_unit": ""}),
    ],
)
def test_only_the_agencys_handlers_act(client, world, who, name, data):
    client.force_login(world[who])

    response = client.post(action(world["message"], name), data)

    assert response.status_code in (403, 404)
    world["message"].refresh_from_db()
    assert world["message"].status == MessageStatus.RECEIVED


def test_a_clerk_of_another_agency_cannot_answer(client, world):
    message = world["message"]
    services.accept_message(message=message, actor=world["handler"])
    services.draft_reply(message=message, actor=world["handler"], text="答复")
    client.force_login(world["other_handler"])  # a reviewer too, but of another agency

    assert client.post(action(message, "approve")).status_code == 404

    message.refresh_from_db()
    assert message.status == MessageStatus.REPLY_DRAFTED
    assert message.answered_at is None


def test_forwarding_away_returns_to_the_list(client, world):
    client.force_login(world["handler"])

    response = client.post(
        action(world["message"], "forward"), {"to_agency": world["other"].pk, "note": "属邻县"}
    )

    assert response.url == reverse("console:messages")
    world["message"].refresh_from_db()
    assert world["message"].agency == world["other"]
    client.force_login(world["other_handler"])
    assert client.get(detail(world["message"])).status_code == 200


def test_a_rule_broken_comes_back_as_a_message(client, world):
    message = make_answered_message(
        world["county"],
        handler=world["handler"],
        reviewer=world["reviewer"],
        body=f"我是{SENDER['sender_name']}，想问接种时间。",
    )
    client.force_login(world["reviewer"])

    page = client.post(
        action(message, "publish"),
        {"public_subject": "接种时间", "public_body": message.body},
        follow=True,
    )

    assert "公开内容中含有留言人的姓名" in page.content.decode()
    message.refresh_from_db()
    assert not message.is_published


def test_an_empty_required_field_comes_back_as_a_message(client, world):
    client.force_login(world["handler"])

    page = client.post(action(world["message"], "reject"), {"ground": "petition"}, follow=True)

    assert "填写有误" in page.content.decode()
    world["message"].refresh_from_db()
    assert world["message"].status == MessageStatus.RECEIVED


def test_an_unknown_action_is_not_found(client, world):
    client.force_login(world["handler"])

    assert client.post(action(world["message"], "delete")).status_code == 404


def test_the_admin_sets_reply_limits(client, world):
    url = reverse("console:reply-limits", args=[world["county"].pk])
    client.force_login(world["admin"])
    limits = dict.fromkeys(MessageCategory.values, "5")

    assert client.get(url).status_code == 200
    response = client.post(url, {**limits, MessageCategory.COMPLAINT: "10"})

    assert response.status_code == 302
    assert ReplyLimit.objects.get(agency=world["county"]).working_days == 10
    page = client.post(url, {**limits, MessageCategory.ENQUIRY: "0"})
    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.content.decode()
    assert ReplyLimit.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("handler", 403), ("other_admin", 404)])
def test_only_the_agencys_admin_sets_limits(client, world, who, status):
    client.force_login(world[who])
    url = reverse("console:reply-limits", args=[world["county"].pk])

    assert client.post(url, {MessageCategory.ENQUIRY: "1"}).status_code == status
    assert not ReplyLimit.objects.exists()
