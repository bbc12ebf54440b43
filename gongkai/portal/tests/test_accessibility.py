"""axe-core finds no serious or critical WCAG 2.1 AA problem on any public page, in either
language and in large-text mode."""

import pytest

from gongkai.demo.loading import DEMO_MARK
from gongkai.documents.models import Document, Status, Validity

# serialized_rollback: the standard catalogue comes from a data migration that a
# transactional test would otherwise wipe for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
COUNTY = "DEMO-COUNTY"


def axe_problems(page) -> list[str]:
    """Serious and critical WCAG 2.1 AA violations on the page, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['help']} — "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def assert_no_axe_problems(problems: list[str]) -> None:
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)


def test_the_scan_reports_rule_impact_and_targets(page):
    # Guards the scans below: a wrong tag or a broken axe injection would pass silently.
    page.set_content('<html lang="zh-Hans"><body><main><img src="x.png"></main></body></html>')
    problems = axe_problems(page)
    assert any("image-alt (critical)" in problem for problem in problems), problems
    assert any(problem.endswith("— img") for problem in problems), problems


@pytest.fixture
def demo(restore_demo):
    # As load_demo does, this commits, and the search index is as the outbox then feeds it.
    restore_demo()
    return {
        "policy": Document.objects.get(title=f"{DEMO_MARK}演示县家庭医生签约服务管理办法"),
        "repealed": Document.objects.get(validity=Validity.REPEALED),
        "interpretation": Document.objects.get(
            title=f"{DEMO_MARK}《演示县家庭医生签约服务管理办法》政策解读"
        ),
        # The demo withdraws more than one record; this one has a public withdrawal notice.
        "withdrawn": Document.objects.get(
            status=Status.WITHDRAWN, title=f"{DEMO_MARK}演示县某美容诊所行政处罚决定信息"
        ),
    }


def public_pages(demo) -> list[tuple[str, int]]:
    """(path without language prefix, expected status) for every kind of public page."""
    return [
        ("/", 200),
        (f"/agencies/{COUNTY}/", 200),
        (f"/agencies/{COUNTY}/guide/", 200),
        (f"/agencies/{COUNTY}/catalogue/", 200),
        (f"/records/{demo['policy'].pk}/", 200),
        (f"/records/{demo['repealed'].pk}/", 200),
        (f"/records/{demo['interpretation'].pk}/", 200),
        (f"/records/{demo['withdrawn'].pk}/", 410),
        ("/policies/?validity=repealed&issuer=演示县", 200),
        ("/search/", 200),
        ("/search/?q=政务公开", 200),
        ("/search/?q=量子纠缠望远镜", 200),
        ("/search/?q=政务公开&agency=TJBH-WJW&sort=date", 200),
        ("/deadline/?received_on=2026-03-02&days=20", 200),
        ("/deadline/?received_on=2026-03-02&days=0", 200),  # form error
        ("/deadline/?received_on=2035-03-02&days=20", 200),  # calendar not published yet
        ("/no-such-page/", 404),
    ]


def scan(page, url: str, status: int) -> list[str]:
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    if "/catalogue/" in url:
        # Open a category of the tree, so that its items are checked too (the records' table
        # is on the page already; test_browser_agency_column.py checks every column page).
        category = page.locator("nav.catalogue-tree details").first
        category.locator("summary").click()
        assert category.get_attribute("open") is not None
    return axe_problems(page)


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_public_pages_pass_axe(page, live_server, demo, prefix):
    problems = []
    for path, status in public_pages(demo):
        problems += scan(page, f"{live_server.url}{prefix}{path}", status)
    assert_no_axe_problems(problems)


def test_large_text_mode_on_a_phone_passes_axe(page, live_server, demo):
    # Older readers on phones: the narrow layout is where tables and menus break.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="大字模式").click()
    assert "large-text" in (page.locator("body").get_attribute("class") or "")
    problems = []
    for path, status in public_pages(demo):
        problems += scan(page, f"{live_server.url}{path}", status)
    assert_no_axe_problems(problems)
