"""Import an agency's existing guides from a spreadsheet (docs/service-guide-import-format.md).

One row per service item: the item and every element of its guide; materials and steps are
lines inside their cells. The whole file is checked first — a bad row is reported with its row
number and nothing is imported. Each row becomes a draft guide (a new item, or a new version
of an existing one): publication still goes through review, the completeness check and the
secrecy review (publication.publish_guide), so importing publishes nothing.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.catalogue.models import AgencyItem
from gongkai.documents.importing import ImportFailed, RowError, read_table
from gongkai.service_guides import elements, services
from gongkai.service_guides.errors import GuideError
from gongkai.service_guides.models import (
    Channel,
    CopyKind,
    Delivery,
    FeeMode,
    Guide,
    ItemLevel,
    ItemType,
    MaterialForm,
    ServiceItem,
)

MAX_ROWS = 1000
CODE = "事项编码"
NAME = "事项名称"
TYPE = "事项类型"
LEVEL = "行使层级"
CATALOGUE = "目录事项编码"
MATERIALS = "申请材料"
STEPS = "办理流程"
CHANNELS = "办理方式"
STATUTORY = "法定时限（工作日）"
PROMISED = "承诺时限（工作日）"
FEE_MODE = "是否收费"
DELIVERY = "送达方式"
# Columns that carry one guide field as text.
TEXT_COLUMNS = {
    "设定依据": "legal_basis",
    "实施主体": "implementing_body",
    "服务对象": "service_object",
    "受理条件": "conditions",
    "数量限制": "quantity_limit",
    "网上办理地址": "online_url",
    "收费依据": "fee_basis",
    "收费标准": "fee_standard",
    "结果名称": "result_name",
    "办理地点": "place",
    "办理时间": "hours",
    "咨询电话": "consult_phone",
    "监督投诉渠道": "complaint_channel",
    "救济途径": "remedy",
    "常见问题": "faq",
}
REQUIRED_COLUMNS = [CODE, NAME, TYPE, LEVEL, CATALOGUE]
COLUMNS = [
    *REQUIRED_COLUMNS,
    "设定依据",
    "实施主体",
    "服务对象",
    "受理条件",
    "数量限制",
    MATERIALS,
    STEPS,
    CHANNELS,
    "网上办理地址",
    STATUTORY,
    PROMISED,
    FEE_MODE,
    "收费依据",
    "收费标准",
    "结果名称",
    DELIVERY,
    "办理地点",
    "办理时间",
    "咨询电话",
    "监督投诉渠道",
    "救济途径",
    "常见问题",
]
LIST_SEPARATORS = re.compile(r"[、，,；;\s]+")
MATERIAL_SEPARATORS = re.compile(r"[；;|]")
STEP_SEPARATOR = re.compile(r"[：:]")


def _by_label(choices) -> dict[str, str]:
    return {str(label): value for value, label in choices}


@dataclass
class ParsedRow:
    number: int
    item_values: dict[str, Any]
    guide_values: dict[str, Any]
    materials: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportResult:
    guides: list[Guide] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.guides)


def _days(text: str, column: str, number: int, errors: list[RowError]) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > 365:
        errors.append(RowError(number, column, _("请填写0至365之间的工作日数。")))
        return None
    return int(text)


def _choices(text: str, choices, column: str, number: int, errors: list[RowError]) -> list[str]:
    labels = _by_label(choices)
    values = []
    for word in filter(None, LIST_SEPARATORS.split(text)):
        if word not in labels:
            errors.append(
                RowError(
                    number,
                    column,
                    _("“%(word)s”不是可选的值（%(allowed)s）。")
                    % {"word": word, "allowed": "、".join(labels)},
                )
            )
        else:
            values.append(labels[word])
    return values


def _materials(text: str, number: int, errors: list[RowError]) -> list[dict[str, Any]]:
    """One material per line: 名称；形式；原件/复印件；份数 (the last three may be left out)."""
    forms, copies = _by_label(MaterialForm.choices), _by_label(CopyKind.choices)
    rows = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        parts = [part.strip() for part in MATERIAL_SEPARATORS.split(line)]
        name = parts[0]
        form = parts[1] if len(parts) > 1 and parts[1] else str(MaterialForm.PAPER.label)
        copy_kind = parts[2] if len(parts) > 2 and parts[2] else str(CopyKind.ORIGINAL.label)
        count = parts[3] if len(parts) > 3 and parts[3] else "1"
        if form not in forms or copy_kind not in copies or not count.isdigit() or count == "0":
            errors.append(
                RowError(
                    number,
                    MATERIALS,
                    _(
                        "“%(line)s”应写成“材料名称；纸质/电子/纸质和电子；原件/复印件/原件和复印件；份数”。"
                    )
                    % {"line": line[:60]},
                )
            )
            continue
        rows.append(
            {
                "name": name,
                "form": forms[form],
                "copy_kind": copies[copy_kind],
                "copies": int(count),
                "is_required": True,
                "note": "",
            }
        )
    return rows


def _steps(text: str) -> list[dict[str, Any]]:
    """One step per line: 环节名称：办理内容 (the content may be left out)."""
    rows = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        parts = STEP_SEPARATOR.split(line, maxsplit=1)
        name = parts[0].strip()
        description = parts[1].strip() if len(parts) > 1 else ""
        rows.append({"name": name, "description": description, "time_limit": ""})
    return rows


def _parse(
    agency: Agency, number: int, row: dict[str, str], catalogue: dict[str, AgencyItem]
) -> tuple[ParsedRow, list[RowError]]:
    errors: list[RowError] = []
    cell = {column: (row.get(column) or "").strip() for column in COLUMNS}
    for column in REQUIRED_COLUMNS:
        if not cell[column]:
            errors.append(RowError(number, column, _("必填。")))
    types, levels = _by_label(ItemType.choices), _by_label(ItemLevel.choices)
    if cell[TYPE] and cell[TYPE] not in types:
        errors.append(
            RowError(number, TYPE, _("应为：%(allowed)s。") % {"allowed": "、".join(types)})
        )
    if cell[LEVEL] and cell[LEVEL] not in levels:
        errors.append(
            RowError(number, LEVEL, _("应为：%(allowed)s。") % {"allowed": "、".join(levels)})
        )
    item = catalogue.get(cell[CATALOGUE])
    if cell[CATALOGUE] and item is None:
        errors.append(
            RowError(
                number,
                CATALOGUE,
                _("本机关的公开目录中没有编码为“%(code)s”的适用事项。") % {"code": cell[CATALOGUE]},
            )
        )
    fee_modes = _by_label(FeeMode.choices)
    if cell[FEE_MODE] and cell[FEE_MODE] not in fee_modes:
        errors.append(
            RowError(number, FEE_MODE, _("应为：%(allowed)s。") % {"allowed": "、".join(fee_modes)})
        )
    guide_values: dict[str, Any] = {
        "name": cell[NAME],
        **{name: cell[column] for column, name in TEXT_COLUMNS.items()},
        "channels": _choices(cell[CHANNELS], Channel.choices, CHANNELS, number, errors),
        "delivery_methods": _choices(cell[DELIVERY], Delivery.choices, DELIVERY, number, errors),
        "statutory_days": _days(cell[STATUTORY], STATUTORY, number, errors),
        "promised_days": _days(cell[PROMISED], PROMISED, number, errors),
        "fee_mode": fee_modes.get(cell[FEE_MODE], ""),
    }
    columns_of = {name: column for column, name in TEXT_COLUMNS.items()}
    columns_of.update(
        {
            "channels": CHANNELS,
            "delivery_methods": DELIVERY,
            "statutory_days": STATUTORY,
            "promised_days": PROMISED,
            "fee_mode": FEE_MODE,
        }
    )
    for name, message in elements.value_problems(guide_values).items():
        errors.append(RowError(number, columns_of.get(name, ""), message))
    parsed = ParsedRow(
        number=number,
        item_values={
            "item_type": types.get(cell[TYPE], ""),
            "code": cell[CODE],
            "name": cell[NAME],
            "level": levels.get(cell[LEVEL], ""),
            "catalogue_item": item,
        },
        guide_values=guide_values,
        materials=_materials(cell[MATERIALS], number, errors),
        steps=_steps(cell[STEPS]),
    )
    return parsed, errors


def check_rows(agency: Agency, table) -> tuple[list[ParsedRow], list[RowError]]:
    """Every row parsed and checked, with every problem (nothing is written)."""
    errors: list[RowError] = []
    unknown = [header for header in table.headers if header and header not in COLUMNS]
    if unknown:
        errors.append(RowError(0, "", _("未知的列名：%(names)s。") % {"names": "、".join(unknown)}))
    missing = [column for column in REQUIRED_COLUMNS if column not in table.headers]
    if missing:
        errors.append(RowError(0, "", _("缺少必填列：%(names)s。") % {"names": "、".join(missing)}))
    if errors:
        return [], errors
    catalogue = {
        item.code: item for item in AgencyItem.objects.filter(catalogue__agency=agency).applicable()
    }
    existing = {
        item.code: item
        for item in ServiceItem.objects.filter(agency=agency).prefetch_related("guides")
    }
    seen: dict[str, int] = {}
    parsed_rows = []
    for number, row in zip(table.row_numbers, table, strict=True):
        parsed, row_errors = _parse(agency, number, row, catalogue)
        code = parsed.item_values["code"]
        if code in seen:
            row_errors.append(
                RowError(number, CODE, _("与第%(row)s行的事项编码重复。") % {"row": seen[code]})
            )
        seen.setdefault(code, number)
        item = existing.get(code)
        if item is not None and any(
            guide.status in ("draft", "in_review") for guide in item.guides.all()
        ):
            row_errors.append(
                RowError(number, CODE, _("该事项已有正在起草或审核的办事指南，请先完成它。"))
            )
        elif item is None and code:
            problems = services.item_problems(agency, parsed.item_values)
            for name, message in problems.items():
                if name not in ("item_type", "level", "catalogue_item"):  # reported above
                    row_errors.append(RowError(number, CODE if name == "code" else NAME, message))
        errors.extend(row_errors)
        parsed_rows.append(parsed)
    return parsed_rows, errors


def import_guides(*, agency: Agency, actor, filename: str, data: bytes) -> ImportResult:
    """Read, check every row, then create every draft in one transaction — or nothing."""
    table = read_table(filename, data, max_rows=MAX_ROWS)
    parsed_rows, errors = check_rows(agency, table)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic():
        for parsed in parsed_rows:
            try:
                item = ServiceItem.objects.filter(
                    agency=agency, code=parsed.item_values["code"]
                ).first() or services.create_item(
                    agency=agency, actor=actor, values=parsed.item_values
                )
                guide = services.start_version(service_item=item, actor=actor)
                services.update_guide(
                    guide=guide,
                    actor=actor,
                    values=parsed.guide_values,
                    materials=parsed.materials,
                    steps=parsed.steps,
                )
            except GuideError as exc:  # a limit the checks above do not know
                raise ImportFailed([RowError(parsed.number, "", exc.message)]) from exc
            result.guides.append(guide)
        record_event(
            actor=actor,
            action="service_guides.import",
            obj=agency,
            agency=agency,
            after={"file": filename[:200], "guides": result.count},
        )
    return result


EXAMPLE_ROW = {
    CODE: "SX-0104",
    NAME: "医疗机构执业登记",
    TYPE: "行政许可",
    LEVEL: "县级",
    CATALOGUE: "0104",
    "设定依据": "《医疗机构管理条例》第十五条",
    "实施主体": "某县卫生健康局",
    "受理条件": "已取得设置医疗机构批准书。",
    MATERIALS: "医疗机构执业登记申请书；纸质；原件；1\n设置医疗机构批准书；纸质；复印件；1",
    STEPS: "申请：申请人提交材料\n受理：窗口当场受理\n审查：现场核查\n决定：作出准予登记决定",
    CHANNELS: "窗口办理、网上办理",
    "网上办理地址": "https://zwfw.example.gov.cn/",
    STATUTORY: "45",
    PROMISED: "20",
    FEE_MODE: "不收费",
    "结果名称": "医疗机构执业许可证",
    DELIVERY: "窗口领取、邮寄送达",
    "办理地点": "县政务服务中心卫生健康窗口",
    "办理时间": "工作日 9:00—12:00，13:30—17:00",
    "咨询电话": "0356-2021234",
}


def template_xlsx() -> bytes:
    """An XLSX template: the header row and one example row (delete it before importing)."""
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("办事指南")
    sheet.append(COLUMNS)
    sheet.append([EXAMPLE_ROW.get(column, "") for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
