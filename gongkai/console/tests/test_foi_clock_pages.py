"""Console pages for consultations, the Art.35 delay and the 本机关不掌握 reply: what each role
sees and may do."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import consultation_services, services
from gongkai.foi.models import LogKind, Status
from gongkai.foi.receipt import Channel
from gongkai.foi.tests.test_services import applicant

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(iso: str):
    return time_machine.travel(
        datetime.datetime.fromisoformat(iso).replace(hour=10, tzinfo=SHANGHAI), tick=False
    )


@pytest.fixture
def world():
    city = make_agency(level=Level.CITY)
    county = make_agency(parent=city)
    handler = make_user(agency=county, roles=(Role.FOI_HANDLER,))
    with at("2026-03-02"):
        application = services.register_application(
            agency=county,
            actor=handler,
            values=applicant(),
            channel=Channel.IN_PERSON,
            submitted_on=datetime.date(2026, 3, 2),
        )
    return {
        "application": application,
        "handler": handler,
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=make_agency(), roles=(Role.FOI_HANDLER,)),
    }


def action(application, name):
    return reverse("console:foi-action", args=[application.pk, name])


def detail(client, application) -> str:
    page = client.get(reverse("console:foi-detail", args=[application.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_the_handler_consults_records_the_receipt_and_ends_it(client, world):
    application = world["application"]
    client.force_login(world["handler"])
    with at("2026-03-04"):
        client.post(
            action(application, "consultation"),
            {"on": "2026-03-03", "party_kind": "agency", "party": "某市疾病预防控制中心"},
        )
        client.post(action(application, "consultation_receipt"), {"on": "2026-03-04"})
        content = detail(client, application)

    assert "某市疾病预防控制中心" in content
    assert "其他行政机关（条例第三十四条）" in content
    # 03-05, 06, 09..13, 16..20, 23..25: 15 working days after the receipt.
    assert "2026-03-25" in content
    assert "登记对方收到征求意见书的日期" in content

    with at("2026-03-27"):
        client.force_login(world["handler"])  # staff sessions end after 2 idle hours
        content = detail(client, application)
        assert content.count("征求意见期满未答复") >= 2  # badge and row
        client.post(
            action(application, "consultation_end"), {"on": "2026-03-27", "result": "no_reply"}
        )

    application.refresh_from_db()
    assert application.status == Status.IN_PROGRESS
    ended = application.events.get(kind=LogKind.CONSULTATION_ENDED)
    assert "视为同意公开" in ended.note


def test_a_refused_end_comes_back_with_the_reason(client, world):
    application = world["application"]
    client.force_login(world["handler"])
    with at("2026-03-04"):
        consultation_services.start_consultation(
            application=application,
            actor=world["handler"],
            on=datetime.date(2026, 3, 3),
            party="某诊所",
        )
        page = client.post(
            action(application, "consultation_end"),
            {"on": "2026-03-04", "result": "no_reply"},
            follow=True,
        )

    assert "请先登记对方收到征求意见书的日期" in page.content.decode()
    assert not application.events.filter(kind=LogKind.CONSULTATION_ENDED).exists()


@pytest.mark.parametrize(("who", "status"), [("reviewer", 403), ("outsider", 404)])
def test_only_the_agencys_handlers_record_a_delay(client, world, who, status):
    client.force_login(world[who])

    response = client.post(
        action(world["application"], "delay"),
        {"on": "2026-03-20", "reason": "理由合理", "until": "2026-05-15"},
    )

    assert response.status_code == status
    assert not world["application"].events.filter(kind=LogKind.DELAYED).exists()


def test_the_handler_records_a_delay_and_the_page_shows_it(client, world):
    application = world["application"]
    client.force_login(world["handler"])
    with at("2026-03-20"):
        client.post(
            action(application, "delay"),
            {
                "on": "2026-03-20",
                "reason": "申请数量明显超过合理范围，理由合理",
                "until": "2026-05-15",
            },
        )
    with at("2026-04-15"):
        client.force_login(world["handler"])  # staff sessions end after 2 idle hours
        content = detail(client, application)

    assert "届满日：2026-05-15" in content
    assert "延迟答复（条例第三十五条）" in content
    assert "已超期" not in content
    assert "延迟答复告知书" in content


def test_the_reply_form_asks_which_answer_and_whom(client, world):
    application = world["application"]
    client.force_login(world["handler"])
    with at("2026-03-05"):
        content = detail(client, application)
        assert "本机关不掌握的情形（只选一种）" in content
        assert "负责公开该信息的机关" in content
        page = client.post(
            action(application, "reply"),
            {"outcome": "unable.1", "not_held_reason": "not_ours", "text": "属市级事权。"},
            follow=True,
        )
        assert "请填写负责公开该信息的机关名称" in page.content.decode()
        client.post(
            action(application, "reply"),
            {
                "outcome": "unable.1",
                "not_held_reason": "not_ours",
                "responsible_agency": "某市卫生健康委员会",
                "responsible_agency_contact": "电话 0551-00000000",
                "text": "属市级事权。",
            },
        )

    application.refresh_from_db()
    assert application.status == Status.REPLY_DRAFTED
    assert application.responsible_agency == "某市卫生健康委员会"


def test_the_list_keeps_paused_and_expired_consultations_in_view(client, world):
    application = world["application"]
    with at("2026-03-04"):
        consultation_services.start_consultation(
            application=application,
            actor=world["handler"],
            on=datetime.date(2026, 3, 3),
            party="某诊所",
        )
    client.force_login(world["supervisor"])

    with at("2026-03-10"):
        paused = client.get(reverse("console:foi-list")).content.decode()
    with at("2026-03-30"):
        client.force_login(world["supervisor"])  # staff sessions end after 2 idle hours
        expired = client.get(reverse("console:foi-list")).content.decode()

    section = paused.split("暂停计算（补正、征求意见、缴费）")[1].split("<h2>")[0]
    assert application.query_code in section
    assert "征求意见中" in section
    flagged = expired.split("征求意见期满未答复 (1)")[1].split("<h2>")[0]
    assert application.query_code in flagged
