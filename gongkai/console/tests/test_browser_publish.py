"""Browser test: a clerk drafts a record, a reviewer publishes it, the public reads it."""

import re

import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.factories import make_agency, make_user

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()


def test_draft_review_publish_and_read_on_the_portal(page, live_server):
    agency = make_agency(name="示例县卫生健康局")
    make_user(username="clerk", agency=agency, roles=(Role.PUBLISHER,))
    make_user(username="boss", agency=agency, roles=(Role.REVIEWER,))
    derive_catalogue(agency=agency, actor=None)

    log_in(page, live_server, "clerk")
    page.get_by_role("link", name="起草新信息").click()
    page.get_by_label("标题").fill("关于开展2026年预防接种宣传周活动的通知")
    page.get_by_label("文件类型").select_option(label="通知公告")
    page.get_by_label("主题分类").select_option(label="卫生、体育\\疾病预防控制")
    entry = page.get_by_label("公开目录事项")
    option_value = entry.locator("option", has_text="预防接种").first.get_attribute("value")
    entry.select_option(option_value)
    page.get_by_label("成文日期").fill(timezone.localdate().isoformat())
    page.get_by_label("内容概述").fill("部署预防接种宣传周活动。")
    page.get_by_role("textbox", name="正文").fill("各乡镇卫生院：<script>alert(1)</script>")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存。").wait_for()
    page.get_by_role("button", name="提交审核").click()
    page.get_by_text("已提交审核。").wait_for()
    page.get_by_role("button", name="退出").click()

    log_in(page, live_server, "boss")
    page.get_by_role("link", name="关于开展2026年预防接种宣传周活动的通知").first.click()
    page.get_by_role("button", name="审核通过并发布").click()
    page.get_by_text("已发布。").wait_for()
    index_number = page.locator("tr", has_text="索引号").locator("td").inner_text()
    assert re.fullmatch(rf"{agency.code}/\d{{4}}-00001", index_number.strip())

    page.get_by_role("link", name="在门户网站查看").click()
    page.get_by_role("heading", name="关于开展2026年预防接种宣传周活动的通知").wait_for()
    assert index_number.strip() in page.content()
    assert "<script>alert(1)</script>" not in page.content()

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="关于开展2026年预防接种宣传周活动的通知").first.click()
    # Measured once the page and its fonts have loaded: mid-layout widths vary.
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= 360, f"page is {width}px wide on a 360px phone"
