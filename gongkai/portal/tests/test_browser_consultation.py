"""Browser test of a consultation from end to end, on a 360 px phone for the citizen: the
citizen comments on a clause; staff publish the comment, dispose of every comment, close the
consultation and publish the feedback; the citizen sees how the comment was used. axe finds
no serious or critical problem on the public pages, in Chinese and English."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.participation import consultation_services as services
from gongkai.participation.models import Comment, Consultation
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
TITLE = "某县基层医疗卫生机构管理办法（征求意见稿）"
COMMENT = "建议在第二条中写明村卫生室也适用本办法。"
REASON = "已在第二条中增加村卫生室。"


def assert_fits_phone(page) -> None:
    # Measured once the page and its fonts have loaded: mid-layout widths vary.
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 360px phone"


@pytest.fixture
def consultation():
    agency = make_agency(name="演示县卫生健康局", level=Level.COUNTY)
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,), username="clerk")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,), username="reviewer")
    today = timezone.localdate()
    consultation = services.create_consultation(
        agency=agency,
        actor=publisher,
        draft_values={
            "title": TITLE,
            "topic": "health",
            "catalogue_item": make_agency_item(agency),
            "summary": "公开征求意见。",
        },
        values={
            "background": "为规范基层医疗卫生机构管理。",
            "basis": "《基本医疗卫生与健康促进法》。",
            "main_content": "共三条。",
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=30),
            "moderation": "before",
            "name_rule": "optional",
            "contact_rule": "optional",
        },
        clauses_text=(
            "第一条 为规范管理，制定本办法。\n第二条 本办法适用于乡镇卫生院。\n"
            "第三条 本办法自印发之日起施行。"
        ),
    )
    services.submit_consultation(consultation=consultation, actor=publisher)
    services.publish_consultation(consultation=consultation, actor=reviewer)
    return Consultation.objects.get(pk=consultation.pk)


def log_in(browser, live_server, username: str):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    return page


def staff_action(page, comment_id: int, summary: str, fields: dict[str, str], button: str):
    card = page.locator(f"#comment-{comment_id}")
    action = card.locator("details.action", has=page.locator("summary", has_text=summary))
    if action.get_attribute("open") is None:
        action.locator("summary").click()
    for label, value in fields.items():
        field = action.get_by_label(label)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        action.get_by_role("button", name=button).click()


def test_citizen_comments_staff_dispose_and_publish_feedback(
    page, browser, live_server, consultation
):
    # --- The citizen finds the consultation and comments on clause 2, on a phone. ---
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/consultations/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    assert_fits_phone(page)
    assert_no_axe_problems(axe_problems(page))
    page.get_by_role("link", name="对第二条提出意见").click()
    page.get_by_label("您的意见").fill(COMMENT)
    page.get_by_label("联系方式（电话或电子邮箱，不公开）").fill("13912345678")
    page.get_by_role("button", name="提交意见").click()
    page.get_by_text("您的意见已提交，经审核后公开").wait_for()
    comment = Comment.objects.get()
    assert comment.clause.number == 2

    # --- A clerk publishes and disposes of it; after the closing day closes the consultation. ---
    clerk = log_in(browser, live_server, "clerk")
    clerk.goto(f"{live_server.url}/console/consultations/{consultation.pk}/")
    staff_action(clerk, comment.pk, "审核", {"审核结果": "publish"}, "保存审核结果")
    staff_action(
        clerk,
        comment.pk,
        "采纳情况",
        {"采纳情况": "partly_adopted", "理由（部分采纳或不予采纳时必填）": REASON},
        "保存采纳情况",
    )
    assert "采纳情况已保存。" in clerk.locator("ul.messages").inner_text()
    after_closing = timezone.now() + datetime.timedelta(days=31)
    with time_machine.travel(after_closing, tick=True):
        # A month later the session has expired: log in again.
        clerk = log_in(browser, live_server, "clerk")
        clerk.goto(f"{live_server.url}/console/consultations/{consultation.pk}/")
        with clerk.expect_navigation():
            clerk.get_by_role("button", name="结束征求意见并生成采纳情况反馈").click()
        assert "意见采纳情况反馈已生成并提交审核" in clerk.locator("ul.messages").inner_text()

        # --- A reviewer publishes the feedback. ---
        reviewer = log_in(browser, live_server, "reviewer")
        reviewer.goto(f"{live_server.url}/console/consultations/{consultation.pk}/")
        with reviewer.expect_navigation():
            reviewer.get_by_role("button", name="审核发布意见采纳情况反馈").click()
        assert "意见采纳情况反馈已发布。" in reviewer.locator("ul.messages").inner_text()

        # --- The citizen sees how the comment was used. ---
        page.goto(f"{live_server.url}/consultations/?state=feedback")
        page.get_by_role("link", name=TITLE).click()
        feedback = page.locator("section", has=page.get_by_role("heading", name="意见采纳情况"))
        text = feedback.inner_text()
        assert COMMENT in text
        assert "部分采纳" in text
        assert REASON in text
        assert "13912345678" not in page.content()
        assert_fits_phone(page)
        assert_no_axe_problems(axe_problems(page))
        page.goto(f"{live_server.url}/en/consultations/{consultation.pk}/")
        assert_no_axe_problems(axe_problems(page))
        page.goto(f"{live_server.url}/en/consultations/")
        assert_no_axe_problems(axe_problems(page))
