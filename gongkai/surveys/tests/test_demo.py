"""The demo county's surveys and forum: a closed survey with published results (free text
with personal data withheld), an open survey, a forum drawn, held and minuted."""

import pytest

from gongkai.demo.loading import load_demo
from gongkai.demo.surveys_demo import CLOSED_TITLE, OPEN_TITLE
from gongkai.participation import hearing_services
from gongkai.participation.models import CommentSource, Hearing, HearingStatus
from gongkai.surveys import services
from gongkai.surveys.models import Survey, SurveyStatus

pytestmark = pytest.mark.django_db


def test_demo_surveys_and_forum(client, restore_demo):
    restore_demo()
    closed = Survey.objects.get(title=CLOSED_TITLE)
    assert closed.status == SurveyStatus.RESULTS
    assert closed.decision_document is not None
    text = services.results(closed)[-1]
    assert text.withheld >= 1
    assert all("1380000" not in t for t in text.texts)
    page = client.get(f"/surveys/{closed.pk}/").content.decode()
    assert "调查结果" in page
    current = Survey.objects.get(title=OPEN_TITLE)
    assert services.is_taking_answers(current)
    assert "填写问卷" in client.get(f"/surveys/{current.pk}/").content.decode()

    hearing = Hearing.objects.get(topic__contains="座谈会")
    assert hearing.status == HearingStatus.MINUTES
    assert hearing_services.verify_draw(hearing).matches
    assert hearing.opinions.count() == 4
    assert {o.comment.source for o in hearing.opinions.all()} == {CommentSource.FORUM}
    page = client.get(f"/consultations/{hearing.consultation_id}/hearings/{hearing.pk}/")
    assert "演示居民甲" not in page.content.decode()
    load_demo()  # idempotent
    assert Survey.objects.filter(title=CLOSED_TITLE).count() == 1
