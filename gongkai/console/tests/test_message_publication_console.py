"""Publishing a message from the console (#11): the form shows what the check finds before it
is sent, a refusal lists each finding masked, "按建议遮盖后公开" publishes the masked copy, and
staff still read the original."""

import pytest
from django.urls import reverse

from gongkai.participation import mailbox_services
from gongkai.participation.tests.mailbox_factories import (
    make_mailbox_world,
    make_masked_message,
    make_message,
)
from gongkai.privacy.tests.examples import id_number

pytestmark = pytest.mark.django_db

ID_NUMBER = id_number("14010519850228002")
MASKED_ID = "140***********" + ID_NUMBER[-4:]
PHONE = "13812345678"
BODY = f"邻居身份证{ID_NUMBER}，能否代办接种？"
REPLY = f"可以代办，请联系李医生{PHONE}。"


@pytest.fixture
def world():
    return make_mailbox_world()


@pytest.fixture
def answered(world):
    message = make_message(world["county"], body=BODY)
    mailbox_services.accept_message(message=message, actor=world["handler"])
    mailbox_services.draft_reply(message=message, actor=world["handler"], text=REPLY)
    return mailbox_services.approve_reply(message=message, actor=world["reviewer"])


def publish(client, message, **extra):
    return client.post(
        reverse("console:message-action", args=[message.pk, "publish"]),
        {
            "public_subject": message.subject,
            "public_body": message.body,
            "public_reply": message.reply,
            **extra,
        },
        follow=True,
    )


def test_the_publish_form_shows_the_findings_before_it_is_sent(client, world, answered):
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:message-detail", args=[answered.pk]))

    content = page.content.decode()
    assert [p.finding.masked for p in page.context["publication_findings"]] == [
        MASKED_ID,
        "138****5678",
    ]
    assert f"留言内容中的身份证号码 {MASKED_ID}" in content
    assert "答复中的手机号码 138****5678" in content
    assert "按建议遮盖后公开" in content
    assert 'name="public_reply"' in content


def test_publishing_with_personal_data_is_refused_with_the_list(client, world, answered):
    client.force_login(world["reviewer"])

    page = publish(client, answered, mask="")

    answered.refresh_from_db()
    assert not answered.is_published
    content = page.content.decode()
    assert "公开内容含有以下个人信息" in content
    assert f"留言内容中的身份证号码 {MASKED_ID}" in content
    assert "答复中的手机号码 138****5678" in content


def test_the_mask_button_publishes_the_masked_copy(client, world, answered):
    client.force_login(world["reviewer"])

    page = publish(client, answered, mask="1")

    answered.refresh_from_db()
    assert answered.is_published
    assert answered.body_for_public == f"邻居身份证{MASKED_ID}，能否代办接种？"
    assert answered.reply_for_public == "可以代办，请联系李医生138****5678。"
    assert "已保存" in page.content.decode()


def test_staff_still_read_the_original_beside_the_public_copy(client, world):
    message = make_masked_message(
        world["county"],
        handler=world["handler"],
        reviewer=world["reviewer"],
        body=BODY,
        reply=REPLY,
    )
    client.force_login(world["handler"])

    page = client.get(reverse("console:message-detail", args=[message.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert ID_NUMBER in content  # the original question
    assert PHONE in content  # the original reply
    assert MASKED_ID in content  # the public copy
    assert "138****5678" in content
