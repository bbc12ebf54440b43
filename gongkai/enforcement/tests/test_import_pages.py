"""The console's import and export pages for decisions: access, the error table, success, the
templates, and an export that imports again unchanged."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.enforcement import exporting, importing, layouts
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.enforcement.tests.import_rows import csv_bytes, licence_row, penalty_row
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("console:enforcement-import")
EXPORT_URL = reverse("console:enforcement-export")
LICENSING = DecisionKind.LICENSING
PENALTY = DecisionKind.PENALTY


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def upload(data: bytes, name: str = "决定.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def post(client, agency, data: bytes, kind=LICENSING, name="决定.csv", **extra):
    return client.post(
        IMPORT_URL, {"agency": agency.pk, "kind": kind, "file": upload(data, name), **extra}
    )


# --- access ----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_login(client):
    for url in (
        IMPORT_URL,
        EXPORT_URL,
        reverse("console:enforcement-import-template", args=["licensing"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("console:login"))


def test_people_without_a_role_are_refused(client):
    client.force_login(make_user())

    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_a_supervisor_cannot_import_into_a_subordinate(client, agency):
    client.force_login(make_user(agency=agency, roles=(Role.SUPERVISOR,)))

    response = client.get(IMPORT_URL)

    assert response.status_code == 403
    assert 'type="file"' not in response.content.decode()


def test_a_clerk_cannot_import_into_another_agency(client, clerk):
    other = make_agency()
    client.force_login(clerk)

    response = post(client, other, csv_bytes([licence_row(1)]))

    assert response.status_code == 200  # the form refuses an agency it does not offer
    assert not Decision.objects.exists()


# --- import ----------------------------------------------------------------------------------


def test_the_page_shows_both_layouts_and_their_templates(client, clerk):
    client.force_login(clerk)

    page = client.get(IMPORT_URL).content.decode()

    assert "行政许可决定文书号" in page
    assert "行政处罚决定书文号" in page
    assert reverse("console:enforcement-import-template", args=["penalty"]) in page
    assert "导入后直接公示" in page


def test_a_file_with_errors_shows_them_by_row_and_column_and_imports_nothing(client, agency, clerk):
    client.force_login(clerk)
    rows = [
        licence_row(1),
        licence_row(2, 许可决定日期="去年"),
        licence_row(3, 统一社会信用代码="123"),
    ]

    response = post(client, agency, csv_bytes(rows))

    page = response.content.decode()
    assert response.status_code == 200
    assert "没有导入任何执法决定" in page
    assert "<td>3</td><td>许可决定日期</td>" in page
    assert "<td>4</td><td>统一社会信用代码</td>" in page
    assert not Decision.objects.exists()


def test_a_good_file_is_imported_as_drafts_with_a_count(client, agency, clerk):
    client.force_login(clerk)

    response = post(client, agency, csv_bytes([penalty_row(1), penalty_row(2)]), kind=PENALTY)

    assert response.status_code == 302
    assert response.url == reverse("console:decision-list")
    assert Decision.objects.filter(status=DecisionStatus.DRAFT, kind=PENALTY).count() == 2
    page = client.get(response.url).content.decode()
    assert "已导入 2 条行政处罚决定（草稿）" in page


def test_only_a_reviewer_publishes_on_import(client, agency, clerk, reviewer):
    client.force_login(clerk)
    refused = post(client, agency, csv_bytes([licence_row(1)]), publish="on")
    assert refused.status_code == 200
    assert "只有审核员可以在导入时直接公示" in refused.content.decode()
    assert not Decision.objects.exists()

    client.force_login(reviewer)
    response = post(client, agency, csv_bytes([licence_row(1)]), publish="on")

    assert response.status_code == 302
    assert Decision.objects.get().status == DecisionStatus.PUBLISHED


def test_a_file_of_another_type_is_refused_before_it_is_read(client, agency, clerk):
    client.force_login(clerk)

    response = post(client, agency, b"%PDF-1.7", name="决定.pdf")

    assert "只能上传 XLSX 或 CSV 文件" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(client, agency, clerk, monkeypatch):
    from gongkai.console import enforcement_import_views

    monkeypatch.setattr(enforcement_import_views, "MAX_IMPORT_BYTES", 100)
    client.force_login(clerk)

    response = post(client, agency, csv_bytes([licence_row(1)]))

    assert "文件太大" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_blank_template_has_the_layouts_columns(client, clerk):
    client.force_login(clerk)

    response = client.get(reverse("console:enforcement-import-template", args=["penalty"]))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    header = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(header) == [column.header for column in layouts.PENALTY_COLUMNS]
    assert client.get(reverse("console:enforcement-import-template", args=["x"])).status_code == 404


# --- export ----------------------------------------------------------------------------------


def published(agency, reviewer, kind, rows) -> None:
    importing.import_file(
        agency=agency,
        kind=kind,
        actor=reviewer,
        filename="x.csv",
        data=csv_bytes(rows),
        publish=True,
    )


def test_export_filters_by_kind_and_date_and_writes_a_bom_csv(client, agency, reviewer):
    published(
        agency,
        reviewer,
        LICENSING,
        [licence_row(1), licence_row(2, 许可决定日期="2026-10-01", 有效期自="2026-10-01")],
    )
    published(agency, reviewer, PENALTY, [penalty_row(1)])
    client.force_login(reviewer)

    response = client.get(
        EXPORT_URL,
        {
            "agency": agency.pk,
            "kind": LICENSING,
            "decided_from": "2026-11-01",
            "file_format": "csv",
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "行政相对人名称"
    assert [row[0] for row in rows[1:]] == ["测试诊所1"]


def test_drafts_are_not_exported(client, agency, reviewer):
    importing.import_file(
        agency=agency,
        kind=LICENSING,
        actor=reviewer,
        filename="x.csv",
        data=csv_bytes([licence_row(1)]),
    )
    client.force_login(reviewer)

    response = client.get(
        EXPORT_URL, {"agency": agency.pk, "kind": LICENSING, "file_format": "csv"}
    )

    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_export_of_an_agency_the_user_cannot_read_is_refused(client, agency, reviewer):
    other = make_agency()
    published(other, make_user(agency=other, roles=(Role.REVIEWER,)), LICENSING, [licence_row(1)])
    client.force_login(reviewer)

    response = client.get(EXPORT_URL, {"agency": other.pk, "kind": LICENSING, "file_format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")  # the form again, no file


def test_a_supervisor_may_export_a_subordinates_decisions(client, agency, reviewer):
    city = make_agency(name="测试市卫生健康委员会")
    agency.parent = city
    agency.save()
    published(agency, reviewer, LICENSING, [licence_row(1)])
    client.force_login(make_user(agency=city, roles=(Role.SUPERVISOR,)))

    response = client.get(
        EXPORT_URL, {"agency": agency.pk, "kind": LICENSING, "file_format": "xlsx"}
    )

    assert response["Content-Type"] == exporting.XLSX_CONTENT_TYPE


@pytest.mark.parametrize(("kind", "row"), [(LICENSING, licence_row), (PENALTY, penalty_row)])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imports_again_unchanged(agency, reviewer, kind, row, file_format):
    published(agency, reviewer, kind, [row(1), row(2, 备注="复核后维持")])
    if kind == PENALTY:  # a legal person, a confiscation and a revoked licence as well
        published(
            agency,
            reviewer,
            kind,
            [
                penalty_row(
                    3,
                    行政相对人名称="某某医院有限公司",
                    行政相对人类别="法人及非法人组织",
                    证件类型="",
                    证件号码="",
                    统一社会信用代码=licence_row(9)["统一社会信用代码"],
                    法定代表人="李四",
                    处罚类别="没收违法所得、吊销许可证件",
                    **{
                        "罚款金额（万元）": "",
                        "没收违法所得、没收非法财物的金额（万元）": "1.23456",
                        "暂扣或吊销证照名称及编号": "医疗机构执业许可证 PDY000001",
                    },
                )
            ],
        )
    fields = [column.field for column in exporting.exported_columns(kind)]
    before = list(Decision.objects.filter(kind=kind).order_by("decided_on", "pk").values(*fields))
    data = exporting.export(
        Decision.objects.filter(agency=agency), kind=kind, file_format=file_format
    )
    other = make_agency()

    importing.import_file(
        agency=other,
        kind=kind,
        actor=make_user(agency=other, roles=(Role.PUBLISHER,)),
        filename=f"export.{file_format}",
        data=data,
    )

    after = list(Decision.objects.filter(agency=other).order_by("decided_on", "pk").values(*fields))
    assert after == before
    assert len(after) == (3 if kind == PENALTY else 2)


def test_xlsx_export_reads_back_with_the_same_headers(agency, reviewer):
    published(agency, reviewer, PENALTY, [penalty_row(1)])

    data = exporting.export(Decision.objects.all(), kind=PENALTY, file_format="xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    header, first = list(workbook.worksheets[0].iter_rows(values_only=True))[:2]
    assert "失信程度" not in header  # our own column: not part of the credit platform's layout
    assert dict(zip(header, first, strict=True))["罚款金额（万元）"] == "0.5"
