"""The console shows an applicant's personal data whole only to those who handle the case:
the case page, its audit trail, its letters and the ID copy, for every role (hardening issue
#11, finding 9)."""

import io

import docx
import pytest
from django.urls import reverse

from gongkai.foi.personal_data import Visibility
from gongkai.foi.tests.staff_roles import (
    EXPECTED,
    FULL_VALUES,
    MASKED,
    NAME,
    make_staff_and_application,
)

pytestmark = pytest.mark.django_db
HIDDEN_NAME = "申请人（已隐去）"


@pytest.fixture
def staff():
    return make_staff_and_application()


def assert_shown_as(content: str, visibility) -> None:
    """`content` holds the applicant as `visibility` allows, and nothing more."""
    if visibility == Visibility.FULL:
        for value in FULL_VALUES:
            assert value in content
        return
    for value in FULL_VALUES:
        assert value not in content
    if visibility == Visibility.MASKED:
        assert NAME in content
        for value in MASKED.values():
            assert value in content
    else:
        assert NAME not in content
        assert HIDDEN_NAME in content
        for value in MASKED.values():
            assert value not in content


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_the_case_page(client, staff, role, visibility):
    users, application = staff

    response = page(client, users[role], reverse("console:foi-detail", args=[application.pk]))

    if visibility is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    content = response.content.decode()
    # The case page also carries the audit trail, whose snapshot has every field.
    assert_shown_as(content, visibility)
    assert (application.id_copy.url in content) == (visibility == Visibility.FULL)


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_the_audit_trail_page(client, staff, role, visibility):
    users, application = staff
    url = reverse("console:audit-trail", args=["foi", "application", application.pk])

    response = page(client, users[role], url)

    if visibility is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    content = response.content.decode()
    assert "foi.submit_online" in content
    for value in FULL_VALUES:
        assert (value in content) == (visibility == Visibility.FULL)
    if visibility == Visibility.MASKED:
        assert MASKED["id_number"] in content
    if visibility == Visibility.HIDDEN:
        assert NAME not in content
        assert MASKED["id_number"] not in content


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_the_receipt_letter(client, staff, role, visibility):
    users, application = staff
    url = reverse("console:foi-letter", args=[application.pk, "receipt", "docx"])

    response = page(client, users[role], url)

    if visibility is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    # A letter names the applicant and nothing else of theirs.
    for value in FULL_VALUES:
        assert value not in text
    if visibility == Visibility.HIDDEN:
        assert NAME not in text
        assert f"{HIDDEN_NAME}：" in text
    else:
        assert f"{NAME}：" in text


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_the_id_copy_goes_to_those_who_handle_the_case_only(client, staff, role, visibility):
    users, application = staff

    response = page(client, users[role], application.id_copy.url)

    if visibility == Visibility.FULL:
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        b"".join(response.streaming_content)  # read to the end: closes the file
    else:
        assert response.status_code == 404


def test_the_lists_name_no_applicant(client, staff):
    users, application = staff

    content = page(client, users["handler"], reverse("console:foi-list")).content.decode()

    assert application.query_code in content
    assert NAME not in content
    for value in FULL_VALUES:
        assert value not in content
