"""The console's bulk import page: who may use it, the error table, and success."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.console import import_views
from gongkai.documents import importing
from gongkai.documents.models import Document, Status
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

URL = reverse("console:import")
HEADER = "标题,发文机关,成文日期,发布日期,主题分类,目录事项编码,文件类型,内容概述,公开属性"
GOOD_LINE = (
    "关于开展义诊活动的通知,{agency},2024-03-01,2024-03-05,health,G0203,通知公告,义诊,主动公开"
)


@pytest.fixture
def agency():
    agency = make_agency()
    derive_catalogue(agency=agency, actor=None)
    return agency


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def upload(text: str, name: str = "历史.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def good_csv(agency, lines: int = 2) -> str:
    rows = [
        GOOD_LINE.format(agency=agency.name).replace("义诊活动", f"第{n}次义诊活动")
        for n in range(1, lines + 1)
    ]
    return "\n".join([HEADER, *rows]) + "\n"


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("console:login"))
    assert client.get(reverse("console:import-template")).status_code == 302


def test_people_without_any_role_are_refused(client):
    client.force_login(make_user())
    assert client.get(URL).status_code == 403


def test_a_publisher_cannot_import(client, agency):
    client.force_login(make_user(agency=agency, roles=(Role.PUBLISHER,)))

    response = client.get(URL)

    assert response.status_code == 403
    assert "只有审核员或管理员可以批量导入" in response.content.decode()
    assert 'type="file"' not in response.content.decode()
    posted = client.post(URL, {"agency": agency.pk, "file": upload(good_csv(agency))})
    assert posted.status_code == 403
    assert not Document.objects.exists()


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_reviewers_and_administrators_see_the_form_and_the_column_guide(client, agency, role):
    make_agency(name="别的机关")
    client.force_login(make_user(agency=agency, roles=(role,)))

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{agency.pk}" selected>{agency.name}</option>' in page
    assert "别的机关" not in page
    assert '<label for="id_agency">' in page
    assert '<label for="id_file">' in page
    assert reverse("console:import-template") in page
    for column in importing.TEMPLATE_COLUMNS:
        assert column.header in page
        assert str(column.explanation) in page
    assert "卫生、体育\\卫生" in page


def test_the_template_downloads_as_xlsx(client, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("console:import-template"))

    assert response.status_code == 200
    assert response["Content-Type"] == import_views.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == importing.KNOWN_COLUMNS


def test_another_agencys_staff_cannot_import_into_it(client, agency):
    other = make_agency()
    client.force_login(make_user(agency=other, roles=(Role.REVIEWER, Role.ADMIN)))

    response = client.post(URL, {"agency": agency.pk, "file": upload(good_csv(agency))})

    assert response.status_code == 200
    assert response.context["form"].errors["agency"]
    assert f'<option value="{agency.pk}"' not in response.content.decode()
    assert not Document.objects.exists()


def test_row_errors_are_listed_and_nothing_is_kept(client, agency, reviewer):
    client.force_login(reviewer)
    text = (
        good_csv(agency)
        + GOOD_LINE.format(agency=agency.name).replace("2024-03-01", "2020-13-01")
        + "\n"
    )

    response = client.post(URL, {"agency": agency.pk, "file": upload(text)})

    assert response.status_code == 200
    page = response.content.decode()
    assert "发现 1 处问题，没有导入任何信息" in page
    assert "<td>4</td><td>成文日期</td>" in page
    assert "无法识别的日期“2020-13-01”，请使用 YYYY-MM-DD 格式。" in page
    assert not Document.objects.exists()


def test_unknown_columns_are_listed(client, agency, reviewer):
    client.force_login(reviewer)
    text = good_csv(agency).replace("内容概述", "内容摘要", 1)

    page = client.post(URL, {"agency": agency.pk, "file": upload(text)}).content.decode()

    assert "<td>1</td><td>内容摘要</td>" in page
    assert "缺少必填的列：内容概述。" in page


def test_a_valid_file_is_imported_and_redirects(client, agency, reviewer):
    client.force_login(reviewer)

    response = client.post(
        URL, {"agency": agency.pk, "file": upload(good_csv(agency, 3))}, follow=True
    )

    assert response.redirect_chain == [(reverse("console:document-list"), 302)]
    assert "已导入 3 条信息。" in response.content.decode()
    assert (
        Document.objects.filter(agency=agency, status=Status.PUBLISHED, imported=True).count() == 3
    )


def test_a_file_over_the_limit_is_refused(client, agency, reviewer, monkeypatch):
    monkeypatch.setattr(import_views, "MAX_IMPORT_BYTES", 100)
    client.force_login(reviewer)

    response = client.post(URL, {"agency": agency.pk, "file": upload(good_csv(agency))})

    assert response.status_code == 200
    assert "文件太大" in response.content.decode()
    assert not Document.objects.exists()


def test_a_missing_file_is_a_form_error(client, agency, reviewer):
    client.force_login(reviewer)
    response = client.post(URL, {"agency": agency.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_a_long_error_list_is_cut_short(client, agency, reviewer, monkeypatch):
    monkeypatch.setattr(import_views, "ERRORS_SHOWN", 1)
    client.force_login(reviewer)
    text = good_csv(agency).replace("2024-03-05", "2024-02-01")

    page = client.post(URL, {"agency": agency.pk, "file": upload(text)}).content.decode()

    assert "发现 2 处问题" in page
    assert page.count("（2024-02-01）早于成文日期") == 1
    assert "另有 1 处问题未显示" in page
