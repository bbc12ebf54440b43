"""In a real browser, on the demo: the 疫情 and 价格 pages pass axe in Chinese and English, on
a desktop and on a phone (tables as cards), the price search is a GET form, and the month's
charts sit above their tables."""

import pytest
from playwright.sync_api import expect

from gongkai.diseases.models import MonthlyReport
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 800}
COUNTY = "DEMO-COUNTY"
HOSPITAL = "DEMO-COUNTY-HOSP"


def _pages() -> list[str]:
    latest = MonthlyReport.objects.filter(agency__code=COUNTY).order_by("-month").first()
    return [
        f"/agencies/{COUNTY}/diseases/",
        f"/agencies/{COUNTY}/diseases/{latest.month:%Y-%m}/",
        f"/agencies/{COUNTY}/prices/",
        f"/agencies/{COUNTY}/prices/{HOSPITAL}/service/",
        f"/agencies/{COUNTY}/prices/{HOSPITAL}/service/?q=门诊",
        f"/agencies/{COUNTY}/prices/{HOSPITAL}/drug/",
        f"/agencies/{COUNTY}/prices/{HOSPITAL}/service/items/210300001/",
    ]


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_the_new_public_pages_pass_axe(page, live_server, restore_demo, prefix):
    restore_demo()
    problems = []
    for path in _pages():
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert_no_axe_problems(problems)


def test_on_a_phone_tables_are_cards_and_search_works(page, live_server, restore_demo):
    restore_demo()
    page.set_viewport_size(PHONE)
    problems = []
    for path in _pages():
        page.goto(f"{live_server.url}{path}")
        problems += axe_problems(page)
    assert_no_axe_problems(problems)
    page.goto(f"{live_server.url}/agencies/{COUNTY}/prices/{HOSPITAL}/service/")
    page.get_by_label("项目名称或编码").fill("CT")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("status")).to_contain_text("共 1 项")
    assert "q=CT" in page.url
    cell = page.locator("table.card-table td[data-label='价格（元）']").first
    expect(cell).to_have_text("130.00")
    # Below 600 px a row is a card: the cell shows its column's label.
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert "价格" in label
    page.get_by_role("link", name="CT平扫（每部位）").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CT平扫（每部位）")
    expect(page.locator("table.card-table")).to_contain_text("150.00")


def test_the_console_pages_pass_axe(page, live_server, restore_demo):
    from gongkai.prices.models import PriceVersion

    restore_demo()
    report = MonthlyReport.objects.filter(agency__code=COUNTY).order_by("-month").first()
    version = PriceVersion.objects.filter(price_list__institution__code=HOSPITAL).first()
    from gongkai.diseases import services

    draft = services.start_correction(report=report, actor=report.drafted_by, reason="补报")
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("county_publisher")
    page.get_by_label("密码").fill("demo-publisher-2026")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的工作")).to_be_visible()
    problems = []
    for path in [
        "/console/diseases/",
        f"/console/diseases/{report.pk}/",
        f"/console/diseases/{draft.pk}/",  # the 40-row form
        "/console/diseases/import/",
        "/console/prices/",
        f"/console/prices/{version.price_list_id}/",
        f"/console/prices/versions/{version.pk}/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert_no_axe_problems(problems)
