"""Stages recorded in order, not applicable only with a reason, publication as a record through
review (索引号, reviewer ≠ drafter), the obligations ledger's rows, procurement notices."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import DocumentType
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation
from gongkai.privacy.models import ReleaseReview
from gongkai.projects import publication, services
from gongkai.projects.errors import ProjectError
from gongkai.projects.models import ProcurementState, StageState
from gongkai.projects.obligations import PROCUREMENT_PUBLICATION, STAGE_PUBLICATION
from gongkai.projects.stages import StageKind
from gongkai.projects.tests.factories import (
    APPROVAL_RESULT,
    APPROVAL_SERVICE,
    TENDERING,
    make_project,
)

pytestmark = pytest.mark.django_db
D = datetime.date  # the test clock is Monday 2026-11-16


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def project(agency, clerk):
    return make_project(agency, clerk)


def record(project, kind, details, formed_on, actor):
    stage = project.stages.get(kind=kind)
    return services.record_stage(stage=stage, actor=actor, details=details, formed_on=formed_on)


def test_a_project_has_eight_pending_stages_in_order(project):
    stages = list(project.stages.in_order())
    assert [s.kind for s in stages] == list(StageKind)
    assert {s.state for s in stages} == {StageState.PENDING}
    assert project.catalogue_item.code == "P0303"
    assert AuditEvent.objects.filter(action="project.create").count() == 1


def test_duplicate_code_refused(agency, clerk, project):
    with pytest.raises(ProjectError) as exc:
        make_project(agency, clerk, code=project.code)
    assert exc.value.field == "code"


def test_stage_refused_before_the_stage_it_follows(project, clerk):
    with pytest.raises(ProjectError, match="批准服务信息"):
        record(project, StageKind.APPROVAL_RESULT, APPROVAL_RESULT, D(2026, 11, 2), clerk)
    record(project, StageKind.APPROVAL_SERVICE, APPROVAL_SERVICE, D(2026, 11, 2), clerk)
    with pytest.raises(ProjectError) as exc:
        record(project, StageKind.APPROVAL_RESULT, APPROVAL_RESULT, D(2026, 10, 30), clerk)
    assert exc.value.field == "formed_on"
    stage = record(project, StageKind.APPROVAL_RESULT, APPROVAL_RESULT, D(2026, 11, 3), clerk)
    assert stage.state == StageState.RECORDED


@pytest.mark.parametrize(
    ("details", "formed_on", "field"),
    [
        ({"requirements": "要求"}, D(2026, 11, 2), "materials"),
        (APPROVAL_SERVICE, None, "formed_on"),
        (APPROVAL_SERVICE, D(2026, 11, 17), "formed_on"),  # tomorrow
    ],
)
def test_stage_values_checked(project, clerk, details, formed_on, field):
    with pytest.raises(ProjectError) as exc:
        record(project, StageKind.APPROVAL_SERVICE, details, formed_on, clerk)
    assert exc.value.field == field


@pytest.mark.parametrize("reason", ["", "   "])
def test_not_applicable_needs_a_reason(project, clerk, reason):
    stage = project.stages.get(kind=StageKind.LAND)
    with pytest.raises(ProjectError) as exc:
        services.mark_not_applicable(stage=stage, actor=clerk, reason=reason)
    assert exc.value.field == "reason"
    stage.refresh_from_db()
    assert stage.state == StageState.PENDING


def test_not_applicable_settles_the_stage_for_completion(project, clerk):
    for kind in StageKind:
        if kind != StageKind.COMPLETION:
            services.mark_not_applicable(
                stage=project.stages.get(kind=kind), actor=clerk, reason="测试不涉及"
            )
    stage = record(
        project,
        StageKind.COMPLETION,
        {"accepted_on": "2026-11-10", "result": "合格"},
        D(2026, 11, 10),
        clerk,
    )
    assert stage.state == StageState.RECORDED


def test_obligation_row_from_formation_until_publication(project, clerk, reviewer):
    stage = record(project, StageKind.APPROVAL_SERVICE, APPROVAL_SERVICE, D(2026, 9, 25), clerk)
    row = Obligation.objects.get(kind=STAGE_PUBLICATION, object_id=stage.pk)
    assert row.agency_id == project.agency_id
    # Over National Day 2026 (1–7 October off, Saturday 10 October worked: the loaded notice).
    assert row.due_on == stage.due_on == D(2026, 10, 29)
    assert row.done_on is None
    assert (
        Obligation.objects.overdue(today=D(2026, 11, 16), now=timezone.now())
        .filter(pk=row.pk)
        .exists()
    )
    publication.publish_stage(stage=stage, actor=reviewer)
    row.refresh_from_db()
    assert row.done_on == D(2026, 11, 16)
    assert row.is_late is True
    stage.refresh_from_db()
    assert stage.document.is_late is True


def test_pending_and_not_applicable_stages_owe_nothing(project, clerk):
    services.mark_not_applicable(
        stage=project.stages.get(kind=StageKind.LAND), actor=clerk, reason="不涉及征地"
    )
    assert not Obligation.objects.filter(kind=STAGE_PUBLICATION).exists()


def test_publication_as_a_record_through_review(project, clerk, reviewer):
    stage = record(project, StageKind.APPROVAL_SERVICE, APPROVAL_SERVICE, D(2026, 11, 10), clerk)
    with pytest.raises(ProjectError, match="不能审核发布自己"):
        publication.publish_stage(stage=stage, actor=clerk)
    stage = publication.publish_stage(stage=stage, actor=reviewer)
    document = stage.document
    assert stage.state == StageState.PUBLISHED
    assert document.index_number.startswith(f"{project.agency.code}/2026-")
    assert document.document_type == DocumentType.NOTICE
    assert document.catalogue_item == project.catalogue_item
    assert document.drafted_by == clerk
    assert document.reviewed_by == reviewer
    assert ReleaseReview.objects.for_object(document).exists()
    assert document.title == f"{project.name}批准服务信息"
    assert "编制可行性研究报告" in document.body
    assert AuditEvent.objects.filter(action="project.stage.publish").count() == 1
    with pytest.raises(ProjectError):
        publication.publish_stage(stage=stage, actor=reviewer)


def test_personal_data_stops_publication(project, clerk, reviewer):
    details = {**APPROVAL_SERVICE, "contact": "联系人手机13812345678"}
    stage = record(project, StageKind.APPROVAL_SERVICE, details, D(2026, 11, 10), clerk)
    with pytest.raises(ProjectError) as exc:
        publication.publish_stage(stage=stage, actor=reviewer)
    assert exc.value.field == "release_review"
    stage.refresh_from_db()
    assert stage.state == StageState.RECORDED


def _ready_for_tender(project, clerk):
    record(project, StageKind.APPROVAL_SERVICE, APPROVAL_SERVICE, D(2026, 10, 12), clerk)
    record(project, StageKind.APPROVAL_RESULT, APPROVAL_RESULT, D(2026, 10, 13), clerk)


def test_procurement_notice_result_contract(project, clerk, reviewer):
    _ready_for_tender(project, clerk)
    with pytest.raises(ProjectError, match="采购公告"):
        services.record_procurement(
            project=project,
            actor=clerk,
            kind="result",
            values={"title": "施工", "winner": "某公司", "amount": Decimal(100)},
            formed_on=D(2026, 11, 2),
        )
    with pytest.raises(ProjectError) as exc:
        services.record_procurement(
            project=project,
            actor=clerk,
            kind="notice",
            values={"title": "施工", "method": "open", "budget": Decimal(100)},
            formed_on=D(2026, 11, 2),
        )
    assert exc.value.field == "deadline_on"
    notice = services.record_procurement(
        project=project,
        actor=clerk,
        kind="notice",
        values={
            "title": "施工",
            "method": "open",
            "budget": Decimal(100),
            "deadline_on": D(2026, 11, 30),
        },
        formed_on=D(2026, 11, 2),
    )
    row = Obligation.objects.get(kind=PROCUREMENT_PUBLICATION, object_id=notice.pk)
    assert row.due_on == D(2026, 11, 30)
    notice = publication.publish_procurement(procurement=notice, actor=reviewer)
    assert notice.state == ProcurementState.PUBLISHED
    assert notice.document.index_number
    assert "公开招标" in notice.document.body
    result = services.record_procurement(
        project=project,
        actor=clerk,
        kind="result",
        values={"title": "施工", "winner": "某建工公司", "amount": Decimal("98.5")},
        formed_on=D(2026, 11, 16),
    )
    with pytest.raises(ProjectError, match="不能审核发布自己"):
        publication.publish_procurement(procurement=result, actor=clerk)


def test_no_procurement_when_tendering_not_applicable(project, clerk):
    services.mark_not_applicable(
        stage=project.stages.get(kind=StageKind.TENDERING), actor=clerk, reason="不需招标"
    )
    with pytest.raises(ProjectError):
        services.record_procurement(
            project=project,
            actor=clerk,
            kind="notice",
            values={
                "title": "施工",
                "method": "open",
                "budget": Decimal(1),
                "deadline_on": D(2026, 11, 30),
            },
            formed_on=D(2026, 11, 2),
        )


def test_completed_only_after_completion_information(project, clerk):
    from gongkai.projects.models import ProjectStatus

    with pytest.raises(ProjectError):
        services.change_status(project=project, actor=clerk, status=ProjectStatus.COMPLETED)
    services.change_status(project=project, actor=clerk, status=ProjectStatus.BUILDING)
    project.refresh_from_db()
    assert project.status == ProjectStatus.BUILDING


def test_tendering_after_approval(project, clerk):
    _ready_for_tender(project, clerk)
    stage = record(project, StageKind.TENDERING, TENDERING, D(2026, 11, 2), clerk)
    assert stage.due_on == D(2026, 11, 30)


def test_overdue_stage_is_a_supervision_finding(agency, project, clerk):
    from gongkai.supervision.findings import get_kind

    kind = get_kind("project_information_overdue")
    stage = record(project, StageKind.APPROVAL_SERVICE, APPROVAL_SERVICE, D(2026, 9, 25), clerk)
    record(project, StageKind.APPROVAL_RESULT, APPROVAL_RESULT, D(2026, 11, 10), clerk)  # in time

    class Scope:  # what the finding reads of supervision's scope
        agency_ids = [agency.pk]
        today = D(2026, 11, 16)
        now = timezone.now()

        def once(self, name, compute):
            return compute(self)

    assert kind.count(Scope()).counts == {agency.pk: 1}
    assert kind.objects(Scope(), agency.pk) == [stage]
