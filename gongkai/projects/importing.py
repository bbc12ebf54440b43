"""Import of the project list (重大建设项目清单) from the XLSX or CSV the office keeps: every row
is checked first; one bad row and nothing is imported (the errors name the rows). Stages are
entered afterwards, one by one, as their information is formed."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.documents.importing import ImportFailed, RowError, parse_date, read_table
from gongkai.projects import services
from gongkai.projects.errors import ProjectError
from gongkai.projects.models import Project, ProjectStatus

MAX_ROWS = 500
NAME, CODE, LOCATION, INVESTMENT, OWNER = (
    "项目名称",
    "项目代码",
    "建设地点",
    "总投资（万元）",
    "项目法人单位",
)
STARTS, FINISHES, STATUS = "计划开工日期", "计划竣工日期", "项目状态"
COLUMNS = [NAME, CODE, LOCATION, INVESTMENT, OWNER, STARTS, FINISHES, STATUS]
REQUIRED_COLUMNS = [NAME, CODE, LOCATION, INVESTMENT, OWNER]


@dataclass
class ImportResult:
    projects: list[Project] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.projects)


def _parse(row: dict[str, str], number: int, errors: list[RowError]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, name in (
        (NAME, "name"),
        (CODE, "code"),
        (LOCATION, "location"),
        (OWNER, "owner_unit"),
    ):
        text = (row.get(column) or "").strip()
        if not text:
            errors.append(RowError(number, column, _("必填。")))
        values[name] = text
    text = (row.get(INVESTMENT) or "").strip().replace(",", "")
    try:
        values["investment"] = Decimal(text)
        if values["investment"] < 0 or not values["investment"].is_finite():
            raise InvalidOperation
    except InvalidOperation:
        errors.append(RowError(number, INVESTMENT, _("应为不小于0的金额（万元）。")))
    for column, name in ((STARTS, "starts_on"), (FINISHES, "finishes_on")):
        text = (row.get(column) or "").strip()
        if text:
            day = parse_date(text)
            if day is None:
                errors.append(RowError(number, column, _("日期格式应为 2026-03-01。")))
            values[name] = day
    starts, finishes = values.get("starts_on"), values.get("finishes_on")
    if (
        isinstance(starts, datetime.date)
        and isinstance(finishes, datetime.date)
        and finishes < starts
    ):
        errors.append(RowError(number, FINISHES, _("计划竣工日期不能早于计划开工日期。")))
    text = (row.get(STATUS) or "").strip()
    if text:
        by_label = {str(label): value for value, label in ProjectStatus.choices}
        if text not in by_label:
            errors.append(
                RowError(
                    number, STATUS, _("应为：%(allowed)s。") % {"allowed": "、".join(by_label)}
                )
            )
        values["status"] = by_label.get(text, ProjectStatus.PREPARING)
    return values


def check_rows(agency, table) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """Every row parsed, and every problem of the file (none: it can be imported)."""
    errors: list[RowError] = []
    unknown = [h for h in table.headers if h and h not in COLUMNS]
    if unknown:
        errors.append(RowError(0, "", _("未知的列名：%(names)s。") % {"names": "、".join(unknown)}))
    missing = [c for c in REQUIRED_COLUMNS if c not in table.headers]
    if missing:
        errors.append(RowError(0, "", _("缺少必填列：%(names)s。") % {"names": "、".join(missing)}))
    if errors:
        return [], errors
    if services.catalogue_item_for(agency) is None:
        return [], [
            RowError(0, "", _("本机关公开目录中没有适用的“项目建设”事项，请先在公开目录中设置。"))
        ]
    existing = set(Project.objects.filter(agency=agency).values_list("code", flat=True))
    seen: dict[str, int] = {}
    parsed = []
    for number, row in zip(table.row_numbers, table, strict=True):
        values = _parse(row, number, errors)
        code = values.get("code")
        if code in seen:
            errors.append(
                RowError(number, CODE, _("与第%(row)s行的项目代码重复。") % {"row": seen[code]})
            )
        elif code in existing:
            errors.append(RowError(number, CODE, _("该项目代码已存在。")))
        if code:
            seen.setdefault(code, number)
        parsed.append((number, values))
    if not parsed and not errors:
        errors.append(RowError(0, "", _("表格中没有项目。")))
    return parsed, errors


def import_projects(*, agency, actor, filename: str, data: bytes) -> ImportResult:
    """Read, check every row, then create every project in one transaction — or nothing."""
    table = read_table(filename, data, max_rows=MAX_ROWS)
    parsed, errors = check_rows(agency, table)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic():
        for number, values in parsed:
            try:
                project = services.create_project(agency=agency, actor=actor, values=values)
            except ProjectError as exc:  # a limit the checks above do not know
                raise ImportFailed([RowError(number, "", exc.message)]) from exc
            result.projects.append(project)
        record_event(
            actor=actor,
            action="projects.import",
            obj=agency,
            agency=agency,
            after={"file": filename[:200], "projects": result.count},
        )
    return result
