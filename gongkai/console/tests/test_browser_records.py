"""The records list, the record form and the dashboard in Chromium, at a county's volume.

Paging with filters kept, the error summary's focus and links, the catalogue filter box,
the body editor (typing and a paste from Word), the dashboard's height on a phone, and axe.
"""

import datetime

import pytest
from playwright.sync_api import expect

from gongkai.agencies.models import Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.demo.loading import DEMO_ACCOUNTS
from gongkai.documents.models import Document
from gongkai.documents.tests.factories import make_document
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests"
# The demo's dashboards at 390 px before the sections folded and the tables became cards.
DASHBOARD_HEIGHT_BEFORE = {"county_reviewer": 5383, "city_supervisor": 3742}
WORD_PASTE = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><style>"
    "p.MsoNormal{mso-style-parent:'';margin:0cm;font-family:宋体}</style></head><body>"
    "<!--StartFragment--><p class=MsoNormal style='mso-line-height-rule:exactly'>"
    "<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-bidi-font-family:宋体'>"
    "各乡镇卫生院：<o:p></o:p></span></p>"
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><b><span lang=EN-US>"
    "一、工作目标</span></b><o:p></o:p></p><!--EndFragment--></body></html>"
)


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()


@pytest.fixture
def county(transactional_db):
    agency = make_agency(name="示例县卫生健康局")
    derive_catalogue(agency=agency, actor=None)
    return agency


@pytest.fixture
def clerk(county):
    return make_user(username="clerk", password=PASSWORD, agency=county, roles=(Role.PUBLISHER,))


def refusals(page) -> list[str]:
    """Collects what the Content-Security-Policy refuses on the page from now on."""
    refused: list[str] = []
    # Style attributes in a paste from Word are refused on purpose (the editor drops them).
    page.on(
        "console",
        lambda m: (
            refused.append(m.text)
            if "Content Security Policy" in m.text and "style attributes" not in m.text
            else None
        ),
    )
    return refused


def test_form_errors_editor_catalogue_filter_and_word_paste(page, live_server, county, clerk):
    refused = refusals(page)
    log_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/console/documents/new/?agency={county.pk}")
    problems = axe_problems(page)

    # The catalogue filter box narrows the grouped options as one types.
    entry = page.locator("#id_catalogue_entry")
    all_options = entry.locator("option:not([hidden])").count()
    page.get_by_label("按名称或编码查找目录事项").fill("预防接种")
    narrowed = entry.locator("option:not([hidden])").count()
    assert 1 < narrowed < all_options / 5
    assert "预防接种" in entry.locator("option:not([hidden])").nth(1).inner_text()
    assert entry.locator("optgroup:not([hidden])").count() < entry.locator("optgroup").count()

    # Saved empty: the summary is at the top, has the focus, and each link reaches its field.
    page.get_by_role("button", name="保存草稿").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    # autofocus is applied by the browser once the page has loaded: wait for it, don't race it.
    # (page.wait_for_function would evaluate a string, which the pages' CSP forbids.)
    expect(page.locator(".error-summary")).to_be_focused()
    box = summary.bounding_box()
    assert box is not None
    assert box["y"] < 400
    problems += axe_problems(page)
    summary.get_by_role("link", name="标题").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    summary.get_by_role("link", name="内容概述").click()
    assert page.evaluate("document.activeElement.id") == "id_summary"
    # The editor replaces the textarea once its scripts have run (after the translations'
    # catalogue); when it carries the label's name, the label reaches it.
    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true][aria-labelledby]")
    editor.wait_for()
    page.locator("label[for=id_body]").click()
    # (expect() polls from Playwright's side: page.wait_for_function would eval a string, which
    # the CSP forbids — it only passed when the focus had already moved at the first check.)
    expect(editor).to_be_focused()

    # Typing and a paste from Word both come out clean.
    editor.click()
    page.keyboard.type("通知如下：")
    page.evaluate(
        """(html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', '各乡镇卫生院：');
            const area = document.querySelector('.prose-editor [contenteditable=true]');
            area.dispatchEvent(new ClipboardEvent(
                'paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD_PASTE,
    )
    page.get_by_label("标题").fill("关于开展预防接种宣传周活动的通知")
    page.get_by_label("文件类型").select_option(label="通知公告")
    page.get_by_label("主题分类").select_option(label="卫生、体育\\疾病预防控制")
    entry.select_option(entry.locator("option:not([hidden])").nth(1).get_attribute("value"))
    page.get_by_label("成文日期").fill("2026-11-10")
    page.get_by_label("内容概述").fill("部署预防接种宣传周活动。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存。").wait_for()

    body = Document.objects.get(title="关于开展预防接种宣传周活动的通知").body
    assert "通知如下：" in body
    assert "各乡镇卫生院：" in body
    assert "<strong>一、工作目标</strong>" in body
    for dirt in ("mso", "Mso", "o:p", "style", "class", "font-family", "<!--", "span"):
        assert dirt not in body, f"{dirt!r} left in {body!r}"
    assert refused == [], "\n".join(refused)
    assert_no_axe_problems(problems)


def test_records_list_pages_with_its_filters_and_passes_axe(page, live_server, county, clerk):
    item = county.catalogue.items.get(code="G0101")
    for number in range(1, 131):
        make_document(
            agency=county,
            catalogue_item=item,
            drafted_by=clerk,
            title=f"机构职能记录第{number:03d}号",
            formed_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
        )
    log_in(page, live_server, "clerk")
    page.get_by_role("link", name="信息管理").click()
    problems = axe_problems(page)
    page.get_by_label("标题、索引号或文号").fill("机构职能")
    page.get_by_label("排序").select_option(label="最早修改在前")
    page.get_by_role("button", name="筛选").click()
    assert page.get_by_text("共 130 条").is_visible()
    assert page.locator("table.console-cards tbody tr").count() == 50
    page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").click()
    assert "q=%E6%9C%BA%E6%9E%84%E8%81%8C%E8%83%BD" in page.url  # the filter is kept
    assert "page=2" in page.url
    assert page.get_by_role("link", name="机构职能记录第051号").is_visible()
    page.get_by_role("navigation", name="分页").get_by_role("link", name="末页").click()
    assert page.locator("table.console-cards tbody tr").count() == 30
    tabs = page.get_by_role("navigation", name="按状态")
    assert "130" in tabs.get_by_role("link", name="草稿").inner_text()
    problems += axe_problems(page)

    # On a phone the rows are cards, each value labelled, and nothing is wider than the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= 360, f"the list is {width}px wide on a 360px phone"
    label = page.evaluate(
        "getComputedStyle(document.querySelector('table.console-cards td'), '::before').content"
    )
    assert label == '"标题"'
    problems += axe_problems(page)
    assert_no_axe_problems(problems)


@pytest.mark.parametrize("username", ["county_reviewer", "city_supervisor"])
def test_dashboard_on_a_390px_phone_is_short(page, live_server, username, restore_demo):
    restore_demo()
    password = {a.username: a.password for a in DEMO_ACCOUNTS}[username]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    page.wait_for_load_state("load")
    height = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollHeight)")
    width = page.evaluate("document.documentElement.scrollWidth")
    print(f"dashboard of {username} at 390 px: {height} px high, {width} px wide")
    assert width <= 390
    assert height < DASHBOARD_HEIGHT_BEFORE[username] / 2, f"{username}: {height}px high"
    problems = axe_problems(page)
    for section in page.locator("details.section > summary").all():
        section.click()  # every section opens from the keyboard-reachable summary
    problems += axe_problems(page)
    assert_no_axe_problems(problems)


def test_without_javascript_the_form_is_a_grouped_select_and_a_textarea(
    browser, live_server, county, clerk
):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        log_in(page, live_server, "clerk")
        page.goto(f"{live_server.url}/console/documents/new/?agency={county.pk}")
        assert page.locator(".option-filter").count() == 0  # no filter box, and none needed
        entry = page.get_by_label("公开目录事项")
        assert entry.locator("optgroup").first.get_attribute("label") == "机构职能"
        entry.select_option(label="机关职能（G0101） · 20个工作日")
        page.get_by_label("标题").fill("没有脚本时起草的通知")
        page.get_by_label("文件类型").select_option(label="通知公告")
        page.get_by_label("主题分类").select_option(label="卫生、体育\\疾病预防控制")
        page.get_by_label("成文日期").fill("2026-11-10")
        page.get_by_label("内容概述").fill("不用脚本也能起草。")
        page.get_by_label("正文").fill("<p>第一段</p><h2 class=MsoTitle>小标题</h2>")
        page.get_by_role("button", name="保存草稿").click()
        page.get_by_text("草稿已保存。").wait_for()
    finally:
        context.close()
    body = Document.objects.get(title="没有脚本时起草的通知").body
    assert body == "<p>第一段</p><h2>小标题</h2>"
