"""Reports of comments: they queue a comment for staff review instead of hiding it, one per
visitor; staff keep or hide, also after closing. And the feedback record never turns the
public's words into HTML."""

import datetime
import hashlib
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_report_services as reports
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.consultations import hidden_notice
from gongkai.participation.errors import AlreadyReported, ParticipationError
from gongkai.participation.models import (
    Comment,
    CommentReport,
    ConsultationStatus,
    ModerationStatus,
    ReportOutcome,
)
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.participation.workload import workload

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


def published(consultation, publisher, body="建议明确村卫生室的适用范围。", **kw):
    with time_machine.travel(at("2026-11-10"), tick=False):
        made = comment_services.submit_comment(consultation=consultation, body=body, **kw)
        return comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")


def report(comment, ip="203.0.113.7", session_key="s1", reason="含有广告。"):
    return reports.report_comment(comment=comment, reason=reason, ip=ip, session_key=session_key)


def close(consultation, publisher):
    for made in consultation.comments.to_dispose().filter(disposition=""):
        comment_services.dispose_comment(
            comment=made, actor=publisher, disposition="not_adopted", reason="与上位法不符。"
        )
    with time_machine.travel(at("2026-12-02"), tick=False):
        return services.close_consultation(consultation=consultation, actor=publisher)


def test_a_report_keeps_the_comment_public_and_queues_it(consultation, publisher):
    made = published(consultation, publisher)
    row = report(made)
    made.refresh_from_db()
    assert made.moderation_status == ModerationStatus.PUBLISHED
    assert Comment.objects.public().filter(pk=made.pk).exists()
    assert list(Comment.objects.reported()) == [made]
    assert (row.reason, row.outcome) == ("含有广告。", ReportOutcome.OPEN)
    assert "203.0.113.7" not in row.visitor_hash
    assert len(row.visitor_hash) == 64
    event = AuditEvent.objects.get(action="consultation.report_comment")
    assert (event.actor, event.note) == (None, "含有广告。")


@pytest.mark.parametrize(
    ("second_ip", "second_session", "counted"),
    [
        ("203.0.113.7", "s1", False),  # the same visitor again
        ("203.0.113.7", "s2", True),  # another browser behind the same address
        ("198.51.100.1", "s1", True),
    ],
)
def test_one_visitor_reports_one_comment_once(
    consultation, publisher, second_ip, second_session, counted
):
    made = published(consultation, publisher)
    report(made)
    if counted:
        report(made, ip=second_ip, session_key=second_session, reason="重复")
    else:
        with pytest.raises(AlreadyReported) as caught:
            report(made, ip=second_ip, session_key=second_session, reason="重复")
        assert "您已举报过" in caught.value.message
    assert CommentReport.objects.filter(comment=made).count() == (2 if counted else 1)


def test_the_visitor_hash_is_salted_and_stable():
    first = reports.visitor_hash("203.0.113.7", "abc")
    assert first == reports.visitor_hash("203.0.113.7", "abc")
    assert first != reports.visitor_hash("203.0.113.7", "abd")
    assert first != reports.visitor_hash("203.0.113.8", "abc")
    assert first != hashlib.sha256(b"203.0.113.7\nabc").hexdigest()


@pytest.mark.parametrize(
    ("decision", "reason", "message"),
    [
        ("publish", "", "未公开"),  # comment never published: nothing to report
        (None, " ", "举报理由"),
    ],
)
def test_what_cannot_be_reported(consultation, publisher, decision, reason, message):
    with time_machine.travel(at("2026-11-10"), tick=False):
        made = comment_services.submit_comment(consultation=consultation, body="意见")
    if decision is None:
        made = comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")
    with pytest.raises(ParticipationError) as caught:
        report(made, reason=reason or "广告")
    assert message in caught.value.message
    assert not CommentReport.objects.exists()


def test_staff_keep_a_reported_comment_public(consultation, publisher):
    made = published(consultation, publisher)
    report(made)
    reports.review_reported_comment(comment=made, actor=publisher, decision="keep")
    made.refresh_from_db()
    assert made.moderation_status == ModerationStatus.PUBLISHED
    assert not Comment.objects.reported().exists()
    assert CommentReport.objects.get().outcome == ReportOutcome.DISMISSED
    assert CommentReport.objects.get().reviewed_by == publisher
    assert AuditEvent.objects.filter(action="consultation.review_report", actor=publisher).exists()
    with pytest.raises(ParticipationError):  # nothing left to review
        reports.review_reported_comment(comment=made, actor=publisher, decision="keep")


def test_staff_hide_a_reported_comment_with_a_public_reason(consultation, publisher):
    lead = published(consultation, publisher, body="第一条意见")
    made = published(consultation, publisher)
    comment_services.group_comments(lead=made, others=[lead], actor=publisher)
    comment_services.dispose_comment(comment=made, actor=publisher, disposition="adopted")
    report(made)
    with pytest.raises(ParticipationError) as caught:
        reports.review_reported_comment(comment=made, actor=publisher, decision="hide")
    assert caught.value.field == "reason"
    reports.review_reported_comment(
        comment=made, actor=publisher, decision="hide", reason="含有商业广告"
    )
    made.refresh_from_db()
    lead.refresh_from_db()
    assert made.moderation_status == ModerationStatus.REJECTED
    assert made.is_hidden
    assert made.disposition == ""  # still open: hidden content is no opinion to dispose of
    assert lead.group_lead is None
    assert CommentReport.objects.get().outcome == ReportOutcome.UPHELD
    assert list(Comment.objects.shown_publicly()) == [lead, made]
    assert not Comment.objects.public().filter(pk=made.pk).exists()


def test_review_after_closing_hides_but_keeps_the_disposition(consultation, publisher):
    made = published(consultation, publisher)
    closed = close(consultation, publisher)
    before = services.get_feedback(closed)
    with time_machine.travel(at("2026-12-05"), tick=False):
        report(made)
        with pytest.raises(ParticipationError):  # moderation proper stays locked
            comment_services.moderate_comment(
                comment=made, actor=publisher, decision="reject", reason="广告"
            )
        reports.review_reported_comment(
            comment=made, actor=publisher, decision="hide", reason="含有商业广告"
        )
    made.refresh_from_db()
    assert closed.status == ConsultationStatus.CLOSED
    assert made.is_hidden
    assert made.disposition == "not_adopted"
    after = services.get_feedback(closed)
    assert (after.total, after.counts) == (before.total, before.counts)
    assert after.sections[0].items[0].body == "该意见因含有商业广告已被隐藏。"
    assert "建议明确村卫生室" not in str(after.sections)


def test_review_requires_a_known_decision(consultation, publisher):
    made = published(consultation, publisher)
    report(made)
    with pytest.raises(ParticipationError):
        reports.review_reported_comment(comment=made, actor=publisher, decision="delete")


@pytest.mark.parametrize(
    ("decision", "outcome", "hidden"),
    [
        ("reject", ReportOutcome.UPHELD, True),  # it had been public: the page says so
        ("keep_private", ReportOutcome.UPHELD, False),
        ("publish", ReportOutcome.DISMISSED, False),
    ],
)
def test_moderating_a_reported_comment_settles_its_reports(
    consultation, publisher, decision, outcome, hidden
):
    made = published(consultation, publisher)
    report(made)
    with time_machine.travel(at("2026-11-11"), tick=False):
        comment_services.moderate_comment(
            comment=made, actor=publisher, decision=decision, reason="广告"
        )
    made.refresh_from_db()
    assert made.is_hidden == hidden
    assert CommentReport.objects.get().outcome == outcome
    assert not Comment.objects.reported().exists()


def test_a_report_does_not_block_closing(consultation, publisher):
    made = published(consultation, publisher)
    report(made)
    assert close(consultation, publisher).status == ConsultationStatus.CLOSED
    assert list(Comment.objects.reported()) == [made]


def test_reported_comments_are_counted_for_the_dashboard_after_closing(
    agency, consultation, publisher
):
    made = published(consultation, publisher)
    close(consultation, publisher)
    report(made)
    counts = workload([agency.pk], today=datetime.date(2026, 12, 5), now=at("2026-12-05"))
    assert counts[agency.pk].comments_reported == 1
    assert counts[agency.pk].comments_awaiting_moderation == 0


@pytest.mark.parametrize(
    "body", ['<a href="https://evil">x</a>', "https://evil.example", "<script>alert(1)</script>"]
)
def test_the_feedback_record_shows_comment_text_as_text(consultation, publisher, body):
    published(consultation, publisher, body=body)
    record = close(consultation, publisher).feedback_document
    assert "<a " not in record.body
    assert "<script" not in record.body
    escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in record.body
    assert record.body.startswith("<p>")


@pytest.mark.parametrize(
    ("reason", "notice"),
    [
        ("含有商业广告", "该意见因含有商业广告已被隐藏。"),
        ("含有商业广告。", "该意见因含有商业广告已被隐藏。"),
        (" 侮辱他人 ", "该意见因侮辱他人已被隐藏。"),
    ],
)
def test_the_hidden_notice(reason, notice):
    assert hidden_notice(reason) == notice
