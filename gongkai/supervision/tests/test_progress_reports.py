"""Half-yearly progress reports: the periods, opening, writing, submitting, reviewing, the
ledger row and the console pages."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation
from gongkai.supervision import progress_services as services
from gongkai.supervision.progress import Half, halves_to_open
from gongkai.supervision.progress_models import ProgressReport, ReportStatus

D = datetime.date


@pytest.mark.parametrize(
    ("half", "end", "due", "label"),
    [
        (Half(2026, 1), D(2026, 6, 30), D(2026, 7, 10), "2026年上半年"),
        (Half(2026, 2), D(2026, 12, 31), D(2027, 1, 10), "2026年下半年及全年"),
    ],
)
def test_halves(half, end, due, label):
    assert (half.end, half.due_on, half.label) == (end, due, label)


@pytest.mark.parametrize(
    ("today", "opened"),
    [
        (D(2026, 12, 6), []),  # the first half ended in June: long past, not back-filled
        (D(2027, 1, 1), [Half(2026, 2)]),
        (D(2027, 2, 28), [Half(2026, 2)]),
        (D(2027, 3, 2), []),
        (D(2026, 7, 1), [Half(2026, 1)]),
    ],
)
def test_which_halves_are_opened(today, opened):
    assert halves_to_open(today) == opened


@pytest.fixture
def world(db):
    city = make_agency(name="示例市卫生健康委员会", code="CITY", level=Level.CITY)
    county = make_agency(name="示例县卫生健康局", code="COUNTY", parent=city)
    return {
        "city": city,
        "county": county,
        "other": make_agency(name="邻县卫生健康局", code="OTHER", parent=None),
        "clerk": make_user(agency=county, roles=(Role.ADMIN,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
    }


def opened(world):
    services.open_progress_reports(today=D(2027, 1, 2))
    return ProgressReport.objects.get(agency=world["county"])


def ledger_row(report):
    return Obligation.objects.get(kind="supervision.progress_report", object_id=report.pk)


def test_each_subordinate_gets_its_report_once_with_last_contacts(world):
    ProgressReport.objects.create(
        agency=world["county"],
        year=2026,
        half=1,
        due_on=D(2026, 7, 10),
        contact_name="王五",
        contact_phone="0356-1234567",
    )
    assert services.open_progress_reports(today=D(2027, 1, 2)) == 1  # the county, not the city
    assert services.open_progress_reports(today=D(2027, 1, 2)) == 0

    report = ProgressReport.objects.get(agency=world["county"], year=2026, half=2)
    assert (report.due_on, report.contact_name, report.contact_phone) == (
        D(2027, 1, 10),
        "王五",
        "0356-1234567",
    )
    assert ledger_row(report).due_on == D(2027, 1, 10)


def test_write_submit_return_resubmit_accept_all_audited_and_in_the_ledger(world):
    report = opened(world)
    clerk, supervisor = world["clerk"], world["supervisor"]
    with pytest.raises(services.ProgressReportError, match="工作开展情况"):
        services.submit_report(report=report, actor=clerk)

    services.save_report(
        report=report,
        actor=clerk,
        values={
            "work_done": "主动公开信息 120 条。",
            "contact_name": "李四",
            "contact_phone": "0356-7654321",
        },
    )
    with time_machine.travel(datetime.datetime(2027, 1, 8, 10, tzinfo=datetime.UTC)):
        services.submit_report(report=report, actor=clerk)
    assert ledger_row(report).done_on == D(2027, 1, 8)

    with pytest.raises(services.ProgressReportError, match="写明"):
        services.review_report(report=report, actor=supervisor, accept=False)
    services.review_report(report=report, actor=supervisor, accept=False, comments="请补充数据。")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert ledger_row(report).done_on is None  # open again

    with time_machine.travel(datetime.datetime(2027, 1, 12, 10, tzinfo=datetime.UTC)):
        services.submit_report(report=report, actor=clerk)
    services.review_report(report=report, actor=supervisor, accept=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    row = ledger_row(report)
    assert (row.done_on, row.is_late) == (D(2027, 1, 12), True)
    events = AuditEvent.objects.for_object(report).order_by("pk")  # in the order written
    actions = list(events.values_list("action", flat=True))
    assert actions == [
        "supervision.progress_report.saved",
        "supervision.progress_report.submitted",
        "supervision.progress_report.returned",
        "supervision.progress_report.submitted",
        "supervision.progress_report.accepted",
    ]
    with pytest.raises(services.ProgressReportError, match="已报送"):
        services.save_report(report=report, actor=clerk, values={"work_done": "改"})


def test_who_may_write_and_review(world):
    report = opened(world)
    assert services.can_write(world["clerk"], report)
    assert not services.can_write(world["reviewer"], report)
    assert not services.can_write(world["supervisor"], report)
    assert services.can_review(world["supervisor"], report)
    assert not services.can_review(world["clerk"], report)


def test_the_console_pages(client, world):
    report = opened(world)
    client.force_login(world["clerk"])
    page = client.get("/console/progress-reports/").content.decode()
    assert "2026年下半年及全年" in page

    response = client.post(
        f"/console/progress-reports/{report.pk}/",
        {"action": "submit", "work_done": "", "contact_name": "李四", "contact_phone": "1"},
    )
    assert "报送前请填写“工作开展情况”" in response.content.decode()  # nothing lost:
    assert "李四" in response.content.decode()
    response = client.post(
        f"/console/progress-reports/{report.pk}/",
        {
            "action": "submit",
            "work_done": "主动公开 120 条。",
            "contact_name": "李四",
            "contact_phone": "0356-7654321",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(
            f"/console/progress-reports/{report.pk}/", {"action": "review", "decision": "accept"}
        ).status_code
        == 403
    )  # the county cannot accept its own report

    client.force_login(world["supervisor"])
    overview = client.get("/console/progress-reports/").content.decode()
    assert "下级机关报送情况：2026年下半年及全年" in overview
    assert "0356-7654321" in overview
    response = client.post(
        f"/console/progress-reports/{report.pk}/",
        {"action": "review", "decision": "return", "comments": "请补充数据。"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_another_agency_cannot_see_it(client, world):
    report = opened(world)
    client.force_login(make_user(agency=world["other"], roles=(Role.ADMIN, Role.SUPERVISOR)))
    assert client.get(f"/console/progress-reports/{report.pk}/").status_code == 404


def test_the_daily_run_opens_them(world, settings):
    out = StringIO()
    call_command("reminders", "--date", "2027-01-02", "--no-digest", stdout=out)
    assert "supervision.progress_reports" in out.getvalue()
    assert ProgressReport.objects.filter(agency=world["county"]).count() == 1
