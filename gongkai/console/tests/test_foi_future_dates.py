"""Dates in the future are refused by the console, naming the field: a receipt date, the
dates that fix it, and the date of every action on a case. The tests run on 2026-11-16."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import fee_services, services
from gongkai.foi.models import Application, LogKind, Status

pytestmark = pytest.mark.django_db
TOMORROW = "2026-11-17"
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "周九",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13300000000",
    "email": "",
    "address": "某市某路6号",
    "postcode": "",
    "description": "本县2026年二级以上医院名单",
    "document_numbers": "",
    "delivery_form": "paper",
}


@pytest.fixture
def agency():
    return make_agency(charges_foi_fees=True)


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


# (channel and dates, the field at fault, its label)
REGISTRATIONS = [
    ({"channel": "in_person", "submitted_on": TOMORROW}, "submitted_on", "提交（送达）日期"),
    (
        {"channel": "signed_mail", "submitted_on": "2026-11-12", "signed_on": TOMORROW},
        "signed_on",
        "签收日期（需签收的邮件）",
    ),
    (
        {
            "channel": "ordinary_mail",
            "submitted_on": "2026-11-12",
            "arrived_on": TOMORROW,
            "confirmed_on": TOMORROW,
            "confirmation_delay_reason": "",
        },
        "arrived_on",
        "到达日期",
    ),
    (
        {
            "channel": "fax",
            "submitted_on": "2026-11-13",
            "arrived_on": "2026-11-13",
            "confirmed_on": "2026-12-01",
            "confirmation_delay_reason": "先登记",
        },
        "confirmed_on",
        "确认日期",
    ),
]


@pytest.mark.parametrize(("dates", "field", "label"), REGISTRATIONS)
def test_registration_refuses_a_future_date_naming_the_field(
    client, agency, handler, dates, field, label
):
    client.force_login(handler)

    page = client.post(reverse("console:foi-register"), {**VALUES, "agency": agency.pk, **dates})

    content = page.content.decode()
    assert page.status_code == 200
    assert f'href="#id_{field}">{label}' in content
    assert "不能晚于今天（2026-11-16）" in content
    assert not Application.objects.exists()


def test_today_is_accepted(client, agency, handler):
    client.force_login(handler)

    client.post(
        reverse("console:foi-register"),
        {**VALUES, "agency": agency.pk, "channel": "in_person", "submitted_on": "2026-11-16"},
    )

    assert Application.objects.get().received_on == datetime.date(2026, 11, 16)


def in_status(agency, handler, reviewer, status):
    application = services.submit_online(
        agency=agency, values=VALUES, on=datetime.date(2026, 11, 2)
    )
    if status == Status.AWAITING_FEE:
        fee_services.notify_fee(
            application=application,
            actor=handler,
            on=datetime.date(2026, 11, 9),
            method="per_page",
            quantity=45,
        )
    if status == Status.REPLY_DRAFTED:
        services.draft_reply(
            application=application, actor=handler, outcome="granted", text="见附件"
        )
    return application


# (action, status it needs, who acts, form data with a future date, the field's label)
ACTIONS = [
    (
        "supplement",
        Status.REGISTERED,
        "handler",
        {"items": "写明年份", "deadline_days": "10"},
        "告知日期",
    ),
    ("consultation", Status.REGISTERED, "handler", {"party": "某医院"}, "发出征求意见书日期"),
    ("extend", Status.REGISTERED, "handler", {"days": "5", "approved_by": "王主任"}, "延期日期"),
    ("fee", Status.REGISTERED, "handler", {"method": "per_page", "quantity": "45"}, "收费通知日期"),
    ("fee_paid", Status.AWAITING_FEE, "handler", {"amount": "150"}, "缴费日期"),
    ("close_unpaid", Status.AWAITING_FEE, "handler", {}, "日期"),
    ("approve", Status.REPLY_DRAFTED, "reviewer", {}, "日期"),
    ("remedy", Status.REGISTERED, "handler", {"kind": "review"}, "立案（申请）日期"),
]


@pytest.mark.parametrize(("name", "status", "who", "data", "label"), ACTIONS)
def test_actions_refuse_a_future_date_naming_the_field(
    client, agency, handler, reviewer, name, status, who, data, label
):
    application = in_status(agency, handler, reviewer, status)
    events_before = application.events.count()
    date_field = "filed_on" if name == "remedy" else "on"
    client.force_login({"handler": handler, "reviewer": reviewer}[who])

    page = client.post(
        reverse("console:foi-action", args=[application.pk, name]),
        {**data, date_field: TOMORROW},
        follow=True,
    ).content.decode()

    assert f"填写有误：{label}：不能晚于今天（2026-11-16）。" in page
    application.refresh_from_db()
    assert application.status == status
    assert application.events.count() == events_before
    assert not application.remedy_cases.exists()


def test_the_fee_receipt_cannot_be_in_the_future(client, agency, handler, reviewer):
    application = in_status(agency, handler, reviewer, Status.AWAITING_FEE)
    client.force_login(handler)

    page = client.post(
        reverse("console:foi-action", args=[application.pk, "fee_served"]),
        {"service": "post", "received_on": TOMORROW},
        follow=True,
    ).content.decode()

    assert "填写有误：申请人收到收费通知的日期：不能晚于今天（2026-11-16）。" in page
    assert not application.events.filter(kind=LogKind.FEE_NOTICE_SERVED).exists()


def test_a_review_or_lawsuit_cannot_conclude_in_the_future(client, agency, handler, reviewer):
    application = in_status(agency, handler, reviewer, Status.REGISTERED)
    case = services.add_remedy_case(
        application=application,
        actor=handler,
        kind="review",
        filed_on=datetime.date(2026, 11, 10),
    )
    client.force_login(handler)

    page = client.post(
        reverse("console:foi-remedy-result", args=[application.pk, case.pk]),
        {"result": "upheld", "concluded_on": TOMORROW},
        follow=True,
    ).content.decode()

    assert "填写有误：审结日期：不能晚于今天（2026-11-16）。" in page
    case.refresh_from_db()
    assert case.concluded_on is None
