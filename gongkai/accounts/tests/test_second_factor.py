"""TOTP for staff: enforced per agency, enrolment with a server-rendered QR code, recovery
codes, voluntary enrolment, an audited reset. Codes are computed from the device key at the
(travelled) test time."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.second_factor import RECOVERY_CODE_COUNT, reset_second_factor
from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "right-password-1"


@pytest.fixture
def strict_agency():
    return make_agency(requires_two_factor=True)


@pytest.fixture
def officer(strict_agency):
    return make_user(agency=strict_agency, roles=(Role.FOI_HANDLER,), password=PASSWORD)


def sign_in(client, user):
    response = client.post(
        reverse("console:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def later(seconds: int):
    """Each TOTP code works once: the next one comes from a later 30-second step."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds))


def enrol(client, user) -> list[str]:
    client.get(reverse("console:two-factor-enrol"))
    device = TOTPDevice.objects.get(user=user)
    page = client.post(reverse("console:two-factor-enrol"), {"code": code_for(device)})
    assert page.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())


def test_staff_of_a_strict_agency_are_led_to_enrol_after_the_password(client, officer):
    sign_in(client, officer)

    response = client.get(reverse("console:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("console:two-factor-enrol"))
    page = client.get(response.url).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=officer)
    assert re.search(r"<code>[A-Z2-7]{32}</code>", page)
    assert "otpauth://totp/" in device.config_url
    assert client.get(reverse("console:foi-list")).status_code == 302


def test_enrolment_shows_recovery_codes_once_and_opens_the_console(client, officer):
    sign_in(client, officer)

    codes = enrol(client, officer)

    assert len(codes) == RECOVERY_CODE_COUNT
    assert len(set(codes)) == RECOVERY_CODE_COUNT
    assert client.get(reverse("console:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(
        action="accounts.second_factor_enrolled", object_id=str(officer.pk)
    ).exists()
    security = client.get(reverse("console:account-security")).content.decode()
    assert codes[0] not in security


def test_a_wrong_code_does_not_confirm_enrolment(client, officer):
    sign_in(client, officer)
    client.get(reverse("console:two-factor-enrol"))

    page = client.post(reverse("console:two-factor-enrol"), {"code": "000000"})

    assert "验证码不正确" in page.content.decode()
    assert not TOTPDevice.objects.get(user=officer).confirmed
    assert client.get(reverse("console:dashboard")).status_code == 302


def test_the_next_sign_in_asks_for_a_code(client, officer):
    sign_in(client, officer)
    enrol(client, officer)
    client.post(reverse("console:logout"))

    with later(60):
        sign_in(client, officer)
        asked = client.get(reverse("console:dashboard"))
        assert asked.url.startswith(reverse("console:two-factor-verify"))
        wrong = client.post(reverse("console:two-factor-verify"), {"code": "123456"})
        assert "验证码不正确" in wrong.content.decode()
    with later(120):
        right = client.post(
            reverse("console:two-factor-verify"),
            {"code": code_for(TOTPDevice.objects.get(user=officer)), "next": "/console/"},
        )

        assert right.status_code == 302
        assert client.get(reverse("console:dashboard")).status_code == 200


def test_a_recovery_code_works_once(client, officer):
    sign_in(client, officer)
    codes = enrol(client, officer)
    client.post(reverse("console:logout"))
    sign_in(client, officer)

    used = client.post(reverse("console:two-factor-verify"), {"code": codes[0]}, follow=True)

    assert "还剩 9 个" in used.content.decode()
    client.post(reverse("console:logout"))
    sign_in(client, officer)
    with later(600):  # past django-otp's wait after a failure
        again = client.post(reverse("console:two-factor-verify"), {"code": codes[0]})
    assert "验证码不正确" in again.content.decode()
    assert client.get(reverse("console:dashboard")).status_code == 302


def test_the_password_alone_cannot_replace_an_enrolled_device(client, officer):
    sign_in(client, officer)
    enrol(client, officer)
    client.post(reverse("console:logout"))
    sign_in(client, officer)

    response = client.get(reverse("console:two-factor-enrol"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("console:two-factor-verify"))


def test_the_admin_is_guarded_too(client):
    admin = make_user(is_superuser=True, is_staff=True, password=PASSWORD)
    sign_in(client, admin)
    enrol(client, admin)
    client.post(reverse("console:logout"))
    sign_in(client, admin)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("console:two-factor-verify"))


def test_staff_of_other_agencies_go_straight_in_and_may_enrol_of_their_own_accord(client):
    relaxed = make_user(agency=make_agency(), roles=(Role.PUBLISHER,), password=PASSWORD)
    sign_in(client, relaxed)
    assert client.get(reverse("console:dashboard")).status_code == 200

    enrol(client, relaxed)
    client.post(reverse("console:logout"))
    sign_in(client, relaxed)

    assert client.get(reverse("console:dashboard")).url.startswith(
        reverse("console:two-factor-verify")
    )


def test_an_administrator_resets_a_lost_device_and_it_is_audited(client, officer):
    admin = make_user(is_superuser=True, is_staff=True)
    sign_in(client, officer)
    enrol(client, officer)
    client.post(reverse("console:logout"))

    reset_second_factor(officer, actor=admin)
    sign_in(client, officer)

    assert client.get(reverse("console:dashboard")).url.startswith(
        reverse("console:two-factor-enrol")
    )
    event = AuditEvent.objects.get(action="accounts.second_factor_reset")
    assert event.actor == admin
    assert event.before == {"devices": 2}


def test_the_user_admin_action_resets_devices(client, officer):
    admin = make_user(is_superuser=True, is_staff=True)
    sign_in(client, officer)
    enrol(client, officer)
    client.force_login(admin)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [officer.pk]},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert AuditEvent.objects.filter(action="accounts.second_factor_reset", actor=admin).exists()


@pytest.mark.parametrize(("role", "status"), [(Role.ADMIN, 302), (Role.PUBLISHER, 403)])
def test_an_agency_administrator_sets_the_rule(client, role, status):
    agency = make_agency()
    user = make_user(agency=agency, roles=(role,), password=PASSWORD)
    sign_in(client, user)

    response = client.post(
        reverse("console:agency-two-factor", args=[agency.pk]),
        {f"agency-{agency.pk}-requires_two_factor": "on"},
    )

    assert response.status_code == status
    agency.refresh_from_db()
    assert agency.requires_two_factor is (status == 302)
    audited = AuditEvent.objects.filter(action="agency.two_factor_requirement").exists()
    assert audited is (status == 302)


def test_the_security_page_offers_the_rule_to_agency_administrators(client):
    agency = make_agency(name="示例县卫生健康局")
    user = make_user(agency=agency, roles=(Role.ADMIN,), password=PASSWORD)
    sign_in(client, user)

    page = client.get(reverse("console:account-security")).content.decode()

    assert "示例县卫生健康局" in page
    assert f'name="agency-{agency.pk}-requires_two_factor"' in page


@pytest.mark.parametrize(
    ("case", "needed"),
    [
        ("no device, lenient agency", False),
        ("unconfirmed TOTP, lenient agency", False),
        ("confirmed TOTP, lenient agency", True),
        ("confirmed recovery codes only", True),
        ("no device, strict agency", True),
        ("no device, strict agency among two", True),
        ("no role at all", False),
    ],
)
def test_who_needs_a_second_factor_in_one_query(case, needed, django_assert_num_queries):
    from django_otp.plugins.otp_static.models import StaticDevice

    from gongkai.accounts.access import needs_second_factor
    from gongkai.agencies.models import Membership

    lenient = make_agency(requires_two_factor=False)
    user = make_user(agency=lenient, roles=(Role.PUBLISHER,))
    if case == "no role at all":
        Membership.objects.filter(user=user).delete()
    if "TOTP" in case:
        TOTPDevice.objects.create(user=user, name="phone", confirmed="unconfirmed" not in case)
    if "recovery" in case:
        StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    if "strict" in case:
        strict = make_agency(requires_two_factor=True)
        Membership.objects.create(user=user, agency=strict, role=Role.FOI_HANDLER)
        if "among two" not in case:
            Membership.objects.filter(user=user, agency=lenient).delete()
    # Someone else's device and someone else's strict agency count for nobody but them.
    other = make_user(agency=make_agency(requires_two_factor=True), roles=(Role.ADMIN,))
    TOTPDevice.objects.create(user=other, name="theirs", confirmed=True)

    with django_assert_num_queries(1):
        assert needs_second_factor(user) is needed
