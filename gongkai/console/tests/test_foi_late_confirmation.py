"""Receipt confirmed after the day of arrival (条例第三十一条第（二）（三）项): the reason asked
for at registration, and the case flagged to the agency's reviewers and to supervisors."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.models import Application

pytestmark = pytest.mark.django_db
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "孙八",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13400000000",
    "email": "",
    "address": "某市某路5号",
    "postcode": "",
    "description": "本县2026年职业健康检查机构备案名单",
    "document_numbers": "",
    "delivery_form": "paper",
}
LETTER = {"channel": "ordinary_mail", "submitted_on": "2026-11-05", "arrived_on": "2026-11-09"}


@pytest.fixture
def people():
    city = make_agency(level=Level.CITY, name="某市卫生健康委员会")
    county = make_agency(parent=city, name="某县卫生健康局")
    return {
        "county": county,
        "handler": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=make_agency(), roles=(Role.FOI_HANDLER, Role.REVIEWER)),
    }


def register(client, people, **dates):
    client.force_login(people["handler"])
    return client.post(
        reverse("console:foi-register"),
        {**VALUES, "agency": people["county"].pk, **dates},
        follow=True,  # shows (and so uses up) the "registered" message
    )


@pytest.fixture
def late(client, people):
    register(
        client,
        people,
        **LETTER,
        confirmed_on="2026-11-11",
        confirmation_delay_reason="申请人电话两日无人接听",
    )
    return Application.objects.get()


@pytest.fixture
def on_time(people):
    return services.submit_online(
        agency=people["county"], values=VALUES, on=datetime.date(2026, 11, 12)
    )


def test_a_late_confirmation_without_a_reason_is_refused_naming_the_field(client, people):
    page = register(client, people, **LETTER, confirmed_on="2026-11-11")

    content = page.content.decode()
    assert page.status_code == 200
    assert 'href="#id_confirmation_delay_reason">未在到达当日确认的原因' in content
    assert "请填写未能当日确认的原因" in content
    assert not Application.objects.exists()


def test_a_letter_needs_its_arrival_date(client, people):
    page = register(
        client, people, channel="fax", submitted_on="2026-11-09", confirmed_on="2026-11-09"
    )

    assert 'href="#id_arrived_on">到达日期' in page.content.decode()
    assert not Application.objects.exists()


def test_the_case_shows_the_flag_and_the_reason(client, people, late):
    assert late.arrived_on == datetime.date(2026, 11, 9)
    for who in ("handler", "reviewer", "supervisor"):
        client.force_login(people[who])

        content = client.get(reverse("console:foi-detail", args=[late.pk])).content.decode()

        assert "未在到达当日确认" in content
        assert "到达 2026-11-09" in content
        assert "申请人电话两日无人接听" in content


def test_the_list_filters_the_flagged_cases(client, people, late, on_time):
    client.force_login(people["reviewer"])

    listing = client.get(reverse("console:foi-list")).content.decode()
    flagged = client.get(
        reverse("console:foi-list"), {"flag": "late_confirmation"}
    ).content.decode()

    assert "本年度未在到达当日确认的申请：1 件" in listing
    assert late.query_code in flagged
    assert on_time.query_code not in flagged


def test_the_outsider_sees_none_of_it(client, people, late):
    client.force_login(people["outsider"])

    flagged = client.get(
        reverse("console:foi-list"), {"flag": "late_confirmation"}
    ).content.decode()

    assert late.query_code not in flagged
    assert client.get(reverse("console:foi-detail", args=[late.pk])).status_code == 404


def test_the_supervisor_dashboard_counts_them_per_agency(client, people, late, on_time):
    client.force_login(people["supervisor"])

    content = client.get(reverse("console:dashboard")).content.decode()

    link = (
        f'href="{reverse("console:foi-list")}?flag=late_confirmation&amp;'
        f'agency={people["county"].pk}">1</a>'
    )
    assert "未当日确认（本年）" in content
    assert link in content


def test_the_reviewer_dashboard_counts_them_the_handler_is_not_flagged(client, people, late):
    client.force_login(people["reviewer"])
    reviewer_page = client.get(reverse("console:dashboard")).content.decode()
    client.force_login(people["handler"])
    handler_page = client.get(reverse("console:dashboard")).content.decode()

    assert "本年度 1 件申请未在到达当日与申请人确认" in reviewer_page
    assert "未在到达当日与申请人确认" not in handler_page
