"""Demo data: the five real sample notices under their own agencies, a demo county health
bureau with a derived catalogue, demo accounts, and records in every workflow state.

Everything goes through the same services the console uses, so the demo obeys every rule
(reviewer ≠ drafter, interpretations, audit events). Running it twice changes nothing.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.catalogue.models import AgencyItem
from gongkai.catalogue.services import add_item, derive_catalogue, mark_not_applicable
from gongkai.demo.consultation_demo import load_consultations
from gongkai.demo.foi_demo import load_applications
from gongkai.demo.inspection_demo import load_inspections
from gongkai.demo.mailbox_demo import load_messages
from gongkai.demo.opinion_demo import load_opinion_events
from gongkai.documents import importing, services
from gongkai.documents.models import Document, DocumentType, LinkKind, Topic, Validity
from gongkai.privacy.models import Resolution

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
DEMO_MARK = "【演示】"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    name: str
    agency_code: str
    roles: tuple[str, ...]
    is_superuser: bool = False


# Demo passwords exist only here, in demo data, and are printed by `gongkai load_demo`.
DEMO_ACCOUNTS = [
    DemoAccount("sysadmin", "demo-sysadmin-2026", "系统管理员（演示）", "DEMO-COUNTY", (), True),
    DemoAccount(
        "county_admin", "demo-admin-2026", "县卫健局管理员（演示）", "DEMO-COUNTY", (Role.ADMIN,)
    ),
    DemoAccount(
        "county_publisher",
        "demo-publisher-2026",
        "县卫健局信息发布员（演示）",
        "DEMO-COUNTY",
        (Role.PUBLISHER,),
    ),
    DemoAccount(
        "county_reviewer",
        "demo-reviewer-2026",
        "县卫健局审核员（演示）",
        "DEMO-COUNTY",
        (Role.REVIEWER,),
    ),
    DemoAccount(
        "county_foi",
        "demo-foi-2026",
        "县卫健局依申请公开承办人（演示）",
        "DEMO-COUNTY",
        (Role.FOI_HANDLER,),
    ),
    DemoAccount(
        "city_supervisor",
        "demo-supervisor-2026",
        "晋城市卫健委督查员（演示）",
        "JC-WJW",
        (Role.SUPERVISOR, Role.ADMIN),
    ),
    DemoAccount(
        "tianjin_reviewer",
        "demo-tianjin-2026",
        "滨海新区卫健委审核员（演示）",
        "TJBH-WJW",
        (Role.PUBLISHER, Role.REVIEWER, Role.ADMIN),
    ),
]


@dataclass
class AgencySpec:
    code: str
    name: str
    short_name: str
    level: str
    parent: str | None
    region: str
    office: dict = field(default_factory=dict)


AGENCIES = [
    AgencySpec(
        "000013610",
        "国家卫生健康委员会",
        "国家卫生健康委",
        Level.NATIONAL,
        None,
        "全国",
        {
            "office_name": "国家卫生健康委办公厅（政务公开办公室）",
            "office_address": "北京市西城区西直门外南路1号（演示数据）",
            "office_hours": "工作日 上午8:30-11:30，下午13:30-17:00",
            "office_telephone": "010-68792114（演示数据）",
            "office_fax": "010-68792000（演示数据）",
            "office_email": "gongkai@example.org",
        },
    ),
    AgencySpec(
        "TJ-WJW", "天津市卫生健康委员会", "天津市卫健委", Level.PROVINCE, "000013610", "天津市"
    ),
    AgencySpec(
        "TJBH-WJW",
        "天津市滨海新区卫生健康委员会",
        "滨海新区卫健委",
        Level.COUNTY,
        "TJ-WJW",
        "天津市滨海新区",
    ),
    AgencySpec(
        "JL-WJW", "吉林省卫生健康委员会", "吉林省卫健委", Level.PROVINCE, "000013610", "吉林省"
    ),
    AgencySpec(
        "SP-WJW", "四平市卫生健康委员会", "四平市卫健委", Level.CITY, "JL-WJW", "吉林省四平市"
    ),
    AgencySpec(
        "SX-WJW", "山西省卫生健康委员会", "山西省卫健委", Level.PROVINCE, "000013610", "山西省"
    ),
    AgencySpec(
        "JC-WJW",
        "晋城市卫生健康委员会",
        "晋城市卫健委",
        Level.CITY,
        "SX-WJW",
        "山西省晋城市",
        {
            "office_name": "晋城市卫生健康委员会办公室",
            "office_address": "山西省晋城市（演示数据）",
            "office_hours": "工作日 8:00-12:00，14:30-17:30",
            "office_telephone": "0356-0000000（演示数据）",
            "office_fax": "0356-0000001（演示数据）",
            "office_email": "jc-gk@example.org",
        },
    ),
    AgencySpec(
        "DEMO-COUNTY",
        "演示县卫生健康局",
        "演示县卫健局",
        Level.COUNTY,
        "JC-WJW",
        "山西省晋城市演示县（虚构）",
        {
            "office_name": "演示县卫生健康局办公室（政府信息公开工作机构）",
            "office_address": "演示县人民路1号（虚构地址）",
            "office_postcode": "048000",
            "office_hours": "工作日 8:00-12:00，14:30-17:30（法定节假日除外）",
            "office_telephone": "0356-1234567（演示）",
            "office_fax": "0356-1234568（演示）",
            "office_email": "demo-county@example.org",
            "office_online_contact": "https://example.org/demo-county/contact",
            "charges_foi_fees": True,
        },
    ),
    AgencySpec(
        "DEMO-CITY",
        "演示市卫生局（2011年工作要点原发布机关，原文未署名）",
        "演示市卫生局",
        Level.CITY,
        None,
        "某自治区某市（原文未署名）",
    ),
]


@dataclass(frozen=True)
class InterpretationSpec:
    sample_title: str
    title: str
    body: str


# Plausible interpretations written for the demo (not published by the agencies themselves).
INTERPRETATIONS = [
    InterpretationSpec(
        "关于印发2018年区卫生计生委政务公开工作要点的通知",
        "【演示解读】一图读懂《2018年区卫生计生委政务公开工作要点》",
        "一、为什么印发工作要点\n按照市卫生计生委、区政府关于全面推进政务公开工作的部署，"
        "细化全年政务公开任务，推进决策、执行、管理、服务、结果公开。\n"
        "二、主要内容\n突出“谁制定、谁解读”，抓好重点工作、重要文件、重大决策的解读；"
        "推进重大建设项目、公共资源配置等重点领域信息公开；做好依申请公开和政务舆情回应。\n"
        "三、群众能感受到什么\n政策文件与解读同步发布，办事信息更全、更好找，咨询和申请有回应。\n"
        "（本解读为演示数据，非原发布机关发布。）",
    ),
    InterpretationSpec(
        "关于印发《晋城市卫生健康委员会推进医疗卫生领域基层政务公开标准化规范化工作指导方案》的通知",
        "【演示解读】《晋城市医疗卫生领域基层政务公开标准化规范化工作指导方案》解读",
        "一、出台背景\n落实国卫办政务函〔2019〕698号和山西省有关要求，推进基层政务公开标准化规范化。\n"
        "二、主要任务\n各县（市、区）以《标准目录》为基础编制本级目录，逐项明确公开内容、依据、时限、"
        "主体和渠道，做到目录之外无公开、目录之内应公开尽公开。\n"
        "三、时间安排\n力争2022年底建成贴合实际的基层政务公开标准体系。\n"
        "（本解读为演示数据，非原发布机关发布。）",
    ),
]


@dataclass(frozen=True)
class SampleSpec:
    file: str
    agency_code: str
    title: str
    issuers: str
    formed_on: str
    number: str
    item_hint: str
    summary: str


SAMPLES = [
    SampleSpec(
        "nhfpc-2016-implementation-opinions.txt",
        "000013610",
        "国家卫生计生委关于全面推进卫生计生政务公开工作的实施意见",
        "国家卫生和计划生育委员会",
        "2016-06-28",
        "",
        "其他政策文件",
        "从推进政务阳光透明、扩大政务开放参与、加强组织保障等方面，对全面推进卫生计生政务公开工作提出实施意见。",
    ),
    SampleSpec(
        "tianjin-binhai-2018-work-points.txt",
        "TJBH-WJW",
        "关于印发2018年区卫生计生委政务公开工作要点的通知",
        "天津市滨海新区卫生和计划生育委员会",
        "2018-07-16",
        "津滨卫函〔2018〕489号",
        "其他政策文件",
        "印发2018年滨海新区卫生计生委政务公开工作要点，部署公开解读回应、重点领域信息公开和平台建设等工作。",
    ),
    SampleSpec(
        "siping-implementation-opinions.txt",
        "SP-WJW",
        "四平市卫生健康委员会关于全面推进政务公开工作的实施意见",
        "四平市卫生健康委员会",
        "2018-03-01",
        "",
        "其他政策文件",
        "明确全面推进政务公开工作的总体目标，推进决策、执行、管理、服务、结果“五公开”和公众参与。"
        "（原文未载明日期，演示数据中的日期为假定。）",
    ),
    SampleSpec(
        "jincheng-2020-standardisation-plan.txt",
        "JC-WJW",
        "关于印发《晋城市卫生健康委员会推进医疗卫生领域基层政务公开标准化规范化工作指导方案》的通知",
        "晋城市卫生健康委员会",
        "2020-07-20",
        "",
        "其他政策文件",
        "印发推进医疗卫生领域基层政务公开标准化规范化工作指导方案，编制全市医疗卫生领域基层政务公开标准目录。",
    ),
    SampleSpec(
        "city-2011-work-points.txt",
        "DEMO-CITY",
        "2011年全市卫生系统政务公开工作要点",
        "演示市卫生局（原文未署名）",
        "2011-03-01",
        "",
        "其他政策文件",
        "部署2011年全市卫生系统政务公开工作，推进院务公开、行政权力公开透明运行和门户网站建设。"
        "（原文未载明机关和具体日期，演示数据中的机关和日期为假定。）",
    ),
]

# Page furniture that the published pages carried (see samples/README.md).
FURNITURE = [re.compile(r"^登录\s*\|\s*注册$"), re.compile(r".*>>.*政府信息公开制度$")]


def clean_sample_text(text: str, title: str) -> str:
    """Drop page furniture and the header lines repeated in the metadata."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or any(pattern.match(line) for pattern in FURNITURE):
            continue
        lines.append(line)
    return "\n".join(lines)


def _item(agency: Agency, name_fragment: str) -> AgencyItem:
    item = (
        AgencyItem.objects.filter(catalogue__agency=agency, name__contains=name_fragment)
        .applicable()
        .order_by("code")
        .first()
    )
    if item is None:
        raise LookupError(f"No catalogue item containing {name_fragment!r} for {agency.code}")
    return item


def _ensure_agencies() -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        agency, _created = Agency.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "level": spec.level,
                "parent": agencies.get(spec.parent) if spec.parent else None,
                "region": spec.region,
                **spec.office,
            },
        )
        agencies[spec.code] = agency
    return agencies


def _ensure_accounts(agencies: dict[str, Agency]) -> dict[str, object]:
    users = {}
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=account.username,
                password=account.password,
                first_name=account.name,
                is_staff=account.is_superuser,
                is_superuser=account.is_superuser,
            )
        for role in account.roles:
            Membership.objects.get_or_create(
                user=user, agency=agencies[account.agency_code], role=role
            )
        users[account.username] = user
    return users


def keep_published_sample_text(finding):
    """The secrecy review of a real, already published sample: what the detector finds there
    (an office's e-mail, 卫健委 read as a name) is kept on record with the reason."""
    return (Resolution.KEEP, "演示数据：原文件已由发文机关公开发布，经审查保留。")


def _import_samples(agencies: dict[str, Agency], actor) -> None:
    for spec in SAMPLES:
        agency = agencies[spec.agency_code]
        if Document.objects.filter(agency=agency, title=spec.title).exists():
            continue
        body = clean_sample_text((SAMPLES_DIR / spec.file).read_text(encoding="utf-8"), spec.title)
        row = {
            "标题": spec.title,
            "文号": spec.number,
            "发文机关": spec.issuers,
            "成文日期": spec.formed_on,
            "发布日期": spec.formed_on,
            "主题分类": Topic.OPENNESS.value,
            "目录事项编码": _item(agency, spec.item_hint).code,
            "文件类型": DocumentType.POLICY.value,
            "内容概述": spec.summary,
            "正文": body,
            "公开属性": "主动公开",
        }
        importing.import_records(
            agency=agency, actor=actor, rows=[row], resolve=keep_published_sample_text
        )
    for spec in INTERPRETATIONS:
        policy = Document.objects.get(title=spec.sample_title)
        if Document.objects.filter(title=spec.title).exists():
            continue
        row = {
            "标题": spec.title,
            "发文机关": policy.issuers.first().name,
            "成文日期": policy.formed_on.isoformat(),
            "发布日期": policy.published_on.isoformat(),
            "主题分类": Topic.OPENNESS.value,
            "目录事项编码": _item(policy.agency, "政策解读").code,
            "文件类型": DocumentType.INTERPRETATION.value,
            "内容概述": spec.title.removeprefix("【演示解读】"),
            "正文": spec.body,
            "公开属性": "主动公开",
            "解读对象索引号": policy.index_number,
        }
        importing.import_records(agency=policy.agency, actor=actor, rows=[row])


def _demo_values(agency: Agency, **overrides) -> dict:
    values = {
        "title": "",
        "document_number": "",
        "document_type": DocumentType.NOTICE,
        "topic": Topic.HEALTH,
        "catalogue_element": "",
        "summary": "",
        "body": "",
        "attribute": "proactive",
        "scope": "full",
        "withholding_basis": "",
        "withholding_reason": "",
    }
    values.update(overrides)
    return values


def publish_reviewed(document: Document, *, publisher, reviewer, **kwargs) -> Document:
    """The demo's one way to publish a record: the publisher submits it, the reviewer
    publishes it (every demo part that publishes a drafted record comes through here)."""
    services.submit_for_review(document=document, actor=publisher)
    return services.publish(document=document, actor=reviewer, **kwargs)


def _county_records(agency: Agency, users: dict) -> None:
    """Records of the demo county in every state, each marked 【演示】."""
    if Document.objects.filter(agency=agency, title__startswith=DEMO_MARK).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    today = timezone.localdate()
    policy_item = _item(agency, "规范性文件")
    interp_item = _item(agency, "政策解读")
    licence_item = _item(agency, "医疗机构执业登记")
    penalty_item = (
        agency.catalogue.items.filter(category_name__contains="行政处罚").applicable().first()
    )
    budget_item = _item(agency, "预算")

    def draft(**values):
        full = _demo_values(agency, **values)
        return services.create_draft(
            agency=agency, actor=publisher, values=full, issuers=[agency.name]
        )

    def publish(document, **kwargs):
        return publish_reviewed(document, publisher=publisher, reviewer=reviewer, **kwargs)

    # A normative document published together with its interpretation.
    policy = draft(
        title=f"{DEMO_MARK}演示县家庭医生签约服务管理办法",
        document_number="演卫发〔2026〕3号",
        document_type=DocumentType.NORMATIVE,
        catalogue_item=policy_item,
        formed_on=today - datetime.timedelta(days=6),
        effective_on=today,
        summary="规范全县家庭医生签约服务的对象、内容、流程和考核。",
        body=(
            "<p>第一条 为规范家庭医生签约服务……（演示正文）</p>"
            "<p>第二条 本办法适用于全县基层医疗卫生机构。</p>"
        ),
    )
    interpretation = draft(
        title=f"{DEMO_MARK}《演示县家庭医生签约服务管理办法》政策解读",
        document_type=DocumentType.INTERPRETATION,
        catalogue_item=interp_item,
        formed_on=today - datetime.timedelta(days=6),
        interpretation_form="text",
        summary="从起草背景、主要内容和签约居民关心的问题三个方面解读管理办法。",
        body="<h2>一、起草背景</h2><p>……（演示正文）</p><h2>二、主要内容</h2><p>……</p>",
    )
    services.link_documents(
        source=interpretation, target=policy, kind=LinkKind.INTERPRETS, actor=publisher
    )
    services.submit_for_review(document=interpretation, actor=publisher)
    publish(policy)

    # A licensing result (7 working days) published late: formed a month ago.
    publish(
        draft(
            title=f"{DEMO_MARK}演示县康宁诊所医疗机构执业登记结果",
            document_type=DocumentType.LICENSING,
            catalogue_item=licence_item,
            catalogue_element=_result_element(licence_item),
            formed_on=today - datetime.timedelta(days=35),
            summary="康宁诊所执业登记：诊疗科目为内科、外科，登记号（演示）。",
            body="<p>医疗机构名称：康宁诊所（虚构）；地址：演示县人民路8号；诊疗科目：内科、外科。</p>",
        )
    )

    # A withdrawn penalty decision (changed on reconsideration).
    penalty = publish(
        draft(
            title=f"{DEMO_MARK}演示县某美容诊所行政处罚决定信息",
            document_type=DocumentType.PENALTY,
            catalogue_item=penalty_item,
            catalogue_element=_result_element(penalty_item),
            formed_on=today - datetime.timedelta(days=3),
            summary="对某美容诊所超范围执业的行政处罚决定（演示）。",
            body="<p>处罚决定书文号：演卫罚〔2026〕12号（演示）。</p>",
        )
    )
    services.withdraw(
        document=penalty,
        actor=reviewer,
        reason="该处罚决定经行政复议被撤销，依据行政处罚法第四十八条撤回公示。",
    )

    # An old normative document repealed by a new one.
    old = publish(
        draft(
            title=f"{DEMO_MARK}演示县乡村医生管理暂行规定",
            document_number="演卫发〔2019〕8号",
            document_type=DocumentType.NORMATIVE,
            catalogue_item=policy_item,
            formed_on=today - datetime.timedelta(days=4),
            summary="乡村医生执业管理的暂行规定（演示）。",
            body="<p>……（演示正文）</p>",
        ),
        interpretation_waiver="历史文件补录，原发布时未作解读。",
    )
    services.change_validity(
        document=old,
        actor=reviewer,
        validity=Validity.REPEALED,
        changed_on=today,
        by_document=policy,
    )

    # Last year's final accounts with the "three public expenses" (三公经费), published.
    publish(
        draft(
            title=f"{DEMO_MARK}演示县卫生健康局2025年部门决算及“三公”经费支出情况说明",
            document_type=DocumentType.BUDGET,
            topic=Topic.FINANCE,
            catalogue_item=budget_item,
            formed_on=today - datetime.timedelta(days=5),
            summary="2025年部门决算收支情况及因公出国（境）、公务用车、公务接待“三公”经费支出情况。",
            # The same figures as the structured 2025 final accounts (budgets_demo.py).
            body="<p>2025年“三公”经费支出合计27.80万元，比上年增加16.42万元，"
            "主要是经批准更新一辆卫生监督执法车辆（演示数据）。</p>",
        )
    )
    # A budget awaiting review, and a draft with a not-public attribute.
    services.submit_for_review(
        document=draft(
            title=f"{DEMO_MARK}演示县卫生健康局2026年部门预算",
            document_type=DocumentType.BUDGET,
            topic=Topic.FINANCE,
            catalogue_item=budget_item,
            formed_on=today - datetime.timedelta(days=2),
            summary="2026年部门收支预算及“三公”经费预算情况说明。",
            body="<p>……（演示正文）</p>",
        ),
        actor=publisher,
    )
    # A draft whose time limit has passed: the console lists it as overdue.
    draft(
        title=f"{DEMO_MARK}2026年第三季度公共场所卫生监督检查结果",
        document_type=DocumentType.INSPECTION,
        catalogue_item=_item(agency, "监督检查"),
        formed_on=today - datetime.timedelta(days=40),
        summary="第三季度对住宿、沐浴、美容美发场所的卫生监督检查结果（演示）。",
        body="<p>共检查公共场所58家，合格55家……（演示正文）</p>",
    )
    draft(
        title=f"{DEMO_MARK}关于某诊所投诉处理情况的内部请示",
        document_type=DocumentType.OTHER,
        topic=Topic.GENERAL,
        catalogue_item=penalty_item,
        formed_on=today - datetime.timedelta(days=1),
        summary="内部请示（演示）。",
        attribute="withheld",
        withholding_basis="art16_process",
        withholding_reason="请示报告属于过程性信息，依据条例第十六条第二款可不予公开。",
    )


def _result_element(item: AgencyItem) -> str:
    for element in item.elements or []:
        if "结果" in element.get("name", "") or "决定" in element.get("name", ""):
            return element["name"]
    return ""


def _county_catalogue(agency: Agency, actor) -> None:
    catalogue = derive_catalogue(agency=agency, actor=actor)
    township = catalogue.items.filter(name__contains="母婴保健专项技术").first()
    if township is not None and township.status != "not_applicable":
        mark_not_applicable(
            item=township, reason="本县无开展该项技术的机构，由市级卫生健康部门审批。", actor=actor
        )
    if not catalogue.items.filter(code="DEMO-01").exists():
        add_item(
            catalogue=catalogue,
            category_code="G-LOCAL",
            category_name="本县特色事项",
            code="DEMO-01",
            name="县域医共体建设进展",
            basis="《演示县县域医共体建设实施方案》（演示）",
            time_limit_days=20,
            actor=actor,
        )


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    """Create or complete the demo; idempotent."""
    from gongkai.demo.budgets_demo import load_budgets
    from gongkai.demo.enforcement_demo import load_decisions
    from gongkai.demo.figures_demo import load_disease_figures, load_price_lists
    from gongkai.demo.opendata_demo import load_open_data
    from gongkai.demo.projects_demo import load_projects
    from gongkai.demo.proposals_demo import load_proposals
    from gongkai.demo.records_demo import load_year_records  # it imports publish_reviewed
    from gongkai.demo.service_guides_demo import load_service_guides
    from gongkai.demo.subscriptions_demo import load_subscriptions
    from gongkai.demo.supervision_demo import load_supervision  # it imports DemoAccount
    from gongkai.demo.surveys_demo import load_surveys

    agencies = _ensure_agencies()
    users = _ensure_accounts(agencies)
    admin = users["sysadmin"]
    for agency in agencies.values():
        derive_catalogue(agency=agency, actor=admin)
    _county_catalogue(agencies["DEMO-COUNTY"], users["county_admin"])
    _import_samples(agencies, admin)
    _county_records(agencies["DEMO-COUNTY"], users)
    load_consultations(agencies["DEMO-COUNTY"], users)
    load_opinion_events(agencies["DEMO-COUNTY"], users["county_publisher"])
    load_messages(agencies, users)
    load_decisions(agencies["DEMO-COUNTY"], users)
    # After the decisions: the licensing ones are linked to the items they decide.
    load_service_guides(agencies["DEMO-COUNTY"], users)
    load_inspections(agencies["DEMO-COUNTY"], users)
    load_year_records(agencies["DEMO-COUNTY"], users)
    load_proposals(agencies["DEMO-COUNTY"], users)
    load_projects(agencies["DEMO-COUNTY"], users)
    load_budgets(agencies["DEMO-COUNTY"], users)
    load_disease_figures(agencies["DEMO-COUNTY"], users)
    load_price_lists(agencies["DEMO-COUNTY"], users)
    # After the figures: a dataset generated from each of their published tables.
    load_open_data(agencies["DEMO-COUNTY"], users)
    # After the records: their releases on the county's new-media accounts.
    from gongkai.demo.newmedia_demo import load_newmedia

    load_newmedia(agencies["DEMO-COUNTY"], users)
    # After the records and the 舆情: conferences interpret the policy and answer the event.
    from gongkai.demo.press_demo import load_press

    load_press(agencies["DEMO-COUNTY"], users)
    # Before the supervision part: its annual reports count last year's applications.
    load_applications(agencies, users)
    # After the records: a few confirmed e-mail subscriptions (no mail is sent while loading).
    load_subscriptions(agencies["DEMO-COUNTY"])
    # After the consultations: the surveys and the forum belong to them.
    load_surveys(agencies["DEMO-COUNTY"], users)
    return [*DEMO_ACCOUNTS, *load_supervision(users)]
