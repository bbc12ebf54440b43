"""The demo county's major construction projects: a township health centre's new building
taken through its stages (approval → tender with notice, result and contract → construction
→ completion) and a second project in progress. Marked 【演示】; dates relative to today."""

import datetime
from decimal import Decimal

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK
from gongkai.projects import publication, services
from gongkai.projects.models import Project, ProjectStatus
from gongkai.projects.stages import StageKind

FINISHED = "DEMO-2025-530000-84-01-000001"
IN_PROGRESS = "DEMO-2026-530000-84-01-000002"


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _stage(project, kind, details, days_ago, publisher, reviewer, *, publish=True, **kw):
    """Enter the stage three days after it was formed; the reviewer publishes two days later."""
    # Every day from the real today, before travelling (inside, "today" is the day travelled to).
    stage = project.stages.get(kind=kind)
    formed_on, entered_on, published_on = _day(days_ago), _day(days_ago - 3), _day(days_ago - 5)
    with on_day(entered_on):
        services.record_stage(
            stage=stage, actor=publisher, details=details, formed_on=formed_on, **kw
        )
    if publish:
        with on_day(published_on):
            publication.publish_stage(stage=stage, actor=reviewer)


def _not_applicable(project, kind, reason, publisher) -> None:
    services.mark_not_applicable(
        stage=project.stages.get(kind=kind), actor=publisher, reason=reason
    )


def _procurement(project, kind, values, days_ago, publisher, reviewer) -> None:
    formed_on, entered_on, published_on = _day(days_ago), _day(days_ago - 2), _day(days_ago - 4)
    with on_day(entered_on):
        notice = services.record_procurement(
            project=project, actor=publisher, kind=kind, values=values, formed_on=formed_on
        )
    with on_day(published_on):
        publication.publish_procurement(procurement=notice, actor=reviewer)


def load_projects(agency: Agency, users: dict) -> None:
    """Both projects, once (idempotent)."""
    if Project.objects.filter(agency=agency, code=FINISHED).exists():
        return
    if services.catalogue_item_for(agency) is None:
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    _finished_project(agency, publisher, reviewer)
    _project_in_progress(agency, publisher, reviewer)


def _finished_project(agency, publisher, reviewer) -> None:
    created_on = _day(330)
    values = {
        "name": f"{DEMO_MARK}演示县青山镇卫生院业务用房新建项目",
        "code": FINISHED,
        "location": "演示县青山镇卫生院院内",
        "investment": Decimal("1280.00"),
        "owner_unit": "演示县青山镇卫生院",
        "starts_on": _day(200),
        "finishes_on": _day(30),
    }
    with on_day(created_on):
        project = services.create_project(agency=agency, actor=publisher, values=values)
    _stage(
        project,
        StageKind.APPROVAL_SERVICE,
        {
            "requirements": "政府投资项目须编制项目建议书和可行性研究报告，报县发展改革局审批。",
            "materials": "项目建议书；可行性研究报告；用地预审意见；资金来源证明。",
            "procedure": "申报 → 受理 → 评审 → 批复",
            "time_limit": "受理后20个工作日",
            "contact": "县发展改革局投资股 0356-7010000",
        },
        320,
        publisher,
        reviewer,
    )
    _stage(
        project,
        StageKind.APPROVAL_RESULT,
        {
            "approval": "可行性研究报告批复",
            "authority": "演示县发展和改革局",
            "document_number": "演发改投资〔2025〕18号",
            "approved_on": _day(300).isoformat(),
            "content": (
                "同意建设业务用房3200平方米，总投资1280万元，"
                "资金来源为中央预算内投资和县级财政资金。"
            ),
        },
        300,
        publisher,
        reviewer,
    )
    title = "演示县青山镇卫生院业务用房新建工程施工"
    _procurement(
        project,
        "notice",
        {"title": title, "method": "open", "budget": Decimal("1100.00"), "deadline_on": _day(255)},
        280,
        publisher,
        reviewer,
    )
    _procurement(
        project,
        "result",
        {"title": title, "winner": "演示建工集团有限公司", "amount": Decimal("1068.50")},
        250,
        publisher,
        reviewer,
    )
    _procurement(
        project,
        "contract",
        {
            "title": title,
            "purchaser": "演示县青山镇卫生院",
            "winner": "演示建工集团有限公司",
            "amount": Decimal("1068.50"),
            "signed_on": _day(240),
            "term": "自开工之日起300日历天",
        },
        240,
        publisher,
        reviewer,
    )
    _stage(
        project,
        StageKind.TENDERING,
        {
            "summary": (
                "施工招标采用公开招标，招标公告、中标结果和合同已在本页“采购与招标信息”公开。"
            ),
            "platform": "演示县公共资源交易平台",
        },
        238,
        publisher,
        reviewer,
    )
    _not_applicable(
        project, StageKind.LAND, "在卫生院现有划拨用地内建设，不涉及征收土地。", publisher
    )
    _not_applicable(project, StageKind.DESIGN_CHANGE, "施工期间未发生重大设计变更。", publisher)
    _stage(
        project,
        StageKind.CONSTRUCTION,
        {
            "owner_lead": "演示县青山镇卫生院（院长）",
            "designer": "演示建筑设计院有限公司（项目负责人：设计一部）",
            "builder": "演示建工集团有限公司（一级资质）",
            "supervisor": "演示工程监理有限公司（甲级资质）",
            "environment": "施工现场围挡、洒水降尘，夜间不施工。",
        },
        200,
        publisher,
        reviewer,
    )
    _stage(
        project,
        StageKind.SUPERVISION,
        {"agency": "演示县建设工程质量安全监督站", "contact": "0356-7010088"},
        198,
        publisher,
        reviewer,
    )
    day = _day(195)
    with on_day(day):
        services.change_status(project=project, actor=publisher, status=ProjectStatus.BUILDING)
    _stage(
        project,
        StageKind.COMPLETION,
        {
            "accepted_on": _day(25).isoformat(),
            "result": "合格",
            "filing": "县住房和城乡建设局备案",
            "delivered_on": _day(15).isoformat(),
        },
        25,
        publisher,
        reviewer,
    )
    day = _day(18)
    with on_day(day):
        services.change_status(project=project, actor=publisher, status=ProjectStatus.COMPLETED)


def _project_in_progress(agency, publisher, reviewer) -> None:
    created_on = _day(90)
    values = {
        "name": f"{DEMO_MARK}演示县疾病预防控制中心实验室改造项目",
        "code": IN_PROGRESS,
        "location": "演示县城关镇健康路8号",
        "investment": Decimal("460.00"),
        "owner_unit": "演示县疾病预防控制中心",
        "starts_on": _day(-30),
        "finishes_on": _day(-240),
    }
    with on_day(created_on):
        project = services.create_project(agency=agency, actor=publisher, values=values)
    _stage(
        project,
        StageKind.APPROVAL_SERVICE,
        {
            "requirements": "政府投资项目须编制可行性研究报告，报县发展改革局审批。",
            "materials": "可行性研究报告；资金来源证明。",
        },
        80,
        publisher,
        reviewer,
    )
    _stage(
        project,
        StageKind.APPROVAL_RESULT,
        {
            "approval": "可行性研究报告批复",
            "authority": "演示县发展和改革局",
            "document_number": "演发改投资〔2026〕7号",
            "approved_on": _day(45).isoformat(),
        },
        45,
        publisher,
        reviewer,
    )
    # Recorded, waiting for the reviewer: its clock runs in the obligations ledger.
    _stage(
        project,
        StageKind.TENDERING,
        {"summary": "实验室改造工程拟采用公开招标，招标公告发布后在本页公开。"},
        6,
        publisher,
        reviewer,
        publish=False,
    )
