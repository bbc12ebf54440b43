"""督查考核 pages: who sees them, what they show, and the task and circular round trips."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.documents.models import Document, DocumentType
from gongkai.documents.tests.factories import make_agency_item, pdf_bytes
from gongkai.factories import make_agency, make_user
from gongkai.foi.models import Application
from gongkai.supervision.models import AssessmentScheme, RectificationTask
from gongkai.supervision.tests.world import make_world
from gongkai.supervision.workflow import TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_the_supervisor_sees_the_league_table_with_drill_down(client, world):
    client.force_login(world["supervisor"])
    response = client.get("/console/supervision/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("乙县") < content.index("甲县")  # the laggard is at the bottom
    finding = f"/console/supervision/{world['a'].pk}/findings/messages_past_veto/?period=2026"
    assert finding in content
    detail = client.get(finding)
    assert detail.status_code == 200
    assert f"/console/messages/{world['message'].pk}/" in detail.content.decode()


@pytest.mark.parametrize("who", ["a_admin", "b_admin"])
def test_a_county_cannot_see_the_city_table(client, world, who):
    client.force_login(world[who])
    assert client.get("/console/supervision/").status_code == 403
    finding = f"/console/supervision/{world['b'].pk}/findings/late_records/"
    assert client.get(finding).status_code == 403
    assert client.get("/console/supervision/circular/").status_code == 403


def test_the_menu_shows_the_link_only_to_supervisors(client, world):
    client.force_login(world["supervisor"])
    assert "督查考核" in client.get("/console/").content.decode()
    client.force_login(world["a_admin"])
    assert "督查考核" not in client.get("/console/").content.decode()


def test_scheme_editor_saves_and_the_ranking_becomes_public(client, world):
    url = f"/console/supervision/{world['city'].pk}/scheme/2026/"
    client.force_login(world["supervisor"])
    assert client.get(url).status_code == 403  # 督查员 reads, 管理员 configures
    client.force_login(world["city_admin"])
    assert client.get(url).status_code == 200
    assert client.get(f"/agencies/{world['city'].code}/ranking/2026/").status_code == 404
    data = {
        "name": "2026年考核",
        "is_ranking_public": "on",
        "stale_months": "6",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-finding": "messages_past_veto",
        "indicators-0-name": "留言按时答复",
        "indicators-0-weight": "50",
        "indicators-0-method": "deduction",
        "indicators-0-deduction": "50",
        "indicators-1-finding": "late_records",
        "indicators-1-name": "信息按时发布",
        "indicators-1-weight": "50",
        "indicators-1-method": "rate",
        "indicators-1-deduction": "0",
    }
    assert client.post(url, data).status_code == 302
    scheme = AssessmentScheme.objects.get()
    assert [i.name for i in scheme.indicators.all()] == ["留言按时答复", "信息按时发布"]
    client.logout()
    public = client.get(f"/agencies/{world['city'].code}/ranking/2026/").content.decode()
    assert "2026年考核" in public
    assert "25.00" in public  # county A: 0 + 50 × 1/2
    assert "张三" not in public


def test_task_round_trip_through_the_console(client, world):
    client.force_login(world["supervisor"])
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(
        "/console/supervision/tasks/new/",
        {
            "agency": world["a"].pk,
            "title": "整改留言超期",
            "requirement": "逐条答复。",
            "finding": "messages_past_veto",
            "period": "2026",
            "due_on": due,
        },
    )
    task = RectificationTask.objects.get()
    assert response.status_code == 302
    client.force_login(world["b_admin"])
    assert client.get(f"/console/supervision/tasks/{task.pk}/").status_code == 404
    client.force_login(world["a_admin"])
    client.post(
        f"/console/supervision/tasks/{task.pk}/answer/",
        {
            "response": "已答复。",
            "evidence": SimpleUploadedFile("清单.pdf", pdf_bytes(), "application/pdf"),
        },
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.ANSWERED
    evidence = client.get(f"/console/supervision/tasks/{task.pk}/evidence/")
    assert evidence["Cache-Control"] == "private, no-store"
    assert client.get(f"/media/{task.evidence.name}").status_code == 404  # only through here
    # Read to the end, which closes the file (evidence.close() would close the database
    # connection on PostgreSQL).
    assert b"".join(evidence.streaming_content).startswith(b"%PDF-")
    assert client.post(f"/console/supervision/tasks/{task.pk}/accept/").status_code == 403
    client.force_login(world["supervisor"])
    client.post(f"/console/supervision/tasks/{task.pk}/accept/", {"comments": "同意。"})
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED


def test_circular_preview_docx_and_record(client, world):
    make_agency_item(world["city"], name="通知公告")
    author = make_user(agency=world["city"], roles=(Role.SUPERVISOR, Role.PUBLISHER))
    client.force_login(author)
    query = f"agency={world['city'].pk}&period=2026&findings=messages_past_veto"
    preview = client.get(f"/console/supervision/circular/?{query}").content.decode()
    assert "二、存在问题" in preview
    assert "甲县1项" in preview
    docx = client.get(f"/console/supervision/circular.docx?{query}")
    assert docx.content.startswith(b"PK")
    response = client.post(
        "/console/supervision/circular/record/",
        {"agency": world["city"].pk, "period": "2026", "findings": "messages_past_veto"},
    )
    record = Document.objects.get(document_type=DocumentType.NOTICE, agency=world["city"])
    assert response.status_code == 302
    assert response["Location"] == f"/console/documents/{record.pk}/"


def test_drill_down_names_applications_without_personal_data(client, world):
    client.force_login(world["supervisor"])
    url = f"/console/supervision/{world['a'].pk}/findings/applications_overdue/"
    content = client.get(url).content.decode()
    application = Application.objects.get(agency=world["a"])
    assert f"/console/applications/{application.pk}/" in content
    assert application.applicant_name not in content
    assert application.query_code not in content
    assert application.description not in content


def test_the_ledger_links_the_task(client, world):
    task = RectificationTask.objects.create(
        agency=world["a"],
        supervisor_agency=world["city"],
        title="整改空白栏目",
        requirement="补充栏目内容。",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(world["a_admin"])
    content = client.get("/console/obligations/?state=overdue").content.decode()
    assert f"/console/supervision/tasks/{task.pk}/" in content
    assert "整改：整改空白栏目" in content
    client.force_login(world["supervisor"])
    league = client.get("/console/supervision/").content.decode()
    filtered = (
        f"/console/obligations/?state=overdue&amp;kind=supervision.rectification"
        f"&amp;agency={world['a'].pk}"
    )
    assert filtered in league
    assert "整改逾期 1 项" in league
    ledger = client.get(filtered.replace("&amp;", "&")).content.decode()
    assert "整改：整改空白栏目" in ledger


def test_the_league_page_queries_do_not_grow_with_the_agencies(client, world):
    client.force_login(world["supervisor"])
    client.get("/console/supervision/")  # the first request after a sign-in writes the session
    with CaptureQueriesContext(connection) as few:
        client.get("/console/supervision/")
    for n in range(4):
        make_agency_item(make_agency(name=f"新增县{n}", parent=world["city"]))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/console/supervision/")
    assert response.content.decode().count("交办整改") == 6
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("period", ["2026-10", "bad"])
def test_a_month_or_a_bad_period(client, world, period):
    client.force_login(world["supervisor"])
    response = client.get(f"/console/supervision/?agency={world['city'].pk}&period={period}")
    assert response.status_code == 200
    content = response.content.decode()
    if period == "bad":
        assert "期间应写成年度" in content
    else:
        assert "2026年10月" in content


def test_a_supervisor_sees_only_its_own_subordinates(client, world):
    other_city = make_agency(name="另一市卫生健康委员会")
    stranger = make_agency(name="另一市丙县卫生健康局", short_name="丙县", parent=other_city)
    client.force_login(world["supervisor"])
    content = client.get("/console/supervision/").content.decode()
    assert "甲县" in content
    assert "丙县" not in content
    finding = f"/console/supervision/{stranger.pk}/findings/late_records/"
    assert client.get(finding).status_code == 403
    other = client.get(f"/console/supervision/?agency={other_city.pk}").content.decode()
    assert "丙县" not in other  # not a choice: the form refuses it and shows its own table
    response = client.post(
        "/console/supervision/tasks/new/",
        {
            "agency": stranger.pk,
            "title": "越权交办",
            "requirement": "—",
            "due_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 200  # not a choice: the form refuses it
    assert not RectificationTask.objects.exists()


def test_drill_down_of_a_missing_periodic_record(client, world):
    client.force_login(world["supervisor"])
    url = f"/console/supervision/{world['a'].pk}/findings/expected_missing/"
    content = client.get(url).content.decode()
    assert "（2026-10-01 至 2026-10-31）" in content
    assert f"/console/catalogue/{world['a'].pk}/" in content
