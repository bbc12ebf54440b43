"""The console's 重大建设项目 pages for every role: list, create, a stage entered, marked not
applicable and published by another person, procurement, import with a bad row."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation
from gongkai.projects.importing import COLUMNS
from gongkai.projects.models import Procurement, Project, StageState
from gongkai.projects.stages import StageKind
from gongkai.projects.tests.factories import make_project

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
    }


@pytest.fixture
def project(agency, users):
    return make_project(agency, users["clerk"], name="测试镇卫生院新建项目")


@pytest.mark.parametrize(
    ("who", "detail", "create"),
    [
        ("clerk", 200, 200),
        ("reviewer", 200, 403),
        ("supervisor", 200, 403),
        ("outsider", 404, 200),  # may create in its own agency, never sees this one
        (None, 302, 302),
    ],
)
def test_pages_per_role(client, users, project, who, detail, create):
    if who:
        client.force_login(users[who])
    assert client.get(reverse("console:project-detail", args=[project.pk])).status_code == detail
    assert client.get(reverse("console:project-create")).status_code == create
    listed = client.get(reverse("console:project-list"))
    if who:
        assert (project.name in listed.content.decode()) is (detail == 200)


def test_create_project(client, users, agency):
    standard_item(agency, "P0303")
    client.force_login(users["clerk"])
    response = client.post(
        reverse("console:project-create"),
        {
            "agency": agency.pk,
            "name": "新建项目",
            "code": "C-1",
            "location": "城关镇",
            "investment": "100",
            "owner_unit": "县医院",
            "status": "preparing",
        },
    )
    project = Project.objects.get(code="C-1")
    assert response.status_code == 302
    assert project.stages.count() == 8


def test_stage_entered_then_published_by_another(client, users, project):
    stage = project.stages.get(kind=StageKind.APPROVAL_SERVICE)
    url = reverse("console:project-stage", args=[stage.pk])
    values = {"action": "record", "requirements": "要求", "materials": "材料", "formed_on": ""}
    client.force_login(users["clerk"])
    response = client.post(url, values)
    assert response.status_code == 200
    assert "信息形成或变更日期" in response.content.decode()  # in the error summary
    response = client.post(url, {**values, "formed_on": "2026-11-10"})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.state == StageState.RECORDED
    assert Obligation.objects.filter(kind="projects.stage", object_id=stage.pk).exists()
    assert client.post(url, {"action": "publish"}).status_code == 403  # not a reviewer

    client.force_login(users["supervisor"])
    assert client.post(url, {"action": "publish"}).status_code == 403
    client.force_login(users["reviewer"])
    assert client.post(url, {"action": "record", **values}).status_code == 403
    response = client.post(url, {"action": "publish"})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.state == StageState.PUBLISHED
    assert stage.document.index_number


def test_not_applicable_needs_a_reason(client, users, project):
    stage = project.stages.get(kind=StageKind.LAND)
    url = reverse("console:project-stage", args=[stage.pk])
    client.force_login(users["clerk"])
    response = client.post(url, {"action": "not_applicable", "reason": ""})
    assert response.status_code == 200
    stage.refresh_from_db()
    assert stage.state == StageState.PENDING
    client.post(url, {"action": "not_applicable", "reason": "现有用地"})
    stage.refresh_from_db()
    assert stage.state == StageState.NOT_APPLICABLE


def test_procurement_needs_its_notice_first(client, users, project):
    client.force_login(users["clerk"])
    url = reverse("console:project-procurement-create", args=[project.pk])
    response = client.post(
        url,
        {
            "kind": "result",
            "title": "施工",
            "winner": "某公司",
            "amount": "10",
            "formed_on": "2026-11-10",
        },
    )
    assert response.status_code == 200
    assert "请先录入采购公告" in response.content.decode()
    response = client.post(
        url,
        {
            "kind": "notice",
            "title": "施工",
            "method": "open",
            "budget": "10",
            "deadline_on": "2026-12-01",
            "formed_on": "2026-11-10",
        },
    )
    assert response.status_code == 302
    notice = Procurement.objects.get(project=project)
    publish = reverse("console:project-procurement-publish", args=[notice.pk])
    assert client.post(publish).status_code == 403
    client.force_login(users["reviewer"])
    assert client.get(reverse("console:project-procurement", args=[notice.pk])).status_code == 200
    assert client.post(publish).status_code == 302
    notice.refresh_from_db()
    assert notice.published_at.date() == datetime.date(2026, 11, 16)


def test_import_with_a_bad_row(client, users, agency):
    make_project(agency, users["clerk"])  # the catalogue is derived
    book = openpyxl.Workbook()
    book.active.append(COLUMNS)
    book.active.append(["甲项目", "I-1", "城关镇", "10", "县医院", "", "", ""])
    book.active.append(["乙项目", "I-2", "城关镇", "很多", "县医院", "", "", ""])
    data = io.BytesIO()
    book.save(data)
    data.name = "清单.xlsx"
    data.seek(0)
    client.force_login(users["clerk"])
    response = client.post(reverse("console:project-import"), {"file": data})
    assert response.status_code == 200
    assert "第3行“总投资（万元）”" in response.content.decode()
    assert not Project.objects.filter(code__startswith="I-").exists()
    client.force_login(users["reviewer"])
    assert client.get(reverse("console:project-import")).status_code == 403


def test_status_changed_by_the_clerk_only(client, users, project):
    url = reverse("console:project-status", args=[project.pk])
    client.force_login(users["reviewer"])
    assert client.post(url, {"status": "building"}).status_code == 403
    client.force_login(users["clerk"])
    assert client.post(url, {"status": "building"}).status_code == 302
    project.refresh_from_db()
    assert project.status == "building"
    client.post(url, {"status": "completed"})  # refused: no completion information yet
    project.refresh_from_db()
    assert project.status == "building"
