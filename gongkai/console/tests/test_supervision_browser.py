"""Browser test: the city supervisor sees the lagging county at the bottom of the league table,
opens a rectification task; the county answers with evidence; the supervisor accepts; a
circular is drafted into a record and published by the city's reviewer. The pages pass axe."""

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.documents.models import Document, DocumentType, Status
from gongkai.documents.tests.factories import make_agency_item, pdf_bytes
from gongkai.factories import make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.supervision.models import RectificationTask
from gongkai.supervision.tests.world import make_world
from gongkai.supervision.workflow import TaskStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()


def log_out(page) -> None:
    page.get_by_role("button", name="退出").click()


def test_league_table_task_and_circular(page, live_server, tmp_path):
    world = make_world()
    city = world["city"]
    make_user(username="chief", agency=city, roles=(Role.SUPERVISOR, Role.ADMIN))
    make_user(username="county", agency=world["a"], roles=(Role.ADMIN,))
    make_user(username="city_reviewer", agency=city, roles=(Role.REVIEWER,))
    make_agency_item(city, name="通知公告")
    base = live_server.url
    problems = []

    log_in(page, base, "chief")
    page.get_by_role("link", name="督查考核").click()
    page.get_by_role("heading", name="督查考核").wait_for()
    rows = page.locator("table.league tbody tr")
    assert rows.count() == 2
    assert "甲县" in rows.last.inner_text()
    problems += axe_problems(page)

    page.get_by_role("link", name="编辑考核方案").click()
    page.get_by_label("方案名称").fill("2026年度政务公开考核")
    problems += axe_problems(page)
    page.get_by_role("button", name="保存方案").click()
    page.get_by_text("考核方案已保存。").wait_for()
    page.get_by_text("考核方案：2026年度政务公开考核").wait_for()
    rows = page.locator("table.league tbody tr")
    assert "甲县" in rows.last.inner_text()

    rows.last.get_by_role("link", name="交办整改").click()
    page.get_by_label("整改事项").fill("整改超过3个月未答复的留言")
    page.get_by_label("整改要求").fill("逐条答复超期留言，报送答复清单。")
    page.get_by_label("问题类别").select_option(label="留言超过3个月未答复")
    page.get_by_role("button", name="交办").click()
    page.get_by_text("整改任务已交办。").wait_for()
    problems += axe_problems(page)
    log_out(page)

    log_in(page, base, "county")
    page.get_by_role("link", name="整改任务").click()
    page.get_by_role("link", name="整改超过3个月未答复的留言").click()
    page.get_by_label("整改情况").fill("已逐条答复，答复清单见附件。")
    evidence = tmp_path / "答复清单.pdf"
    evidence.write_bytes(pdf_bytes())
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    problems += axe_problems(page)
    page.get_by_role("button", name="提交反馈").click()
    page.get_by_text("整改情况已反馈。").wait_for()
    log_out(page)

    log_in(page, base, "chief")
    page.goto(f"{base}/console/supervision/tasks/")
    page.get_by_role("link", name="整改超过3个月未答复的留言").click()
    page.get_by_role("link", name="答复清单.pdf").wait_for()
    page.get_by_label("督查意见").fill("整改到位。")
    page.get_by_role("button", name="验收通过").click()
    page.get_by_text("整改已验收。").wait_for()
    assert RectificationTask.objects.get().status == TaskStatus.ACCEPTED

    page.get_by_role("link", name="督查考核").click()
    page.get_by_role("link", name="起草通报").click()
    page.get_by_label("留言超过3个月未答复").check()
    page.get_by_role("button", name="生成草稿").click()
    page.get_by_role("heading", name="二、存在问题").wait_for()
    page.get_by_text(re.compile("甲县1项")).first.wait_for()
    problems += axe_problems(page)
    page.get_by_role("button", name="存为政府信息草稿").click()
    page.get_by_text("通报已存为政府信息草稿").wait_for()
    page.get_by_role("button", name="提交审核").click()
    page.get_by_text("已提交审核。").wait_for()
    log_out(page)

    log_in(page, base, "city_reviewer")
    record = Document.objects.get(agency=city, document_type=DocumentType.NOTICE)
    page.goto(f"{base}/console/documents/{record.pk}/")
    page.get_by_role("button", name="审核通过并发布").click()
    page.get_by_text("已发布。").wait_for()
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    assert record.title == "关于2026年政务公开工作情况的通报"
    assert_no_axe_problems(problems)
