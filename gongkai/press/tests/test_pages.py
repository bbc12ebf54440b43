"""The portal's 新闻发布 pages for the public and a signed-in citizen, and the console's for
every staff role: clerk, reviewer, supervisor of the city, staff of another agency, nobody."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import InterpreterRole
from gongkai.factories import make_agency, make_user
from gongkai.press import publication, services
from gongkai.press.models import EventKind, EventState, PressEvent, Question, QuestionStatus
from gongkai.press.tests.factories import (
    at,
    interpretation_item,
    make_event,
    make_held_event,
    make_interpretation,
    make_spokesperson,
)
from gongkai.ratelimits.form_tokens import issue_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_agency(code="CITY", name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局", parent=city)


@pytest.fixture
def users(agency, city):
    return {
        "clerk": make_user(agency=agency, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=agency, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=make_agency(), roles=(Role.PUBLISHER, Role.REVIEWER)),
        "citizen": make_user(),
    }


@pytest.fixture
def first(agency, users):
    return make_spokesperson(
        agency, users["clerk"], name="张主任", post="党组书记、主任", is_first=True
    )


@pytest.fixture
def interview(agency, users, first):
    event = make_event(
        agency,
        users["clerk"],
        speakers=[{"spokesperson": first}],
        kind=EventKind.ONLINE,
        topic="家庭医生签约服务在线访谈",
        starts_at=at(datetime.date(2026, 11, 20), 15),
        accepts_questions=True,
    )
    return services.announce_event(event=event, actor=users["clerk"])


def _login(client, users, who):
    if who:
        client.force_login(users[who])


# --- portal ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", [None, "citizen", "clerk"])
def test_spokespeople_page(client, users, agency, first, who):
    _login(client, users, who)
    gone = make_spokesperson(agency, users["clerk"], name="离任者")
    services.end_term(spokesperson=gone, actor=users["clerk"], ends_on=datetime.date(2026, 6, 1))
    response = client.get(reverse("portal:press-spokespeople", args=[agency.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "张主任" in text
    assert "第一新闻发言人" in text
    assert "离任者" not in text


@pytest.mark.parametrize("who", [None, "citizen"])
def test_column_lists_upcoming_and_past_and_hides_unannounced(client, users, agency, who):
    _login(client, users, who)
    clerk = users["clerk"]
    held = make_held_event(agency, clerk, topic="往期发布会")
    soon = make_event(agency, clerk, topic="下周发布会", starts_at=at(datetime.date(2026, 11, 23)))
    services.announce_event(event=soon, actor=clerk)
    make_event(agency, clerk, topic="内部筹备中", starts_at=at(datetime.date(2026, 11, 30)))
    response = client.get(reverse("portal:agency-press", args=[agency.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("下周发布会") < text.index("往期发布会")
    assert "内部筹备中" not in text
    assert client.get(reverse("portal:press-event", args=[agency.code, held.pk])).status_code == 200
    hidden = PressEvent.objects.get(topic="内部筹备中")
    assert (
        client.get(reverse("portal:press-event", args=[agency.code, hidden.pk])).status_code == 404
    )


def test_past_conference_links_to_its_transcript(client, users, agency):
    interpretation_item(agency)
    event = make_held_event(agency, users["clerk"])
    services.record_transcript(event=event, actor=users["clerk"], transcript="主持人：……")
    event = publication.publish_transcript(event=event, actor=users["reviewer"])
    response = client.get(reverse("portal:press-event", args=[agency.code, event.pk]))
    assert reverse("portal:document-detail", args=[event.document.pk]) in response.content.decode()


@pytest.mark.parametrize("who", [None, "citizen"])
def test_question_is_held_for_moderation(client, users, agency, interview, who):
    _login(client, users, who)
    url = reverse("portal:press-event", args=[agency.code, interview.pk])
    page = client.get(url)
    assert "我要提问" in page.content.decode()
    response = client.post(
        url, {"body": "家庭医生怎么签约？", "asker_name": "老李", "form_token": issue_token()}
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == QuestionStatus.PENDING
    assert "家庭医生怎么签约？" not in client.get(url).content.decode()  # not before moderation


def test_empty_question_gets_a_chinese_error_and_keeps_the_name(client, agency, interview):
    url = reverse("portal:press-event", args=[agency.code, interview.pk])
    response = client.post(url, {"body": "", "asker_name": "老李", "form_token": issue_token()})
    assert response.status_code == 200
    text = response.content.decode()
    assert "提交未成功" in text
    assert "老李" in text
    assert not Question.objects.exists()


def test_question_sent_twice_is_filed_once(client, agency, interview):
    url = reverse("portal:press-event", args=[agency.code, interview.pk])
    data = {"body": "能否上门服务？", "form_token": issue_token()}
    client.post(url, data)
    client.post(url, data)
    assert Question.objects.count() == 1


def test_no_form_once_questions_close(client, users, agency, interview):
    services.close_questions(event=interview, actor=users["clerk"])
    url = reverse("portal:press-event", args=[agency.code, interview.pk])
    assert "我要提问" not in client.get(url).content.decode()
    response = client.post(url, {"body": "迟到的问题", "form_token": issue_token()})
    assert "停止征集" in response.content.decode()
    assert not Question.objects.exists()


def test_accepted_questions_are_shown_with_answers(client, users, agency, interview):
    clerk = users["clerk"]
    shown = services.submit_question(event=interview, body="签约收费吗？")
    services.moderate_question(question=shown, actor=clerk, decision="accept")
    services.answer_question(
        question=shown, actor=clerk, answer="基本服务包免费。", speaker=interview.speakers.get()
    )
    hidden = services.submit_question(event=interview, body="广告内容")
    services.moderate_question(question=hidden, actor=clerk, decision="reject", reason="广告")
    text = client.get(reverse("portal:press-event", args=[agency.code, interview.pk])).content
    text = text.decode()
    assert "签约收费吗？" in text
    assert "基本服务包免费。" in text
    assert "广告内容" not in text


def test_record_page_shows_the_interpreter(client, agency):
    record = make_interpretation(
        agency, role=InterpreterRole.LEADER, name="李副主任", post="副主任"
    )
    text = client.get(reverse("portal:document-detail", args=[record.pk])).content.decode()
    assert "解读人" in text
    assert "其他负责同志 · 李副主任（副主任）" in text


# --- console ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "home", "detail", "create"),
    [
        ("clerk", 200, 200, 200),
        ("reviewer", 200, 200, 403),
        ("supervisor", 200, 200, 403),
        ("outsider", 200, 404, 200),  # may create in its own agency, never sees this one
        (None, 302, 302, 302),
    ],
)
def test_console_pages_per_role(client, users, interview, who, home, detail, create):
    _login(client, users, who)
    assert client.get(reverse("console:press")).status_code == home
    assert client.get(reverse("console:press-event", args=[interview.pk])).status_code == detail
    assert client.get(reverse("console:press-event-create")).status_code == create
    assert client.get(reverse("console:press-spokesperson-create")).status_code == create


def test_clerk_plans_an_event_with_speakers(client, users, agency, first):
    client.force_login(users["clerk"])
    response = client.post(
        reverse("console:press-event-create"),
        {
            "agency": agency.pk,
            "kind": "conference",
            "topic": "基本公共卫生服务新闻发布会",
            "starts_at": "2026-11-25T10:00",
            "place": "县政府新闻发布厅",
            "speaker_0_spokesperson": first.pk,
            "speaker_1_name": "刘教授",
            "speaker_1_role": "市疾控中心专家",
        },
    )
    assert response.status_code == 302
    event = PressEvent.objects.get(topic="基本公共卫生服务新闻发布会")
    assert [s.name for s in event.speakers.all()] == ["张主任", "刘教授"]


def test_event_form_error_is_chinese_and_saves_nothing(client, users, agency):
    client.force_login(users["clerk"])
    response = client.post(
        reverse("console:press-event-create"),
        {"agency": agency.pk, "kind": "conference", "topic": "", "starts_at": "2026-11-25T10:00"},
    )
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
    assert not PressEvent.objects.exists()


def test_clerk_creates_a_second_first_spokesperson_and_is_told_why(client, users, agency, first):
    client.force_login(users["clerk"])
    response = client.post(
        reverse("console:press-spokesperson-create"),
        {
            "agency": agency.pk,
            "name": "李主任",
            "post": "主任",
            "term_starts_on": "2026-11-01",
            "is_first": "on",
        },
    )
    assert response.status_code == 200
    assert "已有在任的第一新闻发言人张主任" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("clerk", 302), ("supervisor", 403), ("outsider", 404)]
)
def test_moderation_per_role(client, users, interview, who, status):
    question = services.submit_question(event=interview, body="签约收费吗？")
    client.force_login(users[who])
    response = client.post(
        reverse("console:press-question-moderate", args=[question.pk]), {"decision": "accept"}
    )
    assert response.status_code == status
    question.refresh_from_db()
    expected = QuestionStatus.ACCEPTED if status == 302 else QuestionStatus.PENDING
    assert question.status == expected


@pytest.mark.parametrize(("who", "status"), [("reviewer", 302), ("clerk", 403)])
def test_publication_per_role(client, users, agency, who, status):
    interpretation_item(agency)
    event = make_held_event(agency, users["clerk"])
    services.record_transcript(event=event, actor=users["clerk"], transcript="主持人：……")
    client.force_login(users[who])
    response = client.post(reverse("console:press-event-publish", args=[event.pk]), {})
    assert response.status_code == status
    event.refresh_from_db()
    assert (event.document_id is not None) is (status == 302)


def test_hold_and_cancel_from_the_console(client, users, agency):
    clerk = users["clerk"]
    client.force_login(clerk)
    past = make_event(agency, clerk)
    client.post(reverse("console:press-event-hold", args=[past.pk]))
    past.refresh_from_db()
    assert past.state == EventState.HELD
    later = make_event(agency, clerk, starts_at=at(datetime.date(2026, 12, 2)))
    response = client.post(reverse("console:press-event-cancel", args=[later.pk]), {"reason": ""})
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.state == EventState.PLANNED  # no reason, nothing changed
    client.post(reverse("console:press-event-cancel", args=[later.pk]), {"reason": "改期"})
    later.refresh_from_db()
    assert later.state == EventState.CANCELLED


@pytest.mark.parametrize(("who", "status"), [("supervisor", 200), ("clerk", 403), (None, 302)])
def test_leaders_page_per_role(client, users, agency, who, status):
    record = make_interpretation(agency, role=InterpreterRole.PRINCIPAL, name="张主任")
    _login(client, users, who)
    response = client.get(reverse("console:press-leaders"), {"year": 2026})
    assert response.status_code == status
    if status == 200:
        assert record.title in response.content.decode()
