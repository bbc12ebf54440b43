"""In the browser on a 390 px phone: from the agency's page to its 行政处罚公示 list, a filter,
and a decision's page with the party's name and ID masked; the withdrawn decision's notice.
axe-core finds no serious or critical problem on any of these pages."""

import datetime

import pytest

from gongkai.agencies.models import Level, Role
from gongkai.enforcement import services
from gongkai.enforcement.models import ChangeKind, DecisionKind
from gongkai.enforcement.tests.factories import (
    PERSON_ID,
    make_published,
    person_values,
)
from gongkai.factories import make_agency, make_user
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 390px phone"


def test_from_the_agency_page_to_a_decision(browser, live_server):
    agency = make_agency(code="BR-COUNTY", name="浏览器县卫生健康局", level=Level.COUNTY)
    drafter = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    make_published(agency=agency, drafter=drafter, reviewer=reviewer)
    person = services.create_draft(agency=agency, actor=drafter, values=person_values())
    services.publish(decision=person, actor=reviewer)
    gone = make_published(
        agency=agency,
        drafter=drafter,
        reviewer=reviewer,
        kind=DecisionKind.PENALTY,
        document_number="测卫罚〔2026〕8号",
    )
    services.record_change(
        decision=gone,
        actor=reviewer,
        kind=ChangeKind.REVOKED,
        changed_on=datetime.date(2026, 11, 13),
        basis="判决书",
    )
    services.withdraw(decision=gone, actor=reviewer, reason="", explanation="该决定已被依法撤销。")

    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    problems: list[str] = []
    page.goto(f"{live_server.url}/agencies/BR-COUNTY/")
    page.get_by_role("link", name="行政处罚公示").click()
    page.wait_for_load_state("load")
    assert "行政处罚公示" in page.locator("h1").inner_text()
    _fits(page)
    problems += axe_problems(page)

    page.get_by_label("决定日期自").fill("2026-11-01")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state("load")
    assert "张某" in page.content()
    page.get_by_role("link", name="张某").click()
    page.wait_for_load_state("load")
    text = page.content()
    assert "张某" in text
    assert "张三丰" not in text
    assert PERSON_ID not in text
    assert "110***********002X" in text
    _fits(page)
    problems += axe_problems(page)

    response = page.goto(f"{live_server.url}/enforcement/decisions/{gone.pk}/")
    assert response.status == 410
    assert "该决定已被依法撤销。" in page.content()
    _fits(page)
    problems += axe_problems(page)

    page.goto(f"{live_server.url}/enforcement/licensing/")
    _fits(page)
    problems += axe_problems(page)
    context.close()
    assert_no_axe_problems(problems)
