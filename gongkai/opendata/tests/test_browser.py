"""Browser test on the demo: axe-core finds no serious problem on the open-data pages, and on
a phone the dataset page's tables become cards and nothing is wider than the screen."""

import pytest

from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

# serialized_rollback, as the other live-server tests: the live server makes the test
# transactional, and the tests after it need what the data migrations wrote.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    "/opendata/",
    "/opendata/datasets/demo-county-public-health-services/",
    "/opendata/datasets/demo-county-chronic-disease-register/",
    "/agencies/DEMO-COUNTY/opendata/",
    "/agencies/DEMO-COUNTY/opendata/resources/",
    "/en/opendata/datasets/demo-county-medical-institutions/",
]


def test_the_open_data_pages_pass_axe_and_fit_a_phone(page, live_server, restore_demo, tmp_path):
    restore_demo()
    problems = []
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += axe_problems(page)
    assert_no_axe_problems(problems)

    # On a phone (one test with the scans: the demo is restored once).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/opendata/datasets/demo-county-medical-institutions/")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= 390, f"the dataset page is {width}px wide on a 390px phone"
    # A preview row is a card: its header row is hidden and each cell carries its column.
    header = page.locator("table.card-table.compact thead").first
    assert header.bounding_box()["height"] <= 1
    cell = page.locator('table.card-table.compact td[data-label="床位数"]').first
    assert cell.is_visible()
    page.screenshot(path=str(tmp_path / "dataset-phone.png"), full_page=True)
