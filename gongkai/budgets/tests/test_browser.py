"""Browser tests: the 三公 page on a phone (390 px: the table reads as cards, the page does not
scroll sideways, the chart is visible); axe-core on the new public pages (Chinese, English,
large text on a phone, the withdrawn notice) and on the console pages."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from gongkai.agencies.models import Role
from gongkai.budgets import publication
from gongkai.budgets.tests.factories import make_published_table, make_table
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def tables():
    agency = make_agency(code="HC-COUNTY", name="示例县卫生健康局")
    clerk = make_user(username="clerk", agency=agency, roles=(Role.PUBLISHER,))
    boss = make_user(username="boss", agency=agency, roles=(Role.REVIEWER,))
    make_published_table(agency, drafter=clerk, reviewer=boss, year=2024)
    latest = make_published_table(
        agency,
        drafter=clerk,
        reviewer=boss,
        year=2025,
        vehicle_purchase=Decimal("18.00"),
        explanation="经批准更新一辆卫生监督执法车辆，公务用车购置费增加。",
    )
    return {"agency": agency, "clerk": clerk, "boss": boss, "latest": latest}


def test_the_sangong_page_on_a_phone(page, live_server, tables):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/agencies/HC-COUNTY/budgets/2025/budget/sangong/")
    expect(page.get_by_role("heading", name="2025年“三公”经费预算")).to_be_visible()
    # No horizontal scroll of the page.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    # The table reads as cards: each cell labelled, the rows stacked, nothing cut off.
    table = page.locator("#sangong-table")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box["width"] <= 390
    row = table.locator('tr[data-item="vehicles"]')
    cells = row.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # stacked, not side by side
    before = page.evaluate(
        "getComputedStyle(document.querySelector('#sangong-table tr[data-item=vehicles] td'),"
        " '::before').content"
    )
    assert "2025" in before
    expect(row).to_contain_text("+18.00")
    # The chart is drawn and visible, within the width of the screen.
    chart = page.locator("figure.chart svg").first
    expect(chart).to_be_visible()
    chart_box = chart.bounding_box()
    assert 0 < chart_box["width"] <= 390
    assert chart_box["height"] > 100
    expect(page.get_by_text("经批准更新一辆卫生监督执法车辆")).to_be_visible()


def test_the_public_pages_pass_axe(page, live_server, tables):
    paths = [
        "/agencies/HC-COUNTY/budgets/",
        "/agencies/HC-COUNTY/budgets/2025/budget/",
        "/agencies/HC-COUNTY/budgets/2025/budget/sangong/",
        "/agencies/HC-COUNTY/budgets/2024/budget/sangong/",
    ]
    problems = []
    for prefix in ("", "/en"):
        for path in paths:
            response = page.goto(f"{live_server.url}{prefix}{path}")
            assert response.status == 200
            problems += axe_problems(page)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}{paths[2]}")
    page.get_by_role("link", name="大字模式").click()
    problems += axe_problems(page)
    latest = tables["latest"]
    publication.withdraw_table(table=latest, actor=tables["boss"], reason="数据有误")
    response = page.goto(f"{live_server.url}{paths[1]}")
    assert response.status == 410
    problems += axe_problems(page)
    assert_no_axe_problems(problems)


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()


def test_the_console_pages_pass_axe(page, live_server, tables):
    draft = make_table(tables["agency"], tables["clerk"], year=2026)
    log_in(page, live_server, "clerk")
    problems = []
    for path in (
        "/console/budgets/",
        "/console/budgets/new/",
        "/console/budgets/import/",
        f"/console/budgets/{draft.pk}/",
        f"/console/budgets/{draft.pk}/edit/",
        f"/console/budgets/{tables['latest'].pk}/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert_no_axe_problems(problems)
