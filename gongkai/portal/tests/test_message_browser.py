"""A public message in the browser, from start to end: a citizen on a 360×740 phone writes to
the county; a clerk accepts it and drafts the reply in the console; a reviewer approves and
publishes it without the sender's name; the citizen finds the reply by query code and on the
website. And axe-core finds no serious or critical problem on the mailbox pages, in Chinese
and in English, nor on the console's message pages with every action form open."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.agencies.models import Agency, Level
from gongkai.demo.loading import DEMO_ACCOUNTS
from gongkai.demo.mailbox_demo import load_messages
from gongkai.factories import make_agency, make_user
from gongkai.participation.models import MessageStatus, PublicMessage, RejectionGround
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.portal.tests.test_accessibility_foi import (
    log_in,
    problems_on,
    scan,
    scan_with_actions_open,
)
from gongkai.portal.tests.test_browser_foi import (
    PHONE,
    assert_fits_phone,
    log_in_to_console,
    meta_value,
)

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COUNTY = "演示县卫生健康局"
CITIZEN = {"name": "钱小红", "phone": "13712345678", "email": "qian.xiaohong@example.org"}
SUBJECT = "社区卫生服务中心周末能否打疫苗"
BODY = "我是钱小红，孩子要接种第二针疫苗，请问社区卫生服务中心周六开门吗？"
PUBLIC_BODY = "孩子要接种第二针疫苗，请问社区卫生服务中心周六开门吗？"
REPLY = "您好！本县社区卫生服务中心周六上午8:00至11:30提供预防接种服务，请携带接种证。"


def open_action(page, title: str):
    """The console's action form `title` (by its exact summary), opened."""
    summary = page.locator("summary").filter(has_text=re.compile(f"^{title}$"))
    action = page.locator("details.action").filter(has=summary)
    if action.get_attribute("open") is None:  # a form with findings to show comes open
        action.locator("summary").click()
    return action


def run_action(page, title: str, fields: dict[str, str]) -> None:
    """Fill the action's fields by label, submit it and expect it saved."""
    action = open_action(page, title)
    for label, value in fields.items():
        action.get_by_label(label).fill(value)
    with page.expect_navigation():
        action.get_by_role("button", name=title).click()
    messages = page.locator("ul.messages").inner_text()
    assert "已保存。" in messages, f"{title}: {messages}"


def demo_messages() -> None:
    """The demo county under its city, the demo accounts there, and the demo messages.

    Not `load_demo()`: the messages need neither records nor catalogues, and these tests
    should not fail for a problem in another part of the demo.
    """
    city = make_agency(code="JC-WJW", name="晋城市卫生健康委员会", level=Level.CITY)
    agencies = {
        "JC-WJW": city,
        "DEMO-COUNTY": make_agency(code="DEMO-COUNTY", name=COUNTY, parent=city),
    }
    users = {}
    for account in DEMO_ACCOUNTS:
        if account.agency_code in agencies and not account.is_superuser:
            users[account.username] = make_user(
                agency=agencies[account.agency_code],
                roles=account.roles,
                username=account.username,
                password=account.password,
                first_name=account.name,
            )
    load_messages(agencies, users)


def look_up(page, site: str, code: str) -> str:
    page.goto(f"{site}/messages/lookup/")
    page.locator("#id_query_code").fill(code)
    page.locator("main form.stacked button[type=submit]").click()
    page.locator("#lookup-h").wait_for()
    return page.locator("main").inner_text()


def test_a_citizens_message_is_answered_and_published(page, browser, live_server):
    demo_messages()
    today = timezone.localdate()

    # --- The citizen writes on a phone. ---
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="留言").click()
    page.get_by_role("link", name="我要留言").click()
    page.get_by_role("heading", level=1, name="我要留言").wait_for()
    assert_fits_phone(page)
    page.get_by_label("写给哪个机关").select_option(label=COUNTY)
    page.get_by_label("留言类别").select_option(label="咨询")
    page.get_by_label("标题").fill(SUBJECT)
    page.get_by_label("留言内容").fill(BODY)
    page.get_by_label("姓名").fill(CITIZEN["name"])
    page.get_by_label("电子邮箱").fill(CITIZEN["email"])
    page.get_by_label("我同意公开这条留言和答复").check()
    page.get_by_role("button", name="提交留言").click()  # the phone number is missing

    summary = page.get_by_role("alert")
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link", name="联系电话").click()
    phone = page.get_by_label("联系电话")
    expect(phone).to_be_in_viewport()
    assert page.get_by_label("留言内容").input_value() == BODY  # nothing lost
    phone.fill(CITIZEN["phone"])
    page.get_by_role("button", name="提交留言").click()

    page.get_by_role("heading", level=1, name="留言已收到").wait_for()
    assert "/messages/receipt/" in page.url
    code = page.locator(".query-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code), code
    assert code not in page.url
    assert meta_value(page, "办理机关").strip() == COUNTY
    assert meta_value(page, "收到日期").strip() == today.isoformat()
    message = PublicMessage.objects.get(query_code=code)
    due = meta_value(page, "答复期限").strip()
    assert due == (message.due_on.isoformat() if message.due_on else message.due_problem)
    assert_fits_phone(page)

    # --- The clerk accepts it and drafts the reply. ---
    clerk = log_in_to_console(browser, live_server, "county_publisher")
    clerk.get_by_role("navigation").get_by_role("link", name="留言办理").click()
    clerk.get_by_role("heading", level=1, name="留言办理").wait_for()
    clerk.get_by_role("link", name=code).first.click()
    clerk.get_by_role("heading", level=1, name=f"留言 {code}").wait_for()
    assert CITIZEN["phone"] in clerk.locator("main").inner_text()  # staff can call back
    run_action(clerk, "受理", {"承办单位（可选）": "疾病预防控制股"})
    run_action(clerk, "起草答复", {"答复内容": REPLY})
    assert clerk.locator("details.action summary", has_text="审核通过并答复").count() == 0

    # --- The reviewer approves and publishes it without the name. ---
    reviewer = log_in_to_console(browser, live_server, "county_reviewer")
    reviewer.goto(clerk.url)
    run_action(reviewer, "审核通过并答复", {})
    action = open_action(reviewer, "在网站公开")
    action.get_by_label("公开的留言内容").fill(BODY)  # the name left in: refused
    with reviewer.expect_navigation():
        action.get_by_role("button", name="在网站公开").click()
    refusal = reviewer.locator("ul.messages").inner_text()
    assert "公开内容含有以下个人信息" in refusal
    assert "钱**" in refusal  # the sender's name, said masked
    run_action(reviewer, "在网站公开", {"公开的留言内容": PUBLIC_BODY})
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED
    assert message.is_published

    # --- The citizen looks it up by query code, then finds it on the website. ---
    lookup = look_up(page, live_server.url, code)
    assert "已答复" in lookup
    assert REPLY in lookup
    expect(page.locator("table.meta-table")).to_be_in_viewport(ratio=1)
    assert_fits_phone(page)
    page.get_by_role("link", name="这条留言和答复已在网站公开").click()
    page.get_by_role("heading", level=1, name=SUBJECT).wait_for()
    public = page.locator("main").inner_text()
    assert PUBLIC_BODY in public
    assert REPLY in public
    for private in CITIZEN.values():
        assert private not in public, private
    assert_fits_phone(page)
    page.get_by_role("link", name="留言答复").first.click()
    expect(page.get_by_role("link", name=SUBJECT)).to_be_visible()
    assert_fits_phone(page)


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_mailbox_pages_pass_axe(page, live_server, prefix):
    demo_messages()
    site = f"{live_server.url}{prefix}"
    published = PublicMessage.objects.published().first()
    rejected = PublicMessage.objects.get(rejection_ground=RejectionGround.DISCLOSURE_APPLICATION)
    submit = page.locator("main form.stacked button[type=submit]")
    problems = []

    problems += scan(page, f"{site}/messages/new/")
    submit.click()  # empty: every required field errs
    page.locator("[aria-invalid=true]").first.wait_for()
    problems += problems_on(page)
    page.locator("#id_agency").select_option(label=COUNTY)
    page.locator("#id_subject").fill(SUBJECT)
    page.locator("#id_body").fill(PUBLIC_BODY)
    page.locator("#id_sender_name").fill(CITIZEN["name"])
    page.locator("#id_phone").fill(CITIZEN["phone"])
    page.locator("#id_wants_public").check()
    submit.click()
    page.wait_for_url(f"{site}/messages/receipt/")
    page.locator("details").first.evaluate("details => { details.open = true; }")
    problems += problems_on(page)  # the receipt with the explanation of the due date open

    problems += scan(page, f"{site}/messages/lookup/")
    page.locator("#id_query_code").fill("ZZZZZZZZZZ")
    submit.click()
    page.locator("[aria-invalid=true]").first.wait_for()
    problems += problems_on(page)  # an unknown code
    look_up(page, site, published.query_code)
    problems += problems_on(page)  # an answer
    look_up(page, site, rejected.query_code)
    problems += problems_on(page)  # a rejection with the way to the application form

    problems += scan(page, f"{site}/messages/")
    problems += scan(page, f"{site}/messages/?agency=DEMO-COUNTY&category=enquiry")
    problems += scan(page, f"{site}/messages/{published.pk}/")
    problems += scan(page, f"{site}/messages/statistics/")
    problems += scan(page, f"{site}/messages/statistics/?agency=DEMO-COUNTY")
    problems += scan(page, f"{site}/messages/999999/", status=404)
    assert_no_axe_problems(problems)


def test_console_message_pages_pass_axe(page, live_server):
    demo_messages()
    console = f"{live_server.url}/console"
    open_message = PublicMessage.objects.get(subject__endswith="流感疫苗接种点")
    accepted = PublicMessage.objects.get(subject__endswith="诊所收费不透明")
    drafted = PublicMessage.objects.get(status=MessageStatus.REPLY_DRAFTED)
    published = PublicMessage.objects.published().first()
    county = Agency.objects.get(code="DEMO-COUNTY")
    problems = []

    log_in(page, live_server, "county_publisher")
    problems += scan(page, f"{console}/messages/")
    problems += scan_with_actions_open(page, f"{console}/messages/{open_message.pk}/")
    problems += scan_with_actions_open(page, f"{console}/messages/{accepted.pk}/")

    log_in(page, live_server, "county_reviewer")
    problems += scan_with_actions_open(page, f"{console}/messages/{drafted.pk}/")
    problems += scan_with_actions_open(page, f"{console}/messages/{published.pk}/")

    log_in(page, live_server, "county_admin")
    problems += scan(page, f"{console}/messages/limits/{county.pk}/")

    log_in(page, live_server, "city_supervisor")
    problems += scan(page, f"{console}/messages/")
    assert "超过3个月未答复" in page.locator("main").inner_text()
    problems += axe_problems(page)
    assert_no_axe_problems(problems)
