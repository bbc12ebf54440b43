"""Applicants' ID numbers, phones and addresses never reach public pages, feeds or the API."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.foi import consultation_services, services
from gongkai.foi.tests.test_services import RESIDENT_ID, applicant

pytestmark = pytest.mark.django_db
PRIVATE = (RESIDENT_ID, "13812345678", "和平里九号院", "private-mail@example.org")


@pytest.fixture
def application():
    agency = make_agency(code="PRIV-1")
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    item = make_agency_item(agency)
    make_published_document(
        catalogue_item=item,
        status=Status.IN_REVIEW,
        reviewer=make_user(agency=agency, roles=(Role.REVIEWER,)),
    )
    application = services.submit_online(
        agency=agency,
        values=applicant(
            phone="13812345678", address="和平里九号院", email="private-mail@example.org"
        ),
    )
    consultation_services.start_consultation(
        application=application, actor=handler, on=application.received_on, party="第三方"
    )
    return application


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/agencies/PRIV-1/",
        "/agencies/PRIV-1/guide/",
        "/agencies/PRIV-1/catalogue/",
        "/policies/",
        "/search/?q=卫生",
        "/feeds/records/",
        "/feeds/agencies/PRIV-1/",
        "/sitemap-records.xml",
        "/api/records",
        "/api/agencies/PRIV-1",
        "/api/search?q=卫生",
    ],
)
def test_no_public_output_contains_applicant_data(client, application, url):
    response = client.get(url)
    content = response.content.decode()

    assert response.status_code == 200, url
    for private in PRIVATE:
        assert private not in content


def test_the_progress_page_shows_no_applicant_data(client, application):
    content = client.post(
        reverse("portal:foi-progress"),
        {"query_code": application.query_code, "secret": "13812345678"},
    ).content.decode()

    assert application.query_code in content
    for private in PRIVATE:
        assert private not in content
