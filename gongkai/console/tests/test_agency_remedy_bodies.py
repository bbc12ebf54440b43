"""The review body (行政复议机关) and the court an agency names in its reply letters: set on the
console's guide page by the agency's administrator, or in the Django admin."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


def test_the_agency_admin_sets_the_review_body_and_court_on_the_guide_page(client):
    agency = make_agency()
    admin = make_user(agency=agency, roles=(Role.ADMIN,))
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    url = reverse("console:agency-guide", args=[agency.pk])

    client.force_login(handler)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "行政复议机关" in page.content.decode()

    response = client.post(url, {"review_body": "某县人民政府", "court": "某县人民法院"})

    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.review_body, agency.court) == ("某县人民政府", "某县人民法院")
    event = AuditEvent.objects.for_object(agency).get(action="agency.guide_update")
    assert event.after["review_body"] == "某县人民政府"


def test_the_django_admin_edits_them_too(client, django_user_model):
    agency = make_agency()
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(superuser)

    page = client.get(reverse("admin:agencies_agency_change", args=[agency.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert 'name="review_body"' in content
    assert 'name="court"' in content
