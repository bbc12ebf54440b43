"""政策文件库: public policies only, filters, bounded paging, constant queries."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents.models import DocumentType, Status, Topic, Validity
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    make_published_document,
)
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
URL = reverse("portal:policy-library")


@pytest.fixture
def setting():
    agency = make_agency()
    item = make_agency_item(agency)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    return agency, item, reviewer


def publish(setting, **overrides):
    _agency, item, reviewer = setting
    overrides.setdefault("status", Status.IN_REVIEW)
    overrides.setdefault("document_type", DocumentType.NORMATIVE)
    return make_published_document(catalogue_item=item, reviewer=reviewer, **overrides)


def titles(response) -> str:
    return response.content.decode()


def test_lists_public_policies_but_no_notices_or_drafts(client, setting):
    publish(setting, title="公开的规范性文件")
    publish(setting, title="一则通知", document_type=DocumentType.NOTICE)
    make_document(
        catalogue_item=setting[1], title="草稿中的规范性文件", document_type=DocumentType.NORMATIVE
    )

    page = titles(client.get(URL))

    assert "公开的规范性文件" in page
    assert "一则通知" not in page
    assert "草稿中的规范性文件" not in page


@pytest.mark.parametrize(
    ("params", "expected", "unexpected"),
    [
        ({"topic": Topic.FINANCE}, "财政文件", "卫生文件"),
        ({"validity": Validity.REPEALED}, "已废止文件", "卫生文件"),
        ({"type": DocumentType.RULE}, "一部规章", "卫生文件"),
        ({"issuer": "联合"}, "联合发文", "卫生文件"),
    ],
)
def test_filters(client, setting, params, expected, unexpected):
    publish(setting, title="卫生文件", topic=Topic.HEALTH)
    publish(setting, title="财政文件", topic=Topic.FINANCE)
    publish(setting, title="已废止文件", validity=Validity.REPEALED)
    publish(setting, title="一部规章", document_type=DocumentType.RULE)
    publish(setting, title="联合发文", issuers=["某市卫生健康委员会", "某市联合发文机关"])

    page = titles(client.get(URL, params))

    assert expected in page
    assert unexpected not in page


def test_bad_filter_values_do_not_break_the_page(client, setting):
    publish(setting, title="卫生文件")

    response = client.get(URL, {"year": "abc", "topic": "nonsense", "page": "x"})

    assert response.status_code == 200
    assert "卫生文件" in titles(response)


def test_query_count_does_not_grow_with_the_page(client, setting, django_assert_max_num_queries):
    for n in range(3):
        publish(setting, title=f"文件{n}")
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for n in range(3, 25):
        publish(setting, title=f"文件{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_paging_is_bounded(client, setting):
    response = client.get(URL, {"page": "100000"})

    assert response.status_code == 200


def test_the_total_comes_from_the_tally_of_public_records(client, setting):
    for n in range(3):
        publish(setting, title=f"政策{n}")
    publish(setting, title="一则通知", document_type=DocumentType.NOTICE)

    assert "共 3 件" in titles(client.get(URL))


def test_a_filtered_list_is_counted_only_as_far_as_its_last_page(client, setting, monkeypatch):
    """Past the pages a list may show, a filtered count stops and says "more than"."""
    from gongkai.portal import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "MAX_PAGES", 2)  # at most 4 records can be shown
    _agency, item, _reviewer = setting
    for n in range(6):
        make_document(
            catalogue_item=item,
            title=f"财政文件{n}",
            topic=Topic.FINANCE,
            document_type=DocumentType.NORMATIVE,
            status=Status.PUBLISHED,
        )
    make_document(
        catalogue_item=item,
        title="卫生文件",
        topic=Topic.HEALTH,
        document_type=DocumentType.NORMATIVE,
        status=Status.PUBLISHED,
    )

    first = titles(client.get(URL, {"topic": Topic.FINANCE}))
    assert "超过 4 件" in first
    assert "第 1 页" in first
    assert "页，共" not in first  # no total of pages when the count stopped
    last = titles(client.get(URL, {"topic": Topic.FINANCE, "page": "2"}))
    assert "结果太多，请增加筛选条件或使用搜索。" in last
    assert 'rel="next"' not in last
    # Under the cap the filtered count is exact; unfiltered it is the tally's.
    assert "共 1 件" in titles(client.get(URL, {"topic": Topic.HEALTH}))
    assert "共 7 件" in titles(client.get(URL))
