"""The annual report is a duty of the obligations ledger: opened for every active agency when
the year ends, due 31 January (条例第四十九条), done when the report is published; the console's
banner and the supervisor's rollup read it."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation
from gongkai.reports.models import AnnualReport, ReportDuty, Status
from gongkai.reports.obligations import ANNUAL_REPORT, duty_row, open_report_duties

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(10), tzinfo=SHANGHAI
    )


@pytest.fixture
def city(db):
    return make_agency(name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def county(city):
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY, parent=city)


def publish(agency, year: int, day: str) -> AnnualReport:
    return AnnualReport.objects.create(
        agency=agency, year=year, status=Status.PUBLISHED, published_at=at(day)
    )


def test_the_sweep_opens_one_duty_per_active_agency_for_the_year_just_ended(city, county):
    make_agency(name="停用的机关", is_active=False)
    assert open_report_duties(today=datetime.date(2026, 1, 1)) == 2
    assert open_report_duties(today=datetime.date(2026, 1, 2)) == 0  # idempotent
    assert set(ReportDuty.objects.values_list("agency_id", "year")) == {
        (city.pk, 2025),
        (county.pk, 2025),
    }
    row = duty_row(county.pk, 2025)
    assert row.due_on == datetime.date(2026, 1, 31)
    assert row.title == "2025年政府信息公开工作年度报告"
    assert row.done_on is None


@pytest.mark.parametrize(("published_on", "late"), [("2026-01-31", False), ("2026-02-01", True)])
def test_publishing_the_report_is_the_duty_done(county, published_on, late):
    open_report_duties(today=datetime.date(2026, 1, 1))
    with time_machine.travel(at(published_on), tick=False):
        publish(county, 2025, published_on)
    row = duty_row(county.pk, 2025)
    assert row.done_on == datetime.date.fromisoformat(published_on)
    assert row.is_late is late


def test_a_report_on_a_year_before_the_sweep_opens_its_duty(county):
    publish(county, 2023, "2024-03-01")
    row = duty_row(county.pk, 2023)
    assert row.is_late is True
    assert Obligation.objects.of_kind(ANNUAL_REPORT).count() == 1


def test_the_banner_and_the_rollup_read_the_ledger(client, city, county):
    publisher = make_user(agency=county, roles=(Role.PUBLISHER,))
    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR,))
    with time_machine.travel(at("2026-02-03"), tick=False):
        client.force_login(publisher)
        home = reverse("console:report-home") + "?year=2025"
        assert "应于" not in client.get(home).content.decode()  # no duty open: no banner
        open_report_duties(today=datetime.date(2026, 1, 1))
        content = client.get(home).content.decode()
        assert "应于2026年1月31日前向社会公布（条例第四十九条），已逾期" in content
        publish(county, 2025, "2026-02-03")
        assert "应于" not in client.get(home).content.decode()
        client.force_login(supervisor)
        rollup = client.get(reverse("console:report-rollup", args=[city.pk, 2025]))
        assert rollup.status_code == 200
        assert rollup.context["rows"][0]["late"] is True


def test_section_five_is_drafted_from_the_ledgers_late_duties(county):
    from django.contrib.contenttypes.models import ContentType

    from gongkai.reports.computation import compute_report
    from gongkai.reports.drafting import draft_problems

    content_type = ContentType.objects.get_for_model(ReportDuty)

    def row(kind, n, done_on, is_late):
        Obligation.objects.create(
            kind=kind,
            content_type=content_type,
            object_id=n,
            agency=county,
            title="x",
            due_on=datetime.date(2025, 3, 1),
            done_on=done_on,
            is_late=is_late,
        )

    row("documents.publication", 1, datetime.date(2025, 3, 9), True)
    row("documents.publication", 2, datetime.date(2025, 3, 9), True)
    row("documents.publication", 3, datetime.date(2025, 2, 9), False)  # on time
    row("documents.publication", 4, datetime.date(2024, 3, 9), True)  # another year
    row("foi.reply", 5, datetime.date(2025, 6, 1), True)
    data = compute_report([county.pk], 2025)
    assert (data.late_publications, data.late_replies) == (2, 1)
    assert draft_problems(data).startswith(
        "本年度有2条主动公开信息逾期发布，1件政府信息公开申请逾期答复。"
    )
