"""Sessions end: staff after STAFF_SESSION_IDLE_MINUTES without a request, public accounts
after PUBLIC_SESSION_DAYS."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "right-password-1"


def after(**delta):
    return time_machine.travel(timezone.now() + datetime.timedelta(**delta))


def clock_from(start):
    """`at(minutes=…)`: travel to that long after `start`."""
    return lambda **delta: time_machine.travel(start + datetime.timedelta(**delta))


@pytest.fixture
def officer():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,), password=PASSWORD)


@pytest.fixture
def citizen():
    return make_user(username="public-abc", email="li@example.org", password=PASSWORD)


def test_a_staff_session_ends_after_two_idle_hours(client, officer):
    client.post(reverse("console:login"), {"username": officer.username, "password": PASSWORD})
    assert client.get(reverse("console:dashboard")).status_code == 200

    with after(hours=2, minutes=1):
        response = client.get(reverse("console:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("console:login"))


def test_each_request_moves_the_end_of_a_staff_session(client, officer):
    client.post(reverse("console:login"), {"username": officer.username, "password": PASSWORD})

    with after(hours=1, minutes=30):
        assert client.get(reverse("console:dashboard")).status_code == 200
    with after(hours=3):
        assert client.get(reverse("console:dashboard")).status_code == 200


def test_the_idle_time_is_configurable(client, officer, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.post(reverse("console:login"), {"username": officer.username, "password": PASSWORD})

    with after(minutes=31):
        assert client.get(reverse("console:dashboard")).status_code == 302


def test_a_public_session_outlasts_the_staff_idle_time_but_ends(client, citizen):
    client.post(reverse("portal:login"), {"email": "li@example.org", "password": PASSWORD})

    with after(days=1):
        assert client.get(reverse("portal:foi-mine")).status_code == 200
    with after(days=15):
        assert client.get(reverse("portal:foi-mine")).status_code == 302


def test_an_api_token_request_makes_no_session(client, officer):
    _token, key = issue_token(user=officer)

    response = client.get("/api/staff/applications", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_a_request_within_a_minute_of_the_last_move_writes_no_session(client, officer):
    start = timezone.now()
    client.post(reverse("console:login"), {"username": officer.username, "password": PASSWORD})
    session_key = client.cookies["sessionid"].value
    stored_end = Session.objects.get(session_key=session_key).expire_date

    with time_machine.travel(start + datetime.timedelta(seconds=30)):
        response = client.get(reverse("console:dashboard"))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.get(session_key=session_key).expire_date == stored_end

    with time_machine.travel(start + datetime.timedelta(seconds=61)):
        response = client.get(reverse("console:dashboard"))

    assert response.cookies["sessionid"]["max-age"] == 2 * 3600
    assert Session.objects.get(session_key=session_key).expire_date > stored_end


@pytest.fixture
def seen_after_a_move(client, officer):
    """A staff session moved 90 minutes after sign-in and seen again 30 seconds later (too
    soon to move it); `at(…)` travels from the sign-in."""
    at = clock_from(timezone.now())
    client.post(reverse("console:login"), {"username": officer.username, "password": PASSWORD})
    with at(minutes=90):
        assert client.get(reverse("console:dashboard")).status_code == 200
    with at(minutes=90, seconds=30):
        assert client.get(reverse("console:dashboard")).status_code == 200
    return at


def test_a_request_a_minute_after_the_last_move_moves_the_end_again(client, seen_after_a_move):
    at = seen_after_a_move
    with at(minutes=90 + 120, seconds=-1):
        assert client.get(reverse("console:dashboard")).status_code == 200
    # That request moved the end again: idle time from it, not from 90 minutes.
    with at(minutes=90 + 120 + 120, seconds=-2):
        assert client.get(reverse("console:dashboard")).status_code == 200


def test_a_session_is_not_kept_past_the_idle_time_after_its_last_move(client, seen_after_a_move):
    # 119½ minutes after the last request: the end set at 90 minutes has passed.
    with seen_after_a_move(minutes=90 + 120, seconds=1):
        response = client.get(reverse("console:dashboard"))
    assert response.status_code == 302
