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


def test_reminders_work_across_the_year_end_before_next_years_notice(settings):
    # Issue #10: `foi_reminders --date 2026-12-28` failed with a CommandError, so even the
    # overdue reminders stopped. Overdue needs no 2027 at all; due-soon counts provisionally.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    overdue = services.submit_online(
        agency=agency, values=applicant(), on=datetime.date(2026, 11, 2)
    )
    due_soon = services.submit_online(
        agency=agency, values=applicant(), on=datetime.date(2026, 12, 7)
    )
    assert overdue.due_on == datetime.date(2026, 11, 30)
    # Dec 8–11, 14–18, 21–25, 28–31 are 18 working days, 2027-01-01 off: Jan 4, 5.
    assert (due_soon.due_on, due_soon.due_is_provisional) == (datetime.date(2027, 1, 5), True)

    out = StringIO()
    call_command("foi_reminders", "--date", "2026-12-28", stdout=out)

    assert "1 due-soon, 1 overdue and 0 expired-consultation reminders sent" in out.getvalue()
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("已超期" in s and "2026-11-30" in s for s in subjects)
    assert any("即将到期" in s and "2027-01-05（暂定）" in s for s in subjects)


def test_overdue_reminders_go_out_even_when_the_window_cannot_be_counted(settings):
    from gongkai.workdays import services as calendar_services

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    services.submit_online(agency=agency, values=applicant(), on=datetime.date(2026, 11, 2))
    calendar_services.remove_year(year=2026, actor=None)  # 2027 is now two years ahead

    out = StringIO()
    call_command("foi_reminders", "--date", "2027-12-28", stdout=out)

    assert "0 due-soon, 1 overdue and 0 expired-consultation reminders sent" in out.getvalue()
