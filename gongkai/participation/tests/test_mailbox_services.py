"""State changes of public messages: intake, routing (accept, forward, reject), the reply and
its review, publication, reply limits and the calendar; each audited, bad input refused whole."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.audit.models import AuditEvent
from gongkai.participation import mailbox_services as services
from gongkai.participation import publication_services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    MessageCategory,
    MessageStatus,
    PublicMessage,
    RejectionGround,
    ReplyLimit,
)
from gongkai.participation.tests.mailbox_factories import (
    SENDER,
    make_answered_message,
    make_mailbox_world,
    make_message,
)
from gongkai.workdays import services as calendar_services

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
BEFORE_SPRING_FESTIVAL = datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI)  # a Friday


@pytest.fixture(autouse=True)
def _before_the_spring_festival():
    with time_machine.travel(BEFORE_SPRING_FESTIVAL, tick=False):
        yield


@pytest.fixture
def world():
    return make_mailbox_world()


def actions_of(message: PublicMessage) -> list[str]:
    return list(
        AuditEvent.objects.for_object(message).order_by("at", "id").values_list("action", flat=True)
    )


def test_a_submitted_message_gets_a_code_and_a_clock_over_the_holiday(world):
    message = make_message(world["county"])

    assert len(message.query_code) == 10
    assert message.status == MessageStatus.RECEIVED
    assert message.reply_working_days == 5
    # 02-14 is a 调休 Saturday, 02-15…02-23 the Spring Festival: the fifth day is 02-27.
    assert message.due_on == datetime.date(2026, 2, 27)
    assert message.due_problem == ""
    event = AuditEvent.objects.for_object(message).get()
    assert event.action == "participation.message.submit"
    assert event.agency == world["county"]
    assert SENDER["phone"] not in str(event.after)  # contact details are not copied


def test_the_agency_limit_for_the_category_applies(world):
    services.set_reply_limits(
        agency=world["county"], actor=world["admin"], limits={MessageCategory.COMPLAINT: 10}
    )

    complaint = make_message(world["county"], category=MessageCategory.COMPLAINT)
    enquiry = make_message(world["county"], category=MessageCategory.ENQUIRY)

    assert complaint.reply_working_days == 10
    assert complaint.due_on == datetime.date(2026, 3, 5)  # 02-14 and 02-28 are worked
    assert enquiry.due_on == datetime.date(2026, 2, 27)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": "  "}, "subject"),
        ({"body": ""}, "body"),
        ({"sender_name": ""}, "sender_name"),
        ({"phone": "电话"}, "phone"),
        ({"category": "gossip"}, "category"),
        ({"body": "长" * 5001}, "body"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(world, overrides, field):
    with pytest.raises(ParticipationError) as refused:
        make_message(world["county"], **overrides)

    assert refused.value.field == field
    assert not PublicMessage.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="participation.").exists()


def test_an_inactive_agency_takes_no_messages(world):
    world["county"].is_active = False
    world["county"].save(update_fields=["is_active"])

    with pytest.raises(ParticipationError):
        make_message(world["county"])


def test_accept_with_a_unit_then_hand_it_to_another(world):
    message = make_message(world["county"])

    services.accept_message(message=message, actor=world["handler"], responsible_unit="疾控科")
    services.assign_unit(message=message, actor=world["handler"], responsible_unit="医政科")

    message.refresh_from_db()
    assert message.status == MessageStatus.ACCEPTED
    assert message.responsible_unit == "医政科"
    assert actions_of(message)[1:] == [
        "participation.message.accept",
        "participation.message.assign_unit",
    ]
    with pytest.raises(ParticipationError, match="不能进行此操作"):
        services.accept_message(message=message, actor=world["handler"])


def test_forwarding_moves_the_message_and_restarts_the_clock(world):
    services.set_reply_limits(
        agency=world["other"], actor=world["other_admin"], limits={MessageCategory.ENQUIRY: 10}
    )
    message = make_message(world["county"])
    services.accept_message(message=message, actor=world["handler"], responsible_unit="疾控科")

    with time_machine.travel(datetime.datetime(2026, 9, 30, 9, tzinfo=SHANGHAI), tick=False):
        services.forward_message(
            message=message, actor=world["handler"], to_agency=world["other"], note="属邻县辖区"
        )

    message.refresh_from_db()
    assert message.agency == world["other"]
    assert message.forwarded_from == world["county"]
    assert message.status == MessageStatus.RECEIVED  # the receiving agency accepts it anew
    assert message.responsible_unit == ""
    assert message.received_at == BEFORE_SPRING_FESTIVAL  # the original receipt stays
    # The receiving agency's 10 working days from 09-30, over National Day and 10-10 worked.
    assert message.reply_working_days == 10
    assert message.due_on == datetime.date(2026, 10, 20)
    event = AuditEvent.objects.for_object(message).get(action="participation.message.forward")
    assert event.note == "属邻县辖区"
    assert event.agency == world["other"]


def test_a_message_cannot_be_forwarded_to_its_own_agency_or_once_drafted(world):
    message = make_message(world["county"])
    with pytest.raises(ParticipationError) as refused:
        services.forward_message(message=message, actor=world["handler"], to_agency=world["county"])
    assert refused.value.field == "to_agency"

    services.accept_message(message=message, actor=world["handler"])
    services.draft_reply(message=message, actor=world["handler"], text="答复")
    with pytest.raises(ParticipationError):
        services.forward_message(message=message, actor=world["handler"], to_agency=world["other"])
    message.refresh_from_db()
    assert message.agency == world["county"]


@pytest.mark.parametrize(
    "ground", [RejectionGround.DISCLOSURE_APPLICATION, RejectionGround.PETITION]
)
def test_reject_as_out_of_scope_with_a_reason(world, ground):
    message = make_message(world["county"])

    services.reject_message(
        message=message, actor=world["handler"], ground=ground, reason="请按相应渠道办理。"
    )

    message.refresh_from_db()
    assert message.status == MessageStatus.REJECTED
    assert message.rejection_ground == ground
    assert message.rejection_reason == "请按相应渠道办理。"
    with pytest.raises(ParticipationError):
        services.draft_reply(message=message, actor=world["handler"], text="答复")


def test_a_rejection_needs_a_ground_and_a_reason(world):
    message = make_message(world["county"])

    with pytest.raises(ParticipationError) as no_reason:
        services.reject_message(
            message=message, actor=world["handler"], ground=RejectionGround.PETITION, reason=" "
        )
    with pytest.raises(ParticipationError) as no_ground:
        services.reject_message(message=message, actor=world["handler"], ground="", reason="说明")

    assert (no_reason.value.field, no_ground.value.field) == ("reason", "ground")
    message.refresh_from_db()
    assert message.status == MessageStatus.RECEIVED


def test_draft_return_redraft_approve(world):
    message = make_message(world["county"])
    services.accept_message(message=message, actor=world["handler"])
    with pytest.raises(ParticipationError):
        services.approve_reply(message=message, actor=world["reviewer"])  # nothing drafted

    services.draft_reply(message=message, actor=world["handler"], text="初稿")
    services.return_reply(message=message, actor=world["reviewer"], comments="请写明接种时间")
    message.refresh_from_db()
    assert message.status == MessageStatus.ACCEPTED
    assert message.reply == "初稿"  # kept for the rewrite

    services.draft_reply(message=message, actor=world["handler"], text="周六上午8点至11点。")
    with time_machine.travel(datetime.datetime(2026, 2, 24, 15, tzinfo=SHANGHAI), tick=False):
        services.approve_reply(message=message, actor=world["reviewer"])

    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
    assert message.reply_drafted_by == world["handler"]
    assert message.reply_approved_by == world["reviewer"]
    assert message.answered_at == datetime.datetime(2026, 2, 24, 15, tzinfo=SHANGHAI)
    returned = AuditEvent.objects.for_object(message).get(
        action="participation.message.return_reply"
    )
    assert returned.note == "请写明接种时间"
    assert actions_of(message)[-1] == "participation.message.approve_reply"


def test_publication_needs_the_askers_consent(world):
    message = make_answered_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"], wants_public=False
    )

    with pytest.raises(ParticipationError, match="未同意公开"):
        publication_services.set_publication(message=message, actor=world["reviewer"], publish=True)

    message.refresh_from_db()
    assert not message.is_published


def test_names_and_contact_details_must_be_removed_before_publication(world):
    message = make_answered_message(
        world["county"],
        handler=world["handler"],
        reviewer=world["reviewer"],
        body="我是张三，电话13912345678，请问周末能否接种？",
    )

    with pytest.raises(ParticipationError) as refused:
        publication_services.set_publication(message=message, actor=world["reviewer"], publish=True)
    assert "姓名、联系电话" in str(refused.value.message)

    publication_services.set_publication(
        message=message,
        actor=world["reviewer"],
        publish=True,
        public_subject="周末能否接种疫苗",
        public_body="请问周末能否接种？",
    )
    message.refresh_from_db()
    assert message.is_published
    assert message.published_at is not None
    assert PublicMessage.objects.published().get() == message


def test_unpublish_takes_it_off_and_only_once(world):
    message = make_answered_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"]
    )
    publication_services.set_publication(message=message, actor=world["reviewer"], publish=True)

    publication_services.set_publication(message=message, actor=world["reviewer"], publish=False)

    assert not PublicMessage.objects.published().exists()
    with pytest.raises(ParticipationError, match="尚未公开"):
        publication_services.set_publication(
            message=message, actor=world["reviewer"], publish=False
        )
    assert actions_of(message)[-2:] == [
        "participation.message.publish",
        "participation.message.unpublish",
    ]


def test_an_open_message_cannot_be_published(world):
    message = make_message(world["county"])

    with pytest.raises(ParticipationError):
        publication_services.set_publication(message=message, actor=world["reviewer"], publish=True)


def test_reply_limits_are_set_together_or_not_at_all(world):
    with pytest.raises(ParticipationError) as refused:
        services.set_reply_limits(
            agency=world["county"],
            actor=world["admin"],
            limits={MessageCategory.ENQUIRY: 3, MessageCategory.COMPLAINT: 0},
        )

    assert refused.value.field == MessageCategory.COMPLAINT
    assert not ReplyLimit.objects.exists()

    changed = services.set_reply_limits(
        agency=world["county"],
        actor=world["admin"],
        limits={MessageCategory.ENQUIRY: 3, MessageCategory.COMPLAINT: 5},
    )
    assert changed == 1  # 5 is the default already
    assert services.reply_limits_of(world["county"])[MessageCategory.ENQUIRY] == 3
    assert AuditEvent.objects.filter(action="participation.reply_limit.set").count() == 1


def test_a_new_limit_does_not_move_a_received_message(world):
    message = make_message(world["county"])

    services.set_reply_limits(
        agency=world["county"], actor=world["admin"], limits={MessageCategory.ENQUIRY: 1}
    )
    services.recompute_due_dates(actor=None)

    message.refresh_from_db()
    assert message.due_on == datetime.date(2026, 2, 27)


def test_a_calendar_change_recomputes_open_due_dates(world, django_capture_on_commit_callbacks):
    open_message = make_message(world["county"])
    answered = make_answered_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"]
    )
    answered_due = answered.due_on

    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.set_special_day(
            year=2026,
            day=datetime.date(2026, 2, 26),
            kind="holiday",
            name="临时放假",
            actor=world["admin"],
        )

    open_message.refresh_from_db()
    answered.refresh_from_db()
    assert open_message.due_on == datetime.date(2026, 2, 28)  # the 调休 Saturday
    assert answered.due_on == answered_due  # closed clocks stay as they were
    event = AuditEvent.objects.for_object(open_message).get(
        action="participation.message.due_recomputed"
    )
    assert event.before["due_on"] == "2026-02-27"


def test_past_the_veto_line_and_statistics(world):
    old = make_message(
        world["county"], received_at=datetime.datetime(2025, 11, 10, tzinfo=SHANGHAI)
    )
    make_message(world["county"], received_at=datetime.datetime(2025, 11, 14, tzinfo=SHANGHAI))
    answered = make_answered_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"]
    )
    messages = PublicMessage.objects.filter(agency=world["county"])

    # On 02-13 the line of 11-10 (02-10) is passed; that of 11-14 (02-14) is not yet.
    assert list(services.past_veto_line(messages, today=datetime.date(2026, 2, 13))) == [old]

    february, january, *_rest = services.statistics(messages, today=datetime.date(2026, 2, 13))
    assert (february.received, february.answered) == (1, 1)
    assert february.slowest_days == 0
    assert january.received == 0
    assert answered.status == MessageStatus.ANSWERED
