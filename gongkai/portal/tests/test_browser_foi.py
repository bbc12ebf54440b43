"""Browser test of an information application (依申请公开) from start to end: a citizen on a
360×740 phone applies and follows the progress with the query code; a clerk sends a 补正告知,
records the supplement and drafts the reply; a reviewer approves it; the letters say so."""

import re

import docx
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.demo.loading import DEMO_ACCOUNTS
from gongkai.foi.letters import chinese_date
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.rules import add_working_days

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
PASSWORDS = {account.username: account.password for account in DEMO_ACCOUNTS}
COUNTY = "演示县卫生健康局"
CITIZEN = {
    "name": "王小明",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "email": "wang.xiaoming@example.org",
}
DESCRIPTION = "2025年本县医疗机构校验结果"
ITEMS = ["请写明所需信息涉及的医疗机构类别", "请写明所需信息涉及的乡镇"]
REPLY_TEXT = "《2025年度演示县医疗机构校验结果》已通过电子邮件发送至您的邮箱。"
NOT_LOADED = "尚未载入工作日历"  # YearNotLoaded: shown in place of a date the calendar cannot give


def assert_fits_phone(page) -> None:
    # Measured once the page and its fonts have loaded: mid-layout widths vary.
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 360px phone"


def working_days_later(day, days: int):
    """The date `days` working days after `day`, or None where the calendar ends first."""
    try:
        return add_working_days(day, days, get_calendar())
    except YearNotLoaded:
        return None


def assert_due_date(cell_text: str, expected) -> None:
    # Near the end of the last loaded year the page says why it cannot give the date.
    if expected is None:
        assert NOT_LOADED in cell_text, cell_text
    else:
        assert cell_text.strip() == expected.isoformat(), cell_text


def supplement_period(today) -> tuple[int, object]:
    """10 working days for the 补正, fewer only where the loaded calendar ends sooner."""
    for days in (10, 5, 1):
        deadline = working_days_later(today, days)
        if deadline is not None:
            return days, deadline
    pytest.skip(f"the working-day calendar ends on {today}: no 补正 deadline can be set")


def meta_value(page, label: str) -> str:
    return (
        page.locator("table.meta-table").get_by_role("row", name=label).locator("td").inner_text()
    )


def log_in_to_console(browser, live_server, username: str):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORDS[username])
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    return page


def run_action(page, title: str, fields: dict[str, str]) -> None:
    """Open the case page's action `title`, fill its fields by label and submit it."""
    action = page.locator("details.action", has=page.locator("summary", has_text=title))
    action.locator("summary").click()
    for label, value in fields.items():
        field = action.get_by_label(label)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        action.get_by_role("button", name=title).click()
    messages = page.locator("ul.messages").inner_text()
    assert "已保存。" in messages, f"{title}: {messages}"


def check_progress(page, live_server, code: str) -> str:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name="已经提交过申请？查询办理进度").click()
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话或证件号码").fill(CITIZEN["phone"])
    page.get_by_role("button", name="查询").click()
    page.get_by_role("heading", name=f"申请 {code} 的办理进度").wait_for()
    # The answer comes first, not below the form and out of sight on a phone: the steps,
    # with the current one, open the answer.
    expect(page.locator(".progress-steps [aria-current=step]")).to_be_in_viewport(ratio=1)
    assert_fits_phone(page)
    return page.locator("main").inner_text()


def download(page, link_name: str):
    with page.expect_download() as event:
        page.get_by_role("link", name=link_name).click()
    path = event.value.path()
    return event.value.suggested_filename, docx.Document(path)


def letter_text(document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_application_supplement_reply_and_letters(page, browser, live_server, restore_demo):
    restore_demo()
    today = timezone.localdate()
    supplement_days, supplement_deadline = supplement_period(today)
    clerk_user = get_user_model().objects.get(username="county_foi")

    # --- The citizen applies on a phone. ---
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="依申请公开").click()
    page.get_by_role("heading", level=1, name="申请政府信息公开").wait_for()
    assert_fits_phone(page)
    page.get_by_label("向哪个机关申请").select_option(label=COUNTY)
    page.get_by_label("申请人类型").select_option(label="自然人")
    page.get_by_label("姓名或名称").fill(CITIZEN["name"])
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(CITIZEN["id_number"])
    page.get_by_label("联系电话").fill(CITIZEN["phone"])
    page.get_by_label("电子邮箱").fill(CITIZEN["email"])
    page.get_by_label("所需政府信息的名称或内容描述").fill(DESCRIPTION)
    page.get_by_label("获取信息的方式").select_option(label="电子邮件")
    page.get_by_role("button", name="提交申请").click()  # the confirmation is not ticked

    # On a phone the problem shows at the top, and its link leads to the checkbox.
    summary = page.get_by_role("alert")
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link", name="我确认以上信息真实").click()
    confirm = page.get_by_label("我确认以上信息真实")
    expect(confirm).to_be_in_viewport()
    assert page.get_by_label("姓名或名称").input_value() == CITIZEN["name"]  # nothing lost
    confirm.check()
    page.get_by_role("button", name="提交申请").click()

    page.get_by_role("heading", level=1, name="申请已收到").wait_for()
    code = page.locator(".query-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{6,16}", code), code
    assert meta_value(page, "受理机关").strip() == COUNTY
    assert meta_value(page, "收到申请之日").strip() == today.isoformat()
    assert_due_date(meta_value(page, "答复期限"), working_days_later(today, 20))
    assert_fits_phone(page)

    # --- The clerk takes the case and sends a 补正告知 listing every item. ---
    clerk = log_in_to_console(browser, live_server, "county_foi")
    clerk.get_by_role("navigation").get_by_role("link", name="依申请公开").click()
    clerk.get_by_role("heading", level=1, name="依申请公开").wait_for()
    # New work waits under 未分配 (the full list puts the most urgent of the demo's year first).
    clerk.get_by_role("link", name=re.compile("^未分配")).click()
    clerk.get_by_role("link", name=code).first.click()
    clerk.get_by_role("heading", level=1, name=f"申请 {code}").wait_for()
    case_url = clerk.url
    run_action(clerk, "分配承办人", {"承办人": str(clerk_user.pk)})
    assert meta_value(clerk, "承办人").strip() not in ("", "—")
    run_action(
        clerk,
        "发出补正告知",
        {
            "告知日期": today.isoformat(),
            "需要补正的全部事项": "\n".join(ITEMS),
            "补正期限（工作日）": str(supplement_days),
        },
    )
    deadline_line = f"申请人补正期限：{supplement_deadline.isoformat()}"
    assert deadline_line in clerk.locator("main").inner_text()

    # --- The citizen sees that a 补正 was asked for, and when; not what, nor who. ---
    progress = check_progress(page, live_server, code)
    assert meta_value(page, "办理状态").strip() == "待补正"
    assert meta_value(page, "答复期限").strip() == "暂停计算"
    step = page.locator("main ol li", has_text="补正告知")
    assert step.locator("time").get_attribute("datetime") == today.isoformat()
    private = [*ITEMS, *CITIZEN.values(), "county_foi", clerk_user.get_full_name()]
    for text in filter(None, private):
        assert text not in progress, f"the progress page shows {text!r}"
        assert text not in page.content(), f"the progress page's HTML holds {text!r}"

    # --- The supplement arrives; the clerk drafts the reply; the reviewer approves it. ---
    clerk.goto(case_url)
    run_action(clerk, "登记收到补正", {"日期": today.isoformat()})
    run_action(clerk, "起草答复", {"答复类型": "granted", "答复内容": REPLY_TEXT})
    reviewer = log_in_to_console(browser, live_server, "county_reviewer")
    reviewer.goto(case_url)
    run_action(reviewer, "审核通过并答复", {"日期": today.isoformat()})
    reviewer.context.close()

    progress = check_progress(page, live_server, code)
    assert meta_value(page, "办理状态").strip() == "已办结"
    assert meta_value(page, "处理结果").strip() == "予以公开"
    assert meta_value(page, "答复日期").strip() == today.isoformat()
    assert REPLY_TEXT not in progress

    # --- The clerk downloads the letters. ---
    clerk.goto(case_url)
    clerk.get_by_role("link", name="全部文书（DOCX/PDF）").click()
    clerk.get_by_role("heading", level=1, name=f"申请 {code} 的文书").wait_for()
    letters = clerk.locator("main ul.list").inner_text()
    assert "补正告知书" in letters
    assert "答复告知书" in letters
    assert "第三方意见征询函" not in letters  # no consultation happened
    assert clerk.get_by_role("link", name=re.compile("第三方意见征询函")).count() == 0
    pk = re.search(r"/applications/(\d+)/", case_url)[1]
    refused = clerk.request.get(
        f"{live_server.url}/console/applications/{pk}/letters/consultation.docx"
    )
    assert refused.status == 404

    filename, supplement = download(clerk, "补正告知书（DOCX）")
    assert filename.endswith("补正告知书.docx"), filename
    text = letter_text(supplement)
    assert "政府信息公开申请补正告知书" in text
    assert f"查询码：{code}" in text
    for number, item in enumerate(ITEMS, start=1):
        assert f"{number}. {item}" in text, text
    assert f"{supplement_days}个工作日内，即{chinese_date(supplement_deadline)}前" in text
    for sentence in (
        "根据《政府信息公开条例》第三十条的规定，现一次性告知您需要补正的全部事项如下",
        "本机关的答复期限自收到补正后的申请之日起重新计算。",
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ):
        assert sentence in text, text
    assert f"{CITIZEN['name']}：" in text  # addressed to the applicant
    assert chinese_date(today) in text

    filename, reply = download(clerk, "答复告知书（DOCX）")
    assert "草稿" not in filename, filename  # approved: a letter to send, not a draft
    text = letter_text(reply)
    assert "政府信息予以公开告知书" in text
    assert f"查询码：{code}" in text
    for sentence in (
        "根据《政府信息公开条例》第三十六条第（二）项的规定，本机关予以公开。",
        f"具体答复：{REPLY_TEXT}",
        "可以自收到本告知书之日起六十日内，依照《中华人民共和国行政复议法》",  # 行政复议
        "也可以自收到本告知书之日起六个月内，依照《中华人民共和国行政诉讼法》",  # 行政诉讼
    ):
        assert sentence in text, text
    assert "草稿" not in text
    clerk.context.close()
