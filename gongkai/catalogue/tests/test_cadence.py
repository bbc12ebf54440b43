"""Items published for every period: the periods, the expected publications and the ledger."""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from gongkai.agencies.models import Role
from gongkai.catalogue import cadence, services
from gongkai.catalogue.errors import InvalidItemError
from gongkai.catalogue.expected import open_expected_publications
from gongkai.catalogue.models import ExpectedPublication
from gongkai.documents import services as document_services
from gongkai.documents.tests.factories import draft_values, make_agency_item, standard_item
from gongkai.factories import make_agency, make_user
from gongkai.obligations import ledger
from gongkai.obligations.models import Obligation

D = datetime.date
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("every", "day", "period"),
    [
        ("monthly", D(2026, 2, 14), (D(2026, 2, 1), D(2026, 2, 28))),
        ("monthly", D(2024, 2, 29), (D(2024, 2, 1), D(2024, 2, 29))),
        ("monthly", D(2026, 12, 31), (D(2026, 12, 1), D(2026, 12, 31))),
        ("quarterly", D(2026, 5, 1), (D(2026, 4, 1), D(2026, 6, 30))),
        ("quarterly", D(2026, 12, 1), (D(2026, 10, 1), D(2026, 12, 31))),
        ("yearly", D(2026, 7, 9), (D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_the_period_containing_a_day(every, day, period):
    assert cadence.period_containing(every, day) == period


@pytest.mark.parametrize(
    ("every", "since", "today", "starts"),
    [
        # The period running when the cadence was set counts; the running one today does not.
        ("monthly", D(2026, 9, 15), D(2026, 11, 16), [D(2026, 9, 1), D(2026, 10, 1)]),
        ("monthly", D(2026, 11, 1), D(2026, 11, 30), []),
        ("monthly", D(2026, 11, 1), D(2026, 12, 1), [D(2026, 11, 1)]),
        (
            "quarterly",
            D(2026, 2, 1),
            D(2026, 11, 16),
            [D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1)],
        ),
        ("yearly", D(2025, 3, 1), D(2026, 11, 16), [D(2025, 1, 1)]),
        ("", D(2025, 3, 1), D(2026, 11, 16), []),
    ],
)
def test_the_periods_that_have_ended(every, since, today, starts):
    assert [s for s, _e in cadence.ended_periods(every, since=since, today=today)] == starts


@pytest.mark.parametrize(
    ("every", "start", "label"),
    [
        ("monthly", D(2026, 11, 1), "2026年11月"),
        ("quarterly", D(2026, 10, 1), "2026年第4季度"),
        ("yearly", D(2025, 1, 1), "2025年度"),
    ],
)
def test_period_labels(every, start, label):
    assert cadence.period_label(every, start) == label


@pytest.fixture
def world(db):
    agency = make_agency(name="测试县卫生健康局")
    item = make_agency_item(
        agency,
        name="法定传染病疫情信息",
        cadence="monthly",
        cadence_due_working_days=20,
        cadence_since=D(2026, 9, 15),
    )
    return {
        "agency": agency,
        "item": item,
        "publisher": make_user(agency=agency, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=agency, roles=(Role.REVIEWER,)),
    }


def rows(item):
    return {
        e.period_start: Obligation.objects.get(
            kind="catalogue.expected_publication", object_id=e.pk
        )
        for e in ExpectedPublication.objects.filter(agency_item=item)
    }


def publish(world, day):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=SH)):
        document = document_services.create_draft(
            agency=world["agency"],
            actor=world["publisher"],
            values=draft_values(world["item"], formed_on=day),
            issuers=[world["agency"].name],
        )
        document_services.submit_for_review(document=document, actor=world["publisher"])
        document_services.publish(document=document, actor=world["reviewer"])
    return document


def test_each_ended_period_expects_a_record_once(world):
    assert open_expected_publications(today=D(2026, 11, 16)) == 2
    assert open_expected_publications(today=D(2026, 11, 16)) == 0  # idempotent

    by_start = rows(world["item"])
    september, october = by_start[D(2026, 9, 1)], by_start[D(2026, 10, 1)]
    # 20 working days after 30 September: 1–7 October off, Saturday 10 October worked.
    assert september.due_on == D(2026, 11, 3)
    assert october.due_on == D(2026, 11, 27)
    assert september.title == "法定传染病疫情信息（2026年9月）"
    assert september.agency == world["agency"]
    today, now = D(2026, 11, 16), datetime.datetime(2026, 11, 16, 10, tzinfo=SH)
    assert list(ledger.overdue(Obligation.objects.all(), today=today, now=now)) == [september]


def test_a_record_published_after_the_period_fulfils_it(world):
    open_expected_publications(today=D(2026, 11, 16))
    publish(world, D(2026, 9, 20))  # during September: not September's figures

    assert rows(world["item"])[D(2026, 9, 1)].done_on is None
    publish(world, D(2026, 10, 12))

    by_start = rows(world["item"])
    assert by_start[D(2026, 9, 1)].done_on == D(2026, 10, 12)
    assert by_start[D(2026, 9, 1)].is_late is False
    assert by_start[D(2026, 10, 1)].done_on is None  # October's are not out yet


def test_the_daily_run_opens_them(world, settings):
    settings.REMINDER_DIGEST = False
    out = StringIO()
    call_command("reminders", "--date", "2026-11-16", stdout=out)

    assert "catalogue.expected_publications" in out.getvalue()
    assert ExpectedPublication.objects.filter(agency_item=world["item"]).count() == 2


def test_a_not_applicable_item_expects_nothing(world):
    services.mark_not_applicable(item=world["item"], reason="本机关不发布疫情信息", actor=None)
    assert open_expected_publications(today=D(2026, 11, 16)) == 0


def test_deriving_sets_the_standard_cadences(db):
    agency = make_agency()
    disease = standard_item(agency, "G1001")
    accounts = standard_item(agency, "G0402")
    rules = standard_item(agency, "G0201")

    assert (disease.cadence, disease.cadence_due_working_days) == ("monthly", 20)
    assert disease.cadence_since == D(2026, 11, 16)
    assert (accounts.cadence, accounts.cadence_due_working_days) == ("yearly", 165)
    assert rules.cadence == ""


def test_setting_a_cadence_starts_it_today_and_a_wrong_one_is_refused(db):
    agency = make_agency()
    item = standard_item(agency, "G0201")
    admin = make_user(agency=agency, roles=(Role.ADMIN,))

    services.update_item(item=item, actor=admin, cadence="quarterly", cadence_due_working_days=15)
    item.refresh_from_db()
    assert (item.cadence, item.cadence_since) == ("quarterly", D(2026, 11, 16))

    with pytest.raises(InvalidItemError, match="周期无效"):
        services.update_item(item=item, actor=admin, cadence="weekly")
    with pytest.raises(InvalidItemError, match="1至365"):
        services.update_item(item=item, actor=admin, cadence_due_working_days=0)
