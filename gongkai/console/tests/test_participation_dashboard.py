"""The dashboard counts what waits in public participation, and the supervisor sees a
subordinate agency's messages left unanswered for more than three months (the veto line)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.participation.tests.mailbox_factories import make_mailbox_world, make_message
from gongkai.participation.workload import workload

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=SHANGHAI
    )


@pytest.fixture
def world(db):
    world = make_mailbox_world()
    with time_machine.travel(at("2026-06-01"), tick=False):
        make_message(world["county"])  # will be past the three-month line in September
    with time_machine.travel(at("2026-09-01"), tick=False):
        make_message(world["county"])
        make_consultation(
            agency=world["county"],
            publisher=world["handler"],
            reviewer=world["reviewer"],
            opens_on=datetime.date(2026, 8, 1),
            closes_on=datetime.date(2026, 8, 31),
        )
    return world


def test_workload_counts(world):
    today = datetime.date(2026, 9, 10)
    counts = workload([world["county"].pk], today=today, now=at("2026-09-10"))[world["county"].pk]
    assert counts.open_messages == 2
    assert counts.overdue_messages == 2  # 5 working days after 09-01 is 09-08
    assert counts.messages_past_veto_line == 1
    assert counts.consultations_to_close == 1
    assert counts.consultations_taking_comments == 0
    assert not counts.is_empty


def test_clerk_dashboard_shows_participation(client, world):
    client.force_login(world["handler"])
    with time_machine.travel(at("2026-09-10"), tick=False):
        page = client.get(reverse("console:dashboard")).content.decode()
    assert "互动交流" in page
    assert "1 条留言超过3个月未答复" in page
    assert "1 项征求意见已截止" in page


def test_supervisor_sees_the_veto_line(client, world):
    client.force_login(world["supervisor"])
    with time_machine.travel(at("2026-09-10"), tick=False):
        page = client.get(reverse("console:dashboard")).content.decode()
    assert "超3个月未答复" in page
    assert "1（单项否决）" in page


def test_other_agency_sees_nothing_of_it(client, world):
    client.force_login(world["other_handler"])
    with time_machine.travel(at("2026-09-10"), tick=False):
        page = client.get(reverse("console:dashboard")).content.decode()
    assert "单项否决" not in page
