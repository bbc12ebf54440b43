"""The portal's 重大建设项目 pages (list, project page with its stages and procurement) and who
may do what (access.py) for every role."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.projects import access, publication, services
from gongkai.projects.stages import StageKind
from gongkai.projects.tests.factories import APPROVAL_RESULT, APPROVAL_SERVICE, make_project

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def city():
    return make_agency(code="CITY", name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局", parent=city)


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def published(agency, clerk, reviewer):
    """A project with two published stages, one not applicable, a published notice."""
    project = make_project(agency, clerk, name="测试镇卫生院新建项目")
    for kind, details, day in (
        (StageKind.APPROVAL_SERVICE, APPROVAL_SERVICE, D(2026, 11, 2)),
        (StageKind.APPROVAL_RESULT, APPROVAL_RESULT, D(2026, 11, 3)),
    ):
        stage = services.record_stage(
            stage=project.stages.get(kind=kind), actor=clerk, details=details, formed_on=day
        )
        publication.publish_stage(stage=stage, actor=reviewer)
    services.mark_not_applicable(
        stage=project.stages.get(kind=StageKind.LAND), actor=clerk, reason="在现有用地内建设"
    )
    notice = services.record_procurement(
        project=project,
        actor=clerk,
        kind="notice",
        values={
            "title": "新建工程施工",
            "method": "open",
            "budget": Decimal("700"),
            "deadline_on": D(2026, 12, 1),
        },
        formed_on=D(2026, 11, 10),
    )
    publication.publish_procurement(procurement=notice, actor=reviewer)
    return project


def test_list_and_project_page(client, agency, published):
    response = client.get(reverse("portal:agency-projects", args=[agency.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "测试镇卫生院新建项目" in body
    assert 'class="table-scroll"><table class="card-table"' in body

    response = client.get(reverse("portal:project-detail", args=[agency.code, published.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for label in ("批准服务信息", "批准结果信息", "竣工有关信息", "测发改〔2026〕1号"):
        assert label in body
    assert body.count("已公开") >= 2
    assert "在现有用地内建设" in body  # the reason shown with 不适用
    stage = published.stages.get(kind=StageKind.APPROVAL_RESULT)
    assert reverse("portal:document-detail", args=[stage.document.pk]) in body
    assert stage.document.index_number in body
    assert "新建工程施工" in body
    assert "公开招标，预算700.00万元" in body


def test_unpublished_project_is_not_public(client, agency, clerk):
    project = make_project(agency, clerk)
    services.record_stage(
        stage=project.stages.get(kind=StageKind.APPROVAL_SERVICE),
        actor=clerk,
        details=APPROVAL_SERVICE,
        formed_on=D(2026, 11, 2),
    )
    assert (
        client.get(reverse("portal:project-detail", args=[agency.code, project.pk])).status_code
        == 404
    )
    body = client.get(reverse("portal:agency-projects", args=[agency.code])).content.decode()
    assert project.name not in body


def test_recorded_stage_details_stay_private(client, agency, clerk, published):
    services.record_stage(
        stage=published.stages.get(kind=StageKind.TENDERING),
        actor=clerk,
        details={"summary": "尚未审核的招标说明"},
        formed_on=D(2026, 11, 12),
    )
    body = client.get(
        reverse("portal:project-detail", args=[agency.code, published.pk])
    ).content.decode()
    assert "尚未审核的招标说明" not in body


@pytest.mark.parametrize(
    ("who", "view", "enter", "publish"),
    [
        ("clerk", True, True, False),
        ("reviewer", True, False, True),
        ("admin", True, True, False),
        ("supervisor", True, False, False),
        ("outsider", False, False, False),
        ("citizen", False, False, False),
    ],
)
def test_access_per_role(agency, city, published, clerk, reviewer, who, view, enter, publish):
    users = {
        "clerk": clerk,
        "reviewer": reviewer,
        "admin": make_user(agency=agency, roles=(Role.ADMIN,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=make_agency(), roles=(Role.PUBLISHER, Role.REVIEWER)),
        "citizen": make_user(),
    }
    user = users[who]
    assert access.can_view(user, published) is view
    assert access.can_enter_in(user, agency) is enter
    assert access.can_publish(user, published) is publish
    assert (published in access.projects_for_staff(user)) is view


def test_sitemap_lists_public_projects_only(client, agency, clerk, published):
    hidden = make_project(agency, clerk)
    sitemap = client.get("/sitemap-projects.xml").content.decode()
    assert reverse("portal:project-detail", args=[agency.code, published.pk]) in sitemap
    assert reverse("portal:project-detail", args=[agency.code, hidden.pk]) not in sitemap
    agencies = client.get("/sitemap-agencies.xml").content.decode()
    assert reverse("portal:agency-projects", args=[agency.code]) in agencies
