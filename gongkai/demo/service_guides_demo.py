"""Demo: the county's service items with complete, published guides (办事服务), drafted by the
publisher and published by the reviewer through the same services as the console; the demo
licensing decisions name the item they decide. All names and numbers are invented."""

import datetime
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK
from gongkai.enforcement.models import Decision, DecisionKind
from gongkai.service_guides import publication, services
from gongkai.service_guides.models import (
    Channel,
    CopyKind,
    Delivery,
    FeeMode,
    ItemLevel,
    ItemType,
    MaterialForm,
    ServiceItem,
)

COMPLAINTS = "演示县卫生健康局监督电话 0356-7010000；演示县12345政务服务便民热线"
REMEDY = (
    "申请人对决定不服的，可以自收到决定之日起60日内向演示县人民政府申请行政复议，"
    "或者在6个月内向演示县人民法院提起行政诉讼。"
)
PLACE = "演示县政务服务中心二楼卫生健康窗口（演示县人民路1号，虚构）"
HOURS = "法定工作日 上午9:00—12:00，下午13:30—17:00"


def _material(name: str, copy_kind: str = CopyKind.ORIGINAL, copies: int = 1) -> dict[str, Any]:
    return {
        "name": name,
        "form": MaterialForm.PAPER,
        "copy_kind": copy_kind,
        "copies": copies,
        "is_required": True,
        "note": "",
    }


def _steps(*names: str) -> list[dict[str, Any]]:
    return [{"name": name, "description": text, "time_limit": ""} for name, text in names]


# (item code, catalogue code, type, name, the decisions' licence category it decides, guide)
ITEMS: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    (
        "DEMO-XK-0104",
        "0104",
        ItemType.LICENSING,
        "医疗机构执业登记",
        "医疗机构执业登记",
        {
            "legal_basis": "《医疗机构管理条例》第十五条、第十六条；《医疗机构管理条例实施细则》",
            "service_object": "法人、非法人组织",
            "conditions": "已取得设置医疗机构批准书（按规定免于设置审批的除外）；"
            "房屋、设备、人员和规章制度符合医疗机构基本标准。",
            "quantity_limit": "无",
            "materials": [
                _material("医疗机构执业登记申请书"),
                _material("设置医疗机构批准书或者设置医疗机构备案回执", CopyKind.COPY),
                _material("医疗机构用房产权证明或者使用证明", CopyKind.COPY),
                _material("医疗机构规章制度"),
            ],
            "steps": _steps(
                ("申请", "申请人通过窗口或网上提交材料"),
                ("受理", "材料齐全、符合法定形式的当场受理"),
                ("审查", "书面审查并现场核查"),
                ("决定", "作出准予登记或不予登记的决定"),
                ("送达", "颁发《医疗机构执业许可证》"),
            ),
            "statutory_days": 45,
            "promised_days": 15,
            "result_name": "医疗机构执业许可证",
        },
    ),
    (
        "DEMO-XK-0108",
        "0108",
        ItemType.LICENSING,
        "公共场所卫生许可",
        "公共场所卫生许可",
        {
            "legal_basis": (
                "《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条"
            ),
            "service_object": "法人、非法人组织、个体工商户",
            "conditions": "经营场所的卫生设施、布局和卫生管理制度符合公共场所卫生标准和规范。",
            "quantity_limit": "无",
            "materials": [
                _material("公共场所卫生许可申请表"),
                _material("营业执照", CopyKind.COPY),
                _material("公共场所地址方位示意图、平面图和卫生设施平面布局图"),
                _material("公共场所卫生检测或者评价报告"),
            ],
            "steps": _steps(
                ("申请", ""),
                ("受理", ""),
                ("现场审查", "对经营场所进行卫生审查"),
                ("决定", "作出准予或不予许可的决定"),
            ),
            "statutory_days": 20,
            "promised_days": 10,
            "result_name": "公共场所卫生许可证",
        },
    ),
    (
        "DEMO-XK-01SX01",
        "01SX01",
        ItemType.LICENSING,
        "乡村医生执业注册",
        "",
        {
            "legal_basis": "《乡村医生从业管理条例》第九条、第十条",
            "service_object": "自然人",
            "conditions": "具有县级以上地方人民政府卫生行政主管部门颁发的乡村医生证书，"
            "受聘于村医疗卫生机构。",
            "quantity_limit": "无",
            "materials": [
                _material("乡村医生执业注册申请表"),
                _material("乡村医生证书", CopyKind.BOTH),
                _material("村医疗卫生机构聘用证明"),
            ],
            "steps": _steps(("申请", ""), ("受理", ""), ("审核", ""), ("发证", "")),
            "statutory_days": 30,
            "promised_days": 10,
            "result_name": "乡村医生执业证书",
        },
    ),
    (
        "DEMO-GG-P0204",
        "P0204",
        ItemType.PUBLIC_SERVICE,
        "生育登记",
        "",
        {
            "legal_basis": "《中华人民共和国人口与计划生育法》；《山西省人口和计划生育条例》",
            "service_object": "自然人",
            "conditions": "夫妻双方或一方户籍在本县，或者在本县居住。",
            "quantity_limit": "无",
            "materials": [
                _material("夫妻双方居民身份证", CopyKind.ORIGINAL),
                _material("结婚证", CopyKind.ORIGINAL),
            ],
            "steps": _steps(("申请", "网上或到乡镇（街道）窗口申请"), ("登记", "当场办结")),
            "statutory_days": 0,
            "promised_days": 0,
            "result_name": "生育登记服务单",
        },
    ),
    (
        "DEMO-GG-P0205",
        "P0205",
        ItemType.PUBLIC_SERVICE,
        "出生医学证明首次签发",
        "",
        {
            "legal_basis": "《中华人民共和国母婴保健法》第二十三条",
            "service_object": "自然人",
            "conditions": "新生儿在本县具有助产技术服务资质的医疗机构出生。",
            "quantity_limit": "无",
            "materials": [
                _material("新生儿父母的居民身份证", CopyKind.BOTH),
                _material("出生医学证明首次签发登记表"),
            ],
            "steps": _steps(("申请", "在出生的医疗机构申请"), ("审核", ""), ("签发", "")),
            "statutory_days": 5,
            "promised_days": 3,
            "result_name": "出生医学证明",
        },
    ),
]


def load_service_guides(agency: Agency, users: dict) -> None:
    """Create the county's items and publish their guides once (idempotent); link the demo
    licensing decisions to the item they decide."""
    if ServiceItem.objects.filter(agency=agency, code__startswith="DEMO-").exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    catalogue = {item.code: item for item in AgencyItem.objects.filter(catalogue__agency=agency)}
    for number, (code, catalogue_code, item_type, name, licence_category, guide) in enumerate(
        ITEMS
    ):
        if catalogue_code not in catalogue:
            continue
        # Published over the autumn, a week apart, like the rest of the demo's year: not all
        # "today", where they would push the county's other records off the home page.
        with on_day(timezone.localdate() - datetime.timedelta(days=70 - 7 * number)):
            _publish_item(
                agency,
                catalogue[catalogue_code],
                (code, item_type, name, licence_category, guide),
                publisher,
                reviewer,
            )


def _publish_item(agency, catalogue_item, entry, publisher, reviewer) -> None:
    """One item, its guide drafted, submitted and published, its licensing decisions linked."""
    code, item_type, name, licence_category, guide = entry
    name = f"{DEMO_MARK}{name}"
    item = services.create_item(
        agency=agency,
        actor=publisher,
        values={
            "item_type": item_type,
            "code": code,
            "name": name,
            "level": ItemLevel.COUNTY,
            "catalogue_item": catalogue_item,
        },
    )
    values = {
        "name": name,
        "implementing_body": agency.name,
        "channels": [Channel.WINDOW, Channel.ONLINE],
        "online_url": "https://zwfw.example.gov.cn/demo-county/",
        "fee_mode": FeeMode.FREE,
        "delivery_methods": [Delivery.WINDOW, Delivery.POST],
        "place": PLACE,
        "hours": HOURS,
        "consult_phone": "0356-7012345",
        "complaint_channel": COMPLAINTS,
        "remedy": REMEDY,
        **{k: v for k, v in guide.items() if k not in ("materials", "steps")},
    }
    draft = services.start_version(service_item=item, actor=publisher)
    services.update_guide(
        guide=draft,
        actor=publisher,
        values=values,
        materials=guide["materials"],
        steps=guide["steps"],
    )
    services.submit_guide(guide=draft, actor=publisher)
    publication.publish_guide(guide=draft, actor=reviewer)
    if licence_category:
        decisions = Decision.objects.filter(
            agency=agency,
            kind=DecisionKind.LICENSING,
            licence_content__startswith=f"{licence_category}：",
        )
        for decision in decisions:
            services.link_decision(decision=decision, service_item=item, actor=publisher)
