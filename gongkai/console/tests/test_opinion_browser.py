"""Browser test: on a 360 px phone, a clerk records a 舆情 event and its first response; the
pages pass axe (no serious or critical WCAG 2.1 AA problem)."""

import datetime
import re

import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.participation.models import OpinionEvent
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 360, "height": 740}


def fits_the_phone(page) -> None:
    # Measured once the page and its fonts have loaded: mid-layout widths vary.
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 360px phone"


def test_a_clerk_records_an_event_and_a_response_on_a_phone(page, live_server):
    agency = make_agency(name="示例县卫生健康局")
    make_user(username="clerk", agency=agency, roles=(Role.PUBLISHER,))
    first_seen = timezone.localtime() - datetime.timedelta(hours=2)
    answered = first_seen + datetime.timedelta(hours=1)
    page.set_viewport_size(PHONE)
    problems = []

    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="舆情回应").click()
    page.get_by_role("heading", name="舆情回应", exact=True).wait_for()
    problems += axe_problems(page)

    page.get_by_role("link", name="登记舆情").click()
    page.get_by_role("button", name="登记").click()  # empty: every required field errs
    page.locator(".errorlist").first.wait_for()
    problems += axe_problems(page)
    page.get_by_label("事件名称").fill("网传县医院急诊拒收病人")
    page.locator("select[name=source]").select_option(label="社交媒体、自媒体")
    page.get_by_label("舆情摘要").fill("短视频称县医院急诊拒收病人，转发量较大。")
    page.get_by_label("首次发现时间").fill(first_seen.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("级别").select_option(label="特别重大、重大")
    page.get_by_label("责任单位").fill("县人民医院")
    fits_the_phone(page)
    page.get_by_role("button", name="登记").click()
    page.get_by_text("舆情事件已登记。").wait_for()
    page.get_by_text(re.compile(r"剩余 2[12] 小时")).wait_for()  # 24 h from first seen
    fits_the_phone(page)
    problems += axe_problems(page)

    page.get_by_text("登记回应", exact=True).first.click()  # open the <details>
    page.get_by_label("回应方式").select_option(label="新闻发布会")
    page.get_by_label("回应时间").fill(answered.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("回应内容").fill("召开新闻发布会，通报核查情况。")
    page.get_by_role("button", name="登记回应").click()
    page.get_by_text("回应已登记。").wait_for()
    page.get_by_text("提前 23 小时 0 分").wait_for()
    fits_the_phone(page)
    problems += axe_problems(page)

    page.get_by_role("link", name="返回舆情列表").click()
    page.get_by_role("link", name="按月统计").click()
    page.get_by_role("heading", name="舆情回应按月统计").wait_for()
    fits_the_phone(page)
    problems += axe_problems(page)

    event = OpinionEvent.objects.get()
    assert event.first_response_at == answered.replace(second=0, microsecond=0)
    assert_no_axe_problems(problems)
