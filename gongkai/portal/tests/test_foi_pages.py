"""Public pages of information applications: the form, the receipt, the progress page."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import consultation_services, services
from gongkai.foi.models import Application
from gongkai.ratelimits.form_tokens import issue_token

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RESIDENT_ID = "11010519491231002X"


@pytest.fixture(autouse=True)
def _on_a_friday_before_spring_festival():
    with time_machine.travel(datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(name="示例县卫生健康局")


def form_data(agency, **overrides):
    data = {
        "agency": agency.pk,
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13900000000",
        "email": "li@example.org",
        "address": "某市幸福路8号",
        "postcode": "100000",
        "description": "2025年本县医疗机构校验结果",
        "document_numbers": "",
        "delivery_form": "email",
        "confirm": "on",
        "form_token": issue_token(),  # as the rendered form carries
    }
    data.update(overrides)
    return data


def test_a_citizen_applies_and_gets_a_query_code_and_due_date(client, agency):
    response = client.post(reverse("portal:foi-apply"), form_data(agency), follow=True)
    content = response.content.decode()
    application = Application.objects.get()

    assert application.query_code in content
    assert "2026-03-19" in content  # 20 working days over Spring Festival 2026
    assert application.channel == "online"


def test_form_errors_are_explained_and_nothing_is_saved(client, agency):
    response = client.post(
        reverse("portal:foi-apply"),
        form_data(agency, id_number="123", delivery_form="paper", address=""),
    )
    content = response.content.decode()

    assert "身份证" in content or "证件" in content
    assert "选择纸质文本（邮寄）时，请填写邮寄地址。" in content
    assert not Application.objects.exists()


def test_the_receipt_is_only_for_the_session_that_applied(client, agency):
    assert client.get(reverse("portal:foi-receipt")).status_code == 404


def test_progress_needs_the_code_and_the_phone_or_id(client, agency):
    application = services.submit_online(
        agency=agency, values={k: v for k, v in form_data(agency).items() if k != "agency"}
    )
    url = reverse("portal:foi-progress")

    wrong = client.post(url, {"query_code": application.query_code, "secret": "13900000001"})
    assert "不匹配" in wrong.content.decode()

    right = client.post(url, {"query_code": application.query_code.lower(), "secret": RESIDENT_ID})
    content = right.content.decode()
    assert "2026-03-19" in content
    assert "收到申请" in content


def test_progress_never_shows_personal_data_or_staff_notes(client, agency):
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    application = services.submit_online(
        agency=agency, values={k: v for k, v in form_data(agency).items() if k != "agency"}
    )
    consultation_services.start_consultation(
        application=application,
        actor=handler,
        on=datetime.date(2026, 2, 24),
        party="第三方某诊所王院长",
    )

    content = client.post(
        reverse("portal:foi-progress"),
        {"query_code": application.query_code, "secret": "13900000000"},
    ).content.decode()

    for private in ("李四", RESIDENT_ID, "13900000000", "幸福路", "li@example.org", "王院长"):
        assert private not in content
    assert "征求意见" in content


def test_a_signed_in_citizen_sees_all_their_applications(client, agency, mailoutbox):
    client.post(reverse("portal:signup"), {"email": "citizen1@example.org"})
    link = re.search(r"https?://[^/]+(/\S+)", mailoutbox[0].body).group(1)
    client.post(
        link, {"password1": "a-long-pass-phrase-2026", "password2": "a-long-pass-phrase-2026"}
    )
    client.post(reverse("portal:foi-apply"), form_data(agency, description="第一件"))
    client.post(reverse("portal:foi-apply"), form_data(agency, description="第二件"))
    client.post(reverse("portal:logout"))
    client.post(reverse("portal:foi-apply"), form_data(agency, description="匿名提交的第三件"))

    client.post(
        reverse("portal:login"),
        {"email": "citizen1@example.org", "password": "a-long-pass-phrase-2026"},
    )
    page = client.get(reverse("portal:foi-mine")).content.decode()

    assert "第一件" in page
    assert "第二件" in page
    assert "匿名提交的第三件" not in page


def test_my_applications_needs_signing_in(client):
    response = client.get(reverse("portal:foi-mine"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_form_lists_agencies_higher_levels_first(client):
    # "city" sorts before "province" as text: the list follows the hierarchy instead.
    county = make_agency(level=Level.COUNTY, name="某县卫生健康局", code="C-1")
    city = make_agency(level=Level.CITY, name="某市卫生健康委员会", code="B-1")
    province = make_agency(level=Level.PROVINCE, name="某省卫生健康委员会", code="A-9")

    content = client.get(reverse("portal:foi-apply")).content.decode()

    positions = [content.index(a.name) for a in (province, city, county)]
    assert positions == sorted(positions)
