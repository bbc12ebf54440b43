"""期限台账: the ledger in the console, limited to one's own and supervised agencies."""

import datetime

import pytest

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.tests.test_services import applicant
from gongkai.participation.tests.mailbox_factories import make_message

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    city = make_agency(name="示例市卫生健康委员会", code="CITY", level=Level.CITY)
    county = make_agency(name="示例县卫生健康局", code="COUNTY", parent=city)
    other = make_agency(name="邻县卫生健康局", code="OTHER")
    late = foi_services.submit_online(agency=county, values=applicant(), on=D(2026, 10, 8))
    soon = foi_services.submit_online(agency=county, values=applicant(), on=D(2026, 10, 26))
    hidden = foi_services.submit_online(agency=other, values=applicant(), on=D(2026, 10, 8))
    message = make_message(county)
    return {
        "city": city,
        "county": county,
        "late": late,
        "soon": soon,
        "hidden": hidden,
        "message": message,
        "clerk": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
    }


def test_a_clerk_sees_overdue_and_due_soon_duties_of_the_agency_with_links(client, world):
    client.force_login(world["clerk"])
    page = client.get("/console/obligations/").content.decode()

    assert "期限台账" in page
    overdue, soon = page.split("即将到期 (")[0], page.split("即将到期 (")[1]
    assert f"/console/applications/{world['late'].pk}/" in overdue
    assert f"依申请公开申请 {world['soon'].pk}" in soon
    assert f"依申请公开申请 {world['hidden'].pk}" not in page  # another agency's
    assert "已逾期 (1)" in page


def test_filters_by_kind_state_and_agency(client, world):
    client.force_login(world["supervisor"])
    page = client.get(
        "/console/obligations/",
        {"kind": "participation.message_reply", "state": "open", "agency": world["county"].pk},
    ).content.decode()

    assert f"/console/messages/{world['message'].pk}/" in page
    assert "依申请公开申请" not in page
    summary = page.split("按机关汇总")[1]
    assert "示例县卫生健康局" in summary


def test_a_bad_filter_shows_the_default_lists(client, world):
    client.force_login(world["clerk"])
    response = client.get("/console/obligations/", {"agency": "abc", "kind": "nope"})
    assert response.status_code == 200
    assert "已逾期 (1)" in response.content.decode()


def test_done_late_lists_what_was_done_after_its_day(client, world):
    reviewer = make_user(agency=world["county"], roles=(Role.REVIEWER,))
    application = world["late"]
    foi_services.draft_reply(
        application=application, actor=world["clerk"], outcome="granted", text="予以公开。"
    )
    foi_services.approve_reply(application=application, actor=reviewer, on=D(2026, 11, 16))
    client.force_login(world["clerk"])

    page = client.get("/console/obligations/", {"state": "done_late"}).content.decode()
    assert f"依申请公开申请 {application.pk}" in page
    assert "逾期完成 (1)" in page


def test_the_public_cannot_see_the_ledger(client, world):
    assert client.get("/console/obligations/").status_code == 302
    client.force_login(make_user())
    assert client.get("/console/obligations/").status_code == 403


def test_an_overdue_annual_report_links_to_its_report_page(client, world):
    from gongkai.reports.obligations import open_report_duties

    open_report_duties(today=D(2026, 1, 1))  # the report on 2025 was due 31 January 2026
    client.force_login(world["supervisor"])
    page = client.get("/console/obligations/", {"kind": "reports.annual_report"}).content.decode()

    assert f"/console/reports/{world['county'].pk}/2025/" in page
    assert "2025年政府信息公开工作年度报告" in page
