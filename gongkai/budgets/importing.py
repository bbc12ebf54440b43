"""Import of a budget table from the XLSX the office keeps (docs in README.md, "Import").

One sheet, three columns: 科目编码, 科目名称, 金额（万元）. A row with a code is a line of the
functional classification; a row without a code and with one of the names in SUMMARY_ROWS is a
total or a 三公 figure. The whole file is checked first — a bad code, a missing or non-numeric
amount, a code given twice, a 三公 total that is not the sum of its items — and a bad row is
reported with its row number while nothing is imported. The import makes a draft: publication
still goes through review (publication.publish_table).
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.budgets import rules, services
from gongkai.budgets.errors import BudgetError
from gongkai.budgets.models import BudgetTable
from gongkai.documents.importing import ImportFailed, RowError, read_table

MAX_ROWS = 2000
CODE = "科目编码"
NAME = "科目名称"
AMOUNT = "金额（万元）"
COLUMNS = [CODE, NAME, AMOUNT]
# Names of the rows without a code → the table's field (or the check-only sums).
SUMMARY_ROWS = {
    "收入总计": "income_total",
    "支出总计": "expenditure_total",
    "因公出国（境）费": "abroad",
    "公务用车购置费": "vehicle_purchase",
    "公务用车运行费": "vehicle_operation",
    "公务接待费": "reception",
    "公务用车购置及运行费": "vehicles",
    "“三公”经费合计": "total",
}


def _summary_key(name: str) -> str | None:
    """The summary row a name means; half-width brackets and quotes are accepted too."""
    normal = (
        name.replace("(", "（")
        .replace(")", "）")
        .replace('"', "")
        .replace("“", "")
        .replace("”", "")
    )
    for label, key in SUMMARY_ROWS.items():
        if normal == label.replace("“", "").replace("”", ""):
            return key
    return None


@dataclass
class Parsed:
    lines: list[dict] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def _amount_column(headers: list[str]) -> str | None:
    return next((header for header in headers if header.startswith("金额")), None)


def check_file(table) -> tuple[Parsed, list[RowError]]:
    """Every row checked; the parsed lines and figures, and every problem with its row."""
    errors: list[RowError] = []
    amount_column = _amount_column(table.headers)
    missing = [c for c in (CODE, NAME) if c not in table.headers]
    if amount_column is None:
        missing.append(AMOUNT)
    if missing:
        return Parsed(), [
            RowError(1, column, _("缺少这一列。请使用本系统提供的模板。")) for column in missing
        ]
    parsed = Parsed()
    line_rows: list[tuple[int, dict]] = []
    summary_rows: dict[str, int] = {}
    for number, row in zip(table.row_numbers, table, strict=True):
        code, name = row.get(CODE, "").strip(), row.get(NAME, "").strip()
        raw = row.get(amount_column, "").strip()
        if code:
            line_rows.append((number, {"code": code, "name": name, "amount": raw}))
            continue
        key = _summary_key(name)
        if key is None:
            errors.append(
                RowError(
                    number,
                    CODE,
                    _(
                        "没有科目编码，科目名称“%(name)s”也不是汇总行（收入总计、支出总计或“三公”经费各项）。"
                    )
                    % {"name": name},
                )
            )
            continue
        if key in summary_rows:
            errors.append(
                RowError(
                    number,
                    NAME,
                    _("“%(name)s”重复（与第%(first)s行相同）。")
                    % {"name": name, "first": summary_rows[key]},
                )
            )
            continue
        summary_rows[key] = number
        amount = rules.parse_amount(raw)
        if not raw:
            errors.append(RowError(number, AMOUNT, _("请填写金额。")))
        elif amount is None:
            errors.append(RowError(number, AMOUNT, _("金额“%(value)s”不是数字。") % {"value": raw}))
        elif amount < 0:
            errors.append(RowError(number, AMOUNT, _("金额不能为负数。")))
        else:
            parsed.values[key] = amount
    lines, problems = rules.check_lines([row for _number, row in line_rows])
    columns = {"code": CODE, "name": NAME, "amount": AMOUNT}
    errors += [RowError(line_rows[p.index][0], columns[p.field], p.message) for p in problems]
    parts = {key: parsed.values.get(key, Decimal(0)) for key in rules.SANGONG_FIELDS}
    # A part that is itself wrong is reported once, not again as a total that does not add up.
    parts_ok = all(key in parsed.values for key in rules.SANGONG_FIELDS if key in summary_rows)
    problems_of_totals = (
        rules.sangong_total_problem(
            parts, parsed.values.get("vehicles"), parsed.values.get("total")
        )
        if parts_ok
        else []
    )
    for which, message in problems_of_totals:
        errors.append(RowError(summary_rows[which], AMOUNT, message))
    parsed.lines = [{"code": line.code, "name": line.name, "amount": line.amount} for line in lines]
    return parsed, sorted(errors, key=lambda error: error.row)


def import_table(
    *, agency: Agency, year: int, kind: str, actor, filename: str, data: bytes
) -> BudgetTable:
    """Read, check every row, then create the draft in one transaction — or nothing."""
    table_rows = read_table(filename, data, max_rows=MAX_ROWS)
    parsed, errors = check_file(table_rows)
    if errors:
        raise ImportFailed(errors)
    if not parsed.lines:
        raise ImportFailed([RowError(0, "", _("表中没有支出功能分类科目。"))])
    values = {key: parsed.values.get(key, Decimal(0)) for key in rules.SANGONG_FIELDS}
    values["income_total"] = parsed.values.get("income_total")
    values["expenditure_total"] = parsed.values.get("expenditure_total")
    with transaction.atomic():
        try:
            table = services.start_table(agency=agency, year=year, kind=kind, actor=actor)
            values["explanation"] = table.explanation  # a new version keeps the old text
            services.update_table(table=table, actor=actor, values=values, lines=parsed.lines)
        except BudgetError as exc:
            raise ImportFailed([RowError(0, "", exc.message)]) from exc
        record_event(
            actor=actor,
            action="budget_table.import",
            obj=table,
            agency=agency,
            after={"file": filename[:200], "lines": len(parsed.lines)},
        )
    return table


# The blank template: the header row, the summary rows and a few example lines to overwrite.
EXAMPLE_LINES = [
    ("210", "卫生健康支出", ""),
    ("21001", "卫生健康管理事务", ""),
    ("2100101", "行政运行", ""),
]


def template_xlsx() -> bytes:
    """The XLSX template: columns, example lines (amounts blank) and the summary rows."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("预算决算表")
    sheet.append(COLUMNS)
    for row in EXAMPLE_LINES:
        sheet.append(list(row))
    for label in SUMMARY_ROWS:
        sheet.append(["", label, ""])
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
