"""The guide's elements (办事指南要素) as the national list groups them, which are key, and the
completeness check. Pure: values in, lists out; no database. Sources in README.md.

Key elements (`is_key`) are the ten whose absence the website inspection counts against
a guide (国办秘函〔2019〕19号, 政府网站与政务新媒体检查指标, 服务实用 · 办事指南:
事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、
联系电话、办理流程) and, our reading, the two time limits that 国办发〔2016〕108号 lists
for every guide: a guide missing any of them cannot be published.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.service_guides.models import Channel, Delivery, FeeMode


def _text(name: str) -> Callable[[Mapping[str, Any], Sequence, Sequence], bool]:
    return lambda values, materials, steps: bool(str(values.get(name) or "").strip())


def _number(name: str) -> Callable[[Mapping[str, Any], Sequence, Sequence], bool]:
    return lambda values, materials, steps: values.get(name) not in (None, "")


def _fees(values: Mapping[str, Any], materials, steps) -> bool:
    if values.get("fee_mode") == FeeMode.FREE:
        return True
    return values.get("fee_mode") == FeeMode.CHARGED and all(
        str(values.get(name) or "").strip() for name in ("fee_basis", "fee_standard")
    )


@dataclass(frozen=True)
class Element:
    code: str  # the form field (or rows) that carries it
    label: Any
    group: Any
    is_key: bool
    is_present: Callable[[Mapping[str, Any], Sequence, Sequence], bool]


BASIC = gettext_lazy("基本信息")
CONDITIONS = gettext_lazy("受理条件和申请材料")
PROCEDURE = gettext_lazy("办理方式和流程")
LIMITS_AND_FEES = gettext_lazy("办理时限和收费")
RESULT = gettext_lazy("办理结果")
CONTACT = gettext_lazy("办理地点、咨询、监督和救济")

ELEMENTS: list[Element] = [
    Element("name", gettext_lazy("事项名称"), BASIC, True, _text("name")),
    Element("legal_basis", gettext_lazy("设定依据"), BASIC, True, _text("legal_basis")),
    Element("implementing_body", gettext_lazy("实施主体"), BASIC, True, _text("implementing_body")),
    Element("service_object", gettext_lazy("服务对象"), BASIC, False, _text("service_object")),
    Element("conditions", gettext_lazy("受理条件"), CONDITIONS, True, _text("conditions")),
    Element("quantity_limit", gettext_lazy("数量限制"), CONDITIONS, False, _text("quantity_limit")),
    Element(
        "materials",
        gettext_lazy("申请材料"),
        CONDITIONS,
        True,
        lambda values, materials, steps: len(materials) > 0,
    ),
    Element(
        "channels",
        gettext_lazy("办理方式"),
        PROCEDURE,
        False,
        lambda values, materials, steps: bool(values.get("channels")),
    ),
    Element(
        "steps",
        gettext_lazy("办理流程"),
        PROCEDURE,
        True,
        lambda values, materials, steps: len(steps) > 0,
    ),
    Element(
        "statutory_days", gettext_lazy("法定时限"), LIMITS_AND_FEES, True, _number("statutory_days")
    ),
    Element(
        "promised_days", gettext_lazy("承诺时限"), LIMITS_AND_FEES, True, _number("promised_days")
    ),
    Element("fees", gettext_lazy("收费依据及标准"), LIMITS_AND_FEES, True, _fees),
    Element("result_name", gettext_lazy("结果名称"), RESULT, False, _text("result_name")),
    Element(
        "delivery_methods",
        gettext_lazy("送达方式"),
        RESULT,
        False,
        lambda values, materials, steps: bool(values.get("delivery_methods")),
    ),
    Element("place", gettext_lazy("办理地点"), CONTACT, True, _text("place")),
    Element("hours", gettext_lazy("办理时间"), CONTACT, True, _text("hours")),
    Element("consult_phone", gettext_lazy("咨询电话"), CONTACT, True, _text("consult_phone")),
    Element(
        "complaint_channel",
        gettext_lazy("监督投诉渠道"),
        CONTACT,
        False,
        _text("complaint_channel"),
    ),
    Element("remedy", gettext_lazy("救济途径"), CONTACT, False, _text("remedy")),
]
BY_CODE = {element.code: element for element in ELEMENTS}
KEY_CODES = frozenset(element.code for element in ELEMENTS if element.is_key)

# The fields of the guide form in the order of the list (materials and steps are rows).
GUIDE_FIELDS = [
    "name",
    "legal_basis",
    "implementing_body",
    "service_object",
    "conditions",
    "quantity_limit",
    "channels",
    "online_url",
    "statutory_days",
    "promised_days",
    "fee_mode",
    "fee_basis",
    "fee_standard",
    "result_name",
    "delivery_methods",
    "place",
    "hours",
    "consult_phone",
    "complaint_channel",
    "remedy",
    "faq",
]

PHONE = re.compile(r"^[0-9０-９()（）+\-—、/，, ]{5,100}$")


def missing_elements(
    values: Mapping[str, Any], materials: Sequence = (), steps: Sequence = ()
) -> list[Element]:
    """Every element the guide lacks, key or not, in the order of the list."""
    return [element for element in ELEMENTS if not element.is_present(values, materials, steps)]


def missing_key_elements(
    values: Mapping[str, Any], materials: Sequence = (), steps: Sequence = ()
) -> list[Element]:
    """The key elements the guide lacks: while any is listed, it cannot be published."""
    return [element for element in missing_elements(values, materials, steps) if element.is_key]


def guide_values(guide) -> dict[str, Any]:
    """The element values of a saved guide, for the checks above."""
    return {name: getattr(guide, name) for name in GUIDE_FIELDS}


def value_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong (not missing) in the values, field by field: all of them at once."""
    problems: dict[str, str] = {}
    channels = values.get("channels") or []
    if any(value not in Channel.values for value in channels):
        problems["channels"] = _("办理方式只能选择窗口办理、网上办理或邮寄办理。")
    if Channel.ONLINE in channels and not str(values.get("online_url") or "").strip():
        problems["online_url"] = _("选择了网上办理，请填写网上办理地址。")
    url = str(values.get("online_url") or "").strip()
    if url and not url.startswith(("https://", "http://")):
        problems["online_url"] = _("网上办理地址应以 https:// 或 http:// 开头。")
    if any(value not in Delivery.values for value in values.get("delivery_methods") or []):
        problems["delivery_methods"] = _("送达方式只能选择窗口领取、邮寄送达或电子送达。")
    statutory, promised = values.get("statutory_days"), values.get("promised_days")
    if statutory is not None and promised is not None and promised > statutory:
        problems["promised_days"] = _("承诺时限不能长于法定时限。")
    if values.get("fee_mode") == FeeMode.FREE and any(
        str(values.get(name) or "").strip() for name in ("fee_basis", "fee_standard")
    ):
        problems["fee_standard"] = _("选择了不收费，收费依据和收费标准应留空。")
    phone = str(values.get("consult_phone") or "").strip()
    if phone and not PHONE.match(phone):
        problems["consult_phone"] = _(
            "咨询电话只能包含数字、括号、连字符和分隔符，例如 0356-2021234。"
        )
    return problems
