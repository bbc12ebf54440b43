"""Checking an uploaded resource file: what is accepted and every refusal's message."""

import json

import pytest

from gongkai import limits
from gongkai.opendata import tables
from gongkai.opendata.errors import ResourceInvalid
from gongkai.opendata.tests.factories import xlsx_bytes

TEXT = "机构名称,床位数,开业日期\n第一人民医院,500,2001-03-01\n中医院,220.5,1998-07-15\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("utf-8-sig"), "UTF-8 (BOM)"),
        (TEXT.encode("gbk"), "GB18030/GBK"),
        (TEXT.encode("gb18030"), "GB18030/GBK"),
    ],
)
def test_csv_in_each_encoding_reads_the_same_table(data, encoding):
    table = tables.parse_upload(data)
    assert table.format == "CSV"
    assert table.encoding == encoding
    assert table.headers == ["机构名称", "床位数", "开业日期"]
    assert table.rows[0] == ["第一人民医院", "500", "2001-03-01"]
    assert table.types == ["string", "number", "date"]


def test_the_stored_csv_is_utf8_whatever_came_in():
    table = tables.parse_upload(TEXT.encode("gbk"))
    stored = tables.write(table, "CSV")
    assert stored.decode("utf-8-sig").splitlines()[1] == "第一人民医院,500,2001-03-01"


def _problems(data, schema=()):
    with pytest.raises(ResourceInvalid) as caught:
        tables.parse_upload(data, schema)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "schema", "expected"),
    [
        pytest.param(
            "名称,床位\n甲,1\n乙,2,多余\n".encode(),
            (),
            ["第3行：这一行有3个单元格，而列名行有2列。"],
            id="ragged-row-too-wide",
        ),
        pytest.param(
            "名称,床位\n甲\n".encode(),
            (),
            ["第2行：这一行有1个单元格，而列名行有2列。"],
            id="ragged-row-too-short",
        ),
        pytest.param(
            "名称,,床位\n甲,1,2\n".encode(),
            (),
            ["第1行：第2列没有列名。"],
            id="empty-header",
        ),
        pytest.param(
            "\n\n甲,1\n".encode(),
            (),
            ["第1行：第1行应为列名，但它是空的。"],
            id="header-not-on-row-1",
        ),
        pytest.param(
            "名称,名称\n甲,乙\n".encode(),
            (),
            ["第1行“名称”：列名重复出现。"],
            id="duplicate-header",
        ),
        pytest.param(
            "名称,床位\n甲,10\n乙,十二\n".encode(),
            [{"name": "床位", "type": "integer"}],
            ["第3行“床位”：应为整数，实际是“十二”。"],
            id="bad-integer-in-declared-column",
        ),
        pytest.param(
            "名称,床位\n甲,10\n".encode(),
            [{"name": "日期", "type": "date"}],
            ["第1行“日期”：声明的列在文件中不存在。"],
            id="declared-column-missing",
        ),
        pytest.param(b"", (), ["文件是空的。"], id="empty"),
        pytest.param(
            b"\xff\xfe\x00\x00\xff\xff\xfe\xfe\x81",
            (),
            [
                "无法识别文件的文字编码。"
                "请使用 UTF-8 或 GBK（GB18030）编码的 CSV 文件，或 XLSX 文件。"
            ],
            id="unknown-encoding",
        ),
        pytest.param(b"%PDF-1.4 ...", (), ["只接受 CSV、XLSX 和 JSON 文件。"], id="pdf"),
        pytest.param(
            b'{"a": 1}',
            (),
            ['JSON 文件应为一个对象数组，每个对象是一行数据，例如 [{"名称": "…"}]。'],
            id="json-not-an-array",
        ),
        pytest.param(
            json.dumps([{"名称": "甲", "床位": 1}, {"名称": "乙"}], ensure_ascii=False).encode(),
            (),
            ["第2个对象的键与第一个对象不同：缺少 床位，多出 无。"],
            id="json-object-missing-a-key",
        ),
    ],
)
def test_refusals_name_the_row_and_column(data, schema, expected):
    assert _problems(data, schema) == expected


def test_too_big_a_file_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(limits, "DATASET_FILE_MAX_BYTES", 100)
    assert _problems(("名称\n" + "甲\n" * 100).encode()) == ["文件太大（0.0 MB），上限为 0 MB。"]


def test_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "DATASET_MAX_ROWS", 3)
    assert _problems(("名称\n" + "甲\n" * 4).encode()) == ["表格超过3行数据，请拆分为几个资源。"]


def test_xlsx_is_read_with_types_and_trailing_blanks_ignored():
    data = xlsx_bytes([["月份", "病例数", None], ["2026-01", 3, None], ["2026-02", 5]])
    table = tables.parse_upload(data)
    assert table.format == "XLSX"
    assert table.headers == ["月份", "病例数"]
    assert table.rows == [["2026-01", "3"], ["2026-02", "5"]]
    assert table.types == ["string", "integer"]


def test_xlsx_row_wider_than_the_header_is_refused():
    data = xlsx_bytes([["月份", "病例数"], ["2026-01", 3, "多余"]])
    assert _problems(data) == ["第2行：这一行有3个单元格，而列名行有2列。"]


def test_json_array_of_objects_is_read_and_written_back_typed():
    data = json.dumps(
        [{"月份": "2026-01-01", "病例数": 3}, {"月份": "2026-02-01", "病例数": None}]
    ).encode()
    table = tables.parse_upload(data)
    assert table.types == ["date", "integer"]
    assert json.loads(tables.write(table, "JSON")) == [
        {"月份": "2026-01-01", "病例数": 3},
        {"月份": "2026-02-01", "病例数": None},
    ]


def test_the_same_table_has_the_same_digest_in_any_format():
    table = tables.parse_upload(TEXT.encode())
    again = tables.parse_upload(tables.write(table, "XLSX"))
    assert again.digest == table.digest


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["1", "-2", ""], "integer"),
        (["1", "2.5"], "number"),
        (["2026-01-01", "2026年2月3日"], "date"),
        (["1", "甲"], "string"),
        (["", ""], "string"),
    ],
)
def test_column_types_are_inferred(values, kind):
    assert tables.infer_type(values) == kind
