"""A browser follows one suggestion from registering to the public page: the clerk registers
it (meeting the form's errors first), records the reply with its letter, chooses full
publication; the reviewer publishes; the agency's 建议提案办理结果 page lists it. axe finds
nothing serious on the way."""

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.proposals.models import Proposal, State
from gongkai.proposals.tests.factories import PDF, proposals_item

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "关于加强村卫生室建设的建议"


def sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()


def test_from_registering_to_the_public_page(page, live_server, tmp_path):
    agency = make_agency(name="测试县卫生健康局", code="TEST-COUNTY")
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,), username="proposal_clerk")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,), username="proposal_reviewer")
    proposals_item(agency)
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(PDF)
    problems = []

    sign_in(page, live_server, clerk)
    page.get_by_role("link", name="建议提案").click()
    page.get_by_role("heading", name="建议提案办理").wait_for()
    problems += axe_problems(page)
    page.get_by_role("link", name="登记建议提案").click()
    page.get_by_label("编号").fill("15")
    page.get_by_label("交办日期").fill("2026-09-10")
    page.get_by_label("答复期限").fill("2027-01-10")
    page.get_by_role("button", name="登记").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    text = summary.inner_text()
    for message in ("请填写标题。", "请填写提出人。", "请写明调整的理由"):
        assert message in text
    problems += axe_problems(page)
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("提出人").fill("张某某")
    page.get_by_label("交办机关").fill("测试县人大常委会")
    page.get_by_label("答复期限").fill("")
    page.get_by_role("button", name="登记").click()
    page.get_by_role("heading", name=TITLE).wait_for()
    page.get_by_text("已登记，答复期限为2026-12-10。").wait_for()
    problems += axe_problems(page)

    page.get_by_label("B类：正在解决或列入计划").check()
    page.get_by_label("答复日期").fill("2026-11-02")
    page.get_by_label("答复函").set_input_files(str(letter))
    page.get_by_label("答复摘要").fill("已列入明年村卫生室改造计划。")
    page.get_by_label("答复全文").fill("张某某代表：您的建议收悉，已列入明年村卫生室改造计划。")
    page.get_by_role("button", name="登记答复").click()
    page.get_by_text("答复已登记。").wait_for()
    page.get_by_label("全文公开").check()
    page.get_by_role("button", name="确定", exact=True).click()
    page.get_by_text("公开方式已确定。").wait_for()
    problems += axe_problems(page)
    page.get_by_role("button", name="退出").click()

    sign_in(page, live_server, reviewer)
    page.get_by_role("link", name="建议提案").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="审核发布").click()
    page.get_by_text("办理结果已公开。").wait_for()
    proposal = Proposal.objects.get()
    assert proposal.state == State.PUBLISHED

    page.goto(f"{live_server.url}/agencies/TEST-COUNTY/")
    page.get_by_role("link", name="建议提案办理结果").click()
    page.get_by_role("heading", level=1, name="建议提案办理结果").wait_for()
    problems += axe_problems(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_text("已列入明年村卫生室改造计划").first.wait_for()
    assert proposal.record.index_number in page.content()
    assert_no_axe_problems(problems)
