"""Demo: the county's suggestions and proposals of the year — three suggestions of county
people's-congress deputies and two proposals of CPPCC members, each registered on its
assignment day, replied within the three months, the member's form recorded and the result
published (in full or as a summary) through the library; and one suggestion still being
handled, so that the ledger shows its clock. Every step goes through the services on its own
day (history.on_day)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.catalogue.services import add_item
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK
from gongkai.proposals import services
from gongkai.proposals.models import Kind, Proposal
from gongkai.workdays.calendar import calendar_held

# The smallest PDF the upload check accepts: the demo's stand-in for a scanned letter.
LETTER = b"%PDF-1.4\n% demo reply letter\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ITEM_CODE = "DEMO-ZJ01"


@dataclass(frozen=True)
class Case:
    kind: str
    number: str
    title: str
    members: str
    classification: str
    summary: str
    mode: str = "full"  # or "summary"
    satisfaction: str = "satisfied"
    days_ago: int = 200  # assigned this many days before today
    reply_after_days: int = 70


CASES = [
    Case(
        Kind.SUGGESTION,
        "8",
        "关于加强村卫生室标准化建设的建议",
        "李某某",
        "A",
        "已将12个村卫生室纳入本年度标准化改造计划，改造已完成。",
    ),
    Case(
        Kind.SUGGESTION,
        "15",
        "关于扩大家庭医生签约服务覆盖面的建议",
        "王某某、赵某某",
        "B",
        "已制定家庭医生签约服务扩面方案，计划两年内实现重点人群应签尽签。",
        mode="summary",
        satisfaction="basically",
        days_ago=190,
    ),
    Case(
        Kind.SUGGESTION,
        "21",
        "关于在县城增设夜间儿科门诊的建议",
        "陈某某",
        "C",
        "受儿科医师数量限制，暂无法开设夜间儿科门诊，建议已留作今后规划参考。",
        satisfaction="basically",
        days_ago=185,
        reply_after_days=85,
    ),
    Case(
        Kind.PROPOSAL,
        "3",
        "关于推进县域医共体信息互联互通的提案",
        "周某某",
        "A",
        "县域医共体信息平台已上线，县乡两级检查结果实现互认。",
        days_ago=195,
    ),
    Case(
        Kind.PROPOSAL,
        "11",
        "关于加强老年人健康管理服务的提案",
        "吴某某",
        "B",
        "已将65岁以上老年人健康体检纳入基本公共卫生服务重点任务，逐步提高体检项目。",
        mode="summary",
        days_ago=180,
        reply_after_days=80,
    ),
]
PENDING = Case(
    Kind.SUGGESTION,
    "27",
    "关于规范乡镇卫生院药品配备的建议",
    "孙某某",
    "",
    "",
    days_ago=80,
)


def _reply_text(case: Case) -> str:
    kind = "代表" if case.kind == Kind.SUGGESTION else "委员"
    return (
        f"{case.members}{kind}：\n"
        f"您提出的《{case.title}》收悉。我局高度重视，经认真研究，现答复如下：\n"
        f"{case.summary}\n"
        "感谢您对全县卫生健康工作的关心和支持。\n"
        "演示县卫生健康局"
    )


def _results_item(agency: Agency, actor) -> AgencyItem:
    """The county's own catalogue item for the results: the standard catalogue has none."""
    existing = agency.catalogue.items.filter(code=ITEM_CODE).first()
    if existing is not None:
        return existing
    return add_item(
        catalogue=agency.catalogue,
        category_code="G-LOCAL",
        category_name="本县特色事项",
        code=ITEM_CODE,
        name="建议提案办理结果",
        basis="《国务院办公厅关于做好全国人大代表建议和全国政协委员提案办理结果公开工作的通知》"
        "（国办发〔2014〕46号）",
        time_limit_days=20,
        actor=actor,
    )


def _register(agency: Agency, case: Case, assigned_on: datetime.date, actor) -> Proposal:
    body = "县人大常委会人事代表工作委员会" if case.kind == Kind.SUGGESTION else "县政协提案委员会"
    with on_day(assigned_on):
        return services.register_proposal(
            agency=agency,
            values={
                "kind": case.kind,
                "year": assigned_on.year,
                "number": case.number,
                "title": f"{DEMO_MARK}{case.title}",
                "members": case.members,
                "assigning_body": body,
                "role": "host",
                "assigned_on": assigned_on,
            },
            actor=actor,
        )


def load_proposals(agency: Agency, users: dict) -> None:
    """The county's suggestions and proposals (idempotent)."""
    if Proposal.objects.filter(agency=agency).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    today = timezone.localdate()
    item = _results_item(agency, users["county_admin"])
    with calendar_held():
        for case in CASES:
            assigned_on = today - datetime.timedelta(days=case.days_ago)
            proposal = _register(agency, case, assigned_on, publisher)
            replied_on = assigned_on + datetime.timedelta(days=case.reply_after_days)
            with on_day(replied_on):
                proposal = services.record_reply(
                    proposal=proposal,
                    classification=case.classification,
                    replied_on=replied_on,
                    summary=case.summary,
                    text=_reply_text(case),
                    letter=LETTER,
                    letter_name=f"第{case.number}号答复函.pdf",
                    actor=publisher,
                )
                proposal = services.prepare_publication(
                    proposal=proposal, mode=case.mode, catalogue_item=item, actor=publisher
                )
            with on_day(replied_on + datetime.timedelta(days=3)):
                proposal = services.publish(proposal=proposal, actor=reviewer)
            feedback_on = replied_on + datetime.timedelta(days=12)
            with on_day(feedback_on):
                services.record_feedback(
                    proposal=proposal,
                    satisfaction=case.satisfaction,
                    feedback_on=feedback_on,
                    actor=publisher,
                )
        _register(agency, PENDING, today - datetime.timedelta(days=PENDING.days_ago), publisher)
