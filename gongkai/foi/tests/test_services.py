"""Information applications through their services: intake, clock events, reply, privacy."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import consultation_services, fee_services, services
from gongkai.foi.errors import FoiError
from gongkai.foi.identity import IdType
from gongkai.foi.models import Application, LogKind, Status
from gongkai.foi.outcomes import ApplicantType
from gongkai.foi.receipt import Channel
from gongkai.workdays import services as calendar_services

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# A fictional ID number whose check digit is right (GB 11643: body 11010519491231002).
RESIDENT_ID = "11010519491231002X"


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture(autouse=True)
def _in_february_2026():
    with time_machine.travel(datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(charges_foi_fees=True)


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,), first_name="承办人")


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def applicant(**overrides):
    values = {
        "applicant_type": ApplicantType.NATURAL,
        "applicant_name": "张三",
        "id_type": IdType.RESIDENT_ID,
        "id_number": RESIDENT_ID,
        "phone": "13800000000",
        "email": "",
        "address": "某市某路1号",
        "postcode": "",
        "description": "2025年本县公共场所卫生监督抽查结果",
        "document_numbers": "",
        "delivery_form": "email",
        "contact_person": "",
    }
    values.update(overrides)
    return values


def test_an_online_application_is_received_the_day_it_is_confirmed(agency):
    application = services.submit_online(agency=agency, values=applicant())

    assert application.received_on == day("2026-02-13")
    assert len(application.query_code) == 10
    # Spring Festival 2026: 02-14 (Sat) and 02-28 (Sat) are worked, 02-15..02-23 off.
    assert application.due_on == day("2026-03-19")
    assert application.events.get().kind == LogKind.RECEIVED
    assert AuditEvent.objects.filter(action="foi.submit_online").count() == 1


def test_a_wrong_id_number_is_refused_in_chinese(agency):
    with pytest.raises(FoiError) as caught:
        services.submit_online(agency=agency, values=applicant(id_number="110105194912310021"))

    assert caught.value.field == "id_number"
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("channel", "dates", "received"),
    [
        (Channel.IN_PERSON, {}, "2026-02-10"),
        (Channel.SIGNED_MAIL, {"signed_on": day("2026-02-11")}, "2026-02-11"),
        (
            Channel.ORDINARY_MAIL,
            {"arrived_on": day("2026-02-12"), "confirmed_on": day("2026-02-12")},
            "2026-02-12",
        ),
        (
            Channel.FAX,
            {"arrived_on": day("2026-02-12"), "confirmed_on": day("2026-02-12")},
            "2026-02-12",
        ),
    ],
)
def test_staff_registration_follows_article_31(agency, handler, channel, dates, received):
    application = services.register_application(
        agency=agency,
        actor=handler,
        values=applicant(),
        channel=channel,
        submitted_on=day("2026-02-10"),
        **dates,
    )

    assert application.received_on == day(received)


def test_a_missing_confirmation_date_is_an_error(agency, handler):
    with pytest.raises(FoiError):
        services.register_application(
            agency=agency,
            actor=handler,
            values=applicant(),
            channel=Channel.ORDINARY_MAIL,
            submitted_on=day("2026-02-10"),
        )


def test_supplement_restarts_the_clock_and_is_asked_only_once(agency, handler):
    application = services.submit_online(agency=agency, values=applicant())
    services.assign_handler(application=application, handler=handler, actor=handler)
    services.request_supplement(
        application=application,
        actor=handler,
        on=day("2026-02-24"),
        items="请写明抽查的具体场所类别",
        deadline_days=10,
    )
    assert application.status == Status.AWAITING_SUPPLEMENT
    assert application.due_on is None  # the clock stops while waiting

    services.record_supplement(application=application, actor=handler, on=day("2026-03-02"))

    # 20 working days counted afresh after 2026-03-02 (Monday): due 2026-03-30.
    assert application.due_on == day("2026-03-30")
    with pytest.raises(FoiError, match="一次性"):
        services.request_supplement(
            application=application,
            actor=handler,
            on=day("2026-03-03"),
            items="再补",
            deadline_days=5,
        )


def test_no_supplement_by_the_deadline_closes_as_other_1(agency, handler):
    application = services.submit_online(agency=agency, values=applicant())
    services.request_supplement(
        application=application,
        actor=handler,
        on=day("2026-02-24"),
        items="请写明年份",
        deadline_days=5,
    )
    with pytest.raises(FoiError, match="尚未届满"):
        services.close_abandoned(application=application, actor=handler, on=day("2026-03-02"))

    services.close_abandoned(application=application, actor=handler, on=day("2026-03-10"))

    assert application.outcome == "other.1"
    assert application.status == Status.CLOSED


def test_a_consultation_is_not_counted(agency, handler):
    application = services.submit_online(agency=agency, values=applicant())
    consultation_services.start_consultation(
        application=application, actor=handler, on=day("2026-03-02"), party="某诊所（第三方）"
    )
    consultation_services.end_consultation(
        application=application, actor=handler, on=day("2026-03-09")
    )

    # 03-03..03-09 (5 working days) are not counted: due moves from 03-19 to 03-26.
    assert application.due_on == day("2026-03-26")


def test_extension_needs_an_approver_and_stops_at_20_days(agency, handler):
    application = services.submit_online(agency=agency, values=applicant())
    with pytest.raises(FoiError):
        services.extend_deadline(
            application=application, actor=handler, on=day("2026-03-10"), days=10, approved_by=""
        )
    services.extend_deadline(
        application=application, actor=handler, on=day("2026-03-10"), days=15, approved_by="王主任"
    )
    with pytest.raises(FoiError):
        services.extend_deadline(
            application=application,
            actor=handler,
            on=day("2026-03-11"),
            days=6,
            approved_by="王主任",
        )

    # 15 more working days after 2026-03-19: 2026-04-10 (Qingming 04-04..04-06 off).
    assert application.due_on == day("2026-04-10")


def test_the_reply_is_drafted_by_one_person_and_approved_by_another(agency, handler, reviewer):
    application = services.submit_online(agency=agency, values=applicant())
    services.assign_handler(application=application, handler=handler, actor=handler)
    services.draft_reply(
        application=application,
        actor=handler,
        outcome="withheld.4",
        text="涉及第三方商业秘密，不予公开。",
    )
    with pytest.raises(FoiError):
        services.approve_reply(application=application, actor=handler, on=day("2026-03-02"))

    services.approve_reply(application=application, actor=reviewer, on=day("2026-03-02"))

    assert application.status == Status.CLOSED
    assert application.replied_on == day("2026-03-02")
    assert application.outcome == "withheld.4"
    assert not services.read_clock(application).is_overdue


def test_fee_notice_uses_one_method_and_unpaid_closes_as_other_2(agency, handler):
    application = services.submit_online(agency=agency, values=applicant())
    fee_services.notify_fee(
        application=application,
        actor=handler,
        on=day("2026-03-02"),
        method="per_page",
        quantity=45,
        service="in_person",
        received_on=day("2026-03-02"),
    )
    assert application.fee_amount == 150  # pages 31–45 at 10 元
    assert application.status == Status.AWAITING_FEE

    fee_services.close_unpaid(application=application, actor=handler, on=day("2026-04-01"))

    assert application.outcome == "other.2"


def test_splitting_gives_each_matter_its_own_application(agency, handler):
    application = services.submit_online(agency=agency, values=applicant())

    parts = services.split_application(
        application=application, actor=handler, matters=["事项一", "事项二", "事项三"]
    )

    assert [p.description for p in parts] == ["事项一", "事项二", "事项三"]
    assert {p.received_on for p in parts} == {day("2026-02-13")}
    assert len({p.query_code for p in parts}) == 3
    assert all(p.parent == application for p in parts[1:])


def test_a_repeat_of_an_answered_application_is_detected(agency, handler, reviewer):
    first = services.submit_online(agency=agency, values=applicant())
    services.draft_reply(application=first, actor=handler, outcome="granted", text="见附件")
    services.approve_reply(application=first, actor=reviewer, on=day("2026-02-24"))

    again = services.submit_online(agency=agency, values=applicant())

    assert services.find_repeats(again) == [first]


def test_a_calendar_change_recomputes_open_clocks(agency, django_capture_on_commit_callbacks):
    application = services.submit_online(agency=agency, values=applicant())
    admin = make_user(is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.set_special_day(
            year=2026, day=day("2026-03-16"), kind="holiday", name="测试假日", actor=admin
        )

    application.refresh_from_db()
    assert application.due_on == day("2026-03-20")
    assert AuditEvent.objects.filter(action="foi.due_recomputed").exists()


def test_before_next_years_notice_the_due_date_is_provisional(agency):
    with time_machine.travel(datetime.datetime(2026, 12, 15, 10, tzinfo=SHANGHAI), tick=False):
        application = services.submit_online(agency=agency, values=applicant())

    # Dec 16–18, 21–25, 28–31 (12 working days), 2027-01-01 off (元旦), Jan 4–8, 11–13.
    assert application.due_on == datetime.date(2027, 1, 13)
    assert application.due_is_provisional is True
    assert application.due_problem == ""


def test_loading_next_years_notice_makes_the_date_final_audited(
    agency, django_capture_on_commit_callbacks
):
    admin = make_user(is_superuser=True)
    with time_machine.travel(datetime.datetime(2026, 12, 15, 10, tzinfo=SHANGHAI), tick=False):
        application = services.submit_online(agency=agency, values=applicant())
        # An imagined 2027 notice: 1–3 January off, Saturday 2027-01-09 worked. Jan 4–8 are
        # days 13–17, Sat Jan 9 day 18, so the 20th working day moves from 01-13 to 01-12.
        with django_capture_on_commit_callbacks(execute=True):
            calendar_services.load_year(
                year=2027,
                notice="国务院办公厅关于2027年部分节假日安排的通知",
                actor=admin,
                holidays=[(datetime.date(2027, 1, d), "元旦") for d in (1, 2, 3)],
                makeup_workdays=[(datetime.date(2027, 1, 9), "元旦")],
            )

    application.refresh_from_db()
    assert application.due_on == datetime.date(2027, 1, 12)
    assert application.due_is_provisional is False
    event = AuditEvent.objects.get(action="foi.due_recomputed", object_id=str(application.pk))
    assert event.actor == admin
    assert event.before["due_is_provisional"] is True
    assert event.after["due_is_provisional"] is False


def test_fees_are_refused_where_the_agency_does_not_charge(handler):
    agency = make_agency()  # charging is optional (109号: 可以收取) and off by default
    application = services.submit_online(agency=agency, values=applicant())

    with pytest.raises(FoiError, match="未启用信息处理费"):
        fee_services.notify_fee(
            application=application,
            actor=handler,
            on=day("2026-03-02"),
            method="per_page",
            quantity=45,
        )
