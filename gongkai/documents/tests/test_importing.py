"""Bulk import of already published records from XLSX and CSV files."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
import time_machine
from django.utils import timezone, translation

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.catalogue.services import derive_catalogue
from gongkai.documents import importing, services
from gongkai.documents.importing import ImportFailed, RowError
from gongkai.documents.models import (
    Attribute,
    Document,
    DocumentLink,
    DocumentType,
    IndexCounter,
    LinkKind,
    Scope,
    Status,
    Topic,
    Validity,
    WithholdingBasis,
)
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

HEADERS = [
    "标题",
    "文号",
    "发文机关",
    "成文日期",
    "发布日期",
    "主题分类",
    "目录事项编码",
    "公开内容要素",
    "文件类型",
    "内容概述",
    "正文",
    "公开属性",
    "索引号",
    "解读对象索引号",
]


@pytest.fixture
def agency():
    agency = make_agency(name="示例县卫生健康局")
    derive_catalogue(agency=agency, actor=None)
    return agency


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def row(**changes: str) -> dict[str, str]:
    """A valid row (a policy published four days after it was formed), with changes."""
    values = {
        "标题": "关于做好基本公共卫生服务项目工作的通知",
        "文号": "示卫发〔2024〕12号",
        "发文机关": "示例县卫生健康局",
        "成文日期": "2024-03-01",
        "发布日期": "2024-03-05",
        "主题分类": "卫生、体育\\卫生",
        "目录事项编码": "G0203",
        "公开内容要素": "",
        "文件类型": "其他政策文件",
        "内容概述": "部署基本公共卫生服务项目工作。",
        "正文": "各乡镇卫生院：\n现将有关事项通知如下。",
        "公开属性": "主动公开",
        "索引号": "",
        "解读对象索引号": "",
    }
    values.update(changes)
    return values


def csv_bytes(rows: list[dict[str, str]], encoding: str = "utf-8-sig") -> bytes:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue().encode(encoding)


def import_rows(agency, actor, *rows: dict[str, str]) -> importing.ImportResult:
    return importing.import_records(agency=agency, actor=actor, rows=list(rows))


def errors_of(agency, actor, *rows: dict[str, str]) -> list[RowError]:
    with pytest.raises(ImportFailed) as caught:
        import_rows(agency, actor, *rows)
    return caught.value.errors


# --- reading files -----------------------------------------------------------------------


def test_csv_file_is_imported_as_published_records(agency, reviewer):
    joint = row(标题="联合通知", 发文机关="示例县卫生健康局、示例县财政局")
    data = csv_bytes([row(), joint])

    result = importing.import_file(agency=agency, actor=reviewer, filename="历史.csv", data=data)

    assert result.count == 2
    first, second = result.documents
    first.refresh_from_db()
    assert first.status == Status.PUBLISHED
    assert first.imported is True
    local = timezone.get_current_timezone()
    assert first.published_at == datetime.datetime(2024, 3, 5, 9, 0, tzinfo=local)
    assert first.published_on == datetime.date(2024, 3, 5)
    assert first.formed_on == datetime.date(2024, 3, 1)
    assert first.drafted_by == reviewer
    assert first.reviewed_by == reviewer
    assert first.document_type == DocumentType.POLICY
    assert first.topic == Topic.HEALTH
    assert first.catalogue_item.code == "G0203"
    assert first.body == "<p>各乡镇卫生院：</p><p>现将有关事项通知如下。</p>"
    assert first.index_number == f"{agency.code}/2024-00001"
    assert second.index_number == f"{agency.code}/2024-00002"
    assert first.due_on == datetime.date(2024, 3, 29)  # 20 working days after 1 March 2024
    assert first.is_late is False
    issuers = [(i.name, i.agency_id) for i in second.issuers.all()]
    assert issuers == [("示例县卫生健康局", agency.pk), ("示例县财政局", None)]


def test_xlsx_file_with_date_cells_and_a_blank_row(agency, reviewer):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([" 标题* ", *HEADERS[1:]])  # header whitespace and required-mark are ignored
    values = row()
    values["成文日期"] = datetime.datetime(2024, 3, 1)  # noqa: DTZ001  Excel cells have no zone
    values["发布日期"] = datetime.date(2024, 3, 5)
    sheet.append(list(values.values()))
    sheet.append([None] * len(HEADERS))
    sheet.append(list(row(标题="第二条", 文号=2024).values()))  # a number cell
    output = io.BytesIO()
    workbook.save(output)

    rows = importing.read_table("whatever.bin", output.getvalue())

    assert rows.row_numbers == [2, 4]
    assert rows[0]["标题"] == values["标题"]
    assert rows[0]["成文日期"] == "2024-03-01"
    assert rows[0]["发布日期"] == "2024-03-05"
    assert rows[1]["文号"] == "2024"
    result = importing.import_records(
        agency=agency, actor=reviewer, rows=rows, row_numbers=rows.row_numbers
    )
    assert [d.title for d in result.documents] == [values["标题"], "第二条"]


def test_xlsx_errors_carry_spreadsheet_row_numbers(agency, reviewer):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(list(row().values()))
    sheet.append([])
    sheet.append(list(row(成文日期="2020-13-01").values()))
    output = io.BytesIO()
    workbook.save(output)

    with pytest.raises(ImportFailed) as caught:
        importing.import_file(
            agency=agency, actor=reviewer, filename="a.xlsx", data=output.getvalue()
        )

    assert caught.value.errors == [
        RowError(4, "成文日期", "无法识别的日期“2020-13-01”，请使用 YYYY-MM-DD 格式。")
    ]
    assert str(caught.value.errors[0]) == (
        "第4行“成文日期”：无法识别的日期“2020-13-01”，请使用 YYYY-MM-DD 格式。"
    )
    assert not Document.objects.exists()


def test_gb18030_csv_is_read(agency, reviewer):
    data = csv_bytes([row(标题="国标编码的标题")], encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    result = importing.import_file(agency=agency, actor=reviewer, filename="gbk.csv", data=data)

    assert result.documents[0].title == "国标编码的标题"


def test_csv_without_bom_and_other_date_formats(agency, reviewer):
    data = csv_bytes([row(成文日期="2024年3月1日", 发布日期="2024/3/5")], encoding="utf-8")

    document = importing.import_file(
        agency=agency, actor=reviewer, filename="x.csv", data=data
    ).documents[0]

    assert (document.formed_on, document.published_on) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 5),
    )


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "文件是空的"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "不支持旧版 Excel"),
        (b"\n\nA,B\n", "第1行应为列名"),
        (b"PK\x03\x04broken", "文件已损坏"),
    ],
)
def test_unreadable_files_are_explained(data, fragment):
    with pytest.raises(ImportFailed) as caught:
        importing.read_table("a.csv", data)
    assert caught.value.errors[0].row in (0, 1)
    assert fragment in caught.value.errors[0].message


def test_a_zip_that_is_not_a_workbook_is_rejected():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFailed) as caught:
        importing.read_table("a.xlsx", archive.getvalue())
    assert "不是 XLSX" in caught.value.errors[0].message


def test_an_xlsx_name_with_other_content_is_rejected():
    with pytest.raises(ImportFailed) as caught:
        importing.read_table("a.xlsx", "标题\n一".encode())
    assert "不是有效的 XLSX" in caught.value.errors[0].message


def test_unknown_and_missing_columns(agency, reviewer):
    data = "标题,发文机构,成文日期\n一,二,2024-01-01\n".encode()
    rows = importing.read_table("a.csv", data)

    with pytest.raises(ImportFailed) as caught:
        importing.import_records(agency=agency, actor=reviewer, rows=rows)

    errors = caught.value.errors
    assert errors[0] == RowError(1, "发文机构", errors[0].message)
    assert "未知的列名" in errors[0].message
    assert len(errors) == 2
    assert errors[1].row == 1
    assert errors[1].message == (
        "缺少必填的列：发文机关、发布日期、主题分类、目录事项编码、文件类型、内容概述、公开属性。"
    )


def test_duplicate_column_names_are_rejected():
    with pytest.raises(ImportFailed) as caught:
        importing.read_table("a.csv", "标题,标题\n一,二\n".encode())
    assert caught.value.errors == [RowError(1, "标题", "列名重复出现。")]


def test_a_file_without_data_rows_is_rejected(agency, reviewer):
    rows = importing.read_table("a.csv", ",".join(HEADERS).encode())
    with pytest.raises(ImportFailed) as caught:
        importing.import_records(agency=agency, actor=reviewer, rows=rows)
    assert "没有可导入的数据行" in caught.value.errors[0].message


# --- checking rows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "column", "fragment"),
    [
        ({"标题": ""}, "标题", "必须填写"),
        ({"发文机关": ""}, "发文机关", "必须填写"),
        ({"内容概述": ""}, "内容概述", "必须填写"),
        ({"标题": "长" * 301}, "标题", "标题不能超过 300 字（当前 301 字）"),
        ({"成文日期": "2020-13-01"}, "成文日期", "无法识别的日期“2020-13-01”"),
        ({"发布日期": "昨天"}, "发布日期", "无法识别的日期“昨天”"),
        ({"施行日期": "2024.4.1"}, "施行日期", "无法识别的日期"),
        ({"发布日期": "2024-02-28"}, "发布日期", "早于成文日期"),
        ({"发布日期": "2099-01-01"}, "发布日期", "晚于今天"),
        ({"主题分类": "卫生"}, "主题分类", "无法识别的取值“卫生”"),
        ({"文件类型": "红头文件"}, "文件类型", "无法识别的取值"),
        ({"公开属性": "公开"}, "公开属性", "无法识别的取值"),
        ({"公开方式": "部分公开"}, "公开方式", "无法识别的取值"),
        ({"有效性": "作废"}, "有效性", "无法识别的取值"),
        (
            {"不公开依据": "保密", "公开属性": "不予公开", "不公开理由": "涉密"},
            "不公开依据",
            "无法识别的取值",
        ),
        ({"目录事项编码": "ZZ99"}, "目录事项编码", "没有编码为“ZZ99”的事项"),
        ({"公开内容要素": "结果信息"}, "公开内容要素", "不是目录事项 G0203 的公开内容要素"),
        ({"公开属性": "依申请公开", "不公开依据": "过程性信息"}, "不公开理由", "必须写明"),
        ({"公开方式": "删减后公开", "不公开理由": "涉及个人隐私"}, "不公开依据", "必须选择"),
        ({"索引号": "X" * 65}, "索引号", "索引号不能超过 64 字（当前 65 字）"),
        ({"解读对象索引号": "T/2024-00001"}, "解读对象索引号", "只有文件类型为“政策解读”"),
        (
            {"文件类型": "政策解读", "解读对象索引号": "NOPE/2024-1"},
            "解读对象索引号",
            "找不到索引号为“NOPE/2024-1”的政策文件",
        ),
    ],
)
def test_each_problem_is_reported_with_its_row_and_column(
    agency, reviewer, changes, column, fragment
):
    errors = errors_of(agency, reviewer, row(), row(**changes))

    assert [(e.row, e.column) for e in errors] == [(3, column)]
    assert fragment in errors[0].message
    assert str(errors[0]).startswith(f"第3行“{column}”：")
    assert not Document.objects.exists()


def test_all_problems_of_all_rows_are_collected(agency, reviewer):
    errors = errors_of(
        agency,
        reviewer,
        row(标题="", 成文日期="bad"),
        row(),
        row(公开属性="依申请公开"),
    )

    assert [(e.row, e.column) for e in errors] == [
        (2, "标题"),
        (2, "成文日期"),
        (4, "不公开依据"),
        (4, "不公开理由"),
    ]


def test_a_not_applicable_catalogue_item_is_rejected(agency, reviewer):
    AgencyItem.objects.filter(catalogue__agency=agency, code="G0203").update(
        status=ItemStatus.NOT_APPLICABLE
    )
    errors = errors_of(agency, reviewer, row())
    assert [(e.row, e.column) for e in errors] == [(2, "目录事项编码")]
    assert "不适用" in errors[0].message


def test_another_agencys_catalogue_is_not_used(reviewer):
    other = make_agency()  # no catalogue at all
    errors = errors_of(other, reviewer, row())
    assert [(e.row, e.column) for e in errors] == [(2, "目录事项编码")]


def test_nothing_is_half_imported_when_the_last_row_is_bad(agency, reviewer):
    events_before = AuditEvent.objects.count()
    rows = [row(标题=f"第{n}条") for n in range(1, 6)] + [row(发布日期="2024-02-01")]

    errors = errors_of(agency, reviewer, *rows)

    assert [(e.row, e.column) for e in errors] == [(7, "发布日期")]
    assert not Document.objects.exists()
    assert not IndexCounter.objects.exists()
    assert AuditEvent.objects.count() == events_before


def test_codes_and_short_labels_are_accepted(agency, reviewer):
    document = import_rows(
        agency,
        reviewer,
        row(
            主题分类="openness",
            文件类型="notice",
            公开属性="on_request",
            公开方式="",
            不公开依据="过程性信息",
            不公开理由="内部研究过程",
        ),
    ).documents[0]

    assert document.topic == Topic.OPENNESS
    assert document.document_type == DocumentType.NOTICE
    assert document.attribute == Attribute.ON_REQUEST
    assert document.scope == Scope.FULL
    assert document.withholding_basis == WithholdingBasis.PROCESS_INFORMATION
    assert document.withholding_reason == "内部研究过程"
    assert document.is_late is False  # lateness concerns proactive disclosure only


def test_html_body_is_sanitised(agency, reviewer):
    body = '<p onclick="x()">正文</p><script>alert(1)</script><table><tr><td>1</td></tr></table>'
    document = import_rows(agency, reviewer, row(正文=body)).documents[0]
    assert document.body == "<p>正文</p><table><tbody><tr><td>1</td></tr></tbody></table>"


def test_validity_and_effective_date(agency, reviewer):
    changes = {"有效性": "已废止", "施行日期": "2024-04-01"}
    document = import_rows(agency, reviewer, row(**changes)).documents[0]

    assert document.validity == Validity.REPEALED
    assert document.validity_changed_on == datetime.date(2024, 3, 5)
    assert document.effective_on == datetime.date(2024, 4, 1)


def test_due_date_follows_the_element_and_lateness_is_recorded(agency, reviewer):
    document = import_rows(
        agency,
        reviewer,
        row(
            目录事项编码="0104",
            公开内容要素="结果信息",
            文件类型="行政许可决定",
            成文日期="2024-03-01",
            发布日期="2024-03-20",
        ),
    ).documents[0]

    assert document.due_on == datetime.date(2024, 3, 12)  # 7 working days
    assert document.is_late is True


def test_a_year_missing_from_the_calendar_leaves_the_due_date_open(agency, reviewer):
    document = import_rows(
        agency, reviewer, row(成文日期="2003-03-03", 发布日期="2003-03-04")
    ).documents[0]
    assert document.due_on is None
    assert "2003" in document.due_problem
    assert document.is_late is False


# --- 索引号 --------------------------------------------------------------------------------


def test_existing_index_number_is_kept_and_never_reissued(agency, reviewer):
    kept = f"{agency.code}/2024-00042"
    blank_first, with_number = import_rows(
        agency, reviewer, row(标题="没有索引号"), row(标题="原有索引号", 索引号=kept)
    ).documents

    assert with_number.index_number == kept
    assert (with_number.index_year, with_number.index_serial) == (2024, 42)
    assert blank_first.index_number == f"{agency.code}/2024-00043"

    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    item = AgencyItem.objects.get(catalogue__agency=agency, code="G0203")
    with time_machine.travel(datetime.datetime(2024, 6, 3, 10, tzinfo=datetime.UTC)):
        draft = services.create_draft(
            agency=agency,
            actor=publisher,
            issuers=[agency.name],
            values={
                "title": "新发布",
                "document_type": DocumentType.NOTICE,
                "topic": Topic.HEALTH,
                "catalogue_item": item,
                "formed_on": datetime.date(2024, 6, 1),
                "summary": "新",
                "attribute": Attribute.PROACTIVE,
                "scope": Scope.FULL,
            },
        )
        services.submit_for_review(document=draft, actor=publisher)
        published = services.publish(document=draft, actor=reviewer)

    assert published.index_serial == 44
    assert published.index_number == f"{agency.code}/2024-00044"


def test_foreign_index_numbers_are_kept_as_they_are(agency, reviewer):
    document = import_rows(agency, reviewer, row(索引号="11000-0101-2019-0007")).documents[0]
    assert document.index_number == "11000-0101-2019-0007"
    assert document.index_serial is None
    assert not IndexCounter.objects.filter(year=2019).exists()


def test_duplicate_index_number_in_the_file_is_rejected(agency, reviewer):
    number = f"{agency.code}/2023-00005"
    errors = errors_of(agency, reviewer, row(索引号=number), row(), row(索引号=number))

    assert [(e.row, e.column) for e in errors] == [(4, "索引号")]
    assert "与第2行重复" in errors[0].message


def test_same_year_and_serial_spelt_differently_is_rejected(agency, reviewer):
    errors = errors_of(
        agency,
        reviewer,
        row(索引号=f"{agency.code}/2023-5"),
        row(索引号=f"{agency.code}/2023-00005"),
    )
    assert [(e.row, e.column) for e in errors] == [(3, "索引号")]


def test_index_number_already_in_the_database_is_rejected(agency, reviewer):
    number = f"{agency.code}/2023-00005"
    import_rows(agency, reviewer, row(索引号=number))

    errors = errors_of(agency, reviewer, row(标题="另一条"), row(索引号=number))
    assert [(e.row, e.column) for e in errors] == [(3, "索引号")]
    assert "已被系统中的其他信息使用" in errors[0].message

    errors = errors_of(agency, reviewer, row(索引号=f"{agency.code}/2023-5"))
    assert [(e.row, e.column) for e in errors] == [(2, "索引号")]
    assert "冲突" in errors[0].message


# --- interpretations ---------------------------------------------------------------------


def test_interpretation_links_to_a_policy_in_the_same_file(agency, reviewer):
    policy_number = f"{agency.code}/2024-00010"
    interpretation, policy = import_rows(
        agency,
        reviewer,
        row(
            标题="《通知》解读",
            文件类型="政策解读",
            目录事项编码="G0204",
            解读对象索引号=policy_number,
        ),
        row(索引号=policy_number),
    ).documents

    link = DocumentLink.objects.get()
    assert (link.source, link.target, link.kind) == (interpretation, policy, LinkKind.INTERPRETS)
    assert list(services.interpretations_of(policy)) == [interpretation]


def test_interpretation_links_to_an_existing_policy(agency, reviewer):
    policy = import_rows(agency, reviewer, row()).documents[0]

    interpretation = import_rows(
        agency,
        reviewer,
        row(标题="解读", 文件类型="interpretation", 解读对象索引号=policy.index_number),
    ).documents[0]

    assert DocumentLink.objects.filter(
        source=interpretation, target=policy, kind=LinkKind.INTERPRETS
    ).exists()


def test_interpretation_target_must_be_a_policy_of_this_agency(agency, reviewer):
    notice = import_rows(agency, reviewer, row(文件类型="通知公告")).documents[0]
    other = make_agency()
    derive_catalogue(agency=other, actor=None)
    elsewhere = import_rows(other, reviewer, row()).documents[0]

    errors = errors_of(
        agency,
        reviewer,
        row(文件类型="政策解读", 解读对象索引号=notice.index_number),
        row(文件类型="政策解读", 解读对象索引号=elsewhere.index_number),
    )

    assert [(e.row, e.column) for e in errors] == [(2, "解读对象索引号"), (3, "解读对象索引号")]
    assert "必须是规章、行政规范性文件或其他政策文件" in errors[0].message
    assert "找不到" in errors[1].message


# --- audit and template ------------------------------------------------------------------


def test_audit_events_are_written(agency, reviewer):
    data = csv_bytes([row(), row(标题="第二条")])

    result = importing.import_file(agency=agency, actor=reviewer, filename="历史.csv", data=data)

    for document in result.documents:
        event = AuditEvent.objects.for_object(document).get()
        assert event.action == "document.import"
        assert event.actor == reviewer
        assert event.agency == agency
        assert event.after["status"] == Status.PUBLISHED
        assert event.after["index_number"] == document.index_number
    summary = AuditEvent.objects.for_object(agency).get(action="documents.import")
    assert summary.actor == reviewer
    assert summary.after["count"] == 2
    assert "历史.csv" in summary.note
    assert "2" in summary.note


def test_template_round_trips_and_its_example_row_imports(agency, reviewer):
    data = importing.template_xlsx()

    rows = importing.read_table("template.xlsx", data)

    assert rows.headers == importing.KNOWN_COLUMNS
    assert rows == [importing.EXAMPLE_ROW]
    document = importing.import_records(agency=agency, actor=reviewer, rows=rows).documents[0]
    assert [i.name for i in document.issuers.all()] == ["示例县卫生健康局", "示例县财政局"]


def test_template_columns_cover_every_known_column():
    headers = [column.header for column in importing.TEMPLATE_COLUMNS]
    assert headers == list(importing.EXAMPLE_ROW)
    assert all(str(column.explanation) for column in importing.TEMPLATE_COLUMNS)


def test_data_under_a_blank_column_name_is_rejected():
    with pytest.raises(ImportFailed) as caught:
        importing.read_table("a.csv", "标题,,文号\n一,多余,二\n".encode())
    assert caught.value.errors == [RowError(1, "", "第2列没有列名，但下面有数据。")]


def test_too_many_rows_are_refused(agency, reviewer, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    errors = errors_of(agency, reviewer, row(), row(), row())
    assert [(e.row, e.column) for e in errors] == [(0, "")]
    assert "一次最多导入2行" in str(errors[0])


def test_chinese_labels_are_recognised_whatever_the_language(agency, reviewer):
    with translation.override("en"):
        document = import_rows(agency, reviewer, row(公开方式="全文公开")).documents[0]
    assert (document.topic, document.attribute) == (Topic.HEALTH, Attribute.PROACTIVE)


def test_unknown_values_list_the_allowed_ones(agency, reviewer):
    errors = errors_of(agency, reviewer, row(有效性="作废"))
    assert errors[0].message == "无法识别的取值“作废”。可填写：“有效”“已修改”“已废止”“已失效”。"
