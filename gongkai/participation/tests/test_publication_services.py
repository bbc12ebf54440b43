"""Publishing a message (#11): a third party's phone or an ID number in the question or the
reply refuses publication; the masked copy is published on request while the original stays;
the audit trail counts what was masked by kind and never copies the values."""

import json

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.participation import mailbox_services, publication_services
from gongkai.participation.errors import PersonalDataError
from gongkai.participation.models import PublicMessage
from gongkai.participation.tests.mailbox_factories import make_mailbox_world, make_message
from gongkai.privacy.tests.examples import id_number

pytestmark = pytest.mark.django_db

ID_NUMBER = id_number("14010519850228002")
MASKED_ID = "140***********" + ID_NUMBER[-4:]
THIRD_PARTY_PHONE = "13812345678"  # not the sender's (13912345678)


@pytest.fixture
def world():
    return make_mailbox_world()


def answered(world, *, body="请问周末能否接种？", reply="周六上午可以接种。"):
    message = make_message(world["county"], body=body)
    mailbox_services.accept_message(message=message, actor=world["handler"])
    mailbox_services.draft_reply(message=message, actor=world["handler"], text=reply)
    return mailbox_services.approve_reply(message=message, actor=world["reviewer"])


def publish(world, message, **texts):
    return publication_services.set_publication(
        message=message, actor=world["reviewer"], publish=True, **texts
    )


@pytest.mark.parametrize(
    ("body", "reply", "listed"),
    [
        (
            f"隔壁王某的电话{THIRD_PARTY_PHONE}，他也没接种",
            "周六上午可以接种。",
            "留言内容中的手机号码 138****5678",
        ),
        (
            f"我儿子身份证{ID_NUMBER}，能否接种？",
            "周六上午可以接种。",
            f"留言内容中的身份证号码 {MASKED_ID}",
        ),
        (
            "请问周末能否接种？",
            f"请联系防保科李医生{THIRD_PARTY_PHONE}。",
            "答复中的手机号码 138****5678",
        ),
        (
            "请问周末能否接种？",
            f"经查，身份证号{ID_NUMBER}的儿童已接种。",
            f"答复中的身份证号码 {MASKED_ID}",
        ),
    ],
)
def test_publication_is_refused_with_a_third_partys_phone_or_an_id_number(
    world, body, reply, listed
):
    message = answered(world, body=body, reply=reply)

    with pytest.raises(PersonalDataError) as refused:
        publish(world, message)

    assert listed in str(refused.value.message)
    assert "按建议遮盖后公开" in str(refused.value.message)
    assert len(refused.value.findings) == 1
    message.refresh_from_db()
    assert not message.is_published
    assert not AuditEvent.objects.filter(action="participation.message.publish").exists()


def test_the_reviewers_own_texts_are_checked_too(world):
    message = answered(world)

    with pytest.raises(PersonalDataError, match="标题中的手机号码"):
        publish(world, message, public_subject=f"回电{THIRD_PARTY_PHONE}")
    with pytest.raises(PersonalDataError, match="答复中的身份证号码"):
        publish(world, message, public_reply=f"身份证{ID_NUMBER}")

    publish(world, message, public_reply="周六上午可以接种，请携带证件。")
    message.refresh_from_db()
    assert message.reply_for_public == "周六上午可以接种，请携带证件。"


def test_the_agencys_published_office_phone_may_stay_in_the_reply(world):
    world["county"].office_telephone = "0351-2345678"
    world["county"].save(update_fields=["office_telephone"])
    message = answered(world, reply="如有疑问请致电（0351）2345678。")

    publish(world, message)

    message.refresh_from_db()
    assert message.is_published
    assert message.reply_for_public == "如有疑问请致电（0351）2345678。"


def test_the_masked_copy_is_published_and_the_original_stays(world):
    body = f"我是张三，电话13912345678，邻居电话{THIRD_PARTY_PHONE}。"
    reply = f"身份证号{ID_NUMBER}的儿童已登记。"
    message = answered(world, body=body, reply=reply)

    publication_services.set_publication(
        message=message, actor=world["reviewer"], publish=True, mask=True
    )

    message.refresh_from_db()
    assert message.is_published
    assert message.body_for_public == "我是张*，电话139****5678，邻居电话138****5678。"
    assert message.reply_for_public == f"身份证号{MASKED_ID}的儿童已登记。"
    assert message.subject_for_public == message.subject  # nothing to mask there
    assert (message.body, message.reply) == (body, reply)  # for staff
    assert PublicMessage.objects.published().get() == message


def test_the_audit_counts_the_masked_kinds_and_never_copies_the_values(world):
    message = answered(
        world,
        body=f"邻居电话{THIRD_PARTY_PHONE}，身份证{ID_NUMBER}",
        reply=f"已联系{THIRD_PARTY_PHONE}。",
    )

    publication_services.set_publication(
        message=message, actor=world["reviewer"], publish=True, mask=True
    )

    event = AuditEvent.objects.get(action="participation.message.publish")
    assert event.after["masked_personal_data"] == {"id_number": 1, "mobile": 2}
    recorded = json.dumps([event.before, event.after, event.note], ensure_ascii=False)
    assert THIRD_PARTY_PHONE not in recorded
    assert ID_NUMBER not in recorded


def test_without_findings_nothing_is_masked_or_counted(world):
    message = answered(world)

    publish(world, message)

    event = AuditEvent.objects.get(action="participation.message.publish")
    assert "masked_personal_data" not in event.after
    message.refresh_from_db()
    assert (message.public_body, message.public_reply) == ("", "")


def test_a_republished_masked_copy_passes_the_check(world):
    message = answered(world, reply=f"已联系{THIRD_PARTY_PHONE}。")
    publication_services.set_publication(
        message=message, actor=world["reviewer"], publish=True, mask=True
    )
    publication_services.set_publication(message=message, actor=world["reviewer"], publish=False)
    message.refresh_from_db()

    publish(world, message, public_reply=message.public_reply)

    message.refresh_from_db()
    assert message.is_published
    assert message.reply_for_public == "已联系138****5678。"


def test_callers_of_the_old_place_get_the_same_check(world):
    message = answered(world, reply=f"请联系{THIRD_PARTY_PHONE}。")

    with pytest.raises(PersonalDataError):
        mailbox_services.set_publication(message=message, actor=world["reviewer"], publish=True)

    mailbox_services.set_publication(
        message=message, actor=world["reviewer"], publish=True, mask=True
    )
    message.refresh_from_db()
    assert message.reply_for_public == "请联系138****5678。"
