"""Import of existing guides from XLSX: every row checked first; a bad row imports nothing."""

import io

import openpyxl
import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalogue.services import derive_catalogue
from gongkai.documents.importing import ImportFailed
from gongkai.factories import make_agency, make_user
from gongkai.service_guides import importing, publication, services
from gongkai.service_guides.models import Guide, GuideStatus, ServiceItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    agency = make_agency(code="HC-COUNTY", name="测试县卫生健康局")
    derive_catalogue(agency=agency, actor=None)
    return agency


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


def xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(importing.COLUMNS)
    for row in rows:
        sheet.append([row.get(column, "") for column in importing.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**changes: str) -> dict[str, str]:
    values = dict(importing.EXAMPLE_ROW)
    values.update(changes)
    return values


def test_the_template_imports_as_complete_drafts(agency, clerk):
    template = openpyxl.load_workbook(io.BytesIO(importing.template_xlsx()))
    assert [c.value for c in template.active[1]] == importing.COLUMNS
    result = importing.import_guides(
        agency=agency,
        actor=clerk,
        filename="指南.xlsx",
        data=xlsx(
            [row(), row(事项编码="SX-0108", 事项名称="公共场所卫生许可", 目录事项编码="0108")]
        ),
    )
    assert result.count == 2
    guide = Guide.objects.get(service_item__code="SX-0104")
    assert guide.status == GuideStatus.DRAFT
    assert guide.channels == ["window", "online"]
    assert guide.statutory_days == 45
    assert [(m.name, m.copy_kind) for m in guide.materials.all()] == [
        ("医疗机构执业登记申请书", "original"),
        ("设置医疗机构批准书", "copy"),
    ]
    first_step = guide.steps.first()
    assert (first_step.name, first_step.description) == ("申请", "申请人提交材料")
    assert services.guide_missing_key(guide) == []
    assert AuditEvent.objects.filter(action="service_guides.import").count() == 1


def test_a_bad_row_is_reported_and_nothing_is_imported(agency, clerk):
    rows = [
        row(),
        row(事项编码="SX-2", 事项类型="审批", 目录事项编码="9999", **{importing.PROMISED: "60"}),
        row(事项编码="SX-0104"),
        row(事项编码="SX-4", 申请材料="申请书；羊皮纸；原件；1"),
    ]
    with pytest.raises(ImportFailed) as caught:
        importing.import_guides(agency=agency, actor=clerk, filename="指南.xlsx", data=xlsx(rows))
    found = {(error.row, error.column) for error in caught.value.errors}
    assert found == {
        (3, "事项类型"),
        (3, "目录事项编码"),
        (3, "承诺时限（工作日）"),
        (4, "事项编码"),
        (5, "申请材料"),
    }
    assert not ServiceItem.objects.exists()
    assert not Guide.objects.exists()


def test_an_existing_item_gets_a_new_draft_version(agency, clerk):
    importing.import_guides(agency=agency, actor=clerk, filename="a.xlsx", data=xlsx([row()]))
    with pytest.raises(ImportFailed, match="1 处问题"):
        importing.import_guides(agency=agency, actor=clerk, filename="b.xlsx", data=xlsx([row()]))
    guide = Guide.objects.get()
    services.submit_guide(guide=guide, actor=clerk)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    publication.publish_guide(guide=guide, actor=reviewer)
    importing.import_guides(agency=agency, actor=clerk, filename="c.xlsx", data=xlsx([row()]))
    assert list(Guide.objects.values_list("version", "status")) == [
        (2, GuideStatus.DRAFT),
        (1, GuideStatus.PUBLISHED),
    ]


def test_unknown_columns_are_refused(agency, clerk):
    workbook = openpyxl.Workbook()
    workbook.active.append([*importing.REQUIRED_COLUMNS, "办里地点"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFailed) as caught:
        importing.import_guides(
            agency=agency, actor=clerk, filename="x.xlsx", data=buffer.getvalue()
        )
    assert "办里地点" in str(caught.value.errors[0])


def test_the_import_page(client, agency, clerk):
    client.force_login(clerk)
    from django.urls import reverse

    url = reverse("console:service-guide-import")
    assert client.get(url).status_code == 200
    bad = io.BytesIO(xlsx([row(事项类型="审批")]))
    bad.name = "指南.xlsx"
    page = client.post(url, {"file": bad}).content.decode()
    assert "第2行“事项类型”" in page
    good = io.BytesIO(xlsx([row()]))
    good.name = "指南.xlsx"
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert ServiceItem.objects.filter(agency=agency).count() == 1
    template = client.get(reverse("console:service-guide-import-template"))
    assert template.status_code == 200
