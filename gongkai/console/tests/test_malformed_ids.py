"""Ids in query strings and forms that are not ids are "not found" or ignored, never a 500
(security review #11, finding 15: /console/documents/?agency=99999999999999999999999 was an
unhandled error, and so was any "digit" that int() refuses, such as "²")."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents.tests.factories import make_document
from gongkai.factories import make_agency, make_user
from gongkai.participation.tests.consultation_factories import make_consultation

pytestmark = pytest.mark.django_db

NOT_IDS = ["99999999999999999999999", "9223372036854775808", "²", "١٢", "0", "-1", " "]


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER, Role.ADMIN))


@pytest.fixture
def consultation(agency, clerk):
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    return make_consultation(agency=agency, publisher=clerk, reviewer=reviewer)


@pytest.mark.parametrize("value", NOT_IDS)
def test_console_lists_ignore_an_agency_that_is_not_an_id(client, clerk, value):
    client.force_login(clerk)

    for name in ["console:document-list", "console:opinion-list", "console:consultation-list"]:
        assert client.get(reverse(name), {"agency": value}).status_code == 200, name


@pytest.mark.parametrize("value", NOT_IDS)
def test_creating_for_an_agency_that_is_not_an_id_is_not_found(client, clerk, value):
    client.force_login(clerk)

    for name in ["console:document-create", "console:consultation-create"]:
        assert client.get(reverse(name), {"agency": value}).status_code == 404, name


@pytest.mark.parametrize("value", NOT_IDS)
def test_linking_to_a_record_that_is_not_an_id_says_it_was_not_found(client, agency, clerk, value):
    document = make_document(agency=agency)
    client.force_login(clerk)

    response = client.post(
        reverse("console:link-add", args=[document.pk]), {"target_index_number": value}
    )

    assert response.status_code == 302


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_comment_that_is_not_an_id_is_not_found(client, clerk, consultation, value):
    client.force_login(clerk)

    response = client.post(
        reverse("console:consultation-action", args=[consultation.pk]),
        {"action": "moderate", "decision": "publish", "reason": "", "comment": value},
    )

    assert response.status_code == 404


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_clause_that_is_not_an_id_is_ignored_on_the_public_page(client, consultation, value):
    response = client.get(
        reverse("portal:consultation-detail", args=[consultation.pk]), {"clause": value}
    )

    assert response.status_code == 200
