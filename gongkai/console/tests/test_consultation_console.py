"""Console consultation pages: who may do what, the drafting form, the actions."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_services
from gongkai.participation.models import Comment, Consultation, ConsultationStatus
from gongkai.participation.tests.consultation_factories import DRAFT_TEXT, make_consultation

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
def other_clerk(db):
    return make_user(
        agency=make_agency(name="另一县卫生健康局"), roles=(Role.PUBLISHER, Role.REVIEWER)
    )


@pytest.fixture
def city_supervisor(city):
    return make_user(agency=city, roles=(Role.SUPERVISOR,))


@pytest.fixture
def consultation(agency, publisher, reviewer):
    with time_machine.travel(at("2026-11-02"), tick=False):
        return make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)


@pytest.fixture
def comment(consultation):
    with time_machine.travel(at("2026-11-10"), tick=False):
        return comment_services.submit_comment(consultation=consultation, body="建议写明村卫生室。")


def action(consultation):
    return reverse("console:consultation-action", args=[consultation.pk])


def test_publisher_drafts_a_consultation(client, agency, publisher):
    item = make_agency_item(agency)
    client.force_login(publisher)
    url = reverse("console:consultation-create") + f"?agency={agency.pk}"
    assert client.get(url).status_code == 200
    data = {
        "agency": agency.pk,
        "title": "某县办法（征求意见稿）",
        "topic": "health",
        "catalogue_item": item.pk,
        "summary": "征求意见。",
        "background": "背景。",
        "basis": "依据。",
        "main_content": "内容。",
        "clauses_text": DRAFT_TEXT,
        "opens_on": "2026-11-02",
        "closes_on": "2026-11-20",
        "moderation": "before",
        "name_rule": "optional",
        "contact_rule": "optional",
    }
    with time_machine.travel(at("2026-11-02"), tick=False):
        response = client.post(url, data)
        assert response.status_code == 200  # 18 days: a reason is needed
        assert "短于本机关规定的30日" in response.content.decode()
        assert not Consultation.objects.exists()
        response = client.post(url, {**data, "short_period_reason": "上级要求年底前出台。"})
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert consultation.clauses.count() == 3
    client.force_login(publisher)  # two weeks on: staff sessions end after 2 idle hours
    page = client.get(reverse("console:consultation-detail", args=[consultation.pk]))
    assert "期限短于本机关规定" in page.content.decode()


def test_the_form_warns_when_the_period_without_its_opening_day_is_short(client, agency, publisher):
    """1 to 30 March is 29 days: the opening day is not counted (民法典第二百零一条)."""
    item = make_agency_item(agency)
    client.force_login(publisher)
    url = reverse("console:consultation-create") + f"?agency={agency.pk}"
    data = {
        "agency": agency.pk,
        "title": "某县办法（征求意见稿）",
        "topic": "health",
        "catalogue_item": item.pk,
        "summary": "征求意见。",
        "background": "背景。",
        "basis": "依据。",
        "main_content": "内容。",
        "clauses_text": DRAFT_TEXT,
        "opens_on": "2027-03-01",
        "closes_on": "2027-03-30",
        "moderation": "before",
        "name_rule": "optional",
        "contact_rule": "optional",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "征求意见期限为29日，短于本机关规定的30日" in response.content.decode()
    assert not Consultation.objects.exists()

    response = client.post(url, {**data, "closes_on": "2027-03-31"})  # 30 days
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    page = client.get(reverse("console:consultation-detail", args=[consultation.pk]))
    assert "征求期 2027-03-01 至 2027-03-31（30日）" in page.content.decode()
    assert "期限短于本机关规定" not in page.content.decode()


def test_reviewer_publishes_the_draft(client, agency, publisher, reviewer):
    with time_machine.travel(at("2026-11-02"), tick=False):
        consultation = make_consultation(agency=agency, publisher=publisher)
        client.force_login(publisher)
        client.post(action(consultation), {"action": "submit"})
        assert client.post(action(consultation), {"action": "publish"}).status_code == 403
        client.force_login(reviewer)
        client.post(action(consultation), {"action": "publish"})
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN


def test_clerk_of_another_agency_cannot_see_or_act(client, consultation, comment, other_clerk):
    client.force_login(other_clerk)
    assert (
        client.get(reverse("console:consultation-detail", args=[consultation.pk])).status_code
        == 404
    )
    response = client.post(
        action(consultation), {"action": "dispose", "comment": comment.pk, "disposition": "adopted"}
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.disposition == ""


def test_supervisor_reads_but_cannot_act(client, consultation, comment, city_supervisor):
    client.force_login(city_supervisor)
    page = client.get(reverse("console:consultation-detail", args=[consultation.pk]))
    assert page.status_code == 200
    assert "保存采纳情况" not in page.content.decode()
    response = client.post(
        action(consultation), {"action": "dispose", "comment": comment.pk, "disposition": "adopted"}
    )
    assert response.status_code == 403


def test_anonymous_is_sent_to_login(client, consultation):
    response = client.get(reverse("console:consultation-detail", args=[consultation.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_moderate_dispose_and_close(client, consultation, comment, publisher):
    client.force_login(publisher)
    client.post(
        action(consultation), {"action": "moderate", "comment": comment.pk, "decision": "publish"}
    )
    response = client.post(
        action(consultation),
        {"action": "dispose", "comment": comment.pk, "disposition": "not_adopted", "reason": ""},
        follow=True,
    )
    assert "部分采纳或不予采纳的，必须写明理由。" in response.content.decode()
    client.post(
        action(consultation),
        {
            "action": "dispose",
            "comment": comment.pk,
            "disposition": "partly_adopted",
            "reason": "已在第二条体现。",
        },
    )
    with time_machine.travel(at("2026-12-02"), tick=False):
        client.force_login(publisher)  # a session from 16 days earlier has expired
        client.post(action(consultation), {"action": "close"})
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    assert consultation.feedback_document is not None
    assert AuditEvent.objects.filter(action="consultation.close", actor=publisher).exists()


def test_close_refused_with_the_reasons(client, consultation, comment, publisher):
    with time_machine.travel(at("2026-12-02"), tick=False):
        client.force_login(publisher)
        response = client.post(action(consultation), {"action": "close"}, follow=True)
    assert "1条意见待审核" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN


def test_staff_record_a_hearing_comment(client, consultation, publisher):
    client.force_login(publisher)
    with time_machine.travel(at("2026-11-20"), tick=False):
        client.post(
            action(consultation),
            {
                "action": "record",
                "source": "hearing",
                "source_detail": "2026年11月18日听证会",
                "body": "建议延长过渡期。",
                "clause": consultation.clauses.get(number=3).pk,
                "make_public": "on",
            },
        )
    comment = Comment.objects.get()
    assert (comment.source, comment.recorded_by) == ("hearing", publisher)


def test_group_identical_comments(client, consultation, comment, publisher):
    with time_machine.travel(at("2026-11-11"), tick=False):
        second = comment_services.submit_comment(
            consultation=consultation, body="建议写明村卫生室！"
        )
    client.force_login(publisher)
    client.post(action(consultation), {"action": "group", "comment": second.pk, "lead": 1})
    second.refresh_from_db()
    assert second.group_lead == comment


def test_list_page(client, consultation, publisher):
    client.force_login(publisher)
    page = client.get(reverse("console:consultation-list")).content.decode()
    assert consultation.draft.title in page


def test_edit_a_draft_keeps_its_clauses(client, agency, publisher):
    with time_machine.travel(at("2026-11-02"), tick=False):
        consultation = make_consultation(agency=agency, publisher=publisher)
        client.force_login(publisher)
        url = reverse("console:consultation-edit", args=[consultation.pk])
        page = client.get(url)
        assert page.status_code == 200
        form = page.context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None}
        data["catalogue_item"] = consultation.draft.catalogue_item_id
        data["opens_on"] = "2026-11-01"
        data["closes_on"] = "2026-12-01"
        data["main_content"] = "修改后的主要内容。"
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation.refresh_from_db()
    assert consultation.main_content == "修改后的主要内容。"
    assert [c.heading for c in consultation.clauses.all()] == ["第一条", "第二条", "第三条"]


def test_published_consultation_cannot_be_edited(client, consultation, publisher):
    client.force_login(publisher)
    response = client.get(reverse("console:consultation-edit", args=[consultation.pk]))
    assert response.status_code == 302
