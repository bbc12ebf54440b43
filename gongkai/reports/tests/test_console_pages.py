"""The console's report pages: tables with drill-down, checks, publication, roll-up, access."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_agency, make_user
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, Status
from gongkai.reports.obligations import open_report_duties
from gongkai.reports.tests.factories import make_application
from gongkai.reports.tests.scenario import SHANGHAI, YEAR, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_20_january_2026():
    with time_machine.travel(datetime.datetime(2026, 1, 20, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def city():
    return make_agency(level=Level.CITY, name="测试市卫生健康委员会")


@pytest.fixture
def county(city):
    agency = make_agency(parent=city, name="测试县卫生健康局")
    standard_item(agency, services.REPORT_CATALOGUE_CODE)
    return agency


@pytest.fixture
def expected(county):
    return build_year(county)


@pytest.fixture
def people(city, county):
    other = make_agency()
    return {
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=other, roles=(Role.ADMIN, Role.REVIEWER)),
    }


@pytest.fixture
def duties(county):
    """The daily sweep of 20 January: the reports on 2025 are owed (the obligations ledger)."""
    open_report_duties(today=datetime.date(2026, 1, 20))


def detail(agency):
    return reverse("console:report-detail", args=[agency.pk, YEAR])


def cell(agency, table, row, col):
    return reverse("console:report-cell", args=[agency.pk, YEAR, table, row, col])


def test_the_report_page_links_every_number(client, county, expected, people, duties):
    client.force_login(people["publisher"])

    page = client.get(detail(county))

    content = page.content.decode()
    assert page.status_code == 200
    assert f'href="{cell(county, "b", "carried_in", "total")}">2</a>' in content
    assert f'href="{cell(county, "b", "new", "total")}">26</a>' in content
    assert f'href="{cell(county, "c", "review", "total")}">4</a>' in content
    assert f'href="{cell(county, "a", "normative", "valid")}">4</a>' in content
    assert content.count(f"/console/reports/{county.pk}/{YEAR}/cell/") == 10 + 25 * 7 + 15
    assert "应于2026年1月31日前向社会公布（条例第四十九条），还剩11天" in content
    assert "各列：一 + 二 = 三（七）+ 四" in content
    assert "编制报告草稿" in content


def test_the_drill_down_lists_the_applications(client, county, expected, people):
    client.force_login(people["publisher"])

    page = client.get(cell(county, "b", "carried_in", "total"))

    content = page.content.decode()
    assert page.status_code == 200
    assert expected.apps["carried_in_closed"].query_code in content
    assert expected.apps["carried_in_open"].query_code in content
    assert expected.apps["granted"].query_code not in content
    assert "共2项" in content


def test_the_drill_down_of_records_and_cases(client, county, expected, people):
    client.force_login(people["publisher"])

    records = client.get(cell(county, "a", "normative", "repealed"))
    cases = client.get(cell(county, "c", "litigation_direct", "pending"))
    fees = client.get(cell(county, "a", "fees", "amount"))

    assert records.status_code == cases.status_code == fees.status_code == 200
    assert "共1项" in records.content.decode()
    assert "共2项" in cases.content.decode()
    assert "手工填报：199.43（数据来源：财务科）" in fees.content.decode()


@pytest.mark.parametrize(("table", "row", "col"), [("b", "bogus", "total"), ("x", "a", "b")])
def test_an_unknown_cell_is_not_found(client, county, people, table, row, col):
    client.force_login(people["publisher"])

    assert client.get(cell(county, table, row, col)).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("publisher", 200), ("supervisor", 200), ("outsider", 404)]
)
def test_who_reads_an_agencys_report(client, county, expected, people, who, status):
    client.force_login(people[who])

    assert client.get(detail(county)).status_code == status
    assert client.get(cell(county, "b", "new", "natural")).status_code == status
    export = reverse("console:report-export", args=[county.pk, YEAR, "json"])
    assert client.get(export).status_code == status


def test_the_supervisor_rolls_up_the_subordinates(client, city, county, expected, people):
    make_application(city, received="2025-02-02")
    client.force_login(people["supervisor"])

    page = client.get(reverse("console:report-rollup", args=[city.pk, YEAR]))
    drill = client.get(cell(city, "b", "new", "total") + "?rollup=1")
    export = client.get(
        reverse("console:report-export", args=[city.pk, YEAR, "json"]) + "?rollup=1"
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert f'{cell(city, "b", "new", "total")}?rollup=1">27</a>' in content
    assert "测试县卫生健康局" in content
    assert "共1个下级机关，已发布0个" in content
    assert "共27项" in drill.content.decode()
    assert json.loads(export.content)["table_b"]["new"]["total"] == 27


@pytest.mark.parametrize("who", ["publisher", "outsider"])
def test_only_a_supervisor_sees_the_roll_up(client, city, county, people, who):
    client.force_login(people[who])

    assert client.get(reverse("console:report-rollup", args=[city.pk, YEAR])).status_code == 404
    assert client.get(cell(county, "b", "new", "total") + "?rollup=1").status_code == 404


def test_prepare_write_and_publish_through_the_pages(client, county, expected, people):
    client.force_login(people["publisher"])
    client.post(reverse("console:report-refresh", args=[county.pk, YEAR]))
    report = AnnualReport.objects.get(agency=county, year=YEAR)
    overview = "\n".join(
        line for line in report.section_overview.splitlines() if "【请填写" not in line
    )
    client.post(
        reverse("console:report-texts", args=[county.pk, YEAR]),
        {"overview": overview, "problems": "培训不足，将加强。", "other": "无"},
    )
    publish = reverse("console:report-publish", args=[county.pk, YEAR])
    assert client.post(publish).status_code == 403  # a publisher does not publish the report

    client.force_login(people["reviewer"])
    response = client.post(publish, follow=True)

    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert "年度报告已发布，索引号" in response.content.decode()
    assert report.published_document.document_type == "annual_report"


def test_a_failing_check_needs_a_reason_on_the_page(client, county, expected, people):
    report = services.refresh_report(agency=county, year=YEAR, actor=people["publisher"])
    services.update_texts(
        report=report, actor=people["publisher"], overview="总体", problems="问题", other="无"
    )
    make_application(county, received="2025-06-01", closed="2025-07-01", outcome="")
    client.force_login(people["reviewer"])
    publish = reverse("console:report-publish", args=[county.pk, YEAR])

    page = client.get(detail(county)).content.decode()
    refused = client.post(publish, follow=True).content.decode()
    report.refresh_from_db()
    assert "有2项校验未通过" in page
    assert 'name="override_reason"' in page
    assert "有2项校验未通过。请更正数据，或写明仍要发布的理由。" in refused
    assert report.status == Status.DRAFT

    client.post(publish, {"override_reason": "历史数据缺结果"})
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert report.override_reason == "历史数据缺结果"


def test_a_clerk_enters_a_figure_with_its_source(client, county, people):
    client.force_login(people["publisher"])

    client.post(
        reverse("console:report-figure", args=[county.pk, YEAR]),
        {"key": "licensing.decisions", "value": "1894", "source_note": "政务服务平台"},
    )

    content = client.get(detail(county)).content.decode()
    assert f'href="{cell(county, "a", "licensing", "decisions")}">1894</a>' in content
    assert "行政许可“本年处理决定数量”由测试县卫生健康局填报（1894），数据来源：政务服务平台" in (
        content
    )


def test_the_reports_home_lists_agencies_with_the_january_banner(client, county, people, duties):
    client.force_login(people["publisher"])

    page = client.get(reverse("console:report-home"))

    content = page.content.decode()
    assert page.status_code == 200
    assert "测试县卫生健康局" in content
    assert "还剩11天" in content
    assert reverse("console:report-home") in content  # the nav link 年度报告
