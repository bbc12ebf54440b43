"""Bulk import of records an agency already published before it moved to gongkai (its history).

A spreadsheet (XLSX or CSV, one record per row, Chinese column names; docs/import-format.md)
is read into rows of text, every row is checked, and only a file without a single error is
imported, in one transaction: each record is created as published, keeps its 索引号 if it had
one, and gets its due date and lateness derived exactly as for records published here.
"""

import contextlib
import csv
import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.documents import rules, services
from gongkai.documents.errors import DocumentError, UploadRejected
from gongkai.documents.models import (
    Attribute,
    Document,
    DocumentLink,
    DocumentType,
    Issuer,
    LinkKind,
    Scope,
    Status,
    Topic,
    Validity,
    WithholdingBasis,
)
from gongkai.documents.search_feed import sync_search
from gongkai.documents.uploads import check_archive
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.workdays.calendar import get_calendar

# Column names are the file format itself, so they are never translated.
TITLE = "标题"
DOCUMENT_NUMBER = "文号"
ISSUERS = "发文机关"
FORMED_ON = "成文日期"
PUBLISHED_ON = "发布日期"
TOPIC = "主题分类"
ITEM_CODE = "目录事项编码"
ELEMENT = "公开内容要素"
DOCUMENT_TYPE = "文件类型"
SUMMARY = "内容概述"
BODY = "正文"
ATTRIBUTE = "公开属性"
SCOPE = "公开方式"
BASIS = "不公开依据"
REASON = "不公开理由"
VALIDITY = "有效性"
EFFECTIVE_ON = "施行日期"
INDEX_NUMBER = "索引号"
INTERPRETS = "解读对象索引号"

MAX_ROWS = 5000
PUBLISHED_AT_TIME = datetime.time(9, 0)  # the publication hour of imported records (local time)
ISSUER_SEPARATORS = re.compile(r"[、；;\n]")
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
MAX_LENGTHS = {
    TITLE: 300,
    DOCUMENT_NUMBER: 100,
    ELEMENT: 200,
    INDEX_NUMBER: 64,
    SUMMARY: limits.RECORD_SUMMARY,
    BODY: limits.RECORD_BODY,
    REASON: limits.REASON,
}
ISSUER_MAX_LENGTH = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format


class Column(NamedTuple):
    header: str
    required: bool
    explanation: Promise | str


TEMPLATE_COLUMNS: list[Column] = [
    Column(TITLE, True, gettext_lazy("文件的完整标题，不超过300字。")),
    Column(DOCUMENT_NUMBER, False, gettext_lazy("例如：津滨卫函〔2018〕489号。没有文号的留空。")),
    Column(
        ISSUERS,
        True,
        gettext_lazy(
            "一个或多个发文机关，联合发文用顿号“、”或分号“；”分隔。"
            "与平台中机关名称完全相同的，自动关联该机关。"
        ),
    ),
    Column(
        FORMED_ON, True, gettext_lazy("信息形成之日，可写作 2024-03-01、2024年3月1日 或 2024/3/1。")
    ),
    Column(
        PUBLISHED_ON,
        True,
        gettext_lazy(
            "原来发布的日期，格式同成文日期，不得早于成文日期，不得晚于今天。发布时间记为当天9:00。"
        ),
    ),
    Column(
        TOPIC,
        True,
        gettext_lazy(
            "主题分类的名称（例如“卫生、体育\\卫生”）或代码（例如 health），可选取值见下表。"
        ),
    ),
    Column(
        ITEM_CODE,
        True,
        gettext_lazy("本机关公开目录中事项的编码，例如 G0203。标记为不适用的事项不能导入。"),
    ),
    Column(
        ELEMENT,
        False,
        gettext_lazy(
            "该目录事项中公开内容要素的名称，例如“结果信息”。应公开日期按该要素的公开时限计算。"
        ),
    ),
    Column(
        DOCUMENT_TYPE,
        True,
        gettext_lazy("文件类型的名称（例如“其他政策文件”“政策解读”）或代码，可选取值见下表。"),
    ),
    Column(SUMMARY, True, gettext_lazy("目录中显示的内容概述（条例第十二条）。")),
    Column(
        BODY,
        False,
        gettext_lazy(
            "纯文本（每行一段）或 HTML。"
            "HTML 只保留段落、标题、列表、表格和链接，脚本和样式会被清除。"
        ),
    ),
    Column(ATTRIBUTE, True, gettext_lazy("主动公开、依申请公开 或 不予公开（也可填代码）。")),
    Column(SCOPE, False, gettext_lazy("全文公开 或 删减后公开，留空为全文公开。")),
    Column(
        BASIS,
        False,
        gettext_lazy(
            "除全文主动公开外必填：不公开或删减的法律依据，填写名称（可省略括号中的条款）或代码。"
        ),
    ),
    Column(REASON, False, gettext_lazy("除全文主动公开外必填：不公开或删减的具体理由。")),
    Column(
        VALIDITY,
        False,
        gettext_lazy(
            "有效、已修改、已废止 或 已失效，留空为有效。不是“有效”的，以发布日期作为变更日期。"
        ),
    ),
    Column(EFFECTIVE_ON, False, gettext_lazy("可选，格式同成文日期。")),
    Column(
        INDEX_NUMBER,
        False,
        gettext_lazy(
            "原有的索引号，导入后保持不变，今后也不会再分配给其他信息；"
            "留空则按发布日期所在年度自动编号。索引号不能重复。"
        ),
    ),
    Column(
        INTERPRETS,
        False,
        gettext_lazy(
            "仅“政策解读”填写：所解读政策文件的索引号，可以是本机关已有的信息，"
            "也可以是本文件中其他行的索引号。"
        ),
    ),
]
KNOWN_COLUMNS = [column.header for column in TEMPLATE_COLUMNS]
REQUIRED_COLUMNS = [column.header for column in TEMPLATE_COLUMNS if column.required]

EXAMPLE_ROW: dict[str, str] = {
    TITLE: "示例：关于做好2024年基本公共卫生服务项目工作的通知（导入前请删除本行）",
    DOCUMENT_NUMBER: "示卫发〔2024〕12号",
    ISSUERS: "示例县卫生健康局、示例县财政局",
    FORMED_ON: "2024-03-01",
    PUBLISHED_ON: "2024年3月5日",
    TOPIC: "卫生、体育\\卫生",
    ITEM_CODE: "G0203",
    ELEMENT: "其他政策文件",
    DOCUMENT_TYPE: "其他政策文件",
    SUMMARY: "部署2024年基本公共卫生服务项目工作。",
    BODY: "各乡镇卫生院：\n现将2024年基本公共卫生服务项目工作安排通知如下。",
    ATTRIBUTE: "主动公开",
    SCOPE: "全文公开",
    BASIS: "",
    REASON: "",
    VALIDITY: "有效",
    EFFECTIVE_ON: "2024-04-01",
    INDEX_NUMBER: "",
    INTERPRETS: "",
}

# Columns whose values come from a fixed list, for the import page and the docs.
CHOICE_COLUMNS: dict[str, type[TextChoices]] = {
    TOPIC: Topic,
    DOCUMENT_TYPE: DocumentType,
    ATTRIBUTE: Attribute,
    SCOPE: Scope,
    BASIS: WithholdingBasis,
    VALIDITY: Validity,
}


@dataclass(frozen=True)
class RowError:
    """One problem: spreadsheet row (header = 1; 0 = the whole file), column, message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return self.message
        if not self.column:
            return _("第%(row)s行：%(message)s") % {"row": self.row, "message": self.message}
        return _("第%(row)s行“%(column)s”：%(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(DocumentError):
    """The file was not imported at all; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__(
            ngettext(
                "发现 %(count)d 处问题，没有导入任何信息。请修改后重新上传。",
                "发现 %(count)d 处问题，没有导入任何信息。请修改后重新上传。",
                len(self.errors),
            )
            % {"count": len(self.errors)}
        )


@dataclass
class ImportResult:
    documents: list[Document] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.documents)


class Table(list[dict[str, str]]):
    """Rows read from a file, with the file's column names and each row's spreadsheet number."""

    def __init__(
        self, rows: Iterable[dict[str, str]], *, headers: list[str], row_numbers: list[int]
    ):
        super().__init__(rows)
        self.headers = headers
        self.row_numbers = row_numbers


def _file_error(message: str) -> ImportFailed:
    return ImportFailed([RowError(0, "", message)])


# --- reading files -----------------------------------------------------------------------


def read_table(filename: str, data: bytes, *, max_rows: int | None = None) -> Table:
    """Rows of an XLSX or CSV file as {column: text}; blank rows skipped, row numbers kept.

    The result is a `Table`: `.headers` and `.row_numbers` (header row = 1) go with it. The
    file is read row by row and refused as soon as it passes `max_rows` data rows (or, with
    its blank rows, `max_rows` × 2), so a sheet of a million rows costs no more than a full one.
    """
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if not data:
        raise _file_error(_("文件是空的。"))
    if data.startswith(ZIP_MAGIC):
        grid = _xlsx_rows(data, max_rows)
    elif data.startswith(OLE2_MAGIC):
        raise _file_error(_("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后上传。"))
    elif (filename or "").lower().endswith((".xlsx", ".xls")):
        raise _file_error(_("文件扩展名是 Excel 表格，但内容不是有效的 XLSX 文件。"))
    else:
        grid = _csv_rows(data)
    with contextlib.closing(grid):
        return _table_from_grid(grid, max_rows)


def _too_many_rows(limit: int) -> ImportFailed:
    return _file_error(
        _("表格超过%(limit)d行。一次最多导入%(limit)d行，请分成几个文件导入。") % {"limit": limit}
    )


def _xlsx_rows(data: bytes, max_rows: int) -> Iterator[list[str]]:
    """The first sheet's rows as text, read one at a time from the workbook's XML."""
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
        raise _file_error(_("文件不是 XLSX 表格。请上传 XLSX 或 CSV 文件。"))
    try:
        with warnings.catch_warnings():
            # Files saved by other programs make openpyxl warn about styles it ignores anyway.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise _file_error(_("无法读取 XLSX 文件，文件可能已损坏。")) from exc
    try:
        sheet = workbook.worksheets[0]
        # The sheet's declared size (<dimension>), when it has one, refuses a huge sheet at once.
        if (sheet.max_row or 0) > _sheet_row_limit(max_rows):
            raise _too_many_rows(max_rows)
        rows = sheet.iter_rows(values_only=True)
        while True:
            try:
                values = next(rows, None)
            except Exception as exc:
                raise _file_error(_("无法读取 XLSX 文件，文件可能已损坏。")) from exc
            if values is None:
                return
            yield [cell_text(value) for value in values]
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise _file_error(
                _("无法识别文件的文字编码。请另存为 UTF-8 编码的 CSV 文件或 XLSX 文件。")
            ) from exc
    if "\x00" in text:
        raise _file_error(_("文件不是 CSV 文本文件。请上传 XLSX 或 CSV 文件。"))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [cell_text(value) for value in row]
    except csv.Error as exc:
        raise _file_error(_("CSV 文件格式有误：%(problem)s") % {"problem": exc}) from exc


def _sheet_row_limit(max_rows: int) -> int:
    """Rows read in all, blank ones included, before a file is refused (header + 2 × data)."""
    return 1 + 2 * max_rows


def _table_from_grid(grid: Iterator[list[str]], max_rows: int) -> Table:
    header_row = next(grid, None)
    if not header_row or not any(header_row):
        raise _file_error(_("第1行应为列名，但它是空的。"))
    headers = [normalise_header(value) for value in header_row]
    named = [header for header in headers if header]
    duplicates = sorted({header for header in named if named.count(header) > 1})
    if duplicates:
        raise ImportFailed([RowError(1, header, _("列名重复出现。")) for header in duplicates])
    rows: list[dict[str, str]] = []
    row_numbers: list[int] = []
    unnamed_with_data: set[int] = set()
    for number, values in enumerate(grid, start=2):
        if number > _sheet_row_limit(max_rows):
            raise _too_many_rows(max_rows)
        if not any(values):
            continue
        if len(rows) == max_rows:  # this row is one too many: stop reading here
            raise _too_many_rows(max_rows)
        for position, value in enumerate(values):
            if value and (position >= len(headers) or not headers[position]):
                unnamed_with_data.add(position + 1)
        rows.append(
            {
                header: (values[position] if position < len(values) else "")
                for position, header in enumerate(headers)
                if header
            }
        )
        row_numbers.append(number)
    if unnamed_with_data:
        raise ImportFailed(
            [
                RowError(
                    1, "", _("第%(position)d列没有列名，但下面有数据。") % {"position": position}
                )
                for position in sorted(unnamed_with_data)
            ]
        )
    return Table(rows, headers=named, row_numbers=row_numbers)


def normalise_header(value: str) -> str:
    """A column name without any whitespace or a trailing required-mark (*)."""
    return re.sub(r"\s+", "", value or "").replace("\ufeff", "").rstrip("*＊")


def cell_text(value: Any) -> str:
    """A cell's value as stripped text; dates as YYYY-MM-DD, whole numbers without “.0”."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# --- checking rows -----------------------------------------------------------------------


def parse_date(text: str) -> datetime.date | None:
    """YYYY-MM-DD, YYYY/M/D or YYYY年M月D日 as a date; None if it is none of them."""
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def _choice_key(text: str) -> str:
    text = re.sub(r"\s+", "", text).lower()
    return (
        text.replace("（", "(")
        .replace("）", ")")
        .replace("／", "\\")
        .replace("/", "\\")
        .replace("＼", "\\")
    )


def choice_index(choices: type[TextChoices]) -> dict[str, str]:
    """Every accepted spelling → value: the code, the Chinese label, the label in the
    current language, and the label without a trailing (article) when that is unambiguous."""
    with translation.override(None):  # the Chinese msgids, whatever the clerk's language
        source_labels = [(value, str(label)) for value, label in choices.choices]
    labels = source_labels + [(value, str(label)) for value, label in choices.choices]
    index: dict[str, str] = {}
    for value in choices.values:
        index.setdefault(_choice_key(value), value)
    for value, label in labels:
        index.setdefault(_choice_key(label), value)
    short: dict[str, set[str]] = {}
    for value, label in labels:
        shortened = re.sub(r"\([^()]*\)$", "", _choice_key(label))
        if shortened:
            short.setdefault(shortened, set()).add(value)
    for key, values in short.items():
        if len(values) == 1:
            index.setdefault(key, next(iter(values)))
    return index


def _choice_labels(choices: type[TextChoices]) -> str:
    return "".join(f"“{label}”" for label in choices.labels)  # labels contain 、 themselves


@dataclass
class _Plan:
    """What one valid row will become."""

    row: int
    fields: dict[str, Any]
    issuers: list[str]
    published_on: datetime.date
    index_number: str
    interprets: str


class _Checker:
    """Collects every problem of a file's rows against one agency's catalogue and records."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.errors: list[RowError] = []
        self.items = {
            item.code: item for item in AgencyItem.objects.filter(catalogue__agency=agency)
        }
        self.choices = {header: choice_index(cls) for header, cls in CHOICE_COLUMNS.items()}
        self.today = timezone.localdate()

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def choice(self, number: int, row: Mapping[str, str], column: str, default: str = "") -> str:
        text = row.get(column, "")
        if not text:
            return default
        value = self.choices[column].get(_choice_key(text))
        if value is None:
            self.error(
                number,
                column,
                _("无法识别的取值“%(value)s”。可填写：%(allowed)s。")
                % {"value": text, "allowed": _choice_labels(CHOICE_COLUMNS[column])},
            )
            return ""
        return value

    def date(self, number: int, row: Mapping[str, str], column: str) -> datetime.date | None:
        text = row.get(column, "")
        if not text:
            return None
        parsed = parse_date(text)
        if parsed is None:
            self.error(
                number,
                column,
                _("无法识别的日期“%(value)s”，请使用 YYYY-MM-DD 格式。") % {"value": text},
            )
        return parsed

    def row(self, number: int, row: Mapping[str, str]) -> _Plan | None:
        """Check one row on its own; a plan for it, or None when it has problems."""
        before = len(self.errors)
        for column in REQUIRED_COLUMNS:
            if not row.get(column):
                self.error(number, column, _("必须填写。"))
        for column, limit in MAX_LENGTHS.items():
            if len(row.get(column, "")) > limit:
                message = limits.too_long_message(column, limit, len(row[column]))
                self.error(number, column, message)
        issuers = list(
            dict.fromkeys(
                name.strip()
                for name in ISSUER_SEPARATORS.split(row.get(ISSUERS, ""))
                if name.strip()
            )
        )
        if row.get(ISSUERS) and not issuers:
            self.error(number, ISSUERS, _("必须填写。"))
        for name in issuers:
            if len(name) > ISSUER_MAX_LENGTH:
                self.error(
                    number,
                    ISSUERS,
                    _("发文机关“%(name)s”超过%(limit)d个字。")
                    % {"name": name[:20], "limit": ISSUER_MAX_LENGTH},
                )
        formed_on = self.date(number, row, FORMED_ON)
        published_on = self.date(number, row, PUBLISHED_ON)
        effective_on = self.date(number, row, EFFECTIVE_ON)
        document_type = self.choice(number, row, DOCUMENT_TYPE)
        future = rules.future_date_problems(
            document_type=document_type, formed_on=formed_on, changed_on=None, today=self.today
        )
        if future:
            self.error(number, FORMED_ON, future["formed_on"])
        elif formed_on and published_on and published_on < formed_on:
            self.error(
                number,
                PUBLISHED_ON,
                _("发布日期（%(published)s）早于成文日期（%(formed)s）。")
                % {"published": published_on.isoformat(), "formed": formed_on.isoformat()},
            )
        if published_on and published_on > self.today:
            self.error(
                number,
                PUBLISHED_ON,
                _("发布日期（%(published)s）晚于今天。只能导入已经发布的信息。")
                % {"published": published_on.isoformat()},
            )
        topic = self.choice(number, row, TOPIC)
        attribute = self.choice(number, row, ATTRIBUTE)
        scope = self.choice(number, row, SCOPE, Scope.FULL)
        basis = self.choice(number, row, BASIS)
        validity = self.choice(number, row, VALIDITY, Validity.VALID)
        reason = row.get(REASON, "")
        if attribute and scope:
            for field_name, message in rules.attribute_problems(
                attribute=attribute, scope=scope, basis=basis, reason=reason
            ).items():
                if field_name == "withholding_basis" and row.get(BASIS):
                    continue  # an unrecognised basis, already reported
                self.error(number, BASIS if field_name == "withholding_basis" else REASON, message)
        item = self.item(number, row)
        element = row.get(ELEMENT, "")
        if (
            item is not None
            and element
            and element not in {e.get("name") for e in item.elements or []}
        ):
            self.error(
                number,
                ELEMENT,
                _("“%(element)s”不是目录事项 %(code)s 的公开内容要素。该事项的要素有：%(names)s。")
                % {
                    "element": element,
                    "code": item.code,
                    "names": "、".join(str(e.get("name")) for e in item.elements or []) or "—",
                },
            )
        interprets = row.get(INTERPRETS, "")
        if interprets and document_type and document_type != DocumentType.INTERPRETATION:
            self.error(number, INTERPRETS, _("只有文件类型为“政策解读”的信息可以填写解读对象。"))
        if len(self.errors) > before or published_on is None:
            return None
        body = row.get(BODY, "")
        return _Plan(
            row=number,
            fields={
                "title": row[TITLE],
                "document_number": row.get(DOCUMENT_NUMBER, ""),
                "document_type": document_type,
                "topic": topic,
                "catalogue_item": item,
                "catalogue_element": element,
                "formed_on": formed_on,
                "summary": row[SUMMARY],
                "body": rules.clean_body(body)
                if HTML_TAG.search(body)
                else rules.plain_text_to_body(body),
                "attribute": attribute,
                "scope": scope,
                "withholding_basis": basis if not _is_full_proactive(attribute, scope) else "",
                "withholding_reason": reason if not _is_full_proactive(attribute, scope) else "",
                "validity": validity,
                "validity_changed_on": published_on if validity != Validity.VALID else None,
                "effective_on": effective_on,
            },
            issuers=issuers,
            published_on=published_on,
            index_number=row.get(INDEX_NUMBER, ""),
            interprets=interprets,
        )

    def item(self, number: int, row: Mapping[str, str]) -> AgencyItem | None:
        code = row.get(ITEM_CODE, "")
        if not code:
            return None
        item = self.items.get(code)
        if item is None:
            self.error(
                number,
                ITEM_CODE,
                _("本机关的公开目录中没有编码为“%(code)s”的事项。") % {"code": code},
            )
        elif item.status == ItemStatus.NOT_APPLICABLE:
            self.error(
                number,
                ITEM_CODE,
                _("目录事项 %(code)s 已标记为不适用，不能导入信息。") % {"code": code},
            )
            return None
        return item

    def across_rows(self, rows: dict[int, Mapping[str, str]]) -> None:
        """Checks that compare rows with each other and with the database: 索引号, 解读对象."""
        first_row: dict[str, int] = {}
        first_serial: dict[tuple[int, int], int] = {}
        for number, row in rows.items():
            value = row.get(INDEX_NUMBER, "")
            if not value:
                continue
            if value in first_row:
                self.error(
                    number,
                    INDEX_NUMBER,
                    _("索引号“%(number)s”与第%(row)s行重复。")
                    % {"number": value, "row": first_row[value]},
                )
                continue
            first_row[value] = number
            serial = self.own_serial(value)
            if serial is not None:
                if serial in first_serial:
                    self.error(
                        number,
                        INDEX_NUMBER,
                        _("索引号“%(number)s”与第%(row)s行的年度和序号相同。")
                        % {"number": value, "row": first_serial[serial]},
                    )
                first_serial.setdefault(serial, number)
        taken = set(
            Document.objects.filter(index_number__in=list(first_row)).values_list(
                "index_number", flat=True
            )
        )
        for value in sorted(taken, key=first_row.__getitem__):
            self.error(
                first_row[value],
                INDEX_NUMBER,
                _("索引号“%(number)s”已被系统中的其他信息使用。") % {"number": value},
            )
        years = {year for year, _serial in first_serial}
        used = set(
            Document.objects.filter(agency=self.agency, index_year__in=years).values_list(
                "index_year", "index_serial"
            )
        )
        for key in sorted(set(first_serial) & used):
            number = first_serial[key]
            value = rows[number][INDEX_NUMBER]
            if value not in taken:
                self.error(
                    number,
                    INDEX_NUMBER,
                    _("本机关已有年度和序号相同的索引号，“%(number)s”会与之冲突。")
                    % {"number": value},
                )
        self.interpretation_targets(rows, first_row)

    def document_type(self, row: Mapping[str, str]) -> str | None:
        """The row's document type, None when unrecognised."""
        return self.choices[DOCUMENT_TYPE].get(_choice_key(row.get(DOCUMENT_TYPE, "")))

    def own_serial(self, index_number: str) -> tuple[int, int] | None:
        """(year, serial) of an index number in this agency's own format, else None."""
        match = services.INDEX_NUMBER_PATTERN.match(index_number)
        if match and match["code"] == self.agency.code:
            return int(match["year"]), int(match["serial"])
        return None

    def interpretation_targets(
        self, rows: dict[int, Mapping[str, str]], in_file: dict[str, int]
    ) -> None:
        wanted = {row.get(INTERPRETS, "") for row in rows.values()} - {""}
        existing = {
            document.index_number: document.document_type
            for document in Document.objects.filter(agency=self.agency, index_number__in=wanted)
        }
        policy_types = {DocumentType.RULE, DocumentType.NORMATIVE, DocumentType.POLICY}
        for number, row in rows.items():
            target = row.get(INTERPRETS, "")
            if not target or self.document_type(row) != DocumentType.INTERPRETATION:
                continue  # other rows naming a target were told so in `row`
            if target == row.get(INDEX_NUMBER, ""):
                self.error(number, INTERPRETS, _("政策解读不能解读它自己。"))
                continue
            if target in in_file:
                target_type = self.document_type(rows[in_file[target]])
            elif target in existing:
                target_type = existing[target]
            else:
                self.error(
                    number,
                    INTERPRETS,
                    _(
                        "找不到索引号为“%(number)s”的政策文件：它既不是本机关已有的信息，"
                        "也不是本文件中其他行的索引号。"
                    )
                    % {"number": target},
                )
                continue
            if target_type is not None and target_type not in policy_types:
                self.error(
                    number,
                    INTERPRETS,
                    _("解读对象“%(number)s”必须是规章、行政规范性文件或其他政策文件。")
                    % {"number": target},
                )


def _is_full_proactive(attribute: str, scope: str) -> bool:
    return attribute == Attribute.PROACTIVE and scope == Scope.FULL


def check_columns(
    headers: Iterable[str],
    *,
    known: Iterable[str] | None = None,
    required: Iterable[str] | None = None,
) -> list[RowError]:
    """Unknown column names (one error each) and missing required ones (one error).

    Defaults to this file format's columns; other tabular imports pass their own.
    """
    headers = list(headers)
    known = set(KNOWN_COLUMNS if known is None else known)
    required = list(REQUIRED_COLUMNS if required is None else required)
    errors = [
        RowError(1, header, _("未知的列名。请对照导入模板检查拼写；不需要的列请删除。"))
        for header in headers
        if header not in known
    ]
    missing = [header for header in required if header not in headers]
    if missing:
        errors.append(
            RowError(1, "", _("缺少必填的列：%(columns)s。") % {"columns": "、".join(missing)})
        )
    return errors


# --- importing ---------------------------------------------------------------------------


def import_records(
    *,
    agency: Agency,
    actor,
    rows: Sequence[Mapping[str, Any]],
    row_numbers: Sequence[int] | None = None,
    filename: str = "",
    resolve=None,
) -> ImportResult:
    """Check every row, then create all records as published in one transaction, or none.
    Each passes the secrecy review (`_release_review`; `resolve` for the demo).

    Raises ImportFailed listing every problem. Row numbers default to those of a sheet whose
    header is row 1 (a `Table` from `read_table` brings its own).
    """
    if row_numbers is None:
        row_numbers = getattr(rows, "row_numbers", None) or range(2, len(rows) + 2)
    if len(row_numbers) != len(rows) or len(set(row_numbers)) != len(rows):
        raise ValueError("row_numbers must hold one distinct number per row")
    cleaned: dict[int, dict[str, str]] = {}
    for number, row in zip(row_numbers, rows, strict=True):
        values = {normalise_header(str(key)): cell_text(value) for key, value in row.items()}
        if any(values.values()):
            cleaned[number] = values
    headers = getattr(rows, "headers", None) or list(
        dict.fromkeys(header for values in cleaned.values() for header in values)
    )
    column_errors = check_columns(headers)
    if column_errors:
        raise ImportFailed(column_errors)
    if not cleaned:
        raise _file_error(_("文件中没有可导入的数据行。"))
    if len(cleaned) > MAX_ROWS:
        raise _file_error(
            _("一次最多导入%(limit)d行，本文件有%(count)d行。请分成几个文件导入。")
            % {"limit": MAX_ROWS, "count": len(cleaned)}
        )
    checker = _Checker(agency)
    plans = [plan for number, row in cleaned.items() if (plan := checker.row(number, row))]
    checker.across_rows(cleaned)
    if checker.errors:
        raise ImportFailed(sorted(checker.errors, key=lambda error: error.row))
    try:
        with transaction.atomic():
            documents = _create(agency, actor, plans, filename, resolve)
    except IntegrityError as exc:  # someone published or imported the same 索引号 meanwhile
        raise _file_error(
            _("保存时与其他人同时发布或导入的信息发生冲突，没有导入任何信息。请重试。")
        ) from exc
    return ImportResult(documents=documents)


def import_file(*, agency: Agency, actor, filename: str, data: bytes) -> ImportResult:
    """Read an uploaded XLSX or CSV file and import its rows (see `import_records`)."""
    rows = read_table(filename, data)
    return import_records(
        agency=agency,
        actor=actor,
        rows=rows,
        row_numbers=getattr(rows, "row_numbers", None),
        filename=filename,
    )


def _release_review(document: Document, actor, row: int, resolve=None) -> list[RowError]:
    """The secrecy review of an imported record, by the importing reviewer: a row in which the
    detector finds anything is refused (an import cannot redact); the others get a review on
    record, which the row's own "document.import" event stands for. `resolve(finding) ->
    (resolution, reason) | None` lets a program that knows its texts (the demo's real
    published samples) keep or dismiss findings, each review then audited on its own."""
    found = review_services.scan_for_release(document)
    try:
        if resolve is not None:
            resolutions = {f.id: chosen for f in found if (chosen := resolve(f))} or None
            review_services.ensure_release_review(document, actor=actor, resolutions=resolutions)
        elif found:
            raise ReleaseReviewError(review_services.refusal_message(found), findings=found)
        else:
            review_services.record_clean_reviews([document], actor=actor)
    except ReleaseReviewError as exc:
        shown = review_services.findings_summary(exc.findings)
        return [
            RowError(
                row,
                "",
                _(
                    "保密审查发现可能涉及个人信息或敏感信息（%(shown)s）。导入时不能删减，请修改后重新导入，或在后台录入并由审核员逐项处理。"
                )
                % {"shown": shown or exc.message},
            )
        ]
    return []


def _create(
    agency: Agency, actor, plans: list[_Plan], filename: str, resolve=None
) -> list[Document]:
    calendar = get_calendar()
    refused: list[RowError] = []
    documents = [
        Document(
            agency=agency,
            status=Status.PUBLISHED,
            imported=True,
            drafted_by=actor,
            reviewed_by=actor,
            published_at=timezone.make_aware(
                datetime.datetime.combine(plan.published_on, PUBLISHED_AT_TIME)
            ),
            **plan.fields,
        )
        for plan in plans
    ]
    # Keep existing 索引号 first, so that numbers assigned to the others come after them.
    for document, plan in zip(documents, plans, strict=True):
        if plan.index_number:
            services.register_imported_index_number(document, plan.index_number)
    for document, plan in zip(documents, plans, strict=True):
        if not plan.index_number:
            services.assign_index_number(document, plan.published_on)
        services.refresh_due_date(document, calendar)
        document.is_late = document.attribute == Attribute.PROACTIVE and rules.is_published_late(
            plan.published_on, document.due_on
        )
        document.save()
        refused.extend(_release_review(document, actor, plan.row, resolve))
    if refused:
        raise ImportFailed(refused)
    names = {name for plan in plans for name in plan.issuers}
    issuing_agencies = {a.name: a for a in Agency.objects.filter(name__in=names)}
    Issuer.objects.bulk_create(
        Issuer(document=document, name=name, agency=issuing_agencies.get(name), position=position)
        for document, plan in zip(documents, plans, strict=True)
        for position, name in enumerate(plan.issuers)
    )
    by_index_number = {document.index_number: document for document in documents}
    targets = {plan.interprets for plan in plans if plan.interprets} - set(by_index_number)
    by_index_number.update(
        Document.objects.filter(agency=agency, index_number__in=targets).in_bulk(
            field_name="index_number"
        )
    )
    DocumentLink.objects.bulk_create(
        DocumentLink(
            source=document, target=by_index_number[plan.interprets], kind=LinkKind.INTERPRETS
        )
        for document, plan in zip(documents, plans, strict=True)
        if plan.interprets
    )
    for document, plan in zip(documents, plans, strict=True):
        record_event(
            actor=actor,
            action="document.import",
            obj=document,
            agency=agency,
            after={
                **snapshot(document, services.AUDITED_FIELDS),
                "issuers": plan.issuers,
                "interprets": plan.interprets,
            },
            note=_("从“%(file)s”第%(row)s行导入") % {"file": filename, "row": plan.row}
            if filename
            else _("第%(row)s行导入") % {"row": plan.row},
        )
        sync_search(document)
    record_event(
        actor=actor,
        action="documents.import",
        obj=agency,
        agency=agency,
        after={
            "file": filename,
            "count": len(documents),
            "documents": [document.pk for document in documents],
        },
        note=ngettext(
            "从文件“%(file)s”导入 %(count)d 条信息。",
            "从文件“%(file)s”导入 %(count)d 条信息。",
            len(documents),
        )
        % {"file": filename or "—", "count": len(documents)},
    )
    return documents


# --- the template --------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """An XLSX template: the header row, one example row, and a sheet explaining each column."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("导入数据")
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append(KNOWN_COLUMNS)
    sheet.append([EXAMPLE_ROW.get(header, "") for header in KNOWN_COLUMNS])
    for position, column in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=position)
        cell.font = Font(bold=column.required)
        if column.required:
            cell.fill = required_fill
        wide = column.header in (TITLE, SUMMARY, BODY)
        sheet.column_dimensions[cell.column_letter].width = 40 if wide else 18
        sheet.cell(row=2, column=position).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("填写说明"))
    notes.append([_("列名"), _("是否必填"), _("说明")])
    for column in TEMPLATE_COLUMNS:
        notes.append(
            [column.header, _("必填") if column.required else _("选填"), str(column.explanation)]
        )
    notes.append([])
    notes.append([_("只导入第一个工作表。第2行是示例，导入前请删除。黄色列为必填列。")])
    for header, choices in CHOICE_COLUMNS.items():
        notes.append([header, _("可选取值"), _choice_labels(choices)])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 100
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
