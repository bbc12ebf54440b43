"""Browser test: the public reads the demo county's 政务新媒体矩阵 on a 390 px phone (the table
becomes cards) and on a desktop; axe-core finds no serious problem."""

import pytest

from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback: as the other demo browser tests (live server + restore_demo).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_public_accounts_page_on_phone_and_desktop(page, live_server, restore_demo, tmp_path):
    restore_demo()
    url = f"{live_server.url}/agencies/DEMO-COUNTY/newmedia/"

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    page.get_by_role("heading", name="政务新媒体矩阵").wait_for()
    assert page.get_by_text("jiankang-demo", exact=True).is_visible()
    assert page.get_by_text("demo-toutiao").count() == 0  # closed: not shown
    assert page.get_by_text("jiankang-demo-dy").count() == 0  # waiting for approval
    cell = page.locator(".table-scroll td").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=str(tmp_path / "newmedia-phone.png"), full_page=True)
    assert_no_axe_problems(axe_problems(page))

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.get_by_role("link", name="政务新媒体").first.wait_for()
    assert_no_axe_problems(axe_problems(page))
