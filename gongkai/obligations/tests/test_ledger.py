"""The ledger follows every app's duties in the same transaction, and a rebuild gives the
same rows as the incremental updates."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from gongkai.agencies.models import Role
from gongkai.documents import services as document_services
from gongkai.documents.tests.factories import draft_values, make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.tests.test_services import applicant
from gongkai.obligations import ledger, services
from gongkai.obligations.models import Obligation
from gongkai.obligations.registry import registered_kinds
from gongkai.obligations.rules import State
from gongkai.participation import mailbox_services, opinion_services
from gongkai.participation.models import Severity
from gongkai.participation.tests.mailbox_factories import make_answered_message, make_message
from gongkai.workdays import services as calendar_services

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(day: D, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SH)


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(name="测试县卫生健康局")


def row(obj, kind):
    return Obligation.objects.get(
        kind=kind, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def snapshot():
    return sorted(
        Obligation.objects.values_list(
            "kind",
            "content_type_id",
            "object_id",
            "agency_id",
            "title",
            "due_on",
            "due_at",
            "is_provisional",
            "done_on",
            "done_at",
            "is_late",
            "assignee_id",
        )
    )


def test_an_application_owes_its_reply_until_it_is_given(agency):
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    application = foi_services.submit_online(agency=agency, values=applicant())

    obligation = row(application, "foi.reply")
    assert (obligation.agency, obligation.due_on, obligation.done_on) == (
        agency,
        application.due_on,
        None,
    )
    assert "张" not in obligation.title  # no applicant's name in the ledger
    foi_services.assign_handler(application=application, handler=handler, actor=handler)
    assert row(application, "foi.reply").assignee == handler

    foi_services.draft_reply(
        application=application, actor=handler, outcome="granted", text="予以公开。"
    )
    foi_services.approve_reply(application=application, actor=reviewer, on=D(2026, 3, 2))

    obligation = row(application, "foi.reply")
    assert obligation.done_on == D(2026, 3, 2)
    assert obligation.is_late is False
    today, now = D(2026, 3, 2), at(D(2026, 3, 2))
    assert ledger.state_of(obligation, today=today, now=now) == State.DONE_ON_TIME


def test_a_message_is_done_when_answered_or_not_accepted(agency):
    handler = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    answered = make_answered_message(agency, handler=handler, reviewer=reviewer)
    rejected = make_message(agency)
    mailbox_services.reject_message(
        message=rejected, actor=handler, ground="petition", reason="请向信访部门反映。"
    )
    waiting = make_message(agency)

    assert row(answered, "participation.message_reply").done_at == answered.answered_at
    rejected.refresh_from_db()
    assert rejected.rejected_at is not None
    assert row(rejected, "participation.message_reply").done_at == rejected.rejected_at
    open_row = row(waiting, "participation.message_reply")
    assert (open_row.due_on, open_row.done_on) == (waiting.due_on, None)


def test_an_opinion_event_owes_a_response_within_hours(agency):
    officer = make_user(agency=agency, roles=(Role.PUBLISHER,))
    event = opinion_services.record_opinion_event(
        agency=agency,
        actor=officer,
        title="网传某医院拒收急诊病人",
        source="social_media",
        summary="微博视频称某医院急诊拒收病人。",
        first_seen_at=at(D(2026, 3, 2), 8),
        severity=Severity.GENERAL,
        responsible_unit="县人民医院",
    )
    obligation = row(event, "participation.opinion_response")
    assert obligation.due_at == event.respond_by
    assert obligation.due_on == event.respond_by.astimezone(SH).date()

    now = at(D(2026, 3, 2), 10)
    opinion_services.record_response(
        event=event, actor=officer, kind="statement", responded_at=now, summary="已核实，正在处理。"
    )
    obligation = row(event, "participation.opinion_response")
    assert obligation.done_at == now
    assert obligation.is_late is False


def test_a_proactive_record_owes_its_publication_and_the_calendar_moves_it(
    agency, django_capture_on_commit_callbacks
):
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    admin = make_user(is_superuser=True)
    item = make_agency_item(agency)
    document = document_services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(item, formed_on=D(2026, 3, 2)),
        issuers=[agency.name],
    )
    assert row(document, "documents.publication").due_on == document.due_on == D(2026, 3, 30)

    # A holiday added to the calendar re-derives the due date, and the ledger with it.
    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.set_special_day(
            year=2026, day=D(2026, 3, 16), kind="holiday", name="测试假日", actor=admin
        )
    document.refresh_from_db()
    assert row(document, "documents.publication").due_on == document.due_on == D(2026, 3, 31)

    document_services.submit_for_review(document=document, actor=publisher)
    document_services.publish(document=document, actor=reviewer)
    assert row(document, "documents.publication").done_on == D(2026, 3, 2)


def test_a_record_withheld_owes_no_publication(agency):
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    item = make_agency_item(agency)
    document = document_services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(
            item,
            attribute="withheld",
            withholding_reason="涉及国家秘密",
            withholding_basis="art14_secret",
        ),
        issuers=[agency.name],
    )
    assert not Obligation.objects.filter(object_id=document.pk, kind="documents.publication")


def test_overdue_and_due_soon_are_counted_per_agency(agency):
    other = make_agency(name="邻县卫生健康局", code="LX")
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        late = foi_services.submit_online(agency=agency, values=applicant())
    soon = foi_services.submit_online(agency=agency, values=applicant())
    foi_services.submit_online(agency=other, values=applicant())

    today = D(2026, 3, 26)
    now = at(today)
    rows = Obligation.objects.all()
    assert list(ledger.overdue(rows, today=today, now=now)) == [row(late, "foi.reply")]
    mine = rows.for_agencies([agency.pk])
    assert list(ledger.due_soon(mine, today=today, now=now)) == [row(soon, "foi.reply")]
    counts = ledger.counts_by_agency(rows, today=today, now=now)
    assert (counts[agency.pk].open, counts[agency.pk].overdue, counts[agency.pk].due_soon) == (
        2,
        1,
        1,
    )
    assert (counts[other.pk].open, counts[other.pk].overdue) == (1, 0)


def test_a_failed_state_change_leaves_no_row(agency):
    seen_inside = []

    def submit_then_fail():
        with transaction.atomic():
            application = foi_services.submit_online(agency=agency, values=applicant())
            seen_inside.append(Obligation.objects.filter(object_id=application.pk).exists())
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        submit_then_fail()
    assert seen_inside == [True]
    assert not Obligation.objects.exists()


def test_rebuild_restores_the_rows_and_an_empty_ledger_is_built_after_migrate(agency):
    handler = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    foi_services.submit_online(agency=agency, values=applicant())
    make_answered_message(agency, handler=handler, reviewer=reviewer)
    before = snapshot()
    assert len(before) == 2

    Obligation.objects.all().delete()
    services.build_if_empty()
    assert snapshot() == before

    Obligation.objects.filter(kind="foi.reply").update(due_on=D(2030, 1, 1), title="错")
    counts = services.rebuild()
    assert set(counts) == {kind.code for kind in registered_kinds()}  # every kind rebuilt
    assert (counts["foi.reply"], counts["participation.message_reply"]) == (1, 1)
    assert sum(counts.values()) == 2
    assert snapshot() == before


@pytest.mark.django_db
def test_a_rows_title_is_stored_in_the_sites_language_whoever_saved(agency):
    """A clerk reading the English UI saves a case: the row's stored title is still Chinese, as
    every other reader of the ledger (reminders, the supervisor) sees it."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from gongkai.agencies.models import Agency
    from gongkai.obligations.registry import ObligationKind, Spec

    kind = ObligationKind(
        code="test.language",
        label="test",
        model=Agency,
        describe=lambda obj: Spec(agency_id=obj.pk, title=_("留言答复"), due_on=D(2026, 3, 20)),
        all_objects=lambda: [],
    )
    with translation.override("en"):
        assert _("留言答复") != "留言答复"  # the English catalogue translates it
        row = services.sync_subject(kind, agency)
    assert row.title == "留言答复"
