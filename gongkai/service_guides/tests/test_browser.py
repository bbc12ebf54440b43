"""Browser test: a clerk drafts a service item's guide, a reviewer publishes it, the public
reads it with its QR code; axe-core finds no serious problem on the new public pages in
Chinese and English (and on the withdrawn guide's notice)."""

import re

import pytest

from gongkai.agencies.models import Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.service_guides import publication
from gongkai.service_guides.models import Guide, GuideStatus
from gongkai.service_guides.qr import qr_code

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()


def test_from_draft_to_the_public_page_and_its_qr_code(page, live_server, settings):
    settings.SITE_URL = live_server.url
    agency = make_agency(code="HC-COUNTY", name="示例县卫生健康局")
    make_user(username="clerk", agency=agency, roles=(Role.PUBLISHER,))
    make_user(username="boss", agency=agency, roles=(Role.REVIEWER,))
    derive_catalogue(agency=agency, actor=None)

    log_in(page, live_server, "clerk")
    page.get_by_role("link", name="办事服务").first.click()
    page.get_by_role("link", name="新增事项").click()
    page.get_by_label("事项类型").select_option(label="行政许可")
    page.get_by_label("事项编码").fill("SX-0104")
    page.get_by_label("事项名称").fill("医疗机构执业登记")
    page.get_by_label("行使层级").select_option(label="县级")
    entry = page.get_by_label("公开目录事项")
    entry.select_option(
        entry.locator("option", has_text="医疗机构执业登记").first.get_attribute("value")
    )
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="起草办事指南").click()

    # First save without the time limits: the draft is kept and says what it lacks.
    page.get_by_label("设定依据").fill("《医疗机构管理条例》第十五条")
    page.get_by_label("实施主体").fill("示例县卫生健康局")
    page.get_by_label("受理条件").fill("已取得设置医疗机构批准书。")
    page.get_by_label("材料名称").first.fill("医疗机构执业登记申请书")
    page.get_by_label("环节名称").first.fill("受理")
    page.get_by_label("环节名称").nth(1).fill("决定")
    page.get_by_label("窗口办理").check()
    page.get_by_label("不收费").check()
    page.get_by_label("办理地点").fill("县政务服务中心二楼")
    page.get_by_label("办理时间").fill("工作日 9:00—17:00")
    page.get_by_label("咨询电话").fill("0356-2021234")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("尚缺关键要素：法定时限、承诺时限").wait_for()

    page.get_by_role("link", name="填写办事指南").click()
    page.get_by_label("法定时限").fill("45")
    page.get_by_label("承诺时限").fill("60")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("承诺时限不能长于法定时限。").first.wait_for()  # one round, on the form
    page.get_by_label("承诺时限").fill("20")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("已保存，关键要素齐全。").wait_for()
    page.get_by_role("button", name="提交审核").click()
    page.get_by_text("已提交审核。").wait_for()

    log_in(page, live_server, "boss")
    page.get_by_role("link", name="办事服务").first.click()
    page.get_by_role("link", name="SX-0104 医疗机构执业登记").click()
    page.get_by_role("button", name="审核发布").click()
    notice = page.get_by_text(re.compile(r"已发布，索引号 HC-COUNTY/\d{4}-00001"))
    notice.wait_for()

    page.get_by_role("link", name="/agencies/HC-COUNTY/services/SX-0104/").click()
    page.get_by_role("heading", name="医疗机构执业登记办事指南").wait_for()
    url = f"{live_server.url}/agencies/HC-COUNTY/services/SX-0104/"
    assert page.url == url
    qr = page.get_by_role("img", name="本页二维码")
    assert qr.locator("svg path").count() == 1
    assert url in page.locator("figure.guide-qr figcaption").inner_text()
    assert qr_code(url).data_list[0].data == url.encode()
    assert "20个工作日" in page.content()
    # Printable: the print style sheet drops the site's navigation, keeps the guide and its code.
    page.emulate_media(media="print")
    assert page.locator("nav.column-nav").is_hidden()
    assert page.get_by_role("heading", name="医疗机构执业登记办事指南").is_visible()
    assert qr.is_visible()
    page.emulate_media(media="screen")

    problems = []
    for prefix in ("", "/en"):
        for path in ("/agencies/HC-COUNTY/services/", "/agencies/HC-COUNTY/services/SX-0104/"):
            response = page.goto(f"{live_server.url}{prefix}{path}")
            assert response.status == 200
            problems += axe_problems(page)
    # Older readers on phones: large text, narrow screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/agencies/HC-COUNTY/services/SX-0104/")
    page.get_by_role("link", name="大字模式").click()
    assert "large-text" in (page.locator("body").get_attribute("class") or "")
    problems += axe_problems(page)
    guide = Guide.objects.get(status=GuideStatus.PUBLISHED)
    publication.withdraw_guide(guide=guide, actor=guide.reviewed_by, reason="事项已调整")
    for prefix in ("", "/en"):
        response = page.goto(f"{live_server.url}{prefix}/agencies/HC-COUNTY/services/SX-0104/")
        assert response.status == 410
        problems += axe_problems(page)
    assert_no_axe_problems(problems)


def test_the_console_pages_pass_axe(page, live_server):
    from gongkai.service_guides.tests.factories import make_guide, make_item

    agency = make_agency(code="HC-COUNTY", name="示例县卫生健康局")
    clerk = make_user(username="clerk", agency=agency, roles=(Role.PUBLISHER,))
    item = make_item(agency, clerk)
    guide = make_guide(item, drafter=clerk, values={"name": item.name})
    log_in(page, live_server, "clerk")
    problems = []
    for path in (
        "/console/services/",
        "/console/services/?incomplete=1",
        "/console/services/new/",
        f"/console/services/{item.pk}/",
        f"/console/services/guides/{guide.pk}/edit/",
        "/console/services/import/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert_no_axe_problems(problems)
