"""The record editor's toolbar in Chromium: Chinese on the Chinese console (its titles, the
names a screen reader reads, the block types, also after the block-type button is redrawn, and
the package's own dialogs), English on the English one, with axe and the page's policy content."""

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def county(transactional_db):
    agency = make_agency(name="示例县卫生健康局")
    derive_catalogue(agency=agency, actor=None)
    make_user(username="clerk", password=PASSWORD, agency=agency, roles=(Role.PUBLISHER,))
    return agency


def open_record_form(page, live_server, county, prefix=""):
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    page.goto(f"{live_server.url}{prefix}/console/documents/new/?agency={county.pk}")
    page.locator(".prose-menubar button").first.wait_for()


def toolbar_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        ".prose-menubar button[title]",
        "buttons => buttons.map(b => [b.title, b.getAttribute('aria-label')]).flat()",
    )


def test_the_toolbar_is_chinese_on_the_chinese_console(page, live_server, county):
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    open_record_form(page, live_server, county)
    toolbar = page.locator(".prose-menubar")

    titles = toolbar_titles(page)
    assert titles, "the toolbar has no titled buttons"
    assert [t for t in titles if not CHINESE.search(t)] == []
    for name in ("加粗", "倾斜", "下划线", "无序列表", "有序列表", "引用", "撤销"):
        button = toolbar.get_by_role("button", name=name, exact=True)
        assert button.get_attribute("title") == name
    problems = axe_problems(page)

    # The block-type button is a copy of the current type's, redrawn as the cursor moves.
    assert toolbar.locator(".prose-menubar__selected button").get_attribute("title") == "段落"
    page.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("一、工作目标")
    toolbar.locator(".prose-menubar__selected").click()
    options = toolbar.locator(".prose-menubar__option:not(.hidden)")
    names = options.all_inner_texts()
    assert {"段落", "二级标题", "三级标题", "四级标题"} <= set(names)
    assert [name for name in names if not CHINESE.search(name)] == []
    problems += axe_problems(page)
    options.filter(has_text="二级标题").click()
    selected = toolbar.locator(".prose-menubar__selected button")
    assert selected.get_attribute("title") == "二级标题"
    assert selected.get_attribute("aria-label") == "二级标题"
    assert page.locator(".ProseMirror[contenteditable=true] h2").inner_text() == "一、工作目标"

    # The package's own dialogs read window.gettext: the catalogue ran before the editor.
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="有序列表", exact=True).click()
    toolbar.get_by_role("button", name="列表设置", exact=True).click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_role("heading", name="列表设置").wait_for()
    assert dialog.get_by_label("起始编号").is_visible()
    assert dialog.get_by_role("button", name="确定").is_visible()
    problems += axe_problems(page)
    dialog.get_by_role("button", name="取消").click()

    assert refused == [], "\n".join(refused)
    assert_no_axe_problems(problems)


def test_the_toolbar_stays_english_on_the_english_console(page, live_server, county):
    open_record_form(page, live_server, county, prefix="/en")

    toolbar = page.locator(".prose-menubar")
    assert toolbar.get_by_role("button", name="bold", exact=True).get_attribute("title") == "bold"
    assert toolbar.locator(".prose-menubar__selected button").get_attribute("title") == "paragraph"
    assert [t for t in toolbar_titles(page) if CHINESE.search(t)] == []
