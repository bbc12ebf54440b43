"""axe-core finds no serious or critical WCAG 2.1 AA problem on the console's pages."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.demo.loading import DEMO_ACCOUNTS, DEMO_MARK
from gongkai.documents.models import Document, Status
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORDS = {account.username: account.password for account in DEMO_ACCOUNTS}
BAD_IMPORT = "标题,发文机关,成文日期\n关于开展义诊活动的通知,演示县卫生健康局,不是日期\n"


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORDS[username])
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()


def scan(page, url: str, status: int = 200) -> list[str]:
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    return axe_problems(page)


def test_console_pages_pass_axe(page, live_server, restore_demo):
    restore_demo()
    county = Agency.objects.get(code="DEMO-COUNTY")
    draft = Document.objects.filter(agency=county, status=Status.DRAFT).first()
    in_review = Document.objects.get(agency=county, status=Status.IN_REVIEW)
    published = Document.objects.get(title=f"{DEMO_MARK}演示县家庭医生签约服务管理办法")
    console = f"{live_server.url}/console"
    problems = []

    problems += scan(page, f"{console}/login/")
    page.get_by_label("用户名").fill("county_publisher")
    page.get_by_label("密码").fill("wrong password")
    page.get_by_role("button", name="登录").click()
    page.locator(".errorlist").first.wait_for()
    problems += axe_problems(page)  # the login form with its error

    log_in(page, live_server, "county_publisher")
    problems += axe_problems(page)  # dashboard
    problems += scan(page, f"{console}/documents/")
    problems += scan(page, f"{console}/documents/?status=draft&agency={county.pk}")
    problems += scan(page, f"{console}/documents/new/?agency={county.pk}")
    page.get_by_role("button", name="保存草稿").click()  # empty: every required field errs
    page.locator("[aria-invalid=true]").first.wait_for()
    problems += axe_problems(page)
    problems += scan(page, f"{console}/documents/{draft.pk}/")

    log_in(page, live_server, "county_reviewer")
    problems += scan(page, f"{console}/documents/{in_review.pk}/")
    problems += scan(page, f"{console}/documents/{published.pk}/")

    log_in(page, live_server, "county_admin")
    problems += scan(page, f"{console}/catalogue/")
    problems += scan(page, f"{console}/catalogue/{county.pk}/")
    problems += scan(page, f"{console}/catalogue/{county.pk}/changes/")
    problems += scan(page, f"{console}/import/")
    page.get_by_label("表格文件").set_input_files(
        {"name": "历史.csv", "mimeType": "text/csv", "buffer": BAD_IMPORT.encode()}
    )
    page.get_by_role("button", name="检查并导入").click()
    page.get_by_role("table", name="需要修改的问题").wait_for()
    problems += axe_problems(page)  # the import page listing the file's problems

    log_in(page, live_server, "city_supervisor")
    problems += axe_problems(page)  # dashboard with the read-only lower agencies

    assert_no_axe_problems(problems)


def test_this_waves_console_pages_pass_axe_in_both_languages_and_large_text(
    page, live_server, restore_demo
):
    # #14/#15's pages: the FOI handler's work, the filtered lists, the charts, the yearly review.
    restore_demo()
    county = Agency.objects.get(code="DEMO-COUNTY")
    pages = [
        ("county_foi", "/console/"),
        ("county_foi", "/console/applications/?handler=none&status=open"),
        ("county_foi", "/console/applications/?due_from=2026-13-01"),  # an impossible date
        ("county_admin", "/console/documents/?page=2"),
        ("county_admin", "/console/opinion/figures/"),
        ("county_admin", "/console/yearly-review/"),
        ("county_admin", f"/console/frequent-requests/{county.pk}/"),
    ]
    problems = []
    for prefix in ("", "/en"):
        for username, path in pages:
            log_in(page, live_server, username)
            problems += scan(page, f"{live_server.url}{prefix}{path}")
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, live_server, "county_foi")
    page.get_by_role("link", name="大字模式").click()
    assert "large-text" in (page.locator("body").get_attribute("class") or "")
    for username, path in pages:
        if username == "county_foi":
            problems += scan(page, f"{live_server.url}{path}")
    assert_no_axe_problems(problems)
