"""Export of an agency's decisions in the credit platform's column layout (layouts.py), as
CSV (UTF-8 with BOM, which Excel opens as Chinese) or XLSX, for the agency to upload there.

Full ID numbers are exported: the file is for the credit platform, and only staff of the agency
(or its supervisor) can download it. A file exported here imports again unchanged.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from gongkai.enforcement import layouts
from gongkai.enforcement.layouts import Column, Value
from gongkai.enforcement.models import Decision, DecisionQuerySet, DecisionStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CHUNK = 2000  # rows read from the database at a time


def exported_columns(kind: str) -> list[Column]:
    return [column for column in layouts.columns_for(kind) if column.exported]


def decisions_to_export(
    queryset: DecisionQuerySet,
    *,
    kind: str,
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
) -> DecisionQuerySet:
    """Published decisions of `kind` decided in the range (both ends included), oldest first."""
    queryset = queryset.filter(kind=kind, status=DecisionStatus.PUBLISHED)
    if decided_from:
        queryset = queryset.filter(decided_on__gte=decided_from)
    if decided_to:
        queryset = queryset.filter(decided_on__lte=decided_to)
    return queryset.order_by("decided_on", "pk")


def cell(column: Column, decision: Decision) -> str:
    """One field as the file writes it."""
    value = getattr(decision, column.field)
    match column.value:
        case Value.DATE:
            return value.isoformat() if value else ""
        case Value.CHOICE:
            return layouts.source_label(column.choices, value) if value else ""
        case Value.CHOICES:
            return "、".join(layouts.source_label(column.choices, v) for v in value or [])
        case Value.TEN_THOUSAND_YUAN:
            return layouts.yuan_to_wan(value)
    return value or ""


def rows(kind: str, decisions: Iterable[Decision]) -> Iterator[list[str]]:
    """The header row, then one row per decision."""
    columns = exported_columns(kind)
    yield [column.header for column in columns]
    for decision in decisions:
        yield [cell(column, decision) for column in columns]


def to_csv(kind: str, decisions: Iterable[Decision]) -> bytes:
    output = io.StringIO(newline="")
    writer = csv.writer(output)
    writer.writerows(rows(kind, decisions))
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def to_xlsx(kind: str, decisions: Iterable[Decision]) -> bytes:
    """A one-sheet workbook written row by row (openpyxl's write-only mode)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("执法决定"))
    for row in rows(kind, decisions):
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export(
    queryset: DecisionQuerySet,
    *,
    kind: str,
    file_format: str,
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
) -> bytes:
    """The file of `queryset`'s published decisions of `kind` in the range: "csv" or "xlsx"."""
    decisions = decisions_to_export(
        queryset, kind=kind, decided_from=decided_from, decided_to=decided_to
    ).iterator(chunk_size=CHUNK)
    if file_format == "csv":
        return to_csv(kind, decisions)
    if file_format == "xlsx":
        return to_xlsx(kind, decisions)
    raise ValueError(f"unknown format {file_format!r}")


def blank_template(kind: str) -> bytes:
    """The blank import template of `kind`: its header row, and a sheet explaining each
    column and listing the accepted values."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    columns = layouts.columns_for(kind)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("导入数据")
    sheet.append([column.header for column in columns])
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for position, column in enumerate(columns, start=1):
        header = sheet.cell(row=1, column=position)
        header.font = Font(bold=column.required)
        if column.required:
            header.fill = required_fill
        sheet.column_dimensions[header.column_letter].width = 20
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("填写说明"))
    notes.append([_("列名"), _("是否必填"), _("说明"), _("可选取值")])
    for column in columns:
        notes.append(
            [
                column.header,
                _("必填") if column.required else _("选填"),
                str(column.explanation),
                "、".join(str(label) for label in column.choices.labels) if column.choices else "",
            ]
        )
    notes.append([])
    notes.append(
        [
            _(
                "只导入第一个工作表，第一行为列名。黄色列必须存在；各行应填哪些项，按行政相对人类别和处罚类别检查。"
            )
        ]
    )
    for letter, width in (("A", 28), ("B", 10), ("C", 60), ("D", 60)):
        notes.column_dimensions[letter].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
