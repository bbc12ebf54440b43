"""Preparing and publishing the report: drafts, texts, clerk figures, checks, the record."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Attribute, DocumentType
from gongkai.documents.models import Status as DocumentStatus
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_agency, make_user
from gongkai.reports import services
from gongkai.reports.errors import ChecksFailed, ReportError
from gongkai.reports.models import ManualFigure, Status
from gongkai.reports.tests.factories import make_application
from gongkai.reports.tests.scenario import SHANGHAI, YEAR, build_year

pytestmark = pytest.mark.django_db
PROBLEMS = "部分科室对依申请公开办理时限把握不准，下一步将加强培训。"


def travel(iso: str):
    moment = datetime.datetime.combine(
        datetime.date.fromisoformat(iso), datetime.time(10), tzinfo=SHANGHAI
    )
    return time_machine.travel(moment, tick=False)


@pytest.fixture(autouse=True)
def _in_january_2026():
    with travel("2026-01-20"):
        yield


@pytest.fixture
def county():
    agency = make_agency(code="HC-COUNTY")
    standard_item(agency, services.REPORT_CATALOGUE_CODE)  # the catalogue has the item
    return agency


@pytest.fixture
def clerk(county):
    return make_user(agency=county, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(county):
    return make_user(agency=county, roles=(Role.REVIEWER,))


@pytest.fixture
def expected(county):
    return build_year(county)


def ready(report, clerk):
    """Fill the sections as a clerk would: placeholders replaced, 五 written."""
    overview = "\n".join(
        line for line in report.section_overview.splitlines() if "【请填写" not in line
    )
    return services.update_texts(
        report=report, actor=clerk, overview=overview, problems=PROBLEMS, other="无"
    )


def test_refresh_creates_a_draft_with_the_figures_and_first_drafts(county, clerk, expected):
    report = services.refresh_report(agency=county, year=YEAR, actor=clerk)

    assert report.status == Status.DRAFT
    assert report.data["table_b"]["new"]["total"] == 26
    assert "本年新收政府信息公开申请26件，上年结转2件；办结24件" in report.section_overview
    assert "【请填写" in report.section_overview
    assert report.section_other == "本年度收取信息处理费共计400元。"
    assert report.section_problems.startswith("【请填写")  # nothing late in the scenario
    assert AuditEvent.objects.filter(action="report.create").count() == 1


def test_refresh_recounts_but_keeps_what_the_clerk_wrote(county, clerk, expected):
    report = services.refresh_report(agency=county, year=YEAR, actor=clerk)
    services.update_texts(report=report, actor=clerk, overview="自写", problems="", other="无")
    make_application(county, received="2025-08-01")

    report = services.refresh_report(agency=county, year=YEAR, actor=clerk)

    assert report.data["table_b"]["new"]["total"] == 27
    assert report.section_overview == "自写"
    assert report.section_other == "无"
    assert AuditEvent.objects.filter(action="report.refresh").count() == 1
    assert AuditEvent.objects.filter(action="report.texts").count() == 1


def test_without_fees_section_six_says_none_were_collected(county, clerk):
    report = services.refresh_report(agency=county, year=YEAR, actor=clerk)

    assert report.section_other == "本年度未收取信息处理费。"


def test_publishing_makes_a_record_in_the_library(county, clerk, reviewer, expected):
    report = ready(services.refresh_report(agency=county, year=YEAR, actor=clerk), clerk)

    report = services.publish_report(report=report, actor=reviewer)

    document = report.published_document
    assert report.status == Status.PUBLISHED
    assert document.document_type == DocumentType.ANNUAL_REPORT
    assert document.status == DocumentStatus.PUBLISHED
    assert document.attribute == Attribute.PROACTIVE
    assert document.index_number == "HC-COUNTY/2026-00001"
    assert document.title == f"{county.name}2025年政府信息公开工作年度报告"
    assert document.catalogue_item.code == "G1101"
    assert document.due_on == datetime.date(2026, 1, 31)
    assert not document.is_late
    assert '<th colspan="3" rowspan="3">' in document.body
    assert '<th rowspan="22" scope="rowgroup">三、本年度办理结果</th>' in document.body
    assert PROBLEMS in document.body
    assert document.issuers.get().agency == county
    assert AuditEvent.objects.filter(action="report.publish").count() == 1
    assert AuditEvent.objects.filter(action="document.publish", object_id=str(document.pk))


def test_publishing_after_31_january_is_late(county, clerk, reviewer):
    report = ready(services.refresh_report(agency=county, year=YEAR, actor=clerk), clerk)

    with travel("2026-02-10"):
        report = services.publish_report(report=report, actor=reviewer)

    assert report.published_document.is_late


def test_a_failed_check_refuses_publication_without_a_reason(county, clerk, reviewer, expected):
    report = ready(services.refresh_report(agency=county, year=YEAR, actor=clerk), clerk)
    make_application(county, received="2025-06-01", closed="2025-07-01", outcome="")

    with pytest.raises(ChecksFailed) as caught:
        services.publish_report(report=report, actor=reviewer)

    assert {check.name for check in caught.value.checks} == {
        "table_b_total",
        "records_consistent",
    }
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_an_override_reason_publishes_and_is_audited(county, clerk, reviewer, expected):
    report = ready(services.refresh_report(agency=county, year=YEAR, actor=clerk), clerk)
    make_application(county, received="2025-06-01", closed="2025-07-01", outcome="")

    report = services.publish_report(
        report=report, actor=reviewer, override_reason="历史数据缺失结果，已书面说明"
    )

    assert report.status == Status.PUBLISHED
    event = AuditEvent.objects.get(action="report.publish")
    assert event.note == "历史数据缺失结果，已书面说明"
    assert {c["name"] for c in event.after["failed_checks"]} == {
        "table_b_total",
        "records_consistent",
    }


def test_placeholders_and_missing_sections_block_publication(county, clerk, reviewer):
    report = services.refresh_report(agency=county, year=YEAR, actor=clerk)

    with pytest.raises(ReportError) as caught:
        services.publish_report(report=report, actor=reviewer)
    assert "占位文字" in caught.value.message

    services.update_texts(
        report=report, actor=clerk, overview=report.section_overview, problems="", other="无"
    )
    with pytest.raises(ReportError) as caught:
        services.publish_report(report=report, actor=reviewer)
    assert caught.value.field == "section_problems"


def test_not_before_the_year_is_over(county, clerk, reviewer):
    with travel("2025-12-30"):
        report = ready(services.refresh_report(agency=county, year=YEAR, actor=clerk), clerk)
        with pytest.raises(ReportError, match="尚未结束"):
            services.publish_report(report=report, actor=reviewer)


def test_the_catalogue_must_hold_the_report_item(clerk, reviewer):
    agency = make_agency()
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    report = ready(services.refresh_report(agency=agency, year=YEAR, actor=reviewer), reviewer)

    with pytest.raises(ReportError, match="G1101"):
        services.publish_report(report=report, actor=reviewer)


def test_a_published_report_is_final(county, clerk, reviewer):
    report = ready(services.refresh_report(agency=county, year=YEAR, actor=clerk), clerk)
    services.publish_report(report=report, actor=reviewer)

    with pytest.raises(ReportError, match="已发布"):
        services.refresh_report(agency=county, year=YEAR, actor=clerk)
    with pytest.raises(ReportError, match="已发布"):
        services.update_texts(report=report, actor=clerk, overview="x", problems="y", other="z")
    with pytest.raises(ReportError, match="已发布"):
        services.set_manual_figure(
            agency=county, year=YEAR, key="fees.amount", value="1", source_note="x", actor=clerk
        )


def test_a_clerk_figure_needs_its_source_and_the_right_kind_of_number(county, clerk):
    with pytest.raises(ReportError) as caught:
        services.set_manual_figure(
            agency=county, year=YEAR, key="fees.amount", value="1.5", source_note="", actor=clerk
        )
    assert caught.value.field == "source_note"
    with pytest.raises(ReportError, match="应为整数"):
        services.set_manual_figure(
            agency=county,
            year=YEAR,
            key="licensing.decisions",
            value="2.5",
            source_note="台账",
            actor=clerk,
        )
    with pytest.raises(ReportError, match="负数"):
        services.set_manual_figure(
            agency=county, year=YEAR, key="fees.amount", value="-1", source_note="台账", actor=clerk
        )

    figure = services.set_manual_figure(
        agency=county, year=YEAR, key="fees.amount", value="199.43", source_note="台账", actor=clerk
    )
    figure = services.set_manual_figure(
        agency=county, year=YEAR, key="fees.amount", value="12", source_note="更正", actor=clerk
    )

    assert ManualFigure.objects.get().value == Decimal("12")
    assert AuditEvent.objects.filter(action="report.figure_set").count() == 2
    services.remove_manual_figure(figure=figure, actor=clerk)
    assert not ManualFigure.objects.exists()
