"""Sessions end: staff after STAFF_SESSION_IDLE_MINUTES without a request, public accounts
after PUBLIC_SESSION_DAYS."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "right-password-1"


def after(**delta):
    return time_machine.travel(timezone.now() + datetime.timedelta(**delta))


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
