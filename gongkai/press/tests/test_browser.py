"""Browser test on a 390 px phone: the public reads the demo county's spokespeople, its
conferences (a past one links to its transcript) and asks a question of an online interview,
first with an empty form (a Chinese error) then properly; axe-core finds no serious problem on
any of these pages."""

import pytest

from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.press.models import EventKind, EventState, PressEvent, Question

# serialized_rollback: as the other demo browser tests (live server + restore_demo).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_press_pages_on_a_phone(page, live_server, restore_demo):
    restore_demo()
    page.set_viewport_size({"width": 390, "height": 844})
    base = f"{live_server.url}/agencies/DEMO-COUNTY/press/"
    problems = []

    page.goto(base + "spokespeople/")
    page.get_by_role("heading", name="新闻发言人", exact=True).wait_for()
    problems += axe_problems(page)

    page.goto(base)
    conference = PressEvent.objects.get(document__isnull=False, kind=EventKind.CONFERENCE)
    problems += axe_problems(page)
    page.get_by_role("link", name=conference.topic, exact=True).click()
    page.get_by_role("link", name="查看发布会实录").first.wait_for()
    problems += axe_problems(page)

    interview = PressEvent.objects.get(kind=EventKind.ONLINE, state=EventState.PLANNED)
    page.goto(base + f"{interview.pk}/")
    problems += axe_problems(page)
    page.get_by_role("button", name="提交问题").click()
    page.get_by_text("提交未成功").wait_for()
    problems += axe_problems(page)
    page.get_by_label("您的问题").fill("学校体检能查视力吗？")
    page.get_by_role("button", name="提交问题").click()
    page.get_by_text("您的问题已提交").wait_for()
    problems += axe_problems(page)
    assert_no_axe_problems(problems)
    assert Question.objects.filter(event=interview, body="学校体检能查视力吗？").exists()
