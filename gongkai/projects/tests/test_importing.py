"""Import of the project list: a good file creates every project with its eight stages; one bad
row and nothing is imported, the error naming the row."""

import io

import openpyxl
import pytest

from gongkai.agencies.models import Role
from gongkai.documents.importing import ImportFailed
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_agency, make_user
from gongkai.projects.importing import COLUMNS, import_projects
from gongkai.projects.models import Project, ProjectStage, ProjectStatus

pytestmark = pytest.mark.django_db

GOOD = [
    "测试镇卫生院新建项目",
    "2026-1",
    "测试镇",
    "1200.5",
    "测试镇卫生院",
    "2026-03-01",
    "2027-06-30",
    "在建",
]
SECOND = ["县医院门诊楼改造项目", "2026-2", "城关镇", "3,000", "县人民医院", "", "", ""]


def xlsx(*rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def agency():
    agency = make_agency()
    standard_item(agency, "P0303")
    return agency


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


def test_good_file_imports_every_project(agency, clerk):
    result = import_projects(
        agency=agency, actor=clerk, filename="清单.xlsx", data=xlsx(GOOD, SECOND)
    )
    assert result.count == 2
    first = Project.objects.get(code="2026-1")
    assert first.status == ProjectStatus.BUILDING
    assert str(first.investment) == "1200.50"
    assert Project.objects.get(code="2026-2").investment == 3000
    assert ProjectStage.objects.filter(project__agency=agency).count() == 16


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({3: "很多"}, "第3行“总投资（万元）”"),
        ({1: ""}, "第3行“项目代码”：必填"),
        ({1: "2026-1"}, "第3行“项目代码”：与第2行的项目代码重复"),
        ({5: "2026-13-45"}, "第3行“计划开工日期”"),
        ({5: "2027-01-01", 6: "2026-01-01"}, "第3行“计划竣工日期”"),
        ({7: "未知状态"}, "第3行“项目状态”"),
    ],
)
def test_a_bad_row_imports_nothing(agency, clerk, bad, message):
    row = list(SECOND)
    for index, value in bad.items():
        row[index] = value
    with pytest.raises(ImportFailed) as exc:
        import_projects(agency=agency, actor=clerk, filename="清单.xlsx", data=xlsx(GOOD, row))
    assert any(message in str(error) for error in exc.value.errors), exc.value.errors
    assert not Project.objects.filter(agency=agency).exists()


def test_existing_code_refused(agency, clerk):
    import_projects(agency=agency, actor=clerk, filename="a.xlsx", data=xlsx(GOOD))
    with pytest.raises(ImportFailed) as exc:
        import_projects(agency=agency, actor=clerk, filename="b.xlsx", data=xlsx(SECOND, GOOD))
    assert "第3行“项目代码”：该项目代码已存在" in str(exc.value.errors[0])
    assert Project.objects.filter(agency=agency).count() == 1


def test_missing_column_refused(agency, clerk):
    book = openpyxl.Workbook()
    book.active.append(["项目名称", "项目代码"])
    book.active.append(["甲", "1"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFailed, match="1 处问题"):
        import_projects(agency=agency, actor=clerk, filename="c.xlsx", data=buffer.getvalue())
