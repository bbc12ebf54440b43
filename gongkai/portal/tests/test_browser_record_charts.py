"""In a real browser: statistics drawn as SVG charts with their tables, wide tables as cards on
a 360 px phone (dates and 文号 on one line), the record page's 字号 and print layout, and axe
on every page this changed, in both languages and in large-text mode."""

import pytest

from gongkai.agencies.models import Agency, Role
from gongkai.demo.loading import DEMO_MARK
from gongkai.documents import services
from gongkai.documents.models import Document, DocumentType, Status
from gongkai.documents.tests.factories import make_agency_item, make_document, pdf_bytes
from gongkai.factories import make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.reports.computation import compute_report
from gongkai.reports.models import AnnualReport
from gongkai.reports.models import Status as ReportStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
NUMBER = "演卫发〔2026〕12号"


@pytest.fixture
def demo(restore_demo):
    restore_demo()
    county = Agency.objects.get(code="DEMO-COUNTY")
    reviewer = make_user(agency=county, roles=(Role.REVIEWER,), username="chart-reviewer")
    policy = Document.objects.get(title=f"{DEMO_MARK}演示县家庭医生签约服务管理办法")
    record = make_document(
        catalogue_item=policy.catalogue_item,
        title="关于印发演示县预防接种工作方案的通知",
        document_number=NUMBER,
        document_type=DocumentType.NORMATIVE,
        summary="明确预防接种的服务对象、接种单位和工作要求。",
    )
    services.add_attachment(document=record, actor=None, name="工作方案.pdf", data=pdf_bytes())
    record.status = Status.IN_REVIEW
    record.save(update_fields=["status"])
    waiver = "测试用：不作解读。" if record.needs_interpretation else ""
    services.publish(document=record, actor=reviewer, interpretation_waiver=waiver)
    report_record = make_document(
        catalogue_item=make_agency_item(county, name="政府信息公开工作年度报告"),
        title="演示县卫生健康局2025年政府信息公开工作年度报告",
        document_type=DocumentType.ANNUAL_REPORT,
        status=Status.IN_REVIEW,
    )
    services.publish(document=report_record, actor=reviewer)
    # The demo may have drafted the 2025 report already: this one is published.
    report, _created = AnnualReport.objects.update_or_create(
        agency=county,
        year=2025,
        defaults={
            "status": ReportStatus.PUBLISHED,
            "data": compute_report([county.pk], 2025).to_json(),
            "published_document": report_record,
        },
    )
    return {"record": record, "policy": policy, "report": report}


def changed_pages(demo) -> list[str]:
    return [
        f"/records/{demo['record'].pk}/",
        f"/records/{demo['policy'].pk}/",
        "/policies/",
        "/messages/statistics/",
        "/consultations/",
        f"/annual-reports/{demo['report'].pk}/figures/",
    ]


def assert_fits_phone(page) -> None:
    """Neither the page nor a table inside its scroll box is wider than the phone."""
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 360px phone"
    scrolling = page.evaluate(
        "[...document.querySelectorAll('.table-scroll')]"
        ".filter(box => box.scrollWidth > box.clientWidth + 1)"
        ".map(box => box.innerText.slice(0, 40))"
    )
    assert not scrolling, f"{page.url}: tables wider than a 360px phone: {scrolling}"


def lines_of(locator) -> int:
    """How many lines the cell's own text takes (its label, drawn by CSS, is not text)."""
    return locator.evaluate(
        """cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return tops.size;
        }"""
    )


def test_the_statistics_are_drawn_as_charts_with_their_tables(page, live_server, demo):
    page.goto(f"{live_server.url}/messages/statistics/")

    charts = page.locator("figure.chart")
    assert charts.count() == 3
    drawn = page.locator("svg.chart-svg[role='img']")
    assert drawn.count() >= 1
    first = drawn.first
    assert first.locator("title").text_content() == "每月收到和答复的留言"
    assert "数据见图下的数据表" in first.locator("desc").text_content()
    assert first.bounding_box()["width"] > 300
    assert first.evaluate("svg => svg.querySelectorAll('rect.bar').length") > 0
    table = charts.first.locator("table")
    assert not table.is_visible()
    charts.first.get_by_text("查看数据表").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 12

    page.goto(f"{live_server.url}/annual-reports/{demo['report'].pk}/figures/")
    page.get_by_role("heading", level=1).wait_for()
    assert page.locator("figure.chart").count() == 4
    empty = page.locator("figure.chart", has=page.get_by_text("暂无数据"))
    drawn = page.locator("figure.chart", has=page.locator("svg"))
    assert empty.count() + drawn.count() == 4


def test_wide_tables_become_cards_on_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/policies/")

    row = page.locator("table.card-table tbody tr", has=page.get_by_text(NUMBER))
    number = row.locator("td[data-label='文号']")
    date = row.locator("td[data-label='发布日期']")
    assert number.bounding_box()["width"] > 250  # the card's width, not a squeezed column
    assert lines_of(number) == 1
    assert lines_of(date) == 1
    label = number.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"文号"'
    assert not page.locator("table.card-table thead").first.is_visible() or (
        page.locator("table.card-table thead").first.bounding_box()["height"] <= 1
    )
    assert_fits_phone(page)

    page.goto(f"{live_server.url}/messages/statistics/")
    month = page.locator("main > .table-scroll > table.card-table tbody th.nowrap").first
    assert lines_of(month) == 1
    assert month.bounding_box()["width"] > 250
    assert_fits_phone(page)

    page.goto(f"{live_server.url}/records/{demo['record'].pk}/")
    assert lines_of(page.locator(".meta-table td.nowrap", has_text=NUMBER)) == 1
    assert_fits_phone(page)


def test_text_size_links_change_the_size_without_javascript(browser, live_server, demo):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    url = f"{live_server.url}/records/{demo['record'].pk}/"
    page.goto(url)

    def body_size() -> float:
        page.wait_for_load_state("load")
        return float(page.locator("p, td").first.evaluate("e => getComputedStyle(e).fontSize")[:-2])

    medium = body_size()
    tools = page.get_by_label("字号")
    tools.get_by_role("link", name="小").click()
    page.wait_for_url(url)
    small = body_size()
    page.get_by_label("字号").get_by_role("link", name="大").click()
    page.wait_for_url(url)
    large = body_size()
    assert small < medium < large
    assert page.get_by_label("字号").get_by_role("link", name="大").get_attribute("aria-current")
    context.close()


def test_the_record_prints_without_navigation(page, live_server, demo):
    page.goto(f"{live_server.url}/records/{demo['record'].pk}/")
    assert page.locator(".record-tools").is_visible()

    page.emulate_media(media="print")

    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".record-tools").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text("明确预防接种的服务对象").is_visible()
    assert page.locator("table.attachments").is_visible()


def test_the_record_lists_its_attachment_and_related_files(page, live_server, demo):
    page.goto(f"{live_server.url}/records/{demo['record'].pk}/")

    link = page.locator("table.attachments a[download]")
    assert link.count() == 1
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    related = page.locator("section.related")
    assert related.get_by_role("heading", name="同一目录事项", exact=False).is_visible()
    assert related.get_by_role("link").count() >= 1


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_changed_pages_pass_axe(page, live_server, demo, prefix):
    problems = []
    for path in changed_pages(demo):
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response.status == 200, path
        for details in page.locator("details.chart-data").all():
            details.locator("summary").click()
        problems += axe_problems(page)
    assert_no_axe_problems(problems)


def test_changed_pages_pass_axe_in_large_text_on_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="大字模式").click()
    problems = []
    for path in changed_pages(demo):
        page.goto(f"{live_server.url}{path}")
        assert "large-text" in (page.locator("body").get_attribute("class") or "")
        assert_fits_phone(page)
        problems += axe_problems(page)
    assert_no_axe_problems(problems)
