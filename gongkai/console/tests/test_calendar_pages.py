"""The calendar in the console: the administrators' banner from 1 November, loading next
year's notice after a preview of every moved due date, and the list of moved dates."""

import datetime
import json
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.tests.test_services import applicant
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.tests.test_provisional_calendar import NOTICE_2027

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(10), tzinfo=SHANGHAI
    )


@pytest.fixture
def superuser():
    return make_user(is_superuser=True, username="root")


@pytest.mark.parametrize(
    ("today", "shown"),
    [("2026-10-30", False), ("2026-11-01", True), ("2026-12-28", True)],
)
def test_administrators_see_the_banner_from_1_november(client, today, shown):
    agency = make_agency()
    admin = make_user(agency=agency, roles=(Role.ADMIN,))
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    with time_machine.travel(at(today), tick=False):
        client.force_login(admin)
        page = client.get(reverse("console:dashboard")).content.decode()
        client.force_login(publisher)
        other = client.get(reverse("console:dashboard")).content.decode()
    assert ("2027年节假日安排尚未载入" in page) is shown
    assert "2027年节假日安排尚未载入" not in other


def test_preview_lists_every_moved_due_date_then_loading_recomputes_and_lists(
    client, superuser, django_capture_on_commit_callbacks
):
    agency = make_agency()
    with time_machine.travel(at("2026-12-15"), tick=False):
        application = foi_services.submit_online(agency=agency, values=applicant())
    assert (application.due_on, application.due_is_provisional) == (
        datetime.date(2027, 1, 13),
        True,
    )
    text = json.dumps(NOTICE_2027, ensure_ascii=False).encode()
    client.force_login(superuser)
    with time_machine.travel(at("2026-12-16"), tick=False):
        client.force_login(superuser)
        preview = client.post(
            reverse("console:calendar"),
            {"action": "preview", "file": SimpleUploadedFile("2027.json", text)},
        )
        content = preview.content.decode()
        # The notice keeps 2027-01-13 (1–3 January off is Friday to Sunday) but makes it final.
        assert "载入后期限将变动的事项：1 项" in content
        row = content.split(application.agency.name)[1].split("</tr>")[0]
        assert row.count("2027-01-13") == 2
        assert row.count(">暂定</span>") == 1
        assert not CalendarYear.objects.filter(year=2027).exists()  # nothing saved yet

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("console:calendar"), {"action": "load", "text": text.decode()}
            )
        assert response.status_code == 302
        changes = client.get(response["Location"]).content.decode()

    application.refresh_from_db()
    assert (application.due_on, application.due_is_provisional) == (
        datetime.date(2027, 1, 13),
        False,
    )
    assert reverse("console:foi-detail", args=[application.pk]) in changes
    row = changes.split(reverse("console:foi-detail", args=[application.pk]))[1]
    assert row.split("</tr>")[0].count(">暂定</span>") == 1  # before: 暂定; after: final


def test_a_wrong_file_is_explained_and_nothing_is_loaded(client, superuser):
    bad = {**NOTICE_2027, "workdays": [{"name": "春节", "date": "2027-02-17"}]}
    client.force_login(superuser)
    response = client.post(
        reverse("console:calendar"),
        {
            "action": "preview",
            "file": SimpleUploadedFile("2027.json", json.dumps(bad, ensure_ascii=False).encode()),
        },
    )
    assert "只有周六或周日才能调休上班" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_only_system_administrators_load_notices(client):
    agency = make_agency()
    client.force_login(make_user(agency=agency, roles=(Role.ADMIN,)))
    assert client.get(reverse("console:calendar")).status_code == 403
    assert client.get(reverse("console:calendar-changes")).status_code == 403
