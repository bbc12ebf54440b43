"""Portal pages of open data and the console, for every role."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.opendata import services
from gongkai.opendata.models import DatasetStatus, ResourceVersion
from gongkai.opendata.tests.factories import (
    CSV_TEXT,
    dataset_values,
    make_dataset,
    make_published_dataset,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_agency(code="PG-CITY", name="演示市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def county(city):
    return make_agency(code="PG-COUNTY", name="演示县卫生健康局", parent=city, region="演示县")


@pytest.fixture
def people(county, city):
    other = make_agency(code="PG-OTHER", name="别的县卫生健康局")
    return {
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "other": make_user(agency=other, roles=(Role.PUBLISHER, Role.REVIEWER)),
    }


def test_the_dataset_page_shows_metadata_resources_preview_chart_and_history(client, county):
    dataset = make_published_dataset(county, name="beds", title="医疗机构床位数")
    resource = dataset.resources.get()
    services.replace_upload(
        resource=resource,
        actor=dataset.reviewed_by,
        data=(CSV_TEXT + "县医院,300,2010-05-01\n").encode("gbk"),
    )
    page = client.get(reverse("portal:dataset-detail", args=["beds"]))
    assert page.status_code == 200
    text = page.content.decode()
    for expected in (
        "医疗机构床位数",
        "演示县",  # spatial: the agency's region by default
        "CC BY 4.0",
        "每年",
        "第一人民医院",  # the preview
        "<svg",  # the chart of 床位数 against 机构名称
        "床位数",
        "第2版",
        "第1版",
        'class="card-table compact"',
    ):
        assert expected in text, expected
    old = client.get(
        reverse("portal:dataset-resource-download", args=["beds", resource.pk]), {"version": 1}
    )
    assert b"".join(old.streaming_content).decode("utf-8-sig") == CSV_TEXT.replace("\n", "\r\n")
    latest = client.get(reverse("portal:dataset-resource-download", args=["beds", resource.pk]))
    assert "县医院" in b"".join(latest.streaming_content).decode("utf-8-sig")
    assert latest["Content-Type"] == "text/csv"


def test_a_chart_draws_the_same_numbers_as_the_table(client, county):
    make_published_dataset(county, name="beds")
    text = client.get(reverse("portal:dataset-detail", args=["beds"])).content.decode()
    figure = text[text.index('<figure class="chart">') :]
    for number in ("500", "220", "120"):
        assert f'<td data-label="床位数">{number}</td>' in figure


def test_drafts_are_not_public_and_withdrawn_ones_say_so(client, county):
    draft = make_dataset(county, name="draft")
    assert client.get(reverse("portal:dataset-detail", args=["draft"])).status_code == 404
    resource = draft.resources.get()
    download = reverse("portal:dataset-resource-download", args=["draft", resource.pk])
    assert client.get(download).status_code == 404
    gone = make_published_dataset(county, name="gone")
    services.withdraw_dataset(dataset=gone, actor=gone.reviewed_by, reason="统计口径有误")
    page = client.get(reverse("portal:dataset-detail", args=["gone"]))
    assert page.status_code == 410
    assert "统计口径有误" in page.content.decode()


def test_conditional_data_is_listed_with_its_reason_but_not_downloadable(client, county):
    make_published_dataset(county, name="open", title="公开的数据")
    cond = make_published_dataset(
        county,
        name="cond",
        title="受限的数据",
        openness="conditional",
        openness_reason="含有机构内部统计口径，向科研机构提供。",
    )
    listing = client.get(reverse("portal:agency-data-resources", args=["PG-COUNTY"]))
    text = listing.content.decode()
    assert "受限的数据" in text
    assert "含有机构内部统计口径" in text
    assert "有条件开放" in text
    page = client.get(reverse("portal:dataset-detail", args=["cond"])).content.decode()
    assert "不提供公开下载" in page
    assert "第一人民医院" not in page  # no preview of data that is not open
    download = reverse("portal:dataset-resource-download", args=["cond", cond.resources.get().pk])
    assert client.get(download).status_code == 404


def test_the_resource_list_downloads_as_xlsx_and_csv(client, county):
    make_published_dataset(county, name="beds", title="医疗机构床位数")
    xlsx = client.get(reverse("portal:agency-data-resources-file", args=["PG-COUNTY", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("数据集名称", "数据集标识", "主题分类")
    assert rows[1][:2] == ("医疗机构床位数", "beds")
    csv = client.get(reverse("portal:agency-data-resources-file", args=["PG-COUNTY", "csv"]))
    assert "医疗机构床位数" in csv.content.decode("utf-8-sig")
    bad = reverse("portal:agency-data-resources-file", args=["PG-COUNTY", "exe"])
    assert client.get(bad).status_code == 404


def test_the_open_catalogue_filters_by_theme_and_is_linked(client, county):
    make_published_dataset(county, name="beds", title="医疗机构床位数", theme="health_resources")
    make_published_dataset(county, name="cases", title="传染病疫情", theme="disease_control")
    url = reverse("portal:agency-opendata", args=["PG-COUNTY"])
    text = client.get(url, {"theme": "disease_control"}).content.decode()
    assert "传染病疫情" in text
    assert "医疗机构床位数" not in text
    home = client.get(reverse("portal:opendata-home")).content.decode()
    assert url in home
    assert reverse("portal:opendata-home") in client.get("/").content.decode()
    column = client.get(reverse("portal:agency-home", args=["PG-COUNTY"])).content.decode()
    assert url in column


# --- console --------------------------------------------------------------------------------


def _post_dataset(client, county, **overrides):
    values = dataset_values(county, **overrides)
    data = {k: ("" if v is None else v) for k, v in values.items()}
    data["catalogue_item"] = values["catalogue_item"].pk
    data["agency"] = county.pk
    data["tags"] = "医疗机构、床位"
    return client.post(reverse("console:dataset-create"), data)


def test_a_publisher_creates_uploads_and_submits_then_a_reviewer_publishes(client, county, people):
    client.force_login(people["publisher"])
    response = _post_dataset(client, county, name="beds")
    assert response.status_code == 302
    dataset = county.datasets.get()
    assert sorted(t.name for t in dataset.tags.all()) == ["医疗机构", "床位"]
    upload = SimpleUploadedFile("beds.csv", CSV_TEXT.encode("gbk"))
    response = client.post(
        reverse("console:dataset-upload", args=[dataset.pk]),
        {"title": "床位", "file": upload, "schema": "床位数=整数"},
    )
    assert response.status_code == 302
    assert dataset.resources.get().schema == [{"name": "床位数", "type": "integer"}]
    client.post(reverse("console:dataset-action", args=[dataset.pk]), {"action": "submit"})
    # The publisher may not publish
    assert (
        client.post(
            reverse("console:dataset-action", args=[dataset.pk]), {"action": "publish"}
        ).status_code
        == 403
    )
    client.force_login(people["reviewer"])
    client.post(reverse("console:dataset-action", args=[dataset.pk]), {"action": "publish"})
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.PUBLISHED


def test_a_bad_upload_shows_every_problem_and_keeps_what_was_typed(client, county, people):
    client.force_login(people["publisher"])
    dataset = make_dataset(county, drafter=people["publisher"], csv=None)
    bad = "机构名称,床位数\n甲,10\n乙,十二\n丙,1,多\n".encode("gbk")
    response = client.post(
        reverse("console:dataset-upload", args=[dataset.pk]),
        {
            "title": "我输入的名称",
            "file": SimpleUploadedFile("bad.csv", bad),
            "schema": "床位数=整数",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "第4行：这一行有3个单元格，而列名行有2列。" in text
    assert "我输入的名称" in text
    assert "床位数=整数" in text
    assert not ResourceVersion.objects.exists()


@pytest.mark.parametrize(
    ("who", "list_sees", "detail", "edit"),
    [
        ("publisher", True, 200, 200),
        ("reviewer", True, 200, 403),
        ("supervisor", True, 200, 403),
        ("other", False, 404, 404),
    ],
)
def test_console_access_per_role(client, county, people, who, list_sees, detail, edit):
    dataset = make_dataset(county, drafter=people["publisher"], title="草稿数据集")
    client.force_login(people[who])
    listing = client.get(reverse("console:dataset-list")).content.decode()
    assert ("草稿数据集" in listing) is list_sees
    assert client.get(reverse("console:dataset-detail", args=[dataset.pk])).status_code == detail
    assert client.get(reverse("console:dataset-edit", args=[dataset.pk])).status_code == edit


def test_supervisors_and_other_agencies_cannot_act(client, county, people):
    dataset = make_dataset(county, drafter=people["publisher"])
    services.submit_dataset(dataset=dataset, actor=people["publisher"])
    for who, status in (("supervisor", 403), ("other", 404)):
        client.force_login(people[who])
        url = reverse("console:dataset-action", args=[dataset.pk])
        assert client.post(url, {"action": "publish"}).status_code == status
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.IN_REVIEW


def test_anonymous_is_sent_to_login_from_the_console(client, county):
    dataset = make_dataset(county)
    response = client.get(reverse("console:dataset-detail", args=[dataset.pk]))
    assert response.status_code == 302


def test_staff_download_a_draft_file_to_check_it(client, county, people):
    dataset = make_dataset(county, drafter=people["publisher"], name="check")
    url = reverse("portal:dataset-resource-download", args=["check", dataset.resources.get().pk])
    client.force_login(people["reviewer"])
    response = client.get(url)
    assert response.status_code == 200
    # Read to its end (the test client's wrapper then closes it); response.close() would send
    # request_finished, which closes the database connection inside the test's transaction on
    # PostgreSQL.
    assert "第一人民医院" in b"".join(response.streaming_content).decode("utf-8-sig")
    client.force_login(people["other"])
    assert client.get(url).status_code == 404


def test_datasets_are_found_by_the_search_page(client, county):
    from gongkai.search import index

    make_published_dataset(county, name="vaccines", title="预防接种门诊名录")
    index.apply_outbox()
    page = client.get(reverse("portal:search"), {"q": "预防接种门诊"}).content.decode()
    assert "开放数据中的结果" in page
    assert reverse("portal:dataset-detail", args=["vaccines"]) in page


def test_published_datasets_are_in_the_sitemap(client, county):
    make_published_dataset(county, name="beds")
    make_dataset(county, name="draft")
    text = client.get("/sitemap-datasets.xml").content.decode()
    assert "/opendata/datasets/beds/" in text
    assert "/opendata/datasets/draft/" not in text
