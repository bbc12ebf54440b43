"""Reading the ledger for lists: an owning app's queryset annotated with the row's due day,
and each object's clock (its state today) in one query."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.obligations import ledger
from gongkai.obligations.models import Obligation
from gongkai.obligations.rules import State
from gongkai.participation.models import PublicMessage
from gongkai.participation.tests.mailbox_factories import make_answered_message, make_message

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
KIND = "participation.message_reply"
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SH), tick=False):
        yield


def move_due(message, due_on):
    Obligation.objects.filter(
        kind=KIND,
        content_type=ContentType.objects.get_for_model(PublicMessage),
        object_id=message.pk,
    ).update(due_on=due_on)


def test_with_due_on_reads_the_ledger_row_not_the_owner_column():
    agency = make_agency()
    message = make_message(agency)
    move_due(message, datetime.date(2026, 4, 1))

    (annotated,) = ledger.with_due_on(PublicMessage.objects.filter(pk=message.pk), KIND)

    assert annotated.ledger_due_on == datetime.date(2026, 4, 1)
    assert annotated.due_on != annotated.ledger_due_on


def test_with_due_on_unselected_filters_and_sorts_without_reading_the_day():
    agency = make_agency()
    early, late = make_message(agency), make_message(agency)
    move_due(early, datetime.date(2026, 4, 1))
    move_due(late, datetime.date(2026, 5, 1))
    messages = ledger.with_due_on(PublicMessage.objects.all(), KIND, selected=False)

    found = messages.filter(ledger_due_on__lte=datetime.date(2026, 4, 15))
    assert [m.pk for m in found] == [early.pk]
    assert [m.pk for m in messages.order_by("-ledger_due_on")] == [late.pk, early.pk]
    assert "ledger_due_on" not in str(messages.query).split(" FROM ")[0]  # not selected


def test_clocks_give_each_object_its_state_in_a_fixed_number_of_queries():
    agency = make_agency()
    handler = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    soon, late, later = make_message(agency), make_message(agency), make_message(agency)
    move_due(late, TODAY - datetime.timedelta(days=1))
    move_due(later, TODAY + datetime.timedelta(days=30))
    answered = make_answered_message(agency, handler=handler, reviewer=reviewer)
    ids = [soon.pk, late.pk, later.pk, answered.pk]
    now = datetime.datetime.now(tz=SH)

    with CaptureQueriesContext(connection) as one:
        ledger.clocks_among(KIND, ids[:1], today=TODAY, now=now)
    with CaptureQueriesContext(connection) as four:
        clocks = ledger.clocks_among(KIND, ids, today=TODAY, now=now)

    assert len(four) == len(one)  # the rows in one query, the warning window counted once

    assert clocks[soon.pk].state == State.DUE_SOON
    assert clocks[late.pk].state == State.OVERDUE
    assert clocks[later.pk].state == State.OPEN
    assert clocks[answered.pk].state == State.DONE_ON_TIME
    assert not clocks[answered.pk].is_done_unknown
