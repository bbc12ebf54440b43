"""Reporting a comment on the public page: it stays visible and is counted once per visitor;
a comment staff hid shows the reason; the feedback record's page shows comments as text."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_report_services as reports
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.models import CommentReport, ModerationStatus
from gongkai.participation.tests.consultation_factories import make_consultation

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
EVIL = '<a href="https://evil">x</a> https://evil.example'


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


@pytest.fixture
def comment(consultation, publisher):
    with time_machine.travel(at("2026-11-10"), tick=False):
        made = comment_services.submit_comment(consultation=consultation, body="这里有广告链接。")
        return comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")


def detail(consultation) -> str:
    return reverse("portal:consultation-detail", args=[consultation.pk])


def report_url(comment) -> str:
    return reverse("portal:consultation-comment-report", args=[comment.consultation_id, comment.pk])


def test_a_report_leaves_the_comment_visible_and_counts_once(client, consultation, comment):
    response = client.post(report_url(comment), {"reason": "广告"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "感谢举报" in page
    assert "这里有广告链接。" in page  # still public until staff review it
    comment.refresh_from_db()
    assert comment.moderation_status == ModerationStatus.PUBLISHED
    again = client.post(report_url(comment), {"reason": "再次举报"}, follow=True)
    assert again.status_code == 200
    assert "您已举报过这条意见" in again.content.decode()
    assert CommentReport.objects.filter(comment=comment).count() == 1
    other_visitor = Client(REMOTE_ADDR="198.51.100.9")
    assert other_visitor.post(report_url(comment), {"reason": "广告"}).status_code == 302
    assert CommentReport.objects.filter(comment=comment).count() == 2
    assert "198.51.100.9" not in str(list(CommentReport.objects.values_list("visitor_hash")))


def test_a_report_without_reason_is_refused(client, comment):
    response = client.post(report_url(comment), {"reason": ""}, follow=True)
    assert "请说明举报理由" in response.content.decode()
    assert not CommentReport.objects.exists()


def test_a_hidden_comment_shows_the_reason_and_cannot_be_reported(
    client, consultation, comment, publisher
):
    reports.report_comment(comment=comment, reason="广告", ip="203.0.113.7", session_key="k")
    reports.review_reported_comment(
        comment=comment, actor=publisher, decision="hide", reason="含有商业广告"
    )
    page = client.get(detail(consultation)).content.decode()
    assert "该意见因含有商业广告已被隐藏。" in page
    assert "这里有广告链接。" not in page
    assert report_url(comment) not in page
    assert client.post(report_url(comment), {"reason": "广告"}).status_code == 404


def test_the_feedback_shows_comment_markup_as_text(client, consultation, publisher, reviewer):
    with time_machine.travel(at("2026-11-10"), tick=False):
        made = comment_services.submit_comment(consultation=consultation, body=EVIL)
        comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")
        comment_services.dispose_comment(
            comment=made, actor=publisher, disposition="not_adopted", reason="无关内容。"
        )
    with time_machine.travel(at("2026-12-02"), tick=False):
        services.close_consultation(consultation=consultation, actor=publisher)
        services.publish_feedback(consultation=consultation, actor=reviewer)
        consultation.refresh_from_db()
        record_page = client.get(
            reverse("portal:document-detail", args=[consultation.feedback_document.pk])
        ).content.decode()
        consultation_page = client.get(detail(consultation)).content.decode()
    for page in (record_page, consultation_page):
        assert '<a href="https://evil"' not in page
        assert 'href="https://evil.example"' not in page
        assert "&lt;a href=" in page
