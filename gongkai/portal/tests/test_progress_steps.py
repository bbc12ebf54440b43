"""The progress page: 已登记 → 已受理 → 办理中 → 已答复, the next step by the ledger's due date,
and the letters the applicant may download (only in the session that passed the check)."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import obligations, services
from gongkai.foi.identity import IdType
from gongkai.foi.outcomes import ApplicantType
from gongkai.obligations import ledger

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PHONE = "13812345678"
RESIDENT_ID = "11010519491231002X"


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture(autouse=True)
def _in_february_2026():
    with time_machine.travel(datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(name="某县卫生健康局")


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def application(agency):
    return services.submit_online(
        agency=agency,
        values={
            "applicant_type": ApplicantType.NATURAL,
            "applicant_name": "张三",
            "id_type": IdType.RESIDENT_ID,
            "id_number": RESIDENT_ID,
            "phone": PHONE,
            "email": "zhangsan@example.org",
            "address": "",
            "postcode": "",
            "description": "2025年本县公共场所卫生监督抽查结果",
            "document_numbers": "",
            "delivery_form": "email",
            "contact_person": "",
        },
    )


def progress_page(client, application, secret="138 1234 5678") -> str:  # noqa: S107 - a phone
    response = client.post(
        reverse("portal:foi-progress"), {"query_code": application.query_code, "secret": secret}
    )
    assert response.status_code == 200
    return response.content.decode()


def current_step(content: str) -> str:
    match = re.search(r'aria-current="step">.*?class="step-label">([^<]+)<', content, re.S)
    assert match, "no step is marked current"
    return match.group(1)


def test_a_registered_application_is_at_its_first_step_with_the_ledgers_due_date(
    client, application
):
    content = progress_page(client, application)
    duty = ledger.duty_of(obligations.REPLY, application)

    assert current_step(content) == "已登记"
    assert content.count('aria-current="step"') == 1
    assert "（当前步骤）" in content
    assert duty.due_on == day("2026-03-19")
    assert "机关将不晚于 2026-03-19 答复您。" in content
    for later in ("已受理", "办理中", "已答复"):
        assert later in content


def test_the_phone_typed_with_spaces_still_matches(client, application):
    assert "不匹配" not in progress_page(client, application, secret="138-1234-5678")


def test_an_assigned_application_is_accepted(client, application, handler):
    services.assign_handler(application=application, handler=handler, actor=handler)

    content = progress_page(client, application)

    assert current_step(content) == "已受理"
    assert '<time datetime="2026-02-13">2026-02-13</time>' in content


def test_a_supplement_request_pauses_the_clock_and_says_so(client, application, handler):
    services.request_supplement(
        application=application, actor=handler, on=day("2026-02-24"), items="年份", deadline_days=5
    )

    content = progress_page(client, application)

    assert current_step(content) == "办理中"
    assert "补正期间不计入办理期限" in content
    assert "请按补正告知书的要求补正申请内容" in content
    assert "补正告知书" in content  # the letter to download


def test_an_extension_is_shown_with_the_new_due_date(client, application, handler):
    services.extend_deadline(
        application=application, actor=handler, on=day("2026-03-10"), days=5, approved_by="王主任"
    )
    application.refresh_from_db()
    due_on = ledger.duty_of(obligations.REPLY, application).due_on

    content = progress_page(client, application)

    assert current_step(content) == "办理中"
    assert due_on > day("2026-03-19")
    assert f"机关将不晚于 {due_on.isoformat()} 答复您。" in content
    assert "延长答复期限" in content
    assert "延期答复告知书" in content
    assert "王主任" not in content  # staff names stay inside


def test_an_answered_application_has_every_step_done_and_says_the_remedies(
    client, application, handler, reviewer
):
    services.draft_reply(application=application, actor=handler, outcome="granted", text="见附件。")
    services.approve_reply(application=application, actor=reviewer, on=day("2026-03-02"))

    content = progress_page(client, application)

    assert current_step(content) == "已答复"
    assert '<time datetime="2026-03-02">2026-03-02</time>' in content
    assert "行政复议" in content
    assert "答复告知书" in content


def test_a_drafted_reply_is_not_offered_before_it_is_approved(client, application, handler):
    services.draft_reply(application=application, actor=handler, outcome="granted", text="见附件。")

    content = progress_page(client, application)

    assert current_step(content) == "办理中"
    assert "答复正在审核" in content
    assert "答复告知书" not in content


def letter_links(content: str) -> list[str]:
    return re.findall(r'href="(/apply/progress/letter/[^"]+/)"', content)


def test_the_applicant_downloads_their_letters_and_another_visitor_cannot(
    client, application, handler
):
    services.request_supplement(
        application=application, actor=handler, on=day("2026-02-24"), items="年份", deadline_days=5
    )
    links = letter_links(progress_page(client, application))

    assert links  # the receipt and the supplement notice, each as DOCX (and PDF if available)
    response = client.get(links[0])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    assert "attachment" in response["Content-Disposition"]

    from django.test import Client

    assert Client().get(links[0]).status_code == 404  # the same link in another session


def test_a_letter_link_expires_and_cannot_be_forged(client, application):
    links = letter_links(progress_page(client, application))

    assert client.get(links[0].replace(":", "x", 1)).status_code == 404
    with time_machine.travel(datetime.datetime(2026, 2, 13, 11, tzinfo=SHANGHAI), tick=False):
        assert client.get(links[0]).status_code == 404


def test_a_wrong_secret_shows_no_steps_and_no_letters(client, application):
    content = progress_page(client, application, secret="13900000000")

    assert "不匹配" in content
    assert 'aria-current="step"' not in content
    assert not letter_links(content)
