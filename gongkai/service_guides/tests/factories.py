"""make_<model>() factories for service items and guides (tests and demo)."""

import itertools
from typing import Any

from gongkai.agencies.models import Agency, Role
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_user
from gongkai.service_guides import publication, services
from gongkai.service_guides.models import Channel, Delivery, FeeMode, Guide, ServiceItem

_sequence = itertools.count(1)
LICENSING_CATALOGUE_CODE = "0104"  # 医疗机构执业登记: its elements include 办事指南


def complete_values(**overrides: Any) -> dict[str, Any]:
    """Every element of a guide filled in (a clinic's practice registration)."""
    values: dict[str, Any] = {
        "name": "医疗机构执业登记",
        "legal_basis": "《医疗机构管理条例》第十五条",
        "implementing_body": "演示县卫生健康局",
        "service_object": "法人",
        "conditions": "已取得设置医疗机构批准书，按规定完成建设。",
        "quantity_limit": "无",
        "channels": [Channel.WINDOW, Channel.ONLINE],
        "online_url": "https://zwfw.example.gov.cn/items/0104",
        "statutory_days": 45,
        "promised_days": 20,
        "fee_mode": FeeMode.FREE,
        "fee_basis": "",
        "fee_standard": "",
        "result_name": "医疗机构执业许可证",
        "delivery_methods": [Delivery.WINDOW, Delivery.POST],
        "place": "县政务服务中心二楼卫生健康窗口",
        "hours": "工作日 上午9:00—12:00，下午13:30—17:00",
        "consult_phone": "0356-2021234",
        "complaint_channel": "县卫生健康局监督电话 0356-2021000",
        "remedy": "对决定不服的，可在60日内申请行政复议，或在6个月内提起行政诉讼。",
        "faq": "",
    }
    values.update(overrides)
    return values


def material_rows(count: int = 2) -> list[dict[str, Any]]:
    names = ["医疗机构执业登记申请书", "设置医疗机构批准书", "房屋产权证明"]
    return [
        {
            "name": names[i % len(names)],
            "form": "paper",
            "copy_kind": "original",
            "copies": 1,
            "is_required": True,
            "note": "",
        }
        for i in range(count)
    ]


def step_rows(count: int = 3) -> list[dict[str, Any]]:
    names = ["申请", "受理", "审查", "决定", "送达"]
    return [
        {"name": names[i % len(names)], "description": "", "time_limit": ""} for i in range(count)
    ]


def make_item(agency: Agency, actor=None, **overrides: Any) -> ServiceItem:
    n = next(_sequence)
    values = {
        "item_type": "licensing",
        "code": f"SX-{n:04d}",
        "name": "医疗机构执业登记",
        "level": "county",
        "catalogue_item": standard_item(agency, LICENSING_CATALOGUE_CODE),
    }
    values.update(overrides)
    return services.create_item(agency=agency, actor=actor, values=values)


def make_guide(
    item: ServiceItem,
    *,
    drafter=None,
    values: dict[str, Any] | None = None,
    materials: list | None = None,
    steps: list | None = None,
) -> Guide:
    """A draft guide of `item`, complete unless told otherwise."""
    drafter = drafter or make_user(agency=item.agency, roles=(Role.PUBLISHER,))
    guide = services.start_version(service_item=item, actor=drafter)
    return services.update_guide(
        guide=guide,
        actor=drafter,
        values=complete_values() if values is None else values,
        materials=material_rows() if materials is None else materials,
        steps=step_rows() if steps is None else steps,
    )


def make_published_guide(item: ServiceItem, reviewer=None, **kwargs: Any) -> Guide:
    guide = make_guide(item, **kwargs)
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    reviewer = reviewer or make_user(agency=item.agency, roles=(Role.REVIEWER,))
    return publication.publish_guide(guide=guide, actor=reviewer)
