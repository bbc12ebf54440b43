"""Import a month's figures from XLSX (or CSV). Layout (README.md): a header row
病种 | 类别 | 发病数 | 死亡数, then one row per disease; diseases not listed count 0. The whole
file is checked first: an unknown disease, a class that is not the disease's, a negative or
non-integer count, or a disease listed twice is reported with its row number, and nothing is
imported. The rows go into the month's draft (created if the month has none)."""

import datetime
import io

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.diseases import rules, services
from gongkai.diseases.classification import (
    CLASS_OF,
    DISEASES,
    canonical_name,
    class_label,
    parse_class,
)
from gongkai.diseases.errors import DiseaseError
from gongkai.diseases.models import MonthlyReport, ReportStatus
from gongkai.documents.importing import ImportFailed, RowError, read_table

DISEASE, CLASS, CASES, DEATHS = "病种", "类别", "发病数", "死亡数"
COLUMNS = [DISEASE, CLASS, CASES, DEATHS]
MAX_ROWS = 200


def _count(text: str) -> int | None:
    text = (text or "").strip().replace(",", "")
    if text == "":
        return 0
    if text.endswith(".0"):  # Excel's numbers arrive as 12.0
        text = text[:-2]
    if not text.isdigit():
        return None
    return int(text)


def parse_rows(filename: str, data: bytes) -> list[rules.Row]:
    """The file's rows checked as a whole; ImportFailed lists every bad row."""
    table = read_table(filename, data, max_rows=MAX_ROWS)
    missing = [column for column in COLUMNS if column not in table.headers]
    if missing:
        raise ImportFailed(
            [RowError(1, column, _("缺少这一列。请使用模板的表头。")) for column in missing]
        )
    errors: list[RowError] = []
    rows: list[rules.Row] = []
    seen: dict[str, int] = {}
    for number, row in zip(table.row_numbers, table, strict=True):
        given = row.get(DISEASE, "").strip()
        name = canonical_name(given)
        if name is None:
            message = _("“%(name)s”不是法定传染病病种。") % {"name": given}
            errors.append(RowError(number, DISEASE, message))
            continue
        value = parse_class(row.get(CLASS, ""))
        if value is None:
            errors.append(RowError(number, CLASS, _("类别应为甲类、乙类或丙类。")))
        elif value != CLASS_OF[name]:
            errors.append(
                RowError(
                    number,
                    CLASS,
                    _("“%(name)s”属于%(expected)s，不是%(given)s。")
                    % {
                        "name": name,
                        "expected": class_label(CLASS_OF[name]),
                        "given": class_label(value),
                    },
                )
            )
        counts = []
        for column in (CASES, DEATHS):
            count = _count(row.get(column, ""))
            if count is None:
                errors.append(RowError(number, column, _("应为不小于0的整数。")))
            counts.append(count)
        if name in seen:
            errors.append(
                RowError(
                    number,
                    DISEASE,
                    _("病种“%(name)s”与第%(row)s行重复。") % {"name": name, "row": seen[name]},
                )
            )
        seen.setdefault(name, number)
        if value is not None and None not in counts:
            rows.append(rules.Row(name, CLASS_OF[name], counts[0], counts[1]))
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([RowError(0, "", _("表格中没有数据行。"))])
    given = {row.disease for row in rows}
    rows += [rules.Row(name, value, 0, 0) for name, value in DISEASES if name not in given]
    return rows


@transaction.atomic
def import_month(
    *, agency: Agency, month: datetime.date, actor, filename: str, data: bytes
) -> MonthlyReport:
    """The file's rows into the month's draft; nothing is written if any row is bad."""
    rows = parse_rows(filename, data)
    month = rules.first_of_month(month)
    versions = MonthlyReport.objects.filter(agency=agency, month=month)
    draft = versions.filter(status=ReportStatus.DRAFT).order_by("-version").first()
    if draft is None:
        if versions.exists():
            raise DiseaseError(
                _("%(month)s的疫情月报已提交或已发布，如需修改请在月报页面申请更正。")
                % {"month": rules.month_label(month)}
            )
        draft = services.create_report(agency=agency, month=month, actor=actor)
    return services.update_report(
        report=draft, actor=actor, rows=rows, note=draft.note, imported=True
    )


def template_xlsx() -> bytes:
    """A blank template: the header row and every notifiable disease with its class."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("法定传染病疫情")
    sheet.append(COLUMNS)
    for name, value in DISEASES:
        sheet.append([name, class_label(value), None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
