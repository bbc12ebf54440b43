"""Demo of the city commission's supervision: under 晋城市卫健委, besides the demo county, two
more counties and two hospitals. 演示东县 and the hospitals do their work on time and have filed
their catalogues; 演示西县 lags in every way (records published late or not at all, a policy
without interpretation, applications and a 舆情 event overdue, messages unanswered for four
months, its catalogue not filed), so it is last in the league table at first sight. The city
publishes its ranking and has already opened a rectification task for 演示西县.

Made through the services (records by the import, as history would be), idempotently."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.catalogue.models import AgencyItem, CatalogueStatus
from gongkai.catalogue.services import derive_catalogue, file_catalogue
from gongkai.demo.loading import DemoAccount
from gongkai.demo.report_demo import load_annual_reports
from gongkai.documents import importing
from gongkai.documents import services as document_services
from gongkai.documents.models import Document, DocumentType, Topic
from gongkai.foi import services as foi_services
from gongkai.foi.receipt import Channel
from gongkai.participation import mailbox_services, opinion_services
from gongkai.participation.models import MessageCategory, OpinionSource, Severity
from gongkai.supervision import league, progress, services
from gongkai.supervision.models import RectificationTask

MARK = "【演示】"
CITY = "JC-WJW"
WEST, EAST = "DEMO-WEST", "DEMO-EAST"
HOSPITALS = ("DEMO-HOSP-1", "DEMO-HOSP-2")
SUBORDINATES = [
    (EAST, "演示东县卫生健康局", "演示东县卫健局", Level.COUNTY),
    (WEST, "演示西县卫生健康局", "演示西县卫健局", Level.COUNTY),
    ("DEMO-HOSP-1", "演示市人民医院", "市人民医院", Level.INSTITUTION),
    ("DEMO-HOSP-2", "演示市中医医院", "市中医医院", Level.INSTITUTION),
]
SUPERVISION_ACCOUNTS = [
    DemoAccount(
        "west_admin",
        "demo-west-2026",
        "西县卫健局管理员（演示）",
        WEST,
        (Role.ADMIN, Role.PUBLISHER),
    ),
    DemoAccount(
        "east_admin",
        "demo-east-2026",
        "东县卫健局管理员（演示）",
        EAST,
        (Role.ADMIN, Role.PUBLISHER),
    ),
]
SENDER = {"sender_name": "钱某某（演示）", "phone": "13900000009", "email": ""}


def _agencies() -> dict[str, Agency]:
    city = Agency.objects.get(code=CITY)
    agencies = {}
    for code, name, short_name, level in SUBORDINATES:
        agencies[code], _created = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "level": level,
                "parent": city,
                "region": "山西省晋城市（虚构）",
                "office_name": f"{short_name}办公室",
                "office_telephone": "0356-0000000（演示）",
            },
        )
    return agencies


def _accounts(agencies: dict[str, Agency]) -> dict[str, object]:
    users = {}
    user_model = get_user_model()
    for account in SUPERVISION_ACCOUNTS:
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=account.username, password=account.password, first_name=account.name
            )
        for role in account.roles:
            Membership.objects.get_or_create(
                user=user, agency=agencies[account.agency_code], role=role
            )
        users[account.username] = user
    return users


def _code(agency: Agency, fragment: str) -> str:
    item = (
        AgencyItem.objects.filter(catalogue__agency=agency, name__contains=fragment)
        .applicable()
        .order_by("code")
        .first()
    )
    if item is None:
        raise LookupError(f"No catalogue item containing {fragment!r} for {agency.code}")
    return item.code


def _import(agency: Agency, actor, title, item, document_type, formed_days, published_days):
    today = timezone.localdate()
    row = {
        "标题": f"{MARK}{title}",
        "文号": "",
        "发文机关": agency.name,
        "成文日期": (today - datetime.timedelta(days=formed_days)).isoformat(),
        "发布日期": (today - datetime.timedelta(days=published_days)).isoformat(),
        "主题分类": Topic.HEALTH.value,
        "目录事项编码": _code(agency, item),
        "文件类型": document_type.value,
        "内容概述": title,
        "正文": f"{title}（演示正文）",
        "公开属性": "主动公开",
    }
    importing.import_records(agency=agency, actor=actor, rows=[row])


def _on_time(agency: Agency, actor) -> None:
    """A diligent subordinate: its records published within days, its catalogue filed."""
    _import(
        agency,
        actor,
        f"{agency.display_name}2026年第三季度工作动态",
        "机构概况",
        DocumentType.NEWS,
        6,
        3,
    )
    _import(
        agency, actor, f"{agency.display_name}2026年度部门预算", "预算", DocumentType.BUDGET, 5, 2
    )
    catalogue = agency.catalogue
    if catalogue.status == CatalogueStatus.DRAFT:
        file_catalogue(catalogue=catalogue, actor=actor)


def _lagging(agency: Agency, actor) -> None:
    """演示西县: late in every way."""
    now, today = timezone.now(), timezone.localdate()
    _import(
        agency,
        actor,
        "演示西县2026年第二季度公共场所监督检查结果",
        "监督检查",
        DocumentType.INSPECTION,
        120,
        10,
    )
    _import(agency, actor, "演示西县2026年度部门预算", "预算", DocumentType.BUDGET, 90, 20)
    _import(
        agency,
        actor,
        "演示西县基层医疗卫生机构绩效考核办法",
        "规范性文件",
        DocumentType.NORMATIVE,
        30,
        25,
    )
    item = AgencyItem.objects.get(catalogue__agency=agency, code=_code(agency, "监督检查"))
    document_services.create_draft(
        agency=agency,
        actor=actor,
        values={
            "title": f"{MARK}演示西县2026年第三季度公共场所监督检查结果",
            "document_type": DocumentType.INSPECTION,
            "topic": Topic.HEALTH,
            "catalogue_item": item,
            "formed_on": today - datetime.timedelta(days=50),
            "summary": "第三季度公共场所卫生监督检查结果（演示，已过公开期限仍未发布）。",
            "body": "<p>（演示正文）</p>",
        },
        issuers=[agency.name],
    )
    for days, description in (
        (45, "2025年本县医疗机构校验结果"),
        (60, "本县乡镇卫生院建设资金使用情况"),
    ):
        foi_services.register_application(
            agency=agency,
            actor=actor,
            values={
                "applicant_type": "natural",
                "applicant_name": "李某某（演示）",
                "id_type": "resident_id",
                "id_number": "11010519491231002X",
                "phone": "13900000008",
                "email": "",
                "address": "演示西县人民路2号（虚构）",
                "postcode": "",
                "description": description,
                "document_numbers": "",
                "delivery_form": "email",
                "contact_person": "",
            },
            channel=Channel.IN_PERSON,
            submitted_on=today - datetime.timedelta(days=days),
        )
    for days, subject in ((125, "乡镇卫生院夜间无人值班"), (110, "村卫生室药品短缺")):
        mailbox_services.submit_message(
            agency=agency,
            category=MessageCategory.MESSAGE,
            subject=f"{MARK}{subject}",
            body=f"{subject}，希望尽快解决（演示）。",
            received_at=now - datetime.timedelta(days=days),
            **SENDER,
        )
    opinion_services.record_opinion_event(
        agency=agency,
        actor=actor,
        title=f"{MARK}网传演示西县卫生院收费不规范",
        source=OpinionSource.SOCIAL_MEDIA,
        summary="短视频称卫生院收费不规范，转发量较大（演示）。",
        first_seen_at=now - datetime.timedelta(days=3),
        severity=Severity.GENERAL,
        responsible_unit="演示西县中心卫生院",
    )


def load_supervision(users: dict) -> list[DemoAccount]:
    """The city's subordinates, their records, a public ranking and an open task (idempotent)."""
    agencies = _agencies()
    users = {**users, **_accounts(agencies)}
    admin = users["sysadmin"]
    for agency in agencies.values():
        derive_catalogue(agency=agency, actor=admin)
    if not Document.objects.filter(agency=agencies[WEST], title__startswith=MARK).exists():
        _lagging(agencies[WEST], users["west_admin"])
        _on_time(agencies[EAST], users["east_admin"])
        for code in HOSPITALS:
            _on_time(agencies[code], admin)
    city = Agency.objects.get(code=CITY)
    year = timezone.localdate().year
    if league.scheme_of(city, year) is None:
        services.save_scheme(
            agency=city,
            year=year,
            name=f"{year}年度全市卫生健康系统政务公开工作考核（演示）",
            is_ranking_public=True,
            stale_months=league.DEFAULT_STALE_MONTHS,
            indicators=league.default_indicators(),
            actor=users["city_supervisor"],
        )
    if not RectificationTask.objects.filter(agency=agencies[WEST]).exists():
        services.open_task(
            agency=agencies[WEST],
            title="整改超过3个月未答复的留言",
            requirement="对超过3个月未答复的群众留言逐条答复，并报送答复情况。",
            finding="messages_past_veto",
            period=str(year),
            due_on=timezone.localdate() + datetime.timedelta(days=14),
            actor=users["city_supervisor"],
        )
    _progress_reports(city, agencies[WEST], users)
    admins = {
        "DEMO-COUNTY": users.get("county_admin"),
        EAST: users.get("east_admin"),
        CITY: users.get("city_supervisor"),
    }
    load_annual_reports(skip={WEST}, actor_of=lambda agency: admins.get(agency.code) or admin)
    return SUPERVISION_ACCOUNTS


def _progress_reports(city: Agency, lagging: Agency, users: dict) -> None:
    """The half-year report last due: every subordinate submitted it two days early (the
    first one accepted) except 演示西县, whose report is still a draft, overdue."""
    from gongkai.obligations.services import sync
    from gongkai.supervision import progress_services
    from gongkai.supervision.progress import half_containing
    from gongkai.supervision.progress_models import ProgressReport, ReportStatus

    today = timezone.localdate()
    current = half_containing(today)
    half = (
        progress.Half(current.year, 1) if current.half == 2 else progress.Half(current.year - 1, 2)
    )
    for agency in Agency.objects.filter(parent=city).order_by("code"):
        report, created = ProgressReport.objects.get_or_create(
            agency=agency, year=half.year, half=half.half, defaults={"due_on": half.due_on}
        )
        if not created or agency == lagging:
            continue
        progress_services.save_report(
            report=report,
            actor=None,
            values={
                "work_done": f"{half.label}主动公开信息、办理依申请公开和留言，均按期完成。"
                "（演示）",
                "contact_name": "张某（演示）",
                "contact_post": "办公室主任",
                "contact_phone": "0356-0000000",
            },
        )
        progress_services.submit_report(report=report, actor=None)
        submitted = timezone.make_aware(
            datetime.datetime.combine(half.due_on - datetime.timedelta(days=2), datetime.time(9))
        )
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=submitted)
        report.refresh_from_db()
        sync(report)  # the ledger follows the demo's back-dated submission
        if report.status == ReportStatus.SUBMITTED and agency.code == EAST:
            progress_services.review_report(
                report=report, actor=users["city_supervisor"], accept=True
            )
