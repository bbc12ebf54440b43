"""Import files are read row by row and refused at the row limit, never loaded whole."""

import io
import re
import zipfile

import openpyxl
import pytest

from gongkai.documents import importing
from gongkai.documents.importing import ImportFailed

LIMIT = 50


def xlsx_file(rows: list[list[object]], *, blank_rows_first: int = 0) -> bytes:
    """A workbook written in openpyxl's write-only mode (row by row, as a big export is)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["标题", "文号"])
    for _ in range(blank_rows_first):
        sheet.append([])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def data_rows(count: int) -> list[list[object]]:
    return [[f"第{number}条", f"卫发〔2026〕{number}号"] for number in range(count)]


def refusal(filename: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ImportFailed) as refused:
        importing.read_table(filename, data, **kwargs)
    return str(refused.value.errors[0])


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows (header included) the reader took from the file."""
    counter = {"rows": 0}

    def counting(reader):
        def wrapped(*args, **kwargs):
            for row in reader(*args, **kwargs):
                counter["rows"] += 1
                yield row

        return wrapped

    monkeypatch.setattr(importing, "_xlsx_rows", counting(importing._xlsx_rows))
    monkeypatch.setattr(importing, "_csv_rows", counting(importing._csv_rows))
    return counter


def test_a_sheet_over_the_limit_is_refused_at_the_first_row_too_many(rows_read):
    data = xlsx_file(data_rows(LIMIT + 10))

    assert f"表格超过{LIMIT}行" in refusal("a.xlsx", data, max_rows=LIMIT)
    assert rows_read["rows"] == 1 + LIMIT + 1  # the header, the limit, and one more


def test_a_csv_over_the_limit_is_refused_at_the_first_row_too_many(rows_read):
    lines = ["标题,文号", *(f"第{number}条,卫发〔2026〕{number}号" for number in range(LIMIT + 10))]
    data = "\n".join(lines).encode()

    assert f"表格超过{LIMIT}行" in refusal("a.csv", data, max_rows=LIMIT)

    assert rows_read["rows"] == 1 + LIMIT + 1


def test_a_sheet_at_the_limit_is_read_whole(rows_read):
    table = importing.read_table("a.xlsx", xlsx_file(data_rows(LIMIT)), max_rows=LIMIT)

    assert len(table) == LIMIT
    assert table[-1] == {"标题": f"第{LIMIT - 1}条", "文号": f"卫发〔2026〕{LIMIT - 1}号"}


def test_blank_rows_count_towards_a_bound_on_what_is_read(rows_read):
    data = xlsx_file(data_rows(3), blank_rows_first=3 * LIMIT)

    assert f"表格超过{LIMIT}行" in refusal("a.xlsx", data, max_rows=LIMIT)

    assert rows_read["rows"] == 2 + 2 * LIMIT  # header + 2 × limit, then one more


def with_declared_rows(data: bytes, rows: int) -> bytes:
    """The same workbook claiming (in <dimension>) to have `rows` rows."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
                content = content.replace(
                    b"<sheetViews>", b'<dimension ref="A1:B%d"/><sheetViews>' % rows, 1
                )
            target.writestr(member, content)
    return out.getvalue()


def test_a_sheet_declaring_a_million_rows_is_refused_before_any_row_is_read(rows_read):
    data = with_declared_rows(xlsx_file(data_rows(3)), 1_500_000)

    assert f"表格超过{LIMIT}行" in refusal("a.xlsx", data, max_rows=LIMIT)

    assert rows_read["rows"] == 0


def test_the_default_limit_is_the_import_limit(monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 2)

    assert "表格超过2行" in refusal("a.xlsx", xlsx_file(data_rows(3)))
