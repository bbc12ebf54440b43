"""Import a price list from XLSX (or CSV) as its next version (a draft). Layout (README.md):
a header row 项目编码 | 项目名称 | 规格 | 计价单位 | 价格（元） | 执行日期 | 备注, one row per
item. The whole file is checked first — a missing code, name or unit, a code listed twice, a
price that is not a non-negative amount with at most 2 decimals, a date that is not a date —
each reported with its row number, and nothing is imported."""

import io

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.documents.importing import ImportFailed, RowError, parse_date, read_table
from gongkai.prices import rules, services
from gongkai.prices.models import PriceList, PriceVersion

CODE, NAME, SPEC, UNIT, PRICE, EFFECTIVE, NOTE = (
    "项目编码",
    "项目名称",
    "规格",
    "计价单位",
    "价格（元）",
    "执行日期",
    "备注",
)
COLUMNS = [CODE, NAME, SPEC, UNIT, PRICE, EFFECTIVE, NOTE]
REQUIRED = [CODE, NAME, UNIT, PRICE, EFFECTIVE]
MAX_ROWS = 5000
LENGTHS = {CODE: 60, NAME: 200, SPEC: 200, UNIT: 40, NOTE: 500}


def parse_rows(filename: str, data: bytes) -> list[rules.ItemValues]:
    table = read_table(filename, data, max_rows=MAX_ROWS)
    missing = [column for column in REQUIRED if column not in table.headers]
    if missing:
        raise ImportFailed(
            [RowError(1, column, _("缺少这一列。请使用模板的表头。")) for column in missing]
        )
    errors: list[RowError] = []
    rows: list[rules.ItemValues] = []
    seen: dict[str, int] = {}
    for number, row in zip(table.row_numbers, table, strict=True):
        text = {column: (row.get(column) or "").strip() for column in COLUMNS}
        for column in (CODE, NAME, UNIT):
            if not text[column]:
                errors.append(RowError(number, column, _("不能为空。")))
        for column, limit in LENGTHS.items():
            if len(text[column]) > limit:
                errors.append(
                    RowError(number, column, _("不能超过%(limit)s个字。") % {"limit": limit})
                )
        price = rules.parse_price(text[PRICE])
        if price is None:
            errors.append(
                RowError(number, PRICE, _("应为不小于0、最多两位小数的金额（元），例如 12.50。"))
            )
        effective_on = parse_date(text[EFFECTIVE])
        if effective_on is None:
            errors.append(RowError(number, EFFECTIVE, _("应为日期，例如 2026-01-01。")))
        code = text[CODE]
        if code and code in seen:
            message = _("项目编码“%(code)s”与第%(row)s行重复。") % {"code": code, "row": seen[code]}
            errors.append(RowError(number, CODE, message))
        seen.setdefault(code, number)
        if price is not None and effective_on is not None:
            rows.append(
                rules.ItemValues(
                    code, text[NAME], text[SPEC], text[UNIT], price, effective_on, text[NOTE]
                )
            )
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([RowError(0, "", _("表格中没有数据行。"))])
    return rows


@transaction.atomic
def import_list(*, price_list: PriceList, actor, filename: str, data: bytes) -> PriceVersion:
    """The file becomes the list's draft version (the next one); nothing on a bad row."""
    rows = parse_rows(filename, data)
    return services.replace_items(price_list=price_list, actor=actor, rows=rows)


def template_xlsx() -> bytes:
    """A blank template: the header row only."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("价格清单")
    sheet.append(COLUMNS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
