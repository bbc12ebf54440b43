"""Browser test: the FOI handler logs in, finds their applications on the dashboard, filters
the applications list to 未分配 and opens one; the trail shows labels; axe finds no serious or
critical problem on any of these pages."""

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "王五",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13700000000",
    "email": "",
    "address": "",
    "postcode": "",
    "document_numbers": "",
    "delivery_form": "onsite",
}


def test_the_handler_finds_their_work_and_an_unassigned_application(page, live_server):
    agency = make_agency(name="示例县卫生健康局")
    handler = make_user(
        username="handler", agency=agency, roles=(Role.FOI_HANDLER,), first_name="李承办"
    )
    mine = services.submit_online(
        agency=agency, values={**VALUES, "description": "本县2025年卫生监督抽查结果"}
    )
    services.assign_handler(application=mine, handler=handler, actor=handler)
    waiting = services.submit_online(
        agency=agency, values={**VALUES, "description": "县医院2025年收费项目清单"}
    )
    problems = []

    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("handler")
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我承办的申请（在办 1 件）").wait_for()
    page.get_by_role("link", name=mine.query_code).first.wait_for()
    page.get_by_role("heading", name="本机关未分配的申请 (1)").wait_for()
    problems += axe_problems(page)

    page.get_by_role("link", name="依申请公开", exact=True).first.click()
    page.get_by_role("heading", name="依申请公开", exact=True).wait_for()
    page.get_by_label("承办人").select_option(label="未分配")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("heading", name="筛选结果 (1)").wait_for()
    assert page.get_by_role("link", name=mine.query_code).count() == 0
    problems += axe_problems(page)
    page.set_viewport_size(PHONE)  # the filtered list on a phone: nothing wider than the screen
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"]
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name=waiting.query_code).click()
    page.get_by_text("县医院2025年收费项目清单").first.wait_for()
    page.get_by_role("cell", name="网上提交申请").wait_for()  # the trail's label, not a code
    assert page.get_by_text("foi.submit_online").count() == 0
    problems += axe_problems(page)

    assert_no_axe_problems(problems)
