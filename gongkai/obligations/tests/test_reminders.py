"""The one daily reminder: a digest per person of what is theirs and overdue or due soon."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.tests.test_services import applicant
from gongkai.obligations.models import DigestSent
from gongkai.participation.tests.mailbox_factories import make_message

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def remind(day: str) -> str:
    out = StringIO()
    call_command("reminders", "--date", day, stdout=out)
    return out.getvalue()


def test_a_digest_goes_once_a_day_to_the_assigned_handler():
    agency = make_agency()
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="colleague@example.org")
    application = services.submit_online(agency=agency, values=applicant(), on=D(2026, 3, 2))
    services.assign_handler(application=application, handler=handler, actor=handler)
    assert application.due_on == D(2026, 3, 30)

    assert "1 digests sent listing 1 duties" in remind("2026-03-25")
    assert "0 digests sent" in remind("2026-03-25")  # idempotent
    remind("2026-03-31")  # now overdue

    assert [m.to for m in mail.outbox] == [["handler@example.org"], ["handler@example.org"]]
    assert "已逾期 0 项，即将到期 1 项" in mail.outbox[0].subject
    assert "已逾期 1 项，即将到期 0 项" in mail.outbox[1].subject
    assert f"依申请公开申请 {application.pk}" in mail.outbox[1].body
    assert "2026-03-30" in mail.outbox[1].body
    assert "/console/obligations/" in mail.outbox[1].body
    assert DigestSent.objects.count() == 2


def test_unassigned_duties_go_to_the_agencys_people_in_the_kinds_roles_only():
    agency = make_agency()
    other = make_agency(name="邻县卫生健康局", code="LX")
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="foi@example.org")
    make_user(agency=agency, roles=(Role.PUBLISHER,), email="publisher@example.org")
    make_user(agency=agency, roles=(Role.REVIEWER,), email="reviewer@example.org")
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="", username="nomail")
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="gone@example.org", is_active=False)
    make_user(agency=other, roles=(Role.FOI_HANDLER, Role.PUBLISHER), email="other@example.org")
    services.submit_online(agency=agency, values=applicant(), on=D(2026, 3, 2))
    make_message(agency)  # due 15 working days after 2026-11-16 (the tests' today)

    remind("2026-03-26")
    assert [m.to for m in mail.outbox] == [["foi@example.org"]]

    remind("2026-12-30")  # both overdue now
    bodies = {m.to[0]: m.body for m in mail.outbox[1:]}
    assert sorted(bodies) == ["foi@example.org", "publisher@example.org"]
    assert "留言" in bodies["publisher@example.org"]
    assert "依申请公开" not in bodies["publisher@example.org"]


def test_nothing_far_from_due_is_reminded():
    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    services.submit_online(agency=agency, values=applicant(), on=D(2026, 3, 2))

    assert "0 digests sent" in remind("2026-03-03")
    assert not mail.outbox


def test_reminders_work_across_the_year_end_before_next_years_notice():
    # Issue #10: overdue needs no 2027 at all; the due-soon window counts provisionally.
    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    overdue = services.submit_online(agency=agency, values=applicant(), on=D(2026, 11, 2))
    due_soon = services.submit_online(agency=agency, values=applicant(), on=D(2026, 12, 7))
    assert overdue.due_on == D(2026, 11, 30)
    assert (due_soon.due_on, due_soon.due_is_provisional) == (D(2027, 1, 5), True)

    remind("2026-12-28")

    (digest,) = mail.outbox
    assert "已逾期 1 项，即将到期 1 项" in digest.subject
    assert "2026-11-30" in digest.body
    assert "2027-01-05（暂定）" in digest.body


def test_overdue_duties_are_reminded_even_when_no_window_can_be_counted():
    from gongkai.workdays import services as calendar_services

    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    services.submit_online(agency=agency, values=applicant(), on=D(2026, 11, 2))
    calendar_services.remove_year(year=2026, actor=None)  # 2027 is now two years ahead

    assert "1 digests sent listing 1 duties" in remind("2027-12-28")
    assert "已逾期 1 项" in mail.outbox[0].subject


def test_the_digest_can_be_switched_off(settings):
    settings.REMINDER_DIGEST = False
    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    services.submit_online(agency=agency, values=applicant(), on=D(2026, 3, 2))

    assert "reminder digests are off" in remind("2026-03-31")
    assert not mail.outbox


def test_a_wrong_date_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        remind("2026-02-30")


def test_the_sweeps_can_run_without_mail():
    agency = make_agency()
    make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")
    services.submit_online(agency=agency, values=applicant(), on=D(2026, 3, 2))

    out = StringIO()
    call_command("reminders", "--date", "2026-03-31", "--no-digest", stdout=out)
    assert "daily sweeps run" in out.getvalue()
    assert not mail.outbox
