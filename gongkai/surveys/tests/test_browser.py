"""Browser test: the public answers the demo's open survey (a wrong answer comes back with a
Chinese error and the answers kept, then it is sent), reads the closed survey's results and
the forum's page on a 390 px phone; axe-core finds no serious problem on any of them."""

import pytest

from gongkai.demo.surveys_demo import CLOSED_TITLE, OPEN_TITLE
from gongkai.participation.models import Hearing
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.surveys.models import Response, Survey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_survey_form_results_and_forum_page(page, live_server, restore_demo, tmp_path):
    restore_demo()
    current = Survey.objects.get(title=OPEN_TITLE)
    closed = Survey.objects.get(title=CLOSED_TITLE)
    hearing = Hearing.objects.get(topic__contains="座谈会")
    before = Response.objects.filter(survey=current).count()

    page.goto(f"{live_server.url}/surveys/{current.pk}/")
    problems = axe_problems(page)
    # Only the second question answered, and a text: the first (required) is missing.
    page.get_by_label("微信公众号").check()
    page.get_by_label("3. 其他意见").fill("希望在网站上也能查到")
    page.get_by_role("button", name="提交问卷").click()
    page.get_by_text("请选择一项。").first.wait_for()
    assert page.get_by_label("微信公众号").is_checked()
    assert page.get_by_label("3. 其他意见").input_value() == "希望在网站上也能查到"
    problems += axe_problems(page)
    page.get_by_label("看到过", exact=True).check()
    page.get_by_role("button", name="提交问卷").click()
    page.get_by_text("您的答卷已提交").wait_for()
    assert Response.objects.filter(survey=current).count() == before + 1

    page.goto(f"{live_server.url}/surveys/{closed.pk}/")
    page.get_by_role("heading", name="调查结果").wait_for()
    problems += axe_problems(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/consultations/{hearing.consultation_id}/hearings/{hearing.pk}/")
    page.get_by_role("heading", name="会议纪要").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=str(tmp_path / "hearing-phone.png"), full_page=True)
    problems += axe_problems(page)
    assert_no_axe_problems(problems)
