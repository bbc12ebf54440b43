"""The staff API gives an applicant's personal data whole only to those who handle the case,
masked to the agency's other staff and not at all to supervisors, and says which it did
(hardening issue #11, finding 9)."""

import pytest

from gongkai.api.auth import issue_token
from gongkai.foi.personal_data import Visibility
from gongkai.foi.tests.staff_roles import (
    EXPECTED,
    FULL_VALUES,
    MASKED,
    NAME,
    make_staff_and_application,
)
from gongkai.foi.tests.test_services import RESIDENT_ID

pytestmark = pytest.mark.django_db
STAFF = "/api/staff/applications"
CONTACT_FIELDS = ("contact_person", "id_type", "id_number", "phone", "email", "address", "postcode")


@pytest.fixture
def staff():
    return make_staff_and_application()


def get(client, user, url):
    key = issue_token(user=user)[1]
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_the_detail(client, staff, role, visibility):
    users, application = staff

    response = get(client, users[role], f"{STAFF}/{application.pk}")

    if visibility is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.json()
    assert body["personal_data"] == visibility
    content = response.content.decode()
    if visibility == Visibility.FULL:
        assert body["id_number"] == RESIDENT_ID
        assert body["applicant_name"] == NAME
        assert body["phone"] == application.phone
        return
    for value in FULL_VALUES:
        assert value not in content
    if visibility == Visibility.MASKED:
        assert body["applicant_name"] == NAME
        assert {name: body[name] for name in MASKED} == MASKED
    else:
        assert body["applicant_name"] == "申请人（已隐去）"
        assert NAME not in content
        assert {body[name] for name in CONTACT_FIELDS} == {None}
        assert body["applicant_type"]["value"] == "natural"


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_the_list(client, staff, role, visibility):
    users, application = staff

    response = get(client, users[role], STAFF)

    assert response.status_code == 200
    results = response.json()["results"]
    if visibility is None:
        assert application.pk not in [row["id"] for row in results]
        return
    (row,) = results
    assert row["personal_data"] == visibility
    assert (row["applicant_name"] == NAME) == (visibility != Visibility.HIDDEN)
    assert (NAME in response.content.decode()) == (visibility != Visibility.HIDDEN)


def test_the_openapi_document_says_how_personal_data_is_shown(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]

    detail = schemas["ApplicationDetailOut"]["properties"]
    assert "personal_data" in detail
    assert "masked" in detail["personal_data"]["description"]
    assert "null" in detail["id_number"]["description"]
