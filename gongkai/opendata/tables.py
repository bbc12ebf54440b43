"""Reading, checking and writing a resource's table. Pure: bytes in, a table or errors out.

An upload is checked whole before anything is kept, and every problem is reported with its
row (the header is row 1, as in the spreadsheet) and column: the encoding (UTF-8 with or
without BOM, else GB18030, which contains GBK), a header row of non-empty unique names, each
row as wide as the header, and the declared column types. Types are inferred for every column
(integer, number, date, string). Files are written back as UTF-8.
"""

import csv
import datetime
import hashlib
import io
import json
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import filetype
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.documents.errors import UploadRejected
from gongkai.documents.importing import OLE2_MAGIC, ZIP_MAGIC, RowError, cell_text, parse_date
from gongkai.documents.uploads import check_archive
from gongkai.opendata.errors import ResourceInvalid
from gongkai.opendata.models import ResourceFormat

TYPES = ("integer", "number", "date", "string")
TYPE_LABELS = {
    "integer": "整数",
    "number": "数值",
    "date": "日期",
    "string": "文本",
    "year": "年份",
}
_INTEGER = re.compile(r"^[-+]?\d+$")
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


@dataclass
class ParsedTable:
    format: str
    headers: list[str]
    rows: list[list[str]]  # cells as text, each row as wide as the headers
    types: list[str]
    encoding: str = ""
    row_numbers: list[int] | None = None
    titles: list[str] | None = None  # a generated table's Chinese column titles (with units)

    @property
    def columns(self) -> list[dict[str, str]]:
        columns = [{"name": h, "type": t} for h, t in zip(self.headers, self.types, strict=True)]
        for column, title in zip(columns, self.titles or (), strict=False):
            column["title"] = title
        return columns

    @property
    def digest(self) -> str:
        """SHA-256 of the header and cells: equal tables, equal digest, whatever the format."""
        canonical = json.dumps([self.headers, self.rows], ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def type_label(name: str) -> str:
    return _(TYPE_LABELS.get(name, name))


def matches(text: str, kind: str) -> bool:
    """Whether a non-empty cell's text is of the column type `kind`."""
    if kind == "integer":
        return bool(_INTEGER.match(text))
    if kind == "number":
        return bool(_NUMBER.match(text))
    if kind == "date":
        return parse_date(text) is not None
    return True


def infer_type(values: Iterable[str]) -> str:
    """The narrowest type all non-empty cells have; a column of empty cells is text."""
    candidates = ["integer", "number", "date"]
    seen = False
    for value in values:
        if not value:
            continue
        seen = True
        candidates = [kind for kind in candidates if matches(value, kind)]
        if not candidates:
            return "string"
    return candidates[0] if seen and candidates else "string"


class _Problems(list[RowError]):
    def add(self, row: int, column: str, message: str) -> None:
        if len(self) < limits.DATASET_MAX_ERRORS:
            self.append(RowError(row, column, message))


def _file_error(message: str) -> ResourceInvalid:
    return ResourceInvalid([RowError(0, "", message)])


# --- reading ---------------------------------------------------------------------------------


def parse_upload(data: bytes, schema: Sequence[dict[str, str]] = ()) -> ParsedTable:
    """The table in an uploaded CSV, XLSX or JSON file, judged by its content, or
    ResourceInvalid listing every problem (nothing is kept from a refused file)."""
    if not data:
        raise _file_error(_("文件是空的。"))
    if len(data) > limits.DATASET_FILE_MAX_BYTES:
        raise _file_error(
            _("文件太大（%(size).1f MB），上限为 %(limit).0f MB。")
            % {
                "size": len(data) / 1024 / 1024,
                "limit": limits.DATASET_FILE_MAX_BYTES / 1024 / 1024,
            }
        )
    if data.startswith(ZIP_MAGIC):
        table = _read_xlsx(data)
    elif data.startswith(OLE2_MAGIC):
        raise _file_error(_("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后上传。"))
    elif filetype.guess(data) is not None:
        raise _file_error(_("只接受 CSV、XLSX 和 JSON 文件。"))
    else:
        text, encoding = _decode(data)
        if text.lstrip().startswith(("[", "{")):
            table = _read_json(text, encoding)
        else:
            table = _read_csv(text, encoding)
    check_schema(table, schema)
    return table


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = [("utf-8-sig", "UTF-8 (BOM)")]
    else:
        encodings = [("utf-8", "UTF-8"), ("gb18030", "GB18030/GBK")]
    for codec, label in encodings:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise _file_error(_("文件不是文本文件。只接受 CSV、XLSX 和 JSON 文件。"))
        return text, label
    raise _file_error(
        _("无法识别文件的文字编码。请使用 UTF-8 或 GBK（GB18030）编码的 CSV 文件，或 XLSX 文件。")
    )


def _read_csv(text: str, encoding: str) -> ParsedTable:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        grid = [
            (number, [cell_text(cell) for cell in row])
            for number, row in enumerate(
                csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
            )
        ]
    except csv.Error as exc:
        raise _file_error(_("CSV 文件格式有误：%(problem)s") % {"problem": exc}) from exc
    return _table(ResourceFormat.CSV, grid, encoding, trim=False)


def _read_xlsx(data: bytes) -> ParsedTable:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive)
            is_workbook = "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile as exc:
        raise _file_error(_("文件已损坏，无法读取。")) from exc
    except UploadRejected as exc:
        raise _file_error(exc.message) from exc
    if not is_workbook:
        raise _file_error(_("压缩文件不是 XLSX 表格。只接受 CSV、XLSX 和 JSON 文件。"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise _file_error(_("无法读取 XLSX 文件，文件可能已损坏。")) from exc
    grid: list[tuple[int, list[str]]] = []
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > 1 + 2 * limits.DATASET_MAX_ROWS:
                raise _too_many_rows()
            grid.append((number, [cell_text(value) for value in values]))
    except ResourceInvalid:
        raise
    except Exception as exc:
        raise _file_error(_("无法读取 XLSX 文件，文件可能已损坏。")) from exc
    finally:
        workbook.close()
    return _table(ResourceFormat.XLSX, grid, "", trim=True)


def _too_many_rows() -> ResourceInvalid:
    return _file_error(
        _("表格超过%(limit)d行数据，请拆分为几个资源。") % {"limit": limits.DATASET_MAX_ROWS}
    )


def _trimmed(values: list[str]) -> list[str]:
    end = len(values)
    while end and not values[end - 1]:
        end -= 1
    return values[:end]


def _table(
    fmt: str, grid: list[tuple[int, list[str]]], encoding: str, *, trim: bool
) -> ParsedTable:
    """Header and rows from a grid of (row number, cells). A spreadsheet leaves trailing empty
    cells out (trim); a CSV row must have exactly the header's number of cells."""
    grid = [(n, values) for n, values in grid if any(values)]
    if not grid:
        raise _file_error(_("文件中没有数据：第1行应为列名。"))
    header_number, header = grid[0]
    if trim:
        header = _trimmed(header)
    problems = _Problems()
    if header_number != 1:
        problems.add(1, "", _("第1行应为列名，但它是空的。"))
    for position, name in enumerate(header, start=1):
        if not name:
            problems.add(
                header_number, "", _("第%(position)d列没有列名。") % {"position": position}
            )
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            problems.add(header_number, name, _("列名重复出现。"))
        seen.add(name)
    width = len(header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, values in grid[1:]:
        if len(rows) == limits.DATASET_MAX_ROWS:
            raise _too_many_rows()
        cells = _trimmed(values) if trim else values
        if len(cells) > width or (not trim and len(cells) < width):
            problems.add(
                number,
                "",
                _("这一行有%(cells)d个单元格，而列名行有%(columns)d列。")
                % {"cells": len(cells), "columns": width},
            )
            continue
        rows.append(cells + [""] * (width - len(cells)))
        numbers.append(number)
    if problems:
        raise ResourceInvalid(problems)
    types = [infer_type(row[i] for row in rows) for i in range(width)]
    return ParsedTable(fmt, header, rows, types, encoding, numbers)


def _json_cell(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return cell_text(value)
    return None


def _read_json(text: str, encoding: str) -> ParsedTable:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _file_error(
            _("JSON 格式有误（第%(line)d行第%(column)d列）：%(problem)s")
            % {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}
        ) from exc
    if not isinstance(data, list) or not data or not all(isinstance(o, dict) for o in data):
        raise _file_error(
            _('JSON 文件应为一个对象数组，每个对象是一行数据，例如 [{"名称": "…"}]。')
        )
    if len(data) > limits.DATASET_MAX_ROWS:
        raise _too_many_rows()
    header = [str(key) for key in data[0]]
    problems = _Problems()
    rows = []
    for number, item in enumerate(data, start=1):
        keys = [str(key) for key in item]
        if set(keys) != set(header):
            missing = "、".join(k for k in header if k not in keys) or _("无")
            extra = "、".join(k for k in keys if k not in header) or _("无")
            problems.add(
                0,
                "",
                _("第%(number)d个对象的键与第一个对象不同：缺少 %(missing)s，多出 %(extra)s。")
                % {"number": number, "missing": missing, "extra": extra},
            )
            continue
        row = []
        for key in header:
            cell = _json_cell(item[key])
            if cell is None:
                problems.add(
                    0,
                    "",
                    _("第%(number)d个对象的“%(key)s”不是文字或数字。")
                    % {"number": number, "key": key},
                )
                cell = ""
            row.append(cell)
        rows.append(row)
    if problems:
        raise ResourceInvalid(problems)
    types = [infer_type(row[i] for row in rows) for i in range(len(header))]
    return ParsedTable(ResourceFormat.JSON, header, rows, types, encoding)


def check_schema(table: ParsedTable, schema: Sequence[dict[str, str]]) -> None:
    """Every declared column is present and each of its cells has the declared type; the
    declared types then replace the inferred ones."""
    problems = _Problems()
    for declared in schema:
        name, kind = declared["name"], declared["type"]
        if name not in table.headers:
            problems.add(1, name, _("声明的列在文件中不存在。"))
            continue
        index = table.headers.index(name)
        numbers = table.row_numbers or list(range(2, len(table.rows) + 2))
        for number, row in zip(numbers, table.rows, strict=True):
            value = row[index]
            if value and not matches(value, kind):
                problems.add(
                    number,
                    name,
                    _("应为%(type)s，实际是“%(value)s”。")
                    % {"type": type_label(kind), "value": value[:50]},
                )
        table.types[index] = kind
    if problems:
        raise ResourceInvalid(problems)


def table_from_source(source_table) -> ParsedTable:
    """A registered source's typed table (gongkai/opendata/sources.py) as text cells."""
    headers = [column.name for column in source_table.columns]
    # A year stays a year: written as an integer, never drawn as a quantity in the chart.
    types = [column.type for column in source_table.columns]
    with translation.override("zh-hans"):  # stored with the version, as the records are
        titles = [
            f"{column.title}（{column.unit}）" if column.unit else str(column.title)
            for column in source_table.columns
        ]
    rows = [[cell_text(value) for value in row] for row in source_table.rows]
    return ParsedTable("", headers, rows, types, titles=titles)


# --- writing ---------------------------------------------------------------------------------


def typed_value(text: str, kind: str) -> Any:
    """A cell's text as a JSON or spreadsheet value of its column's type."""
    if text == "":
        return None
    if kind in ("integer", "year") and _INTEGER.match(text):
        return int(text)
    if kind == "number" and _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    if kind == "date":
        parsed = parse_date(text)
        return parsed.isoformat() if parsed else text
    return text


def write(table: ParsedTable, fmt: str) -> bytes:
    """The table as a file of `fmt`: CSV in UTF-8 with a BOM (so that Excel reads the Chinese),
    XLSX, or JSON as an array of objects with typed values."""
    if fmt == ResourceFormat.CSV:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(table.headers)
        writer.writerows(table.rows)
        return out.getvalue().encode("utf-8-sig")
    if fmt == ResourceFormat.JSON:
        objects = [
            {h: typed_value(v, t) for h, v, t in zip(table.headers, row, table.types, strict=True)}
            for row in table.rows
        ]
        return json.dumps(objects, ensure_ascii=False, indent=1).encode()
    if fmt == ResourceFormat.XLSX:
        return _write_xlsx(table)
    raise ValueError(f"unknown format {fmt!r}")


def _write_xlsx(table: ParsedTable) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(table.headers)
    for row in table.rows:
        values = []
        for value, kind in zip(row, table.types, strict=True):
            typed = typed_value(value, kind)
            if kind == "date" and typed:
                typed = datetime.date.fromisoformat(typed) if len(typed) == 10 else typed
            values.append(typed)
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
