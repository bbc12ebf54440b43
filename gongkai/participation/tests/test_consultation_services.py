"""Consultation services: publication, comments, moderation, dispositions, closing, feedback."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import DocumentType, LinkKind, Status
from gongkai.documents.tests.factories import make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    ConsultationStatus,
    ModerationStatus,
)
from gongkai.participation.tests.consultation_factories import make_consultation

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=SHANGHAI
    )


@pytest.fixture
def agency(db):
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY)


@pytest.fixture
def publisher(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def consultation(agency, publisher, reviewer):
    with time_machine.travel(at("2026-11-02"), tick=False):
        return make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)


def comment(consultation, day="2026-11-10", **kw):
    kw.setdefault("body", "建议明确村卫生室的适用范围。")
    with time_machine.travel(at(day), tick=False):
        return comment_services.submit_comment(consultation=consultation, **kw)


def test_create_splits_clauses_and_makes_a_library_draft(agency, publisher):
    with time_machine.travel(at("2026-11-02"), tick=False):
        consultation = make_consultation(agency=agency, publisher=publisher)
    assert consultation.status == ConsultationStatus.DRAFT
    assert consultation.draft.document_type == DocumentType.CONSULTATION_DRAFT
    assert consultation.draft.status == Status.DRAFT
    assert [c.heading for c in consultation.clauses.all()] == ["第一条", "第二条", "第三条"]
    assert AuditEvent.objects.filter(action="consultation.create").count() == 1


def test_a_short_period_needs_a_reason(agency, publisher):
    with pytest.raises(ParticipationError) as caught:
        make_consultation(agency=agency, publisher=publisher, closes_on=datetime.date(2026, 11, 20))
    assert caught.value.field == "short_period_reason"
    agency.consultation_minimum_days = 15
    agency.save()
    consultation = make_consultation(
        agency=agency, publisher=publisher, closes_on=datetime.date(2026, 11, 20)
    )
    assert consultation.pk


def test_publishing_opens_the_consultation_with_an_index_number(consultation):
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.draft.status == Status.PUBLISHED
    assert consultation.draft.index_number


def test_comments_only_in_the_period(consultation):
    with pytest.raises(ParticipationError):
        comment(consultation, day="2026-10-31")
    with pytest.raises(ParticipationError):
        comment(consultation, day="2026-12-02")
    assert comment(consultation, day="2026-11-01").pk  # the opening day takes comments
    assert comment(consultation, day="2026-12-01").pk


def test_moderation_before_publication(consultation):
    made = comment(consultation, clause=consultation.clauses.get(number=2))
    assert made.moderation_status == ModerationStatus.PENDING
    assert made.clause.number == 2


def test_required_name_and_contact(agency, publisher, reviewer):
    with time_machine.travel(at("2026-11-02"), tick=False):
        consultation = make_consultation(
            agency=agency,
            publisher=publisher,
            reviewer=reviewer,
            name_rule="required",
            contact_rule="required",
        )
    with pytest.raises(ParticipationError) as caught:
        comment(consultation, commenter_name="张三")
    assert caught.value.field == "contact"
    assert (
        comment(consultation, commenter_name="张三", contact="13800000000").contact == "13800000000"
    )


def test_closing_is_blocked_until_every_comment_is_disposed(consultation, publisher, reviewer):
    first = comment(consultation, clause=consultation.clauses.get(number=2))
    second = comment(consultation, body="建议明确村卫生室的适用范围！")
    third = comment(
        consultation, body="建议删去第三条。", clause=consultation.clauses.get(number=3)
    )
    for made in (first, second, third):
        comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")
    with (
        time_machine.travel(at("2026-11-25"), tick=False),
        pytest.raises(ParticipationError) as caught,
    ):
        services.close_consultation(consultation=consultation, actor=publisher)
    assert "截止日期" in caught.value.message
    comment_services.group_comments(lead=first, others=[second], actor=publisher)
    comment_services.dispose_comment(comment=first, actor=publisher, disposition="adopted")
    with time_machine.travel(at("2026-12-02"), tick=False):
        with pytest.raises(ParticipationError) as caught:
            services.close_consultation(consultation=consultation, actor=publisher)
        assert "1条意见未作采纳处理" in caught.value.message
        with pytest.raises(ParticipationError):
            comment_services.dispose_comment(
                comment=third, actor=publisher, disposition="not_adopted"
            )
        comment_services.dispose_comment(
            comment=third,
            actor=publisher,
            disposition="not_adopted",
            reason="施行日期条款必须保留。",
        )
        closed = services.close_consultation(consultation=consultation, actor=publisher)
    second.refresh_from_db()
    assert second.disposition == "adopted"  # follows its group
    assert closed.status == ConsultationStatus.CLOSED
    record = closed.feedback_document
    assert record.document_type == DocumentType.CONSULTATION_FEEDBACK
    assert record.status == Status.IN_REVIEW
    assert "共收到意见3条（相同意见合并后2条）" in record.body
    assert "其中采纳2条，部分采纳0条，不予采纳1条。" in record.body
    assert "施行日期条款必须保留。" in record.body
    assert record.outgoing_links.filter(
        kind=LinkKind.FEEDBACK_ON, target=consultation.draft
    ).exists()
    with time_machine.travel(at("2026-12-03"), tick=False):
        services.publish_feedback(consultation=closed, actor=reviewer)
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    with pytest.raises(ParticipationError):
        comment_services.dispose_comment(
            comment=first, actor=publisher, disposition="not_adopted", reason="x"
        )
    final = make_published_document(
        agency=consultation.agency, document_type=DocumentType.NORMATIVE
    )
    services.link_final_document(consultation=closed, document=final, actor=publisher)
    closed.refresh_from_db()
    assert closed.final_document == final
    assert final.outgoing_links.filter(
        kind=LinkKind.FINAL_VERSION_OF, target=consultation.draft
    ).exists()


def test_staff_record_meeting_comments_with_their_source(consultation, publisher):
    with pytest.raises(ParticipationError) as caught:
        comment_services.record_comment(
            consultation=consultation, actor=publisher, body="意见", source="hearing"
        )
    assert caught.value.field == "source_detail"
    with time_machine.travel(at("2026-11-20"), tick=False):
        made = comment_services.record_comment(
            consultation=consultation,
            actor=publisher,
            body="建议增加乡镇卫生院的内容。",
            source="forum",
            source_detail="2026年11月18日基层医疗机构座谈会",
            received_on=datetime.date(2026, 11, 18),
            make_public=True,
        )
    assert made.moderation_status == ModerationStatus.PUBLISHED
    assert made.submitted_at.date() == datetime.date(2026, 11, 18)
    assert AuditEvent.objects.filter(action="consultation.record_comment", actor=publisher).exists()


def test_a_failed_step_changes_nothing(consultation, publisher):
    made = comment(consultation)
    before = AuditEvent.objects.count()
    with pytest.raises(ParticipationError):
        comment_services.dispose_comment(
            comment=made, actor=publisher, disposition="partly_adopted", reason=""
        )
    made.refresh_from_db()
    assert made.disposition == ""
    assert AuditEvent.objects.count() == before
