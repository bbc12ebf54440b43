"""Django admin shows audit snapshots through the filter their app registered: system
administrators see no applicant's personal data there either (hardening issue #11, finding 9)."""

import pytest

from gongkai.audit.display import admin_snapshot
from gongkai.audit.models import AuditEvent
from gongkai.foi.tests.staff_roles import FULL_VALUES, NAME, make_staff_and_application

pytestmark = pytest.mark.django_db


def test_an_application_s_event_shows_no_applicant_in_the_admin(client):
    users, application = make_staff_and_application()
    event = AuditEvent.objects.for_object(application).get()
    client.force_login(users["system_admin"])

    response = client.get(f"/admin/audit/auditevent/{event.pk}/change/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "foi.submit_online" in content
    assert application.query_code in content  # the event is shown, its snapshot stripped
    for value in (*FULL_VALUES, NAME):
        assert value not in content
    assert event.after["phone"] == application.phone  # the row itself is unchanged


def test_snapshots_of_models_without_a_filter_are_shown_as_recorded():
    assert admin_snapshot("documents.document", {"title": "标题"}) == {"title": "标题"}
