"""The applications list's urgent sections (console/foi_list_views._urgent_sections): overdue and
due soon as the ledger holds them, each with its full count and its earliest rows, a link to the
full list filtered the same way, only the agencies the clerk may read, and the paused ones."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.console import foi_list_views
from gongkai.factories import make_agency, make_user
from gongkai.foi import obligations, services
from gongkai.foi.models import Application, Status
from gongkai.foi.tests.factories import applicant_values
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 3, 2)  # a Monday
LIST = reverse("console:foi-list")


@pytest.fixture(autouse=True)
def _in_march_2026_with_two_rows_a_section(monkeypatch):
    monkeypatch.setattr(foi_list_views, "SECTION_ROWS", 2)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def world():
    city = make_agency(name="测试市卫生健康委员会", level=Level.CITY)
    east = make_agency(name="东县卫生健康局", parent=city)
    west = make_agency(name="西县卫生健康局", parent=city)
    elsewhere = make_agency(name="邻市卫生健康委员会", level=Level.CITY)
    return {
        "city": city,
        "east": east,
        "west": west,
        "elsewhere": elsewhere,
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "clerk": make_user(agency=east, roles=(Role.FOI_HANDLER,)),
    }


def apply(agency, description: str, *, due_on: datetime.date) -> Application:
    application = services.submit_online(
        agency=agency, values=applicant_values(description=description)
    )
    Obligation.objects.filter(kind=obligations.REPLY, object_id=application.pk).update(
        due_on=due_on
    )
    return application


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def sections(client, user, **query) -> tuple[dict, str]:
    client.force_login(user)
    response = client.get(LIST, query)
    assert response.status_code == 200
    return {s["name"]: s for s in response.context["sections"]}, response.content.decode()


def descriptions(section) -> list[str]:
    return [a.description for a in section["rows"]]


def test_each_section_counts_all_and_shows_the_earliest_with_a_link_to_the_rest(client, world):
    east = world["east"]
    apply(east, "超期三天", due_on=days(-3))
    apply(east, "超期一天", due_on=days(-1))
    apply(east, "超期五天", due_on=days(-5))
    apply(east, "后天到期", due_on=days(2))
    apply(east, "下月到期", due_on=days(30))

    found, html = sections(client, world["clerk"])

    assert found["overdue"]["count"] == 3
    assert descriptions(found["overdue"]) == ["超期五天", "超期三天"]
    assert (found["due_soon"]["count"], descriptions(found["due_soon"])) == (1, ["后天到期"])
    assert "已超期 (3)" in html
    assert "以上是最早到期的 2 件。" in html
    link = re.search(r'<a href="\?([^"]*)#results">查看全部 3 件</a>', html)
    assert link is not None
    assert link.group(1).replace("&amp;", "&") == "status=open&due_to=2026-03-01"

    # The link lists every overdue one, and only those.
    client.force_login(world["clerk"])
    response = client.get(f"{LIST}?{link.group(1).replace('&amp;', '&')}")
    listed = [a.description for a in response.context["page"].object_list]
    assert sorted(listed) == ["超期一天", "超期三天", "超期五天"]


def test_a_supervisor_counts_the_agencies_below_and_can_narrow_to_one(client, world):
    apply(world["east"], "东县超期", due_on=days(-2))
    apply(world["west"], "西县超期", due_on=days(-1))
    apply(world["elsewhere"], "邻市超期", due_on=days(-3))  # not supervised: never counted

    found, _html = sections(client, world["supervisor"])
    assert found["overdue"]["count"] == 2
    assert descriptions(found["overdue"]) == ["东县超期", "西县超期"]

    found, _html = sections(client, world["supervisor"], agency=world["west"].pk)
    assert (found["overdue"]["count"], descriptions(found["overdue"])) == (1, ["西县超期"])

    # A clerk asking for an agency they cannot read gets nothing of it.
    found, _html = sections(client, world["clerk"], agency=world["west"].pk)
    assert found["overdue"]["count"] == 0


def test_paused_applications_are_their_own_section_and_leave_the_clock_sections(client, world):
    east = world["east"]
    waiting = apply(east, "等待补正", due_on=days(-4))
    # 补正: the clock stops; the application has no due day and its ledger row none either.
    Application.objects.filter(pk=waiting.pk).update(status=Status.AWAITING_SUPPLEMENT, due_on=None)
    Obligation.objects.filter(kind=obligations.REPLY, object_id=waiting.pk).update(due_on=None)
    for n in range(3):
        apply(east, f"按时办理{n}", due_on=days(10))

    found, html = sections(client, world["clerk"])

    assert (found["paused"]["count"], descriptions(found["paused"])) == (1, ["等待补正"])
    assert found["overdue"]["count"] == 0
    assert "没有超期的申请。" in html
    assert "暂停计算（补正、征求意见、缴费） (1)" in html


def test_the_sections_are_not_shown_while_filtering(client, world):
    apply(world["east"], "超期一天", due_on=days(-1))
    client.force_login(world["clerk"])
    response = client.get(LIST, {"status": "open"})
    assert "sections" not in response.context
    assert "已超期 (" not in response.content.decode()
