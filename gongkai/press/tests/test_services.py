"""Services: one serving 第一新闻发言人, the event's states, questions moderated and answered,
the 舆情 response, the transcript's publication and the interpreter, every step audited."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import (
    Document,
    DocumentLink,
    DocumentType,
    InterpreterRole,
    LinkKind,
)
from gongkai.documents.tests.factories import make_published_document, standard_item
from gongkai.factories import make_agency, make_user
from gongkai.participation import opinion_services
from gongkai.participation.models import OpinionResponse, ResponseKind
from gongkai.press import publication, services
from gongkai.press.errors import PressError
from gongkai.press.models import EventKind, EventState, QuestionStatus, Spokesperson
from gongkai.press.tests.factories import (
    at,
    interpretation_item,
    make_event,
    make_held_event,
    make_spokesperson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def actions(obj) -> list[str]:
    return list(AuditEvent.objects.for_object(obj).order_by("pk").values_list("action", flat=True))


# --- spokespeople ----------------------------------------------------------------------------


def test_one_serving_first_spokesperson(agency, clerk):
    first = make_spokesperson(agency, clerk, name="张主任", is_first=True)
    with pytest.raises(PressError, match="已有在任的第一新闻发言人张主任"):
        make_spokesperson(agency, clerk, name="李副主任", is_first=True)
    assert Spokesperson.objects.filter(agency=agency).count() == 1
    # Another agency has its own.
    make_spokesperson(make_agency(), clerk, is_first=True)
    # Once the term ends, the successor is appointed.
    services.end_term(spokesperson=first, actor=clerk, ends_on=datetime.date(2026, 11, 1))
    successor = make_spokesperson(agency, clerk, name="李主任", is_first=True)
    assert successor.is_serving
    assert successor.is_first
    assert actions(first) == ["press.spokesperson.create", "press.spokesperson.end_term"]


def test_the_table_refuses_a_second_serving_first(agency):
    make_spokesperson(agency, is_first=True)
    now = datetime.datetime(2026, 11, 16, tzinfo=datetime.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        Spokesperson.objects.create(
            agency=agency,
            name="绕过规则",
            post="主任",
            term_starts_on=datetime.date(2026, 1, 1),
            is_first=True,
            created_at=now,
            updated_at=now,
        )


def test_update_cannot_make_a_second_first(agency, clerk):
    make_spokesperson(agency, clerk, is_first=True)
    other = make_spokesperson(agency, clerk, name="赵科长")
    values = {
        "name": "赵科长",
        "post": "科长",
        "term_starts_on": datetime.date(2026, 1, 5),
        "is_first": True,
    }
    with pytest.raises(PressError) as caught:
        services.update_spokesperson(spokesperson=other, actor=clerk, values=values)
    assert caught.value.field == "is_first"
    other.refresh_from_db()
    assert not other.is_first


def test_end_term_needs_a_date_not_before_the_start(agency, clerk):
    person = make_spokesperson(agency, clerk)
    with pytest.raises(PressError, match="不能早于"):
        services.end_term(spokesperson=person, actor=clerk, ends_on=datetime.date(2025, 1, 1))
    with pytest.raises(PressError, match="请填写"):
        services.end_term(spokesperson=person, actor=clerk, ends_on=None)
    person.refresh_from_db()
    assert person.is_serving


# --- events ----------------------------------------------------------------------------------


def test_planned_event_is_held_then_cannot_be_cancelled(agency, clerk):
    person = make_spokesperson(agency, clerk, name="张主任", post="主任")
    event = make_event(
        agency, clerk, speakers=[{"spokesperson": person}, {"name": "刘教授", "role": "专家"}]
    )
    assert [(s.name, s.role) for s in event.speakers.all()] == [
        ("张主任", "主任"),
        ("刘教授", "专家"),
    ]
    assert not event.is_announced
    held = services.hold_event(event=event, actor=clerk)
    assert held.state == EventState.HELD
    assert held.is_announced
    with pytest.raises(PressError, match="只有计划举行"):
        services.cancel_event(event=held, actor=clerk, reason="改期")
    with pytest.raises(PressError, match="只有计划举行"):
        services.hold_event(event=held, actor=clerk)
    assert actions(event) == ["press.event.plan", "press.event.hold"]


def test_event_cannot_be_held_before_its_time(agency, clerk):
    event = make_event(agency, clerk, starts_at=at(datetime.date(2026, 12, 1)))
    with pytest.raises(PressError, match="时间未到"):
        services.hold_event(event=event, actor=clerk)
    event.refresh_from_db()
    assert event.state == EventState.PLANNED


def test_cancel_needs_a_reason(agency, clerk):
    event = make_event(agency, clerk, starts_at=at(datetime.date(2026, 12, 1)))
    with pytest.raises(PressError) as caught:
        services.cancel_event(event=event, actor=clerk, reason="  ")
    assert caught.value.field == "reason"
    cancelled = services.cancel_event(event=event, actor=clerk, reason="因天气原因取消")
    assert cancelled.state == EventState.CANCELLED
    assert cancelled.cancel_reason == "因天气原因取消"


def test_speaker_of_another_agency_is_refused(agency, clerk):
    stranger = make_spokesperson(make_agency())
    with pytest.raises(PressError, match="不属于本机关"):
        make_event(agency, clerk, speakers=[{"spokesperson": stranger}])


def test_speaker_needs_a_name_and_a_role(agency, clerk):
    with pytest.raises(PressError, match="姓名和职务"):
        make_event(agency, clerk, speakers=[{"name": "刘教授", "role": ""}])


def test_opinion_event_of_another_agency_is_refused(agency, clerk):
    opinion = _opinion(make_agency(), clerk)
    with pytest.raises(PressError, match="本机关登记"):
        make_event(agency, clerk, opinion_event=opinion)


def _opinion(agency, actor):
    return opinion_services.record_opinion_event(
        agency=agency,
        actor=actor,
        title="网传某卫生院拒收发热病人",
        source="social_media",
        summary="网民反映……",
        first_seen_at=at(datetime.date(2026, 11, 9), 8),
        severity="general",
        responsible_unit="县卫生健康局医政股",
    )


def test_held_conference_is_the_response_to_its_opinion_event(agency, clerk):
    opinion = _opinion(agency, clerk)
    event = make_held_event(agency, clerk, opinion_event=opinion)
    response = OpinionResponse.objects.get(event=opinion)
    assert response.kind == ResponseKind.PRESS_CONFERENCE
    assert response.link.endswith(f"/agencies/HC-COUNTY/press/{event.pk}/")
    assert response.responded_at == event.starts_at


# --- questions -------------------------------------------------------------------------------


@pytest.fixture
def interview(agency, clerk):
    person = make_spokesperson(agency, clerk, name="张主任", is_first=True)
    event = make_event(
        agency,
        clerk,
        speakers=[{"spokesperson": person}],
        kind=EventKind.ONLINE,
        topic="家庭医生签约服务在线访谈",
        starts_at=at(datetime.date(2026, 11, 20)),
        accepts_questions=True,
    )
    return services.announce_event(event=event, actor=clerk)


def test_questions_only_once_announced(agency, clerk):
    event = make_event(
        agency,
        clerk,
        kind=EventKind.ONLINE,
        starts_at=at(datetime.date(2026, 11, 20)),
        accepts_questions=True,
    )
    with pytest.raises(PressError, match="停止征集"):
        services.submit_question(event=event, body="怎么签约？")


def test_question_moderated_then_answered(interview, clerk):
    question = services.submit_question(
        event=interview, body="家庭医生怎么签约？", asker_name="老李"
    )
    assert question.status == QuestionStatus.PENDING
    with pytest.raises(PressError, match="只有已采用"):
        services.answer_question(
            question=question, actor=clerk, answer="……", speaker=interview.speakers.first()
        )
    services.moderate_question(question=question, actor=clerk, decision="accept")
    with pytest.raises(PressError, match="已审核"):
        services.moderate_question(question=question, actor=clerk, decision="reject", reason="重复")
    speaker = interview.speakers.get()
    answered = services.answer_question(
        question=question, actor=clerk, answer="可到社区卫生服务中心签约。", speaker=speaker
    )
    assert answered.answered_by == speaker
    assert actions(question) == [
        "press.question.submit",
        "press.question.moderate",
        "press.question.answer",
    ]


def test_rejection_needs_a_reason(interview, clerk):
    question = services.submit_question(event=interview, body="与主题无关的广告")
    with pytest.raises(PressError) as caught:
        services.moderate_question(question=question, actor=clerk, decision="reject")
    assert caught.value.field == "reason"
    question = services.moderate_question(
        question=question, actor=clerk, decision="reject", reason="与访谈主题无关"
    )
    assert question.status == QuestionStatus.REJECTED


def test_question_box_closes(interview, clerk):
    services.close_questions(event=interview, actor=clerk)
    with pytest.raises(PressError, match="停止征集"):
        services.submit_question(event=interview, body="还能提问吗？")


def test_empty_or_long_question_is_refused(interview):
    with pytest.raises(PressError, match="请填写"):
        services.submit_question(event=interview, body="   ")
    with pytest.raises(PressError, match="不能超过"):
        services.submit_question(event=interview, body="问" * 1001)


# --- the transcript --------------------------------------------------------------------------


def test_transcript_of_a_policy_conference_interprets_it(agency, clerk, reviewer):
    interpretation_item(agency)
    policy = make_published_document(
        agency=agency,
        catalogue_item=standard_item(agency, "G0203"),
        document_type=DocumentType.POLICY,
    )
    person = make_spokesperson(agency, clerk, name="张主任", post="党组书记、主任", is_first=True)
    event = make_held_event(agency, clerk, speakers=[{"spokesperson": person}], policy=policy)
    services.record_transcript(event=event, actor=clerk, transcript="张主任：……", materials="答问")
    suggested = publication.suggested_interpreter(event)
    assert suggested == {
        "role": InterpreterRole.PRINCIPAL,
        "name": "张主任",
        "post": "党组书记、主任",
    }
    with pytest.raises(PressError, match="解读人身份"):
        publication.publish_transcript(event=event, actor=reviewer)
    event = publication.publish_transcript(
        event=event,
        actor=reviewer,
        interpreter_role=suggested["role"],
        interpreter_name=suggested["name"],
        interpreter_post=suggested["post"],
    )
    record = event.document
    assert record.document_type == DocumentType.INTERPRETATION
    assert record.catalogue_item.code == "G0204"
    assert record.interpreter_role == InterpreterRole.PRINCIPAL
    assert record.index_number
    assert DocumentLink.objects.filter(source=record, target=policy, kind=LinkKind.INTERPRETS)
    assert "张主任：……" in record.body
    assert actions(event)[-1] == "press.event.publish"
    with pytest.raises(PressError, match="已公开"):
        services.record_transcript(event=event, actor=clerk, transcript="改")


def test_the_clerk_does_not_publish_their_own_transcript(agency, clerk):
    interpretation_item(agency)
    both = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    event = make_held_event(agency, both)
    services.record_transcript(event=event, actor=both, transcript="主持人：……")
    with pytest.raises(PressError, match="录入人不能审核"):
        publication.publish_transcript(event=event, actor=both)
    assert not Document.objects.exists()


def test_transcript_only_after_the_event(agency, clerk):
    event = make_event(agency, clerk, starts_at=at(datetime.date(2026, 12, 1)))
    with pytest.raises(PressError, match="举行后"):
        services.record_transcript(event=event, actor=clerk, transcript="……")


def test_interview_transcript_carries_the_answered_questions(interview, clerk, reviewer, agency):
    interpretation_item(agency)
    question = services.submit_question(event=interview, body="家庭医生怎么签约？")
    services.moderate_question(question=question, actor=clerk, decision="accept")
    services.answer_question(
        question=question,
        actor=clerk,
        answer="可到社区卫生服务中心签约。",
        speaker=interview.speakers.get(),
    )
    services.hold_event(event=interview, actor=clerk, now=at(datetime.date(2026, 11, 20), 11))
    services.record_transcript(event=interview, actor=clerk, transcript="主持人：……")
    event = publication.publish_transcript(
        event=interview, actor=reviewer, now=at(datetime.date(2026, 11, 20), 15)
    )
    assert event.document.document_type == DocumentType.NEWS
    assert "可到社区卫生服务中心签约。" in event.document.body
