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
