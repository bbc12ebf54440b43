"""Browser test: the public reads the demo county's projects on a desktop and on a phone (the
tables become cards); axe-core finds no serious problem on the list and project pages."""

import pytest

from gongkai.demo.projects_demo import FINISHED
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.projects.models import Project

# serialized_rollback: as the other demo browser tests (live server + restore_demo).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_project_pages_on_desktop_and_phone(page, live_server, restore_demo, tmp_path):
    restore_demo()
    project = Project.objects.get(code=FINISHED)
    list_url = f"{live_server.url}/agencies/DEMO-COUNTY/projects/"
    detail_url = f"{live_server.url}/agencies/DEMO-COUNTY/projects/{project.pk}/"

    page.goto(list_url)
    page.get_by_role("link", name=project.name).click()
    page.get_by_role("heading", name="竣工有关信息").wait_for()
    problems = axe_problems(page)
    page.goto(list_url)
    problems += axe_problems(page)
    assert_no_axe_problems(problems)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(detail_url)
    cell = page.locator("#procurement ~ .table-scroll td").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    page.screenshot(path=str(tmp_path / "project-phone.png"), full_page=True)
    assert_no_axe_problems(axe_problems(page))
