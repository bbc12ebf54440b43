"""In a browser: the demo county's 执法公示 column → the 2026 plan → verify → "一致", with
axe-core over every new public page, on a desktop and on a 390 px phone."""

import pytest

from gongkai.enforcement.models import InspectionPlan
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_plan_verifies_from_the_public_pages(page, live_server, width, restore_demo):
    restore_demo()
    plan = InspectionPlan.objects.get(agency__code="DEMO-COUNTY", year=2026)
    page.set_viewport_size({"width": width, "height": 800})
    problems = []

    page.goto(f"{live_server.url}/agencies/DEMO-COUNTY/")
    page.get_by_role("link", name="执法公示").click()
    page.get_by_role("heading", name="执法公示", level=1).wait_for()
    assert page.get_by_role("cell", name="14052526001").count() == 1  # 执法证号 are public
    problems += axe_problems(page)
    if width == 390:
        assert _no_sideways_scroll(page)  # wide tables scroll inside their own box
    page.get_by_role("link", name="执法事前公开清单（2026年版）").first.click()
    page.get_by_role("heading", level=1).wait_for()
    problems += axe_problems(page)

    page.goto(f"{live_server.url}/agencies/DEMO-COUNTY/enforcement/")
    page.get_by_role("link", name=plan.title[:20], exact=False).first.click()
    page.get_by_role("heading", name=plan.title).wait_for()
    problems += axe_problems(page)
    if width == 390:
        assert _no_sideways_scroll(page)
    page.get_by_role("link", name="核验本次抽取").click()
    verdict = page.get_by_role("status").filter(has_text="一致")
    verdict.wait_for()
    assert verdict.inner_text().startswith("一致")
    assert page.get_by_text("✗").count() == 0
    problems += axe_problems(page)
    if width == 390:
        assert _no_sideways_scroll(page)

    assert_no_axe_problems(problems)


def test_the_console_pages_pass_axe(page, live_server, restore_demo):
    from gongkai.demo.loading import DEMO_ACCOUNTS
    from gongkai.enforcement.models import EnforcementList

    restore_demo()
    password = next(a.password for a in DEMO_ACCOUNTS if a.username == "county_publisher")
    plan = InspectionPlan.objects.get(agency__code="DEMO-COUNTY", year=2026)
    version = EnforcementList.objects.get(agency__code="DEMO-COUNTY")
    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("用户名").fill("county_publisher")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="我的工作").wait_for()
    problems = []
    for path in (
        "/console/enforcement/lists/",
        f"/console/enforcement/lists/{version.pk}/",
        "/console/inspections/",
        f"/console/inspections/plans/{plan.pk}/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert page.get_by_text("核验一致").count() == 1
    assert_no_axe_problems(problems)
