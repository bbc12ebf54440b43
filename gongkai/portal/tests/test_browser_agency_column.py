"""Browser tests: an agency's 政府信息公开 column and its catalogue tree on a 1366 px desktop and a
360 px phone, and axe-core on every page of the column in both languages and in large text."""

import pytest

from gongkai.demo.loading import DEMO_MARK
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 360, "height": 740}
COUNTY = "演示县卫生健康局"
POLICY = f"{DEMO_MARK}演示县家庭医生签约服务管理办法"
COLUMN = [
    "政府信息公开",
    "政府信息公开指南",
    "政府信息公开制度",
    "法定主动公开内容",
    "依申请公开",
    "政府信息公开年报",
    "机构信息",
]
# Every page of the column, the catalogue with a node chosen (path without language prefix).
COLUMN_PAGES = [
    "/agencies/DEMO-COUNTY/",
    "/agencies/DEMO-COUNTY/guide/",
    "/agencies/DEMO-COUNTY/rules/",
    "/agencies/DEMO-COUNTY/catalogue/",
    "/agencies/DEMO-COUNTY/catalogue/G0202/",
    "/agencies/DEMO-COUNTY/catalogue/?category=G02&year=abc",  # a filter error shown
    "/agencies/DEMO-COUNTY/on-request/",
    "/agencies/DEMO-COUNTY/reports/",
    "/agencies/DEMO-COUNTY/about/",
    "/agencies/DEMO-COUNTY/proposals/",
]


@pytest.fixture
def demo_page(page, live_server, restore_demo):
    restore_demo()
    page.goto(f"{live_server.url}/")
    return page


def column_nav(page):
    return page.get_by_role("navigation", name="政府信息公开栏目")


def box(locator) -> dict:
    return locator.bounding_box()


def fits(page, width: int) -> None:
    page.wait_for_load_state("load")
    scroll = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def open_node(page, category: str, item: str) -> None:
    """Open a category of the tree (a <details>), then choose one of its items."""
    tree = page.get_by_role("navigation", name="公开目录")
    tree.locator("summary", has_text=category).click()
    tree.get_by_role("link", name=item, exact=True).click()
    page.get_by_role("heading", level=2, name=item).wait_for()


def test_on_a_desktop_the_column_leads_to_the_tree_beside_its_table(demo_page):
    page = demo_page
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name=COUNTY, exact=True).first.click()
    page.get_by_role("heading", level=1, name=COUNTY).wait_for()
    assert column_nav(page).get_by_role("link").all_inner_texts()[: len(COLUMN)] == COLUMN

    column_nav(page).get_by_role("link", name="法定主动公开内容").click()
    page.get_by_role("heading", level=1, name="法定主动公开内容").wait_for()
    current = column_nav(page).locator("[aria-current=page]")
    assert current.inner_text() == "法定主动公开内容"

    tree = page.get_by_role("navigation", name="公开目录")
    records = page.locator("section#records")
    # Side by side: the tree on the left, the table beginning at the same height.
    assert box(tree)["x"] + box(tree)["width"] <= box(records)["x"]
    assert abs(box(tree)["y"] - box(records)["y"]) < 5
    # The basic categories come first; the codes are not shown.
    summaries = tree.locator("summary").all_inner_texts()
    assert summaries[0].startswith("机构职能"), summaries
    assert "G0101" not in tree.inner_text()

    open_node(page, "法规文件", "行政规范性文件")
    assert page.url.endswith("/agencies/DEMO-COUNTY/catalogue/G0202/")
    table = records.get_by_role("table")
    for header in ("索引号", "名称", "文号", "生成日期", "发布日期"):
        assert table.get_by_role("columnheader", name=header).is_visible()
    row = table.get_by_role("row", name=POLICY)
    assert "演卫发〔2026〕3号" in row.inner_text()
    fits(page, DESKTOP["width"])

    # The filters work within the node: the repealed one only.
    page.get_by_label("有效性").select_option(label="已废止")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("row", name=f"{DEMO_MARK}演示县乡村医生管理暂行规定").wait_for()
    assert not table.get_by_role("row", name=POLICY).count()

    page.get_by_role("link", name="清除条件").click()
    table.get_by_role("link", name=POLICY).click()
    page.get_by_role("heading", level=1, name=POLICY).wait_for()


def test_on_a_phone_the_column_is_a_list_and_the_tree_comes_before_the_table(
    demo_page, live_server
):
    page = demo_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/agencies/DEMO-COUNTY/")
    links = column_nav(page).get_by_role("link")
    assert links.all_inner_texts()[: len(COLUMN)] == COLUMN
    first, second, third = (box(links.nth(n)) for n in range(3))
    assert first["y"] == second["y"]  # two to a row: a plain list, no tabs
    assert third["y"] > first["y"]
    assert first["x"] + first["width"] <= second["x"]
    fits(page, PHONE["width"])

    column_nav(page).get_by_role("link", name="法定主动公开内容").click()
    page.get_by_role("heading", level=1, name="法定主动公开内容").wait_for()
    open_node(page, "法规文件", "行政规范性文件")
    tree = page.get_by_role("navigation", name="公开目录")
    records = page.locator("section#records")
    assert box(tree)["y"] + box(tree)["height"] <= box(records)["y"]
    assert records.get_by_role("link", name=POLICY).is_visible()
    fits(page, PHONE["width"])
    # A shortcut past the tree to the chosen node's records.
    page.get_by_role("link", name="跳到信息列表").click()
    assert page.url.endswith("#records")

    for path in COLUMN_PAGES:
        page.goto(f"{live_server.url}{path}")
        fits(page, PHONE["width"])


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_the_column_pages_pass_axe(demo_page, live_server, prefix):
    page = demo_page
    page.set_viewport_size(DESKTOP)
    problems = []
    for path in COLUMN_PAGES:
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert_no_axe_problems(problems)


def test_the_column_pages_pass_axe_in_large_text_on_a_phone(demo_page, live_server):
    page = demo_page
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="大字模式").click()
    page.get_by_role("link", name="标准字号").wait_for()
    problems = []
    for path in COLUMN_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert "large-text" in (page.locator("body").get_attribute("class") or "")
        if "/catalogue/" in path:
            # Open a category as a reader would, so that the open tree is checked too.
            page.get_by_role("navigation", name="公开目录").locator("summary").first.click()
        problems += axe_problems(page)
        fits(page, PHONE["width"])
    assert_no_axe_problems(problems)
