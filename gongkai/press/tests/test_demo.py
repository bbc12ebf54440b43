"""The demo county's 新闻发布: spokespeople with one 第一新闻发言人, two held conferences (one
with its transcript published as the director's interpretation), a planned one, an online
interview with answered questions, and leaders' interpretations for the supervisor."""

import pytest

from gongkai.demo.loading import load_demo
from gongkai.documents.models import InterpreterRole
from gongkai.press import leadership
from gongkai.press.models import EventKind, EventState, PressEvent, Spokesperson

pytestmark = pytest.mark.django_db


def test_the_demo_county_has_its_press_work(client, restore_demo):
    restore_demo()
    people = Spokesperson.objects.filter(agency__code="DEMO-COUNTY", is_serving=True)
    assert people.filter(is_first=True).count() == 1
    assert people.count() == 3
    events = PressEvent.objects.filter(agency__code="DEMO-COUNTY")
    held = events.filter(state=EventState.HELD).exclude(kind=EventKind.ONLINE)
    assert held.count() == 2
    published = held.get(document__isnull=False)
    assert published.document.interpreter_role == InterpreterRole.PRINCIPAL
    assert held.get(document__isnull=True).opinion_event is not None
    assert events.filter(state=EventState.PLANNED, kind=EventKind.CONFERENCE).count() == 1
    interview = events.get(kind=EventKind.ONLINE, state=EventState.HELD)
    assert interview.questions.exclude(answer="").count() == 2
    county = published.agency
    assert leadership.counts_by_agency([county.pk], published.document.published_at.year)

    page = client.get(f"/agencies/DEMO-COUNTY/press/{interview.pk}/")
    assert "家庭医生能上门看病吗？" in page.content.decode()
    assert client.get("/agencies/DEMO-COUNTY/press/spokespeople/").status_code == 200
    load_demo()  # idempotent
    assert PressEvent.objects.filter(agency__code="DEMO-COUNTY").count() == events.count()
