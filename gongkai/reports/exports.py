"""The report out of the platform: JSON (the machine contract), HTML in the official layout
(the published record's body, and a standalone page), DOCX and XLSX.

The three tables are laid out once (`table_a_layout`, `table_b_layout`, `table_c_layout`) as
rows of cells with their row and column spans, exactly as spec §3.2–§3.4 describe the
printed format; HTML, DOCX and XLSX all draw that same layout.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.reports import labels
from gongkai.reports.checks import Check
from gongkai.reports.computation import (
    OUTCOME_ROWS,
    TABLE_A_COLUMNS,
    TABLE_B_COLUMNS,
    TABLE_C_COLUMNS,
    TABLE_C_GROUPS,
    ReportData,
)

CellLink = Callable[[str, str, str], "str | None"]
"""(table "a"/"b"/"c", row, column) → the drill-down URL of a cell, or None."""


# --- JSON ------------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def report_json(data: ReportData, *, agency_code: str, checks: list[Check]) -> dict[str, Any]:
    """The contract: {"agency", "year", "table_a", "table_b", "table_c", "checks"}.

    table_a: {row: {col: int}}, except fees.amount: a decimal string in 万元, or null when not
    entered. table_b: {ROW: {COL: int}} in printed order; table_c: {group: {col: int}}.
    """
    return {
        "agency": agency_code,
        "year": data.year,
        "table_a": {
            row: {col: _json_value(data.table_a[row][col]) for col in cols}
            for row, cols in TABLE_A_COLUMNS.items()
        },
        "table_b": {row: dict(cols) for row, cols in data.table_b.items()},
        "table_c": {group: dict(data.table_c[group]) for group in TABLE_C_GROUPS},
        "checks": [check.as_json() for check in checks],
    }


# --- the layout ----------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    url: str | None = None
    number: Any = None  # the value of a data cell (int, Decimal or None)


@dataclass
class Table:
    key: str
    caption: str
    columns: int
    head: list[list[Cell]]
    bodies: list[list[list[Cell]]] = field(default_factory=list)

    def rows(self) -> list[list[Cell]]:
        return [*self.head, *(row for body in self.bodies for row in body)]

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) on the grid, as a browser places spanned cells."""
        taken: set[tuple[int, int]] = set()
        found = []
        for r, row in enumerate(self.rows()):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                found.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return found


def _th(text: Any, *, colspan: int = 1, rowspan: int = 1, scope: str = "col") -> Cell:
    return Cell(str(text), header=True, colspan=colspan, rowspan=rowspan, scope=scope)


def _number_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _td(value: Any, url: str | None = None, *, colspan: int = 1) -> Cell:
    return Cell(_number_text(value), colspan=colspan, url=url, number=value)


def _no_links(_table: str, _row: str, _col: str) -> None:
    return None


def table_a_layout(data: ReportData, link: CellLink = _no_links) -> Table:
    """Four blocks, each opened by a row spanning the table (spec §3.2)."""
    table = Table("a", str(labels.SECTION_HEADINGS["table_a"]), 4, head=[])
    for heading, rows, cols in labels.TABLE_A_BLOCKS:
        span = 3 // len(cols)
        body = [
            [_th(heading, colspan=4, scope="rowgroup")],
            [
                _th(labels.TABLE_A_CONTENT),
                *(_th(labels.TABLE_A_COLUMN_LABELS[col], colspan=span) for col in cols),
            ],
        ]
        for row in rows:
            body.append(
                [
                    _th(labels.TABLE_A_ROW_LABELS[row], scope="row"),
                    *(
                        _td(data.table_a[row][col], link("a", row, col), colspan=span)
                        for col in cols
                    ),
                ]
            )
        table.bodies.append(body)
    return table


def _table_b_label_cells(row: str) -> list[Cell]:
    """The row's label cells in the three label columns (spec §3.3)."""
    if row in ("new", "carried_in", "carried_out"):
        return [_th(labels.row_title(row), colspan=3, scope="row")]
    if row == "total":
        return [_th(labels.row_title(row), colspan=2, scope="row")]
    cells = []
    if row == OUTCOME_ROWS[0]:
        results = len(OUTCOME_ROWS) + 1  # the result rows and （七）总计
        cells.append(_th(labels.TABLE_B_RESULTS, rowspan=results, scope="rowgroup"))
    if "." not in row:
        return [*cells, _th(labels.item_label(row), colspan=2, scope="row")]
    group, number = row.split(".")
    if number == "1":
        size = sum(1 for r in OUTCOME_ROWS if r.startswith(group + "."))
        cells.append(_th(labels.group_heading(group), rowspan=size, scope="rowgroup"))
    return [*cells, _th(labels.item_label(row), scope="row")]


def table_b_layout(data: ReportData, link: CellLink = _no_links) -> Table:
    """Three header rows over 3 label columns and 7 numbers, then the 25 numeric rows."""
    applicants = [col for col in TABLE_B_COLUMNS if col not in ("natural", "total")]
    head = [
        [
            _th(labels.TABLE_B_NOTE, colspan=3, rowspan=3, scope=""),
            _th(labels.TABLE_B_APPLICANTS, colspan=7, scope="colgroup"),
        ],
        [
            _th(labels.TABLE_B_COLUMN_LABELS["natural"], rowspan=2),
            _th(labels.TABLE_B_ORGANISATIONS, colspan=5, scope="colgroup"),
            _th(labels.TABLE_B_COLUMN_LABELS["total"], rowspan=2),
        ],
        [_th(labels.TABLE_B_COLUMN_LABELS[col]) for col in applicants],
    ]
    body = [
        [
            *_table_b_label_cells(row),
            *(_td(data.table_b[row][col], link("b", row, col)) for col in TABLE_B_COLUMNS),
        ]
        for row in data.table_b
    ]
    return Table("b", str(labels.SECTION_HEADINGS["table_b"]), 10, head=head, bodies=[body])


def table_c_layout(data: ReportData, link: CellLink = _no_links) -> Table:
    """行政复议 (5 columns) and 行政诉讼 (2 × 5), one data row of 15 cells (spec §3.4)."""
    columns = [_th(labels.TABLE_C_COLUMN_LABELS[col]) for col in TABLE_C_COLUMNS]
    head = [
        [
            _th(labels.TABLE_C_REVIEW, colspan=5, scope="colgroup"),
            _th(labels.TABLE_C_LITIGATION, colspan=10, scope="colgroup"),
        ],
        [
            *(_th(labels.TABLE_C_COLUMN_LABELS[col], rowspan=2) for col in TABLE_C_COLUMNS),
            _th(labels.TABLE_C_GROUP_LABELS["litigation_direct"], colspan=5, scope="colgroup"),
            _th(
                labels.TABLE_C_GROUP_LABELS["litigation_after_review"],
                colspan=5,
                scope="colgroup",
            ),
        ],
        [*columns, *(_th(labels.TABLE_C_COLUMN_LABELS[col]) for col in TABLE_C_COLUMNS)],
    ]
    body = [
        [
            _td(data.table_c[group][col], link("c", group, col))
            for group in TABLE_C_GROUPS
            for col in TABLE_C_COLUMNS
        ]
    ]
    return Table("c", str(labels.SECTION_HEADINGS["table_c"]), 15, head=head, bodies=[body])


def tables(data: ReportData, link: CellLink = _no_links) -> list[Table]:
    return [table_a_layout(data, link), table_b_layout(data, link), table_c_layout(data, link)]


# --- the whole report ------------------------------------------------------------------------


@dataclass
class ReportText:
    """What a rendering needs besides the figures."""

    agency_name: str
    overview: str
    problems: str
    other: str
    rollup_count: int = 0  # subordinate agencies included (roll-up only)

    def title(self, year: int) -> str:
        return str(labels.TITLE) % {"agency": self.agency_name, "year": year}


def intro(data: ReportData, text: ReportText) -> list[str]:
    paragraphs = [
        _(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅"
            "政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的"
            "通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自%(year)d年"
            "1月1日起至12月31日止。"
        )
        % {"year": data.year}
    ]
    if text.rollup_count:
        paragraphs.append(
            _("本报告汇总了本机关及所属%(count)d个机关的数据。") % {"count": text.rollup_count}
        )
    return paragraphs


def source_notes(data: ReportData) -> list[str]:
    """Table A's note: which cells a clerk entered, and from where."""
    notes = []
    for note in data.manual_notes:
        notes.append(
            _("%(cell)s由%(agency)s填报（%(value)s），数据来源：%(source)s")
            % {
                "cell": labels.table_a_cell_title(note["key"]),
                "agency": note["agency_name"],
                "value": note["value"],
                "source": note["source_note"],
            }
        )
    if data.table_a["fees"]["amount"] is None:
        notes.append(_("行政事业性收费金额平台无记录，未填报。"))
    return notes


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def render_body_html(data: ReportData, text: ReportText) -> str:
    """The report as a record body: headings, paragraphs and the three tables (only the tags
    and attributes the document library keeps: documents.rules.ALLOWED_BODY_TAGS)."""
    return render_to_string(
        "reports/annual_report_body.html",
        {
            "intro": intro(data, text),
            "headings": labels.SECTION_HEADINGS,
            "overview": _paragraphs(text.overview),
            "problems": _paragraphs(text.problems),
            "other": _paragraphs(text.other),
            "table_a": table_a_layout(data),
            "table_b": table_b_layout(data),
            "table_c": table_c_layout(data),
            "notes": source_notes(data),
        },
    )


def render_page_html(data: ReportData, text: ReportText) -> str:
    """A standalone HTML page (the `html` export)."""
    return render_to_string(
        "reports/annual_report_page.html",
        {"title": text.title(data.year), "body": render_body_html(data, text)},
    )


# --- DOCX ------------------------------------------------------------------------------------

EAST_ASIAN_FONT = "宋体"


def _docx_font(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.name = EAST_ASIAN_FONT
    style.font.size = Pt(11)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


# Column widths in centimetres on a portrait page (about 16.5 cm between the margins):
# Table B's innermost label column is the wide one, as in printed reports.
DOCX_WIDTHS_CM = {
    "a": [4.2, 4.1, 4.1, 4.1],
    "b": [1.0, 1.6, 5.2, *[1.25] * 7],
    "c": [1.1] * 15,
}


def _docx_table(document, table: Table) -> None:
    from docx.shared import Cm

    grid = document.add_table(rows=len(table.rows()), cols=table.columns)
    grid.style = "Table Grid"
    grid.autofit = False
    widths = [Cm(w) for w in DOCX_WIDTHS_CM[table.key]]
    for index, column in enumerate(grid.columns):
        column.width = widths[index]
    for row in grid.rows:  # Word reads each cell's width, LibreOffice the grid's
        for index, cell in enumerate(row.cells):
            cell.width = widths[index]
    for r, c, cell in table.placed():
        target = grid.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text
        if cell.header:
            for run in target.paragraphs[0].runs:
                run.bold = True


def render_docx(data: ReportData, text: ReportText) -> bytes:
    """The report as a Word document in the official layout (python-docx)."""
    import docx

    document = docx.Document()
    _docx_font(document)
    document.add_heading(text.title(data.year), level=1)
    for paragraph in intro(data, text):
        document.add_paragraph(paragraph)
    sections = [
        ("overview", _paragraphs(text.overview), None),
        ("table_a", [], table_a_layout(data)),
        ("table_b", [], table_b_layout(data)),
        ("table_c", [], table_c_layout(data)),
        ("problems", _paragraphs(text.problems), None),
        ("other", _paragraphs(text.other), None),
    ]
    for key, paragraphs, table in sections:
        document.add_heading(str(labels.SECTION_HEADINGS[key]), level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        if table is not None:
            _docx_table(document, table)
            if key == "table_a":
                for note in source_notes(data):
                    document.add_paragraph(note)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- XLSX ------------------------------------------------------------------------------------

SHEET_TITLES = {
    "a": gettext_lazy("二、主动公开"),
    "b": gettext_lazy("三、依申请公开"),
    "c": gettext_lazy("四、复议诉讼"),
}


def render_xlsx(data: ReportData, text: ReportText) -> bytes:
    """The three tables, one sheet each, with the merged header cells (openpyxl)."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table in tables(data):
        sheet = workbook.create_sheet(str(SHEET_TITLES[table.key]))
        sheet.cell(row=1, column=1, value=f"{text.title(data.year)} · {table.caption}")
        sheet.cell(row=1, column=1).font = Font(bold=True)
        offset = 2
        for r, c, cell in table.placed():
            row, column = r + offset, c + 1
            target = sheet.cell(row=row, column=column)
            target.value = cell.text if cell.header else cell.number
            target.alignment = Alignment(wrap_text=True, vertical="center")
            target.border = border
            if cell.header:
                target.font = Font(bold=True)
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row + cell.rowspan - 1,
                    end_column=column + cell.colspan - 1,
                )
        for column in range(1, table.columns + 1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 14
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
