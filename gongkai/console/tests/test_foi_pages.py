"""Console pages of information applications: lists, registration, actions, access."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.models import Application, Status

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "王五",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13700000000",
    "email": "",
    "address": "",
    "postcode": "",
    "description": "本县2025年卫生监督抽查结果",
    "document_numbers": "",
    "delivery_form": "onsite",
}


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def world():
    city = make_agency(level=Level.CITY)
    county = make_agency(parent=city)
    other = make_agency()
    return {
        "county": county,
        "handler": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=other, roles=(Role.FOI_HANDLER, Role.REVIEWER)),
        "application": services.submit_online(agency=county, values=VALUES),
    }


def action(application, name):
    return reverse("console:foi-action", args=[application.pk, name])


def test_the_handler_sees_the_case_with_its_clock(client, world):
    client.force_login(world["handler"])

    page = client.get(reverse("console:foi-detail", args=[world["application"].pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert "届满日：2026-03-30" in content
    assert "王五" in content  # staff of the agency see the applicant


@pytest.mark.parametrize(("who", "status"), [("supervisor", 200), ("outsider", 404)])
def test_who_can_read_a_case(client, world, who, status):
    client.force_login(world[who])

    assert (
        client.get(reverse("console:foi-detail", args=[world["application"].pk])).status_code
        == status
    )


@pytest.mark.parametrize("who", ["supervisor", "publisher", "outsider"])
def test_only_the_agency_handlers_act(client, world, who):
    client.force_login(world[who])
    application = world["application"]

    response = client.post(
        action(application, "extend"), {"on": "2026-03-02", "days": "5", "approved_by": "某人"}
    )

    assert response.status_code in (403, 404)
    assert not application.events.filter(kind="extended").exists()


def test_handler_drafts_and_reviewer_approves(client, world):
    application = world["application"]
    client.force_login(world["handler"])
    client.post(
        action(application, "reply"),
        {"outcome": "unable.1", "not_held_reason": "not_exist", "text": "本机关不掌握。"},
    )
    application.refresh_from_db()
    assert application.status == Status.REPLY_DRAFTED

    # The handler cannot approve; the reviewer can.
    assert client.post(action(application, "approve"), {"on": "2026-03-02"}).status_code == 403
    client.force_login(world["reviewer"])
    client.post(action(application, "approve"), {"on": "2026-03-02"})  # today; not after
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.replied_on == datetime.date(2026, 3, 2)


def test_a_rule_broken_comes_back_as_a_message(client, world):
    client.force_login(world["handler"])
    application = world["application"]

    page = client.post(
        action(application, "extend"),
        {"on": "2026-03-02", "days": "21", "approved_by": "某人"},
        follow=True,
    )

    assert "填写有误" in page.content.decode()


def test_staff_register_a_letter_with_its_confirmation_date(client, world):
    client.force_login(world["handler"])

    client.post(
        reverse("console:foi-register"),
        {
            **VALUES,
            "agency": world["county"].pk,
            "channel": "ordinary_mail",
            "submitted_on": "2026-02-26",
            "arrived_on": "2026-02-27",
            "confirmed_on": "2026-02-27",
        },
    )

    registered = Application.objects.exclude(pk=world["application"].pk).get()
    assert registered.received_on == datetime.date(2026, 2, 27)
    assert registered.created_by == world["handler"]


def test_the_list_orders_open_cases_by_due_date(client, world):
    client.force_login(world["handler"])

    content = client.get(reverse("console:foi-list")).content.decode()

    assert world["application"].query_code in content
