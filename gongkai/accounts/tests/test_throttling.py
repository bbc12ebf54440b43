"""Sign-in throttling: locks per account name and per address, honoured by both login pages
and by API tokens, lifted by time or by an audited unlock."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts import throttling
from gongkai.accounts.models import LoginThrottle, Scope
from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
LOCKED = "登录失败次数过多"


@pytest.fixture
def officer():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,), password="right-password-1")


@pytest.fixture
def citizen():
    return make_user(username="public-abc", email="li@example.org", password="right-password-1")


def console_login(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("console:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def portal_login(client, email, password, address="10.0.0.1"):
    return client.post(
        reverse("portal:login"), {"email": email, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize(
    ("failures", "locked"),
    [(0, False), (1, False), (4, False), (5, True), (30, True)],
)
def test_an_account_name_is_locked_at_the_limit(failures, locked):
    for _i in range(failures):
        throttling.record_failed_login("Someone", "")

    assert (throttling.lock_ends_at("someone", "") is not None) is locked


def test_failures_older_than_the_lockout_period_are_forgotten():
    for _i in range(4):
        throttling.record_failed_login("someone", "")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        throttling.record_failed_login("someone", "")

        assert throttling.lock_ends_at("someone", "") is None
        assert LoginThrottle.objects.get(scope=Scope.ACCOUNT).failures == 1


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, officer):
    for _i in range(30):
        console_login(client, officer.username, "wrong")

    response = console_login(client, officer.username, "right-password-1")

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "15 分钟后再试" in response.content.decode()
    assert client.get(reverse("console:dashboard")).status_code == 302


def test_the_lock_ends_after_the_period(client, officer):
    for _i in range(5):
        console_login(client, officer.username, "wrong")
    assert LOCKED in console_login(client, officer.username, "right-password-1").content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = console_login(client, officer.username, "right-password-1")

        assert response.status_code == 302
        assert client.get(reverse("console:dashboard")).status_code == 200


def test_a_success_clears_the_count(client, officer):
    for _i in range(4):
        console_login(client, officer.username, "wrong")
    assert console_login(client, officer.username, "right-password-1").status_code == 302
    client.post(reverse("console:logout"))
    for _i in range(4):
        console_login(client, officer.username, "wrong")

    assert console_login(client, officer.username, "right-password-1").status_code == 302


def test_many_names_from_one_address_lock_the_address(client, officer, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    for n in range(10):
        console_login(client, f"guess{n}", "wrong", address="203.0.113.9")

    refused = console_login(client, officer.username, "right-password-1", address="203.0.113.9")
    elsewhere = console_login(client, officer.username, "right-password-1", address="10.0.0.2")

    assert LOCKED in refused.content.decode()
    assert elsewhere.status_code == 302


def test_the_public_login_is_throttled_too(client, citizen):
    for _i in range(30):
        portal_login(client, "li@example.org", "wrong")

    response = portal_login(client, "li@example.org", "right-password-1")

    assert LOCKED in response.content.decode()
    assert client.get(reverse("portal:foi-mine")).status_code == 302


def test_an_administrator_unlocks_an_account_and_it_is_audited(client, officer):
    admin = make_user(is_superuser=True, is_staff=True)
    for _i in range(5):
        console_login(client, officer.username, "wrong")

    throttling.unlock_account(officer, actor=admin)
    response = console_login(client, officer.username, "right-password-1")

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="accounts.unlocked")
    assert event.actor == admin
    assert event.object_id == str(officer.pk)
    assert event.before["throttles"][0]["failures"] == 5


def test_the_user_admin_action_unlocks_and_audits(client, officer):
    admin = make_user(is_superuser=True, is_staff=True)
    for _i in range(5):
        console_login(client, officer.username, "wrong", address="10.9.9.9")
    client.force_login(admin)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock_accounts", "_selected_action": [officer.pk]},
    )

    assert response.status_code == 302
    assert not throttling.is_account_locked(officer)
    assert AuditEvent.objects.filter(action="accounts.unlocked", actor=admin).exists()


def test_a_lock_is_itself_recorded(officer, client):
    for _i in range(5):
        console_login(client, officer.username, "wrong")

    event = AuditEvent.objects.get(action="accounts.login_locked", after__scope="account")
    assert event.after["key"] == officer.username


def test_a_locked_accounts_api_token_does_not_work(client, officer):
    _token, key = issue_token(user=officer)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/staff/applications", **auth).status_code == 200
    for _i in range(5):
        console_login(client, officer.username, "wrong")

    response = client.get("/api/staff/applications", **auth)

    assert response.status_code == 401
    assert "锁定" in response.json()["detail"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.5"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "1.2.3.4"),
        # A client may send its own header: only the entry our proxy appended counts.
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9, 1.2.3.4"}, "1.2.3.4"),
    ],
)
def test_failures_are_counted_per_client_address_as_the_rate_limits_see_it(client, meta, expected):
    # One rule for the client's address (gongkai/http/client_ip.py), for sign-ins too.
    client.post("/console/login/", {"username": "nobody", "password": "wrong"}, **meta)

    assert LoginThrottle.objects.filter(scope=Scope.ADDRESS, key=expected, failures=1).exists()


def test_old_counts_are_forgotten_but_locks_are_kept():
    throttling.record_failed_login("old", "")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        for _i in range(5):
            throttling.record_failed_login("locked", "")
        throttling.record_failed_login("recent", "")

        call_command("forget_login_failures", stdout=io.StringIO())

        assert set(LoginThrottle.objects.values_list("key", flat=True)) == {"locked", "recent"}


def test_the_admin_lifts_an_address_lock_and_it_is_audited(client, officer, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        console_login(client, f"guess{n}", "wrong", address="203.0.113.9")
    row = LoginThrottle.objects.get(scope=Scope.ADDRESS)
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.post(
        reverse("admin:accounts_loginthrottle_changelist"),
        {"action": "unlock", "_selected_action": [row.pk]},
    )

    assert response.status_code == 302
    assert not LoginThrottle.objects.filter(scope=Scope.ADDRESS).exists()
    event = AuditEvent.objects.get(action="accounts.unlocked")
    assert event.before["key"] == "203.0.113.9"
    client.logout()
    ok = console_login(client, officer.username, "right-password-1", address="203.0.113.9")
    assert ok.status_code == 302
