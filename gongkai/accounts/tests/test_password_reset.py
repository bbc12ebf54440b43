"""Password reset by e-mail, with Django's views: each door resets only its own kind of
account, and the answer never tells whether an address has one."""

import re

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-new-long-pass-phrase-26"


@pytest.fixture
def officer():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,), email="zs@wjw.example.gov.cn")


@pytest.fixture
def citizen():
    return make_user(username="public-abc", email="li@example.org")


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.mark.parametrize(
    ("door", "address", "mails"),
    [
        ("portal", "li@example.org", 1),
        ("portal", "zs@wjw.example.gov.cn", 0),
        ("portal", "nobody@example.org", 0),
        ("console", "zs@wjw.example.gov.cn", 1),
        ("console", "li@example.org", 0),
        ("console", "nobody@example.org", 0),
    ],
)
def test_the_answer_is_the_same_and_only_the_right_kind_gets_mail(
    client, officer, citizen, mailoutbox, door, address, mails
):
    response = client.post(reverse(f"{door}:password-reset"), {"email": address}, follow=True)

    assert response.status_code == 200
    assert "请查收邮件" in response.content.decode()
    assert len(mailoutbox) == mails


def test_a_citizen_resets_their_password_and_signs_in(client, citizen, mailoutbox):
    client.post(reverse("portal:password-reset"), {"email": "li@example.org"})
    form_url = client.get(link_in(mailoutbox[0])).url  # Django moves the token to the session

    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done.url == reverse("portal:password-reset-complete")
    signed_in = client.post(
        reverse("portal:login"), {"email": "li@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_staff_reset_their_password_through_the_console(client, officer, mailoutbox):
    client.post(reverse("console:password-reset"), {"email": officer.email})
    assert "/console/reset/" in mailoutbox[0].body
    form_url = client.get(link_in(mailoutbox[0])).url

    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    signed_in = client.post(
        reverse("console:login"), {"username": officer.username, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_a_used_reset_link_is_refused(client, citizen, mailoutbox):
    client.post(reverse("portal:password-reset"), {"email": "li@example.org"})
    link = link_in(mailoutbox[0])
    form_url = client.get(link).url
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert "链接无效" in again.content.decode()
