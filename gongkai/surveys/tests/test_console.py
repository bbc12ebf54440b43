"""The console's survey and hearing pages for every role: the agency's clerk runs them, its
reviewer publishes results, the supervisor above reads, another agency's staff see nothing,
the public is sent to the login."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import hearing_services
from gongkai.participation.models import Comment, CommentSource, Hearing
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.surveys import services
from gongkai.surveys.models import Answer, Survey, SurveyStatus
from gongkai.surveys.tests.factories import answers_for, make_survey

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def city():
    return make_agency(code="CITY", name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局", parent=city)


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def supervisor(city):
    return make_user(agency=city, roles=(Role.SUPERVISOR,))


@pytest.fixture
def outsider():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,))


@pytest.fixture
def citizen():
    return make_user()


def test_survey_pages_by_role(client, agency, clerk, reviewer, supervisor, outsider, citizen):
    survey = make_survey(agency=agency, clerk=clerk)
    detail = reverse("console:survey-detail", args=[survey.pk])
    export = reverse("console:survey-export", args=[survey.pk])
    assert client.get(detail).status_code == 302  # to the login
    for user, status in [(clerk, 200), (reviewer, 200), (supervisor, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(reverse("console:survey-list")).status_code == 200
        assert client.get(detail).status_code == status
    client.force_login(citizen)
    assert client.get(reverse("console:survey-list")).status_code == 403
    for user, status in [(supervisor, 403), (reviewer, 403), (outsider, 404), (clerk, 200)]:
        client.force_login(user)
        assert client.get(export).status_code == status
    client.force_login(supervisor)  # reads, changes nothing
    state = reverse("console:survey-state", args=[survey.pk])
    assert client.post(state, {"action": "close"}).status_code == 403
    client.force_login(clerk)
    assert client.post(reverse("console:survey-publish", args=[survey.pk])).status_code == 403


def test_clerk_builds_a_survey_with_the_formset_and_opens_it(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("console:survey-create"),
        {
            "agency": agency.pk,
            "title": "家庭医生签约服务满意度调查",
            "description": "了解签约居民的意见。",
            "opens_at": "2026-11-17T09:00",
            "closes_at": "2026-11-30T17:00",
            "network_daily_cap": "30",
            "respondent_rule": "browser",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    url = reverse("console:survey-questions", args=[survey.pk])
    assert client.get(url).status_code == 200
    data = {
        "q-TOTAL_FORMS": "2",
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "60",
        "q-0-text": "您是否签约了家庭医生？",
        "q-0-kind": "single",
        "q-0-is_required": "on",
        "q-0-options": "是\n否",
        "q-1-text": "",
        "q-1-kind": "single",
        "q-1-is_required": "on",  # as the blank form comes
    }
    bad = client.post(url, {**data, "q-0-options": "是"})
    assert bad.status_code == 200
    assert "至少要有2个选项" in bad.content.decode()
    assert client.post(url, data).status_code == 302
    assert survey.questions.get().options.count() == 2
    client.post(reverse("console:survey-state", args=[survey.pk]), {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN


def test_codes_are_shown_once_to_the_agency_clerk(client, agency, clerk, supervisor):
    survey = make_survey(agency=agency, clerk=clerk, respondent_rule="code")
    url = reverse("console:survey-codes", args=[survey.pk])
    client.force_login(supervisor)
    assert client.post(url, {"count": "3"}).status_code == 403
    client.force_login(clerk)
    response = client.post(url, {"count": "3"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.content.decode().count("<code>") == 3
    assert survey.access_codes.count() == 3


def test_review_publish_and_export(client, agency, clerk, reviewer):
    survey = make_survey(agency=agency, clerk=clerk)
    services.submit_response(
        survey=survey,
        token="a",
        address="192.0.2.1",
        sent=answers_for(survey, text="=HYPERLINK(1) 请联系13812345678"),
    )
    services.submit_response(
        survey=survey, token="b", address="192.0.2.2", sent=answers_for(survey, text="很好")
    )
    client.force_login(clerk)
    client.post(reverse("console:survey-state", args=[survey.pk]), {"action": "close"})
    review = reverse("console:survey-review", args=[survey.pk])
    body = client.get(review).content.decode()
    assert "发现个人信息" in body
    answers = {a.text: a.pk for a in Answer.objects.exclude(text="")}
    decisions = {f"a{pk}": "withheld" if "138" in text else "shown" for text, pk in answers.items()}
    assert client.post(review, decisions).status_code == 302
    export = client.get(reverse("console:survey-export", args=[survey.pk]))
    content = export.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content  # never a formula in a spreadsheet
    assert "社区卫生服务中心" in content
    client.force_login(reviewer)
    client.post(reverse("console:survey-publish", args=[survey.pk]), {"note": "用于方案修改。"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.RESULTS


def test_hearing_pages_by_role_and_opinion_into_the_comments(
    client, agency, clerk, reviewer, supervisor, outsider
):
    consultation = make_consultation(agency=agency, publisher=clerk, reviewer=reviewer)
    client.force_login(clerk)
    response = client.post(
        reverse("console:hearing-create", args=[consultation.pk]),
        {
            "kind": "hearing",
            "topic": "管理办法听证会",
            "held_at": "2026-11-25T09:00",
            "place": "县卫生健康局会议室",
            "registration_opens_at": "2026-11-16T09:00",
            "registration_closes_at": "2026-11-20T17:00",
            "seats": "1",
            "selection_rule": "first_come",
            "notes": "",
        },
    )
    assert response.status_code == 302
    hearing = Hearing.objects.get()
    action = reverse("console:hearing-action", args=[hearing.pk])
    detail = reverse("console:hearing-detail", args=[hearing.pk])
    client.post(action, {"action": "announce"})
    hearing_services.register(
        hearing=hearing, name="赵六", contact="13812340003", interest="patient", statement="支持"
    )
    for user, status in [(clerk, 200), (reviewer, 200), (supervisor, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(detail).status_code == status
    client.force_login(supervisor)
    assert client.post(action, {"action": "select"}).status_code == 403
    client.force_login(clerk)
    assert "赵六" in client.get(detail).content.decode()  # staff see the registrant
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=TZ)):
        client.force_login(clerk)  # a staff session idle for days has ended
        client.post(action, {"action": "select"})
        registration = hearing.registrations.get()
        client.post(
            action,
            {"action": "participant", "role": "participant", "registration": registration.pk},
        )
        client.post(action, {"action": "held"})
        participant = hearing.participants.get()
        client.post(
            action,
            {"action": "opinion", "participant": participant.pk, "body": "建议增加夜间门诊。"},
        )
        client.post(
            action, {"action": "minutes", "minutes": "听证会由县卫生健康局主持，B001发言。"}
        )
    comment = Comment.objects.get(consultation=consultation)
    assert comment.source == CommentSource.HEARING
    hearing.refresh_from_db()
    assert hearing.status == "minutes"
    page = client.get(reverse("portal:hearing-detail", args=[consultation.pk, hearing.pk]))
    assert "B001发言" in page.content.decode()
    assert "赵六" not in page.content.decode()
