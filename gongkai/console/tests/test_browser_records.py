"""The records list, the record form and the dashboard in Chromium, at a county's volume.

Paging with filters kept, the error summary's focus and links, the catalogue filter box,
the body editor (typing and a paste from Word), the dashboard's height on a phone, and axe.
"""

import pytest

from gongkai.agencies.models import Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.documents.models import Document
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests"
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
        lambda m: refused.append(m.text)
        if "Content Security Policy" in m.text and "style attributes" not in m.text
        else None,
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
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    box = summary.bounding_box()
    assert box is not None
    assert box["y"] < 400
    problems += axe_problems(page)
    summary.get_by_role("link", name="标题").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    summary.get_by_role("link", name="内容概述").click()
    assert page.evaluate("document.activeElement.id") == "id_summary"
    page.locator("label[for=id_body]").click()  # the label reaches the editor that replaced the textarea
    assert page.evaluate("document.activeElement.getAttribute('contenteditable')") == "true"

    # The editor replaces the textarea; typing and a paste from Word both come out clean.
    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    editor.wait_for()
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
