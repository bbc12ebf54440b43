"""Citizens find the seed notices by what they would type (issue: portal and search)."""

import pytest
from django.urls import reverse

from gongkai.documents import services
from gongkai.documents.models import Document

pytestmark = pytest.mark.django_db
URL = reverse("portal:search")


@pytest.fixture
def demo(django_capture_on_commit_callbacks, restore_demo):
    # The demo publishes through the services; the outbox is applied after each commit.
    with django_capture_on_commit_callbacks(execute=True):
        restore_demo()


def titles_found(client, text: str, **params) -> str:
    response = client.get(URL, {"q": text, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("typed", "expected_title"),
    [
        ("双随机", "关于印发2018年区卫生计生委政务公开工作要点的通知"),
        ("依申请公开", "国家卫生计生委关于全面推进卫生计生政务公开工作的实施意见"),
        ("舆情 回应", "四平市卫生健康委员会关于全面推进政务公开工作的实施意见"),
        ("政策解读", "晋城市卫生健康委员会推进医疗卫生领域基层政务公开标准化规范化工作指导方案"),
        ("新农合", "国家卫生计生委关于全面推进卫生计生政务公开工作的实施意见"),
        ("院务公开", "2011年全市卫生系统政务公开工作要点"),
        # The Tianjin notice writes it “三公”经费, with quotation marks inside the word.
        ("三公经费", "关于印发2018年区卫生计生委政务公开工作要点的通知"),
        ("三公经费", "2025年部门决算及“三公”经费支出情况说明"),
    ],
)
def test_seed_notices_are_found_by_what_a_citizen_types(client, demo, typed, expected_title):
    assert expected_title in titles_found(client, typed)


def test_the_exact_document_number_opens_the_record(client, demo):
    tianjin = Document.objects.get(document_number="津滨卫函〔2018〕489号")

    response = client.get(URL, {"q": "津滨卫函〔2018〕489号"})

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:document-detail", args=[tianjin.pk])
    # Brackets as people type them on a phone work too.
    assert client.get(URL, {"q": "津滨卫函[2018]489号"}).status_code == 302


def test_the_index_number_opens_the_record(client, demo):
    record = Document.objects.public().first()

    response = client.get(URL, {"q": record.index_number})

    assert response["Location"] == reverse("portal:document-detail", args=[record.pk])


def test_drafts_withdrawn_and_withheld_records_never_appear(client, demo):
    page = titles_found(client, "演示")

    assert "2026年第三季度公共场所卫生监督检查结果" not in page  # draft
    assert "某美容诊所行政处罚决定信息" not in page  # withdrawn
    assert "内部请示" not in page  # withheld draft
    assert "2026年部门预算" not in page  # awaiting review


def test_withdrawing_takes_a_record_out_of_the_results(
    client, demo, django_capture_on_commit_callbacks
):
    record = Document.objects.get(title__contains="康宁诊所")
    assert record.title in titles_found(client, "康宁诊所")
    reviewer = record.reviewed_by

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(document=record, actor=reviewer, reason="登记信息有误，更正后重新发布。")

    assert record.title not in titles_found(client, "康宁诊所")


def test_a_search_that_finds_nothing_says_so_and_suggests(client, demo):
    page = titles_found(client, "双随机 火星基地")

    assert "没有找到相关信息" in page


def test_snippets_are_highlighted_and_safe(client, demo):
    page = titles_found(client, "新农合")

    assert "<mark>新农合</mark>" in page
    assert "<script" not in page


def test_filters_narrow_the_results(client, demo):
    page = titles_found(client, "政务公开", agency="TJBH-WJW")

    assert "关于印发2018年区卫生计生委政务公开工作要点的通知" in page
    assert "四平市卫生健康委员会关于全面推进政务公开工作的实施意见" not in page


def test_the_empty_search_page_loads(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert "搜索政府信息" in response.content.decode()
