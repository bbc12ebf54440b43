"""Browser tests: a citizen on a 360×740 phone finds, reads and searches public records."""

import re

import pytest

from gongkai.demo.loading import DEMO_MARK

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
COUNTY = "演示县卫生健康局"
POLICY = f"{DEMO_MARK}演示县家庭医生签约服务管理办法"
INTERPRETATION = f"{DEMO_MARK}《演示县家庭医生签约服务管理办法》政策解读"
TIANJIN = "天津市滨海新区卫生健康委员会"
TIANJIN_NOTICE = "关于印发2018年区卫生计生委政务公开工作要点的通知"
TIANJIN_NUMBER = "津滨卫函〔2018〕489号"


@pytest.fixture
def phone(page, live_server, restore_demo):
    # As load_demo does, this commits, and the search index is as the outbox then feeds it.
    restore_demo()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    return page


def assert_fits_phone(page) -> None:
    # Measured once the page and its fonts have loaded: mid-layout widths vary.
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 360px phone"


def agency_card(page, name: str):
    return page.locator("li.card", has=page.get_by_role("link", name=name, exact=True))


def open_catalogue_item(page, category: str, name: str):
    """Open a category of the catalogue tree, choose one of its items: its records' table."""
    tree = page.get_by_role("navigation", name="公开目录")
    tree.locator("summary", has_text=category).click()
    tree.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("heading", level=2, name=name).wait_for()
    return page.locator("section#records")


def test_citizen_browses_the_catalogue_to_a_record_and_its_interpretation(phone):
    agency_card(phone, COUNTY).get_by_role("link", name="政府信息公开目录").click()
    phone.get_by_role("heading", level=1, name="法定主动公开内容").wait_for()
    assert_fits_phone(phone)

    item = open_catalogue_item(phone, "法规文件", "行政规范性文件")
    record_link = item.get_by_role("link", name=POLICY)
    record_link.wait_for()
    assert_fits_phone(phone)
    record_link.click()

    phone.get_by_role("heading", level=1, name=POLICY).wait_for()
    metadata = phone.locator("table.meta-table")
    for label, value in [("索引号", "DEMO-COUNTY/"), ("文号", "演卫发〔2026〕3号")]:
        assert value in metadata.get_by_role("row", name=label).inner_text()
    assert metadata.get_by_role("rowheader", name="发文机关").is_visible()
    assert_fits_phone(phone)

    phone.get_by_role("link", name=INTERPRETATION).click()
    phone.get_by_role("heading", level=1, name=INTERPRETATION).wait_for()
    assert phone.get_by_role("link", name=POLICY).is_visible()  # back to the policy


def test_citizen_searches_filters_by_agency_and_opens_a_record_by_its_number(phone):
    phone.get_by_role("link", name="搜索", exact=True).click()
    phone.get_by_label("搜索政府信息").fill("政务公开")
    phone.get_by_role("button", name="搜索", exact=True).click()
    bylines = phone.locator("ol.results > li > p.muted")  # agency · date · 文号
    bylines.first.wait_for()
    assert not all(line.startswith(TIANJIN) for line in bylines.all_inner_texts())
    assert_fits_phone(phone)

    phone.get_by_text("筛选和排序").click()
    phone.get_by_label("机关", exact=True).select_option(label=TIANJIN)
    phone.get_by_role("button", name="搜索", exact=True).click()
    phone.wait_for_url(re.compile(r"agency=TJBH-WJW"))
    lines = bylines.all_inner_texts()
    assert lines, "no results for the agency"
    assert all(line.startswith(TIANJIN) for line in lines), lines
    assert_fits_phone(phone)

    phone.get_by_role("link", name="搜索", exact=True).click()
    phone.get_by_label("搜索政府信息").fill(TIANJIN_NUMBER)
    phone.get_by_label("搜索政府信息").press("Enter")
    phone.get_by_role("heading", level=1, name=TIANJIN_NOTICE).wait_for()
    assert re.search(r"/records/\d+/$", phone.url), phone.url


def test_citizen_switches_to_english_and_back(phone, live_server):
    phone.get_by_role("link", name=POLICY).first.click()
    phone.get_by_role("heading", level=1, name=POLICY).wait_for()
    chinese_url = phone.url

    phone.get_by_role("link", name="English").click()
    phone.get_by_role("rowheader", name="Index number").wait_for()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.url == chinese_url.replace(live_server.url, f"{live_server.url}/en")
    assert phone.get_by_role("heading", level=1, name=POLICY).is_visible()
    assert_fits_phone(phone)

    phone.get_by_role("link", name="简体中文").click()
    phone.get_by_role("rowheader", name="索引号").wait_for()
    assert phone.locator("html").get_attribute("lang") == "zh-Hans"
    assert phone.url == chinese_url


def test_large_text_mode_persists_across_pages(phone):
    normal = phone.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
    phone.get_by_role("link", name="大字模式").click()
    phone.get_by_role("link", name="标准字号").wait_for()

    def in_large_text() -> bool:
        return "large-text" in (phone.locator("body").get_attribute("class") or "")

    assert in_large_text()
    larger = phone.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
    assert float(larger.removesuffix("px")) > float(normal.removesuffix("px"))
    assert_fits_phone(phone)

    phone.get_by_role("link", name="政策文件库").click()
    phone.get_by_role("heading", level=1, name="政策文件库").wait_for()
    assert in_large_text()
    assert_fits_phone(phone)
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="首页").click()
    agency_card(phone, COUNTY).get_by_role("link", name="政府信息公开指南").click()
    phone.get_by_role("heading", level=1, name=f"{COUNTY}政府信息公开指南").wait_for()
    assert in_large_text()
    assert_fits_phone(phone)

    phone.get_by_role("link", name="标准字号").click()
    phone.get_by_role("link", name="大字模式").wait_for()
    assert not in_large_text()
    assert "/guide/" in phone.url  # back on the same page


def test_agency_switcher_goes_to_the_chosen_agency(phone):
    phone.get_by_label("选择机关").select_option(label=TIANJIN)
    phone.get_by_role("button", name="前往").click()
    phone.get_by_role("heading", level=1, name=TIANJIN).wait_for()
    assert phone.url.endswith("/agencies/TJBH-WJW/")
    assert phone.get_by_role("link", name=TIANJIN_NOTICE).is_visible()
    chosen = phone.get_by_label("选择机关").evaluate("select => select.selectedOptions[0].text")
    assert chosen == TIANJIN


@pytest.mark.parametrize("large_text", [False, True], ids=["standard", "large-text"])
def test_pages_fit_a_phone_screen(phone, live_server, large_text):
    if large_text:
        phone.get_by_role("link", name="大字模式").click()
        phone.get_by_role("link", name="标准字号").wait_for()
    phone.get_by_role("link", name=POLICY).first.click()
    phone.get_by_role("heading", level=1, name=POLICY).wait_for()
    record_url = phone.url
    pages = [
        f"{live_server.url}/",
        record_url,
        f"{live_server.url}/search/?q=政务公开",
        f"{live_server.url}/agencies/DEMO-COUNTY/catalogue/",
        f"{live_server.url}/agencies/DEMO-COUNTY/guide/",
        f"{live_server.url}/policies/",
    ]
    for url in pages:
        phone.goto(url)
        if "/catalogue/" in url:
            records = open_catalogue_item(phone, "法规文件", "行政规范性文件")
            records.get_by_role("link", name=POLICY).wait_for()
        assert_fits_phone(phone)


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(phone):
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到正文"
    # Visible once focused, not left parked off-screen.
    left, top, right, bottom = phone.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })()"
    )
    assert 0 <= left < right <= PHONE["width"], (left, right)
    assert 0 <= top < bottom <= PHONE["height"], (top, bottom)

    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
    phone.keyboard.press("Tab")
    inside_main = phone.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert inside_main, "the next Tab does not continue inside the main content"
