"""The fee notice in the console: its service recorded as its own action, the payment period
from the applicant's receipt (国办函〔2020〕109号), closing as unpaid only after it."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.models import FeeNoticeService, LogKind, Status

pytestmark = pytest.mark.django_db
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "赵六",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13600000000",
    "email": "",
    "address": "某市某路3号",
    "postcode": "",
    "description": "本县2025年医疗机构不良执业行为记分情况",
    "document_numbers": "",
    "delivery_form": "paper",
}


@pytest.fixture
def people():
    city = make_agency(level=Level.CITY)
    county = make_agency(parent=city, charges_foi_fees=True)
    application = services.submit_online(
        agency=county, values=VALUES, on=datetime.date(2026, 9, 21)
    )
    return {
        "application": application,
        "handler": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=make_agency(), roles=(Role.FOI_HANDLER,)),
    }


def action(application, name):
    return reverse("console:foi-action", args=[application.pk, name])


def detail(client, application) -> str:
    return client.get(reverse("console:foi-detail", args=[application.pk])).content.decode()


def send_notice_by_post(client, application):
    return client.post(
        action(application, "fee"),
        {"on": "2026-09-28", "method": "per_page", "quantity": "45", "service": ""},
        follow=True,
    )


def test_the_period_is_unknown_until_the_post_receipt_is_recorded(client, people):
    application = people["application"]
    client.force_login(people["handler"])
    send_notice_by_post(client, application)

    page = detail(client, application)
    assert "登记收费通知送达" in page
    assert "缴费期限：登记申请人收到收费通知的日期后确定" in page

    refused = client.post(
        action(application, "close_unpaid"), {"on": "2026-11-16"}, follow=True
    ).content.decode()
    assert "尚未登记申请人收到收费通知的日期" in refused
    application.refresh_from_db()
    assert application.status == Status.AWAITING_FEE


def test_recording_the_receipt_sets_the_period_and_then_allows_closing(client, people):
    application = people["application"]
    client.force_login(people["handler"])
    send_notice_by_post(client, application)

    page = client.post(
        action(application, "fee_served"),
        {"service": "post", "received_on": "2026-09-30", "note": "EMS 回执"},
        follow=True,
    ).content.decode()

    assert "已保存" in page
    assert "邮寄（以签收回执日期为准），申请人于 2026-09-30 收到" in page
    assert "缴费期限至 2026-11-03" in page  # 20 working days across National Day 2026
    application.refresh_from_db()
    assert application.fee_notice_service == FeeNoticeService.POST
    early = client.post(
        action(application, "close_unpaid"), {"on": "2026-11-02"}, follow=True
    ).content.decode()
    assert "缴费期限至 2026-11-03 届满" in early
    client.post(action(application, "close_unpaid"), {"on": "2026-11-04"})
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.outcome == "other.2"


def test_a_notice_handed_over_records_its_service_in_the_same_form(client, people):
    application = people["application"]
    client.force_login(people["handler"])

    client.post(
        action(application, "fee"),
        {
            "on": "2026-10-19",
            "method": "per_page",
            "quantity": "45",
            "service": "in_person",
            "received_on": "2026-10-19",
        },
    )

    application.refresh_from_db()
    assert application.fee_notice_received_on == datetime.date(2026, 10, 19)
    assert "缴费期限至 2026-11-16" in detail(client, application)


def test_the_service_form_names_its_missing_field(client, people):
    application = people["application"]
    client.force_login(people["handler"])
    send_notice_by_post(client, application)

    page = client.post(
        action(application, "fee_served"), {"service": "post"}, follow=True
    ).content.decode()

    assert "填写有误：申请人收到收费通知的日期：" in page
    assert not application.events.filter(kind=LogKind.FEE_NOTICE_SERVED).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("reviewer", 403), ("supervisor", 403), ("outsider", 404)]
)
def test_only_the_agency_handlers_record_the_service(client, people, who, status):
    application = people["application"]
    client.force_login(people["handler"])
    send_notice_by_post(client, application)
    client.force_login(people[who])

    response = client.post(
        action(application, "fee_served"), {"service": "post", "received_on": "2026-09-30"}
    )

    assert response.status_code == status
    assert not application.events.filter(kind=LogKind.FEE_NOTICE_SERVED).exists()
    if who != "outsider":  # they may read the case, not act on it
        assert "登记收费通知送达" not in detail(client, application)
