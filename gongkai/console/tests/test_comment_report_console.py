"""The console's queue of reported comments (被举报的意见): who sees it, who reviews, the
review after closing, and where staff find it (dashboard, list, case page)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_report_services as reports
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.models import CommentReport, ModerationStatus, ReportOutcome
from gongkai.participation.tests.consultation_factories import make_consultation

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=SHANGHAI
    )


@pytest.fixture
def city(db):
    return make_agency(name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY, parent=city)


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
def reported(consultation, publisher):
    with time_machine.travel(at("2026-11-10"), tick=False):
        made = comment_services.submit_comment(consultation=consultation, body="请访问某网站购买。")
        comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")
        reports.report_comment(comment=made, reason="商业广告", ip="203.0.113.7", session_key="k")
    return made


def queue(consultation) -> str:
    return reverse("console:consultation-reports", args=[consultation.pk])


def review(comment) -> str:
    return reverse("console:consultation-report-review", args=[comment.consultation_id, comment.pk])


def test_the_queue_lists_reported_comments_with_their_reasons(
    client, consultation, reported, publisher
):
    client.force_login(publisher)
    for url in (queue(consultation), reverse("console:reported-comments")):
        page = client.get(url)
        content = page.content.decode()
        assert page.status_code == 200
        assert "请访问某网站购买。" in content
        assert "商业广告" in content
        assert "保存复核结果" in content
        assert "203.0.113.7" not in content


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 403),  # publishes records, does not moderate comments
        ("city_supervisor", 403),  # reads the queue of the agencies below, decides nothing
        ("other_clerk", 404),  # another agency's consultation is not even shown
    ],
)
def test_only_the_agencys_handlers_review(client, agency, city, reviewer, reported, who, status):
    users = {
        "reviewer": reviewer,
        "city_supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "other_clerk": make_user(
            agency=make_agency(name="另一县卫生健康局"), roles=(Role.PUBLISHER, Role.ADMIN)
        ),
    }
    client.force_login(users[who])
    response = client.post(review(reported), {"decision": "hide", "reason": "广告"})
    assert response.status_code == status
    reported.refresh_from_db()
    assert reported.moderation_status == ModerationStatus.PUBLISHED
    assert CommentReport.objects.get().outcome == ReportOutcome.OPEN
    page = client.get(queue(reported.consultation))
    if status == 404:
        assert page.status_code == 404
        assert (
            "请访问某网站购买。"
            not in client.get(reverse("console:reported-comments")).content.decode()
        )
    else:
        assert page.status_code == 200
        assert "请访问某网站购买。" in page.content.decode()
        assert "保存复核结果" not in page.content.decode()


def test_a_handler_keeps_or_hides(client, consultation, reported, publisher):
    client.force_login(publisher)
    response = client.post(review(reported), {"decision": "hide", "reason": ""}, follow=True)
    assert "隐藏意见时必须写明理由" in response.content.decode()
    response = client.post(review(reported), {"decision": "hide", "reason": "含有商业广告"})
    assert response.status_code == 302
    assert response["Location"] == queue(consultation)
    reported.refresh_from_db()
    assert reported.is_hidden
    assert reported.moderation_reason == "含有商业广告"
    assert "没有待复核的被举报意见" in client.get(queue(consultation)).content.decode()


def test_review_after_closing(client, consultation, reported, publisher):
    comment_services.dispose_comment(
        comment=reported, actor=publisher, disposition="not_adopted", reason="与本办法无关。"
    )
    with time_machine.travel(at("2026-12-02"), tick=False):
        services.close_consultation(consultation=consultation, actor=publisher)
    with time_machine.travel(at("2026-12-05"), tick=False):
        client.force_login(publisher)
        page = client.get(queue(consultation)).content.decode()
        assert "已生成的意见采纳情况反馈不会自动修改" in page
        response = client.post(review(reported), {"decision": "keep", "back": "all"})
    assert response["Location"] == reverse("console:reported-comments")
    reported.refresh_from_db()
    assert reported.moderation_status == ModerationStatus.PUBLISHED
    assert CommentReport.objects.get().outcome == ReportOutcome.DISMISSED


def test_staff_find_the_queue(client, agency, consultation, reported, publisher):
    client.force_login(publisher)
    dashboard = client.get(reverse("console:dashboard")).content.decode()
    listing = client.get(reverse("console:consultation-list")).content.decode()
    case = client.get(reverse("console:consultation-detail", args=[consultation.pk])).content
    assert "1 条被举报的意见待复核" in dashboard
    assert queue(consultation) in listing
    assert "被举报的意见 1 条待复核" in case.decode()
