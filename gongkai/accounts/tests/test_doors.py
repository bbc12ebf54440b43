"""Staff and public accounts apart: each login page admits only its own kind, and sign-up
answers every address alike (whether it is taken is said only in the mail to its owner)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gongkai.accounts.signup import signup_token
from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "right-password-1"
NEW_PASSWORD = "a-long-pass-phrase-2026"


@pytest.fixture
def officer():
    return make_user(
        agency=make_agency(),
        roles=(Role.PUBLISHER,),
        username="zhangsan",
        email="office3@wjw.example.gov.cn",
        password=PASSWORD,
    )


@pytest.fixture
def citizen():
    return make_user(username="public-abc", email="li@example.org", password=PASSWORD)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_a_public_account_cannot_sign_in_at_the_console(client, citizen):
    refused = client.post(
        reverse("console:login"), {"username": citizen.username, "password": PASSWORD}
    )
    wrong = client.post(reverse("console:login"), {"username": "nobody", "password": "x"})

    assert refused.status_code == 200
    assert "用户名或密码不正确" in refused.content.decode()
    assert "用户名或密码不正确" in wrong.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("staff_kind", ["membership", "is_staff", "is_superuser"])
def test_staff_cannot_sign_in_at_the_public_login(client, staff_kind):
    if staff_kind == "membership":
        make_user(agency=make_agency(), roles=(Role.FOI_HANDLER,), email="s@example.org")
    else:
        make_user(email="s@example.org", **{staff_kind: True})

    response = client.post(
        reverse("portal:login"), {"email": "s@example.org", "password": "pw-for-tests"}
    )

    assert response.status_code == 200
    assert "电子邮箱或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_citizen_signs_in_at_the_portal_with_their_address(client, citizen):
    response = client.post(
        reverse("portal:login"), {"email": "LI@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(reverse("portal:foi-mine")).status_code == 200


def test_sign_up_by_address_then_choose_a_password(client, mailoutbox):
    response = client.post(reverse("portal:signup"), {"email": "wang@example.org"})

    assert response.status_code == 302
    assert get_user_model().objects.filter(email="wang@example.org").count() == 0
    assert mailoutbox[0].to == ["wang@example.org"]
    confirm = client.get(link_in(mailoutbox[0]))
    assert "wang@example.org" in confirm.content.decode()

    done = client.post(
        link_in(mailoutbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    user = get_user_model().objects.get(email="wang@example.org")
    assert user.username.startswith("public-")
    assert client.get(reverse("portal:foi-mine")).status_code == 200
    assert AuditEvent.objects.filter(
        action="accounts.public_signup", object_id=str(user.pk)
    ).exists()


def test_a_staff_address_gets_the_same_answer_and_only_the_owner_learns_it(
    client, officer, mailoutbox
):
    taken = client.post(reverse("portal:signup"), {"email": officer.email}, follow=True)
    fresh = client.post(reverse("portal:signup"), {"email": "new@example.org"}, follow=True)

    assert taken.status_code == fresh.status_code == 200
    assert taken.content.decode().replace(
        officer.email, "ADDRESS"
    ) == fresh.content.decode().replace("new@example.org", "ADDRESS")
    assert "zhangsan" not in taken.content.decode()
    owner_mail, new_mail = mailoutbox
    assert owner_mail.to == [officer.email]
    assert "已有账号" in owner_mail.body
    assert "/accounts/signup/confirm/" not in owner_mail.body
    assert "/accounts/signup/confirm/" in new_mail.body
    assert get_user_model().objects.filter(email__iexact=officer.email).count() == 1


def test_the_signup_form_no_longer_asks_for_a_username(client):
    page = client.get(reverse("portal:signup")).content.decode()

    assert 'name="email"' in page
    assert 'name="username"' not in page


def test_a_used_sign_up_link_is_refused(client, mailoutbox):
    client.post(reverse("portal:signup"), {"email": "wang@example.org"})
    link = link_in(mailoutbox[0])
    client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.post(reverse("portal:logout"))

    again = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert "已使用过" in again.content.decode()
    assert get_user_model().objects.filter(email="wang@example.org").count() == 1


def test_a_forged_sign_up_link_is_refused(client):
    token = signup_token("wang@example.org")[:-3] + "abc"

    response = client.get(reverse("portal:signup-confirm", args=[token]))

    assert response.status_code == 400
    assert "无效或已过期" in response.content.decode()


def test_the_admin_login_is_the_console_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:login"))
    assert "next=/admin/" in response["Location"]


def test_a_mail_failure_still_gets_the_same_answer(client, settings, caplog):
    settings.EMAIL_BACKEND = "gongkai.accounts.tests.failing_mail.Backend"

    response = client.post(reverse("portal:signup"), {"email": "wang@example.org"}, follow=True)

    assert response.status_code == 200
    assert "请查收邮件" in response.content.decode()
    assert "Sign-up mail could not be sent" in caplog.text
