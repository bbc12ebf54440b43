"""The supervisor's findings: silent accounts from the ledger, and the consistency list."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.newmedia import activity_services
from gongkai.newmedia.tests.factories import make_open_account
from gongkai.supervision import findings
from gongkai.supervision.periods import Period

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _scope(agency, today: datetime.date) -> findings.Scope:
    now = datetime.datetime.combine(today, datetime.time(12), tzinfo=SHANGHAI)
    return findings.Scope(frozenset({agency.pk}), Period.year(today.year), today, now)


@pytest.mark.parametrize(
    ("updated_ago", "silent"),
    [(0, False), (13, False), (14, False), (15, True), (60, True)],
)
def test_account_silent_longer_than_two_weeks_is_a_finding(updated_ago, silent):
    agency = make_agency()
    admin = make_user(agency=agency, roles=(Role.ADMIN,))
    account = make_open_account(agency, admin=admin)
    today = account.opened_on + datetime.timedelta(days=100)
    updated_on = today - datetime.timedelta(days=updated_ago)
    with time_machine.travel(datetime.datetime.combine(updated_on, datetime.time(9), SHANGHAI)):
        activity_services.record_update(account=account, actor=admin, updated_on=updated_on)
    kind = findings.get_kind("newmedia_silent")
    scope = _scope(agency, today)
    assert kind.count(scope).counts.get(agency.pk, 0) == (1 if silent else 0)
    assert kind.objects(scope, agency.pk) == ([account] if silent else [])


def test_inconsistency_is_a_finding():
    agency = make_agency()
    make_open_account(agency)
    item = make_agency_item(agency, channels=["两微一端"])
    document = make_published_document(agency=agency, catalogue_item=item)
    kind = findings.get_kind("newmedia_inconsistent")
    scope = _scope(agency, document.published_at.date() + datetime.timedelta(days=10))
    assert kind.count(scope).counts == {agency.pk: 1}
    assert [gap.document for gap in kind.objects(scope, agency.pk)] == [document]
