"""Public consultation pages: the list, commenting on a clause, reporting, the feedback, the
feed and what is never shown (contact details, unpublished comments, drafts)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.models import Comment, ModerationStatus
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.ratelimits.form_tokens import issue_token

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


@pytest.fixture
def during():
    with time_machine.travel(at("2026-11-10"), tick=False):
        yield


def detail(consultation):
    return reverse("portal:consultation-detail", args=[consultation.pk])


@pytest.mark.usefixtures("during")
def test_comment_on_a_clause_is_held_for_moderation(client, consultation):
    clause = consultation.clauses.get(number=2)
    page = client.get(detail(consultation) + f"?clause={clause.pk}")
    assert page.status_code == 200
    assert "对第二条提出意见" in page.content.decode()
    response = client.post(
        detail(consultation),
        {
            "clause": clause.pk,
            "body": "建议写明村卫生室。",
            "contact": "13800000000",
            "form_token": issue_token(),
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.clause, comment.moderation_status) == (clause, ModerationStatus.PENDING)
    page = client.get(detail(consultation)).content.decode()
    assert "经审核后公开" in page
    assert "建议写明村卫生室。" not in page  # not yet published


@pytest.mark.usefixtures("during")
def test_published_comment_is_shown_without_contact_details(client, consultation, publisher):
    comment = comment_services.submit_comment(
        consultation=consultation,
        body="建议增加家庭医生签约服务。",
        commenter_name="李四",
        contact="lisi@example.com",
    )
    comment_services.moderate_comment(comment=comment, actor=publisher, decision="publish")
    page = client.get(detail(consultation)).content.decode()
    assert "建议增加家庭医生签约服务。" in page
    assert "lisi@example.com" not in page
    assert "李四" not in page


@pytest.mark.usefixtures("during")
def test_an_empty_comment_gets_a_chinese_error_and_keeps_the_text(client, consultation):
    response = client.post(detail(consultation), {"body": "", "commenter_name": "王五"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "请填写您的意见。" in text
    assert "这个字段是必填项" not in text
    assert 'value="王五"' in text
    assert not Comment.objects.exists()


def test_no_comments_after_closing(client, consultation):
    with time_machine.travel(at("2026-12-02"), tick=False):
        response = client.post(detail(consultation), {"body": "迟到的意见"})
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_unpublished_consultation_is_not_public(client, agency, publisher):
    with time_machine.travel(at("2026-11-02"), tick=False):
        draft = make_consultation(agency=agency, publisher=publisher)
    assert client.get(detail(draft)).status_code == 404
    assert draft.draft.title not in client.get(reverse("portal:consultations")).content.decode()


def test_feedback_is_shown_once_published(client, consultation, publisher, reviewer):
    with time_machine.travel(at("2026-11-10"), tick=False):
        comment = comment_services.submit_comment(
            consultation=consultation,
            body="建议删去第三条。",
            clause=consultation.clauses.get(number=3),
        )
        comment_services.moderate_comment(comment=comment, actor=publisher, decision="publish")
        comment_services.dispose_comment(
            comment=comment, actor=publisher, disposition="not_adopted", reason="施行日期必须保留。"
        )
    with time_machine.travel(at("2026-12-02"), tick=False):
        services.close_consultation(consultation=consultation, actor=publisher)
        assert "施行日期必须保留。" not in client.get(detail(consultation)).content.decode()
        services.publish_feedback(consultation=consultation, actor=reviewer)
        page = client.get(detail(consultation)).content.decode()
        listed = client.get(reverse("portal:consultations") + "?state=feedback").content.decode()
        feed = client.get(reverse("portal:feed-consultations")).content.decode()
    assert "意见采纳情况" in page
    assert "施行日期必须保留。" in page
    assert "关于第三条的意见" in page
    assert consultation.draft.title in listed
    assert "征求意见采纳情况的反馈" in feed
    # Drawn as charts: this consultation's shares, and the list's opinions per year.
    assert "不予采纳 1（100.0%）" in page
    assert '<td data-label="不予采纳">1</td>' in listed
    assert '<th scope="row" class="nowrap">2026</th>' in listed


@pytest.mark.usefixtures("during")
def test_list_filters_open_consultations(client, consultation):
    page = client.get(reverse("portal:consultations") + "?state=open").content.decode()
    assert consultation.draft.title in page
    assert "征求意见中" in page


@pytest.mark.usefixtures("during")
def test_english_page(client, consultation):
    response = client.get("/en" + detail(consultation))
    assert response.status_code == 200


@pytest.mark.usefixtures("during")
def test_the_period_shown_to_the_public_does_not_count_the_opening_day(
    client, agency, publisher, reviewer
):
    # 2 November to 1 December: 29 days (民法典第二百零一条), shorter than the 30-day minimum.
    short = make_consultation(
        agency=agency,
        publisher=publisher,
        reviewer=reviewer,
        opens_on=datetime.date(2026, 11, 2),
        closes_on=datetime.date(2026, 12, 1),
        short_period_reason="上级要求年底前出台。",
    )
    page = client.get(detail(short))
    content = page.content.decode()
    assert page.status_code == 200
    assert "征求意见时间：2026-11-02 至 2026-12-01（29日）" in content
    assert "征求意见期限较短的说明：上级要求年底前出台。" in content


@pytest.mark.usefixtures("during")
def test_a_comment_sent_twice_is_filed_once(client, consultation):
    data = {"body": "建议写明村卫生室。", "form_token": issue_token()}

    first = client.post(detail(consultation), data)
    second = client.post(detail(consultation), data)

    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.usefixtures("during")
def test_the_eleventh_comment_in_an_hour_gets_429(client, consultation):
    statuses = [
        client.post(
            detail(consultation), {"body": f"意见{n}", "form_token": issue_token()}
        ).status_code
        for n in range(11)
    ]

    assert statuses == [302] * 10 + [429]
    assert Comment.objects.count() == 10


@pytest.mark.usefixtures("during")
def test_reports_are_limited_per_client(client, consultation, publisher):
    comment = comment_services.submit_comment(consultation=consultation, body="这里有广告链接。")
    comment_services.moderate_comment(comment=comment, actor=publisher, decision="publish")
    url = reverse("portal:consultation-comment-report", args=[consultation.pk, comment.pk])

    # The comment is hidden after the first report; the later ones still count (404 or not).
    statuses = [client.post(url, {"reason": "广告"}).status_code for _ in range(21)]

    assert statuses[0] == 302
    assert statuses[-1] == 429
