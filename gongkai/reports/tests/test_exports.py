"""The report out of the platform: the JSON contract, HTML, DOCX, XLSX, the command."""

import io
import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Level
from gongkai.factories import make_agency
from gongkai.foi.outcomes import REPORT_ROWS
from gongkai.reports.checks import run_checks
from gongkai.reports.computation import compute_report
from gongkai.reports.exports import (
    ReportText,
    render_docx,
    render_page_html,
    render_xlsx,
    report_json,
)
from gongkai.reports.labels import item_label
from gongkai.reports.tests.factories import make_application
from gongkai.reports.tests.scenario import YEAR, build_year

pytestmark = pytest.mark.django_db

ROWS = [
    "new",
    "carried_in",
    "granted",
    "partial",
    *(f"withheld.{n}" for n in range(1, 9)),
    *(f"unable.{n}" for n in range(1, 4)),
    *(f"not_handled.{n}" for n in range(1, 6)),
    *(f"other.{n}" for n in range(1, 4)),
    "total",
    "carried_out",
]
COLUMNS = ["natural", "business", "research", "public_interest", "legal_service", "other", "total"]
OFFICIAL_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


@pytest.fixture
def county():
    return make_agency(code="HC-01", name="测试县卫生健康局", level=Level.COUNTY)


@pytest.fixture
def data(county):
    build_year(county)
    return compute_report([county.pk], YEAR)


@pytest.fixture
def text():
    return ReportText(agency_name="测试县卫生健康局", overview="总体", problems="问题", other="无")


def test_the_official_row_labels():
    assert REPORT_ROWS == ROWS
    assert [item_label(row) for row in ROWS[2:-2]] == OFFICIAL_ROWS[2:-2]


def test_json_contract(county, data):
    payload = report_json(data, agency_code="HC-01", checks=run_checks(data))

    assert list(payload) == ["agency", "year", "table_a", "table_b", "table_c", "checks"]
    assert payload["agency"] == "HC-01"
    assert payload["year"] == 2025
    assert list(payload["table_b"]) == ROWS
    for row in ROWS:
        assert list(payload["table_b"][row]) == COLUMNS
        assert all(type(v) is int for v in payload["table_b"][row].values())
    assert payload["table_a"] == {
        "rule": {"issued": 1, "repealed": 0, "valid": 1},
        "normative": {"issued": 2, "repealed": 1, "valid": 4},
        "licensing": {"decisions": 3},
        "penalty": {"decisions": 2},
        "enforcement": {"decisions": 0},
        "fees": {"amount": "199.43"},
    }
    assert list(payload["table_c"]) == ["review", "litigation_direct", "litigation_after_review"]
    for group in payload["table_c"].values():
        assert list(group) == ["upheld", "corrected", "other", "pending", "total"]
    assert len(payload["checks"]) == 7
    for check in payload["checks"]:
        assert list(check) == ["name", "ok", "detail"]
        assert type(check["ok"]) is bool
        assert isinstance(check["detail"], str)
        assert check["detail"]
    json.dumps(payload)  # serialisable as is


class _Cells(HTMLParser):
    """Every th/td of the page with its attributes and text."""

    def __init__(self):
        super().__init__()
        self.cells: list[tuple[str, dict, str]] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td"):
            self._open = [tag, dict(attrs), ""]

    def handle_data(self, text):
        if self._open is not None:
            self._open[2] += text

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._open is not None:
            self.cells.append(tuple(self._open))
            self._open = None


def test_html_has_the_official_merged_headers(data, text):
    parser = _Cells()
    parser.feed(render_page_html(data, text))
    headers = {cell[2]: cell[1] for cell in parser.cells if cell[0] == "th"}

    assert headers["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == {
        "colspan": "3",
        "rowspan": "3",
    }
    assert headers["申请人情况"] == {"colspan": "7", "scope": "colgroup"}
    assert headers["自然人"] == {"rowspan": "2", "scope": "col"}
    assert headers["法人或其他组织"] == {"colspan": "5", "scope": "colgroup"}
    assert headers["三、本年度办理结果"] == {"rowspan": "22", "scope": "rowgroup"}
    assert headers["（三）不予公开"] == {"rowspan": "8", "scope": "rowgroup"}
    assert headers["（四）无法提供"] == {"rowspan": "3", "scope": "rowgroup"}
    assert headers["（五）不予处理"] == {"rowspan": "5", "scope": "rowgroup"}
    assert headers["（六）其他处理"] == {"rowspan": "3", "scope": "rowgroup"}
    assert headers["（七）总计"] == {"colspan": "2", "scope": "row"}
    assert headers["一、本年新收政府信息公开申请数量"] == {"colspan": "3", "scope": "row"}
    assert headers["行政复议"] == {"colspan": "5", "scope": "colgroup"}
    assert headers["行政诉讼"] == {"colspan": "10", "scope": "colgroup"}
    assert headers["第二十条第（八）项"] == {"colspan": "4", "scope": "rowgroup"}
    row_headers = [cell[2] for cell in parser.cells if cell[1].get("scope") == "row"]
    table_b_rows = [label for label in row_headers if label in OFFICIAL_ROWS]
    assert table_b_rows == OFFICIAL_ROWS
    numbers = [cell for cell in parser.cells if cell[0] == "td"]
    assert len(numbers) == 10 + 25 * 7 + 15  # Table A (10 cells), B (25 × 7), C (15)


def test_docx_opens_and_has_the_official_rows_in_order(data, text):
    import docx

    document = docx.Document(io.BytesIO(render_docx(data, text)))

    assert len(document.tables) == 3
    table_b = document.tables[1]
    labels = []
    for row in table_b.rows[3:]:
        cells = row.cells
        label = cells[2].text  # the innermost label column (merged cells repeat their text)
        labels.append(label)
    assert labels == OFFICIAL_ROWS
    first = table_b.rows[3].cells
    assert [c.text for c in first[3:]] == [str(data.table_b["new"][c]) for c in COLUMNS]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table_c = document.tables[2]
    assert len(table_c.columns) == 15
    assert [c.text for c in table_c.rows[3].cells][:5] == ["1", "1", "1", "1", "4"]


def test_xlsx_has_three_sheets_with_merged_headers(data, text):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(data, text)))

    assert workbook.sheetnames == ["二、主动公开", "三、依申请公开", "四、复议诉讼"]
    sheet = workbook["三、依申请公开"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A2:C4" in merged  # the note, 3 × 3
    assert "D2:J2" in merged  # 申请人情况 over 7 columns
    assert "A7:A28" in merged  # 三、本年度办理结果 over 22 rows
    assert sheet["A5"].value == "一、本年新收政府信息公开申请数量"
    assert [sheet.cell(row=5, column=c).value for c in range(4, 11)] == [
        data.table_b["new"][c] for c in COLUMNS
    ]
    assert sheet["A29"].value == "四、结转下年度继续办理"


def test_the_command_writes_every_format(county, data, tmp_path, capsys):
    call_command("annual-report", "2025", "--agency", "HC-01", "--format", "json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["table_b"]["new"]["total"] == 26

    for fmt in ("docx", "xlsx", "html"):
        out = tmp_path / f"report.{fmt}"
        call_command(
            "annual-report", "2025", "--agency", "HC-01", "--format", fmt, "--output", str(out)
        )
        assert out.stat().st_size > 1000


def test_the_command_rolls_up_subordinates(county, data, capsys):
    city = make_agency(code="HC-CITY", level=Level.CITY)
    county.parent = city
    county.save(update_fields=["parent"])
    make_application(city, received="2025-02-02")

    call_command("annual-report", "2025", "--agency", "HC-CITY", "--rollup")
    rolled = json.loads(capsys.readouterr().out)
    call_command("annual-report", "2025", "--agency", "HC-CITY")
    alone = json.loads(capsys.readouterr().out)

    assert rolled["table_b"]["new"]["total"] == 27
    assert alone["table_b"]["new"]["total"] == 1


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def test_the_docx_converts_to_pdf_with_libreoffice(data, text, tmp_path):
    if LIBREOFFICE is None:
        pytest.skip(
            "LIBREOFFICE TEST SKIPPED: no libreoffice/soffice on PATH "
            "(apt-get install libreoffice-writer fonts-noto-cjk) — the DOCX→PDF check did not run"
        )
    source = tmp_path / "report.docx"
    source.write_bytes(render_docx(data, text))

    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [LIBREOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
    )

    pdf = tmp_path / "report.pdf"
    assert pdf.exists()
    assert pdf.read_bytes().startswith(b"%PDF")
