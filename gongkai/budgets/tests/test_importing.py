"""XLSX import in the office's layout: a bad row of each kind is reported with its row number
and nothing is imported; a good file makes a draft; the blank template downloads."""

import io
from decimal import Decimal

import openpyxl
import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.budgets import importing
from gongkai.budgets.models import BudgetLine, BudgetTable, Kind, TableStatus
from gongkai.documents.importing import ImportFailed
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    ["210", "卫生健康支出", "300"],  # row 2
    ["21001", "卫生健康管理事务", "100"],  # row 3
    ["2100101", "行政运行", "80"],  # row 4
    ["2100199", "其他卫生健康管理事务支出", "20"],  # row 5
    ["21004", "公共卫生", "200.00"],  # row 6
    ["", "收入总计", "300"],  # row 7
    ["", "支出总计", "300"],  # row 8
    ["", "因公出国（境）费", "0"],  # row 9
    ["", "公务用车购置费", "0"],  # row 10
    ["", "公务用车运行费", "8.5"],  # row 11
    ["", "公务用车购置及运行费", "8.5"],  # row 12
    ["", "公务接待费", "4.2"],  # row 13
    ["", "“三公”经费合计", "12.7"],  # row 14
]


def xlsx(rows, header=("科目编码", "科目名称", "金额（万元）")) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def agency():
    return make_agency(code="HC-COUNTY")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


def run(agency, clerk, data):
    return importing.import_table(
        agency=agency, year=2025, kind=Kind.BUDGET, actor=clerk, filename="表.xlsx", data=data
    )


def test_a_good_file_makes_a_draft(agency, clerk):
    table = run(agency, clerk, xlsx(GOOD_ROWS))
    assert table.status == TableStatus.DRAFT
    assert [line.code for line in table.lines.all()] == [
        "210",
        "21001",
        "2100101",
        "2100199",
        "21004",
    ]
    assert table.vehicle_operation == Decimal("8.50")
    assert table.reception == Decimal("4.20")
    assert table.income_total == Decimal("300.00")
    assert AuditEvent.objects.filter(action="budget_table.import").count() == 1


def _with(row_number: int, row: list[str]) -> list[list[str]]:
    rows = [list(r) for r in GOOD_ROWS]
    rows[row_number - 2] = row
    return rows


@pytest.mark.parametrize(
    ("rows", "row", "column", "message"),
    [
        (_with(3, ["2100", "卫生健康管理事务", "100"]), 3, "科目编码", "不正确"),
        (_with(4, ["2100101", "行政运行", ""]), 4, "金额（万元）", "请填写金额"),
        (_with(5, ["2100199", "其他", "二十"]), 5, "金额（万元）", "不是数字"),
        (_with(6, ["21001", "公共卫生", "200"]), 6, "科目编码", "重复"),
        (_with(14, ["", "“三公”经费合计", "13.7"]), 14, "金额（万元）", "不等于各项之和"),
        (
            _with(12, ["", "公务用车购置及运行费", "9"]),
            12,
            "金额（万元）",
            "不等于购置费与运行费之和",
        ),
        (_with(13, ["", "公务接待费", "abc"]), 13, "金额（万元）", "不是数字"),
        (_with(9, ["", "其他费用", "1"]), 9, "科目编码", "不是汇总行"),
    ],
)
def test_a_bad_row_is_reported_and_nothing_imported(agency, clerk, rows, row, column, message):
    with pytest.raises(ImportFailed) as caught:
        run(agency, clerk, xlsx(rows))
    errors = caught.value.errors
    assert [(e.row, e.column) for e in errors] == [(row, column)]
    assert message in errors[0].message
    assert f"第{row}行" in str(errors[0])
    assert not BudgetTable.objects.exists()
    assert not BudgetLine.objects.exists()


def test_a_missing_column_is_reported(agency, clerk):
    with pytest.raises(ImportFailed) as caught:
        run(agency, clerk, xlsx([["210", "卫生健康支出"]], header=("科目编码", "科目名称")))
    assert caught.value.errors[0].column == "金额（万元）"


def test_a_blank_template_is_a_valid_workbook_with_the_columns():
    workbook = openpyxl.load_workbook(io.BytesIO(importing.template_xlsx()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == importing.COLUMNS
    assert ("", "“三公”经费合计", "") in [tuple(v or "" for v in r) for r in rows]
