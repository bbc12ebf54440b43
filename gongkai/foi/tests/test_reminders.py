"""The daily reminder command: due soon and overdue, once per day."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.models import Reminder
from gongkai.foi.tests.test_services import applicant

pytestmark = pytest.mark.django_db


def test_reminders_go_once_a_day_to_the_handler(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agency = make_agency()
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    application = services.submit_online(
        agency=agency, values=applicant(), on=datetime.date(2026, 3, 2)
    )
    services.assign_handler(application=application, handler=handler, actor=handler)
    application.refresh_from_db()
    assert application.due_on == datetime.date(2026, 3, 30)

    out = StringIO()
    call_command("foi_reminders", "--date", "2026-03-25", stdout=out)
    call_command("foi_reminders", "--date", "2026-03-25", stdout=out)  # idempotent
    call_command("foi_reminders", "--date", "2026-03-31", stdout=out)  # now overdue

    assert [m.to for m in mail.outbox] == [["handler@example.org"], ["handler@example.org"]]
    assert "即将到期" in mail.outbox[0].subject
    assert "已超期" in mail.outbox[1].subject
    assert Reminder.objects.count() == 2


def test_nothing_far_from_due_is_reminded():
    agency = make_agency()
    services.submit_online(agency=agency, values=applicant(), on=datetime.date(2026, 3, 2))

    call_command("foi_reminders", "--date", "2026-03-03", stdout=StringIO())

    assert not Reminder.objects.exists()
