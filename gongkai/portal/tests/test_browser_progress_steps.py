"""Browser test: the application form filled in wrongly shows every error at once in a focused
summary that links to each field; the progress page shows its steps (desktop and a 360 px
phone) and the applicant's letters. axe finds nothing serious in zh-hans, en and large text."""

import datetime
import itertools

import pytest
from playwright.sync_api import expect

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.identity import IdType
from gongkai.foi.outcomes import ApplicantType
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
AGENCY = "某县卫生健康局"
MOBILE = "13812345678"


@pytest.fixture
def agency():
    return make_agency(name=AGENCY)


@pytest.fixture
def in_supplement(agency):
    """An application whose office asked for a 补正 (the clock paused, a letter to download)."""
    application = services.submit_online(
        agency=agency,
        values={
            "applicant_type": ApplicantType.NATURAL,
            "applicant_name": "张三",
            "id_type": IdType.RESIDENT_ID,
            "id_number": "11010519491231002X",
            "phone": MOBILE,
            "email": "zhangsan@example.org",
            "address": "",
            "postcode": "",
            "description": "2025年本县公共场所卫生监督抽查结果",
            "document_numbers": "",
            "delivery_form": "email",
            "contact_person": "",
        },
        on=datetime.date(2026, 11, 10),
    )
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    services.assign_handler(application=application, handler=handler, actor=handler)
    services.request_supplement(
        application=application,
        actor=handler,
        on=datetime.date(2026, 11, 12),
        items="请写明所需信息的年份",
        deadline_days=10,
    )
    return application


def switch_to_large_text(page, live_server) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="大字模式").click()
    assert "large-text" in (page.locator("body").get_attribute("class") or "")


def fill_wrongly(page) -> None:
    page.locator("#id_agency").select_option(label=AGENCY)
    page.locator("#id_applicant_type").select_option("natural")
    page.locator("#id_applicant_name").fill("王小明")
    page.locator("#id_id_type").select_option("resident_id")
    page.locator("#id_id_number").fill("110105194912310021")  # a wrong check character
    page.locator("#id_phone").fill("abc")
    page.locator("#id_description").fill("2025年本县医疗机构校验结果")
    page.locator("#id_delivery_form").select_option("paper")  # without an address


def test_the_form_filled_in_wrongly_shows_every_error_in_a_focused_summary(
    page, live_server, agency
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/apply/")
    assert page.locator("label[for=id_address] .conditional-note").inner_text() == (
        "（选择邮寄时必填）"
    )
    fill_wrongly(page)
    page.locator("main form.stacked button[type=submit]").click()

    summary = page.locator(".error-summary")
    summary.wait_for()
    # autofocus is applied by the browser once the page has loaded: wait for it, don't race it.
    # (page.wait_for_function would evaluate a string, which the pages' CSP forbids.)
    expect(page.locator(".error-summary")).to_be_focused()
    text = summary.inner_text()
    assert "居民身份证号码校验位不正确" in text
    assert "带区号的固定电话" in text
    assert "选择纸质文本（邮寄）时，请填写邮寄地址。" in text
    assert "请勾选确认声明后再提交。" in text
    assert "这个字段是必填项" not in page.content()
    assert page.locator("#id_applicant_name").input_value() == "王小明"  # nothing lost
    assert page.locator("#id_phone").input_value() == "abc"

    summary.get_by_role("link", name="联系电话").click()
    assert page.url.endswith("#id_phone")
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_phone").is_visible()

    problems = axe_problems(page)
    page.goto(f"{live_server.url}/en/apply/")
    fill_wrongly(page)
    page.locator("main form.stacked button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    problems += axe_problems(page)
    switch_to_large_text(page, live_server)
    page.goto(f"{live_server.url}/apply/")
    fill_wrongly(page)
    page.locator("main form.stacked button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    problems += axe_problems(page)
    assert_no_axe_problems(problems)


def check_progress(page, site: str, application) -> None:
    page.goto(f"{site}/apply/progress/")
    page.locator("#id_query_code").fill(application.query_code)
    page.locator("#id_secret").fill("138 1234 5678")
    page.locator("main form.stacked button[type=submit]").click()
    page.locator(".progress-steps").wait_for()


def test_the_progress_page_shows_the_steps_on_a_desktop_and_a_phone(
    page, live_server, in_supplement
):
    page.set_viewport_size(DESKTOP)
    check_progress(page, live_server.url, in_supplement)

    steps = page.locator(".progress-steps > li")
    assert steps.count() == 4
    current = page.locator('.progress-steps > li[aria-current="step"]')
    assert current.count() == 1
    assert "办理中" in current.inner_text()
    assert "（当前步骤）" in current.inner_text()
    assert "补正期间不计入办理期限" in current.inner_text()
    # On a desktop the steps stand in one row.
    tops = {round(steps.nth(i).bounding_box()["y"]) for i in range(4)}
    assert len(tops) == 1, tops
    assert "请按补正告知书的要求补正申请内容" in page.locator(".next-step").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="下载补正告知书（DOCX）").click()
    assert download.value.suggested_filename.endswith(".docx")

    problems = axe_problems(page)
    check_progress(page, f"{live_server.url}/en", in_supplement)
    problems += axe_problems(page)

    page.set_viewport_size(PHONE)
    switch_to_large_text(page, live_server)
    check_progress(page, live_server.url, in_supplement)
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"the progress page is {width}px wide on a 360px phone"
    # On a phone the steps stack, one under the other.
    boxes = [steps.nth(i).bounding_box() for i in range(4)]
    assert all(a["y"] < b["y"] for a, b in itertools.pairwise(boxes))
    problems += axe_problems(page)
    assert_no_axe_problems(problems)
