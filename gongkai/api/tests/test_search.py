"""Contract of /api/search: shape, filters, exact numbers first, bounded pages, public only.

The documents app feeds the index in its own transactions; these tests feed it themselves
(`index_documents`), including records that must never be shown, to prove the re-check."""

import datetime

import pytest

from gongkai.api.tests.conftest import SHANGHAI, index_documents, publish, set_published_at
from gongkai.documents import services
from gongkai.documents.models import Attribute, DocumentType, Status, Validity, WithholdingBasis
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [hit["title"] for hit in response.json()["results"]]


def test_search_shape(client, item, reviewer):
    document = publish(
        item,
        reviewer,
        title="关于做好预防接种工作的通知",
        document_number="和卫发〔2026〕7号",
        body="<p>各单位要认真做好预防接种工作。</p>",
    )
    index_documents(document)

    response = client.get("/api/search", {"q": "预防接种"})

    assert response.status_code == 200
    body = response.json()
    hit = body["results"][0]
    assert "<mark>" in hit.pop("snippet")
    assert hit == {
        "id": document.pk,
        "title": "关于做好预防接种工作的通知",
        "index_number": document.index_number,
        "document_number": "和卫发〔2026〕7号",
        "published_on": "2026-03-02",
        "agency": {"code": "HX-WJJ", "name": "和县卫生健康委员会"},
        "document_type": {"value": "notice", "label": "通知公告"},
        "validity": {"value": "valid", "label": "有效"},
        "url": f"{BASE}/api/records/{document.pk}",
        "portal_url": f"{BASE}/records/{document.pk}/",
    }
    assert {key: body[key] for key in body if key != "results"} == {
        "query": "预防接种",
        "sort": "relevance",
        "total": 1,
        "page": 1,
        "page_size": 20,
        "pages": 1,
        "truncated": False,
        "next": None,
        "previous": None,
        "suggestions": [],
    }


def test_only_public_records_are_returned_even_if_indexed(client, item, reviewer):
    basis = {
        "withholding_basis": WithholdingBasis.PROCESS_INFORMATION,
        "withholding_reason": "内部研究。",
    }
    public = publish(item, reviewer, title="公开的接种通知")
    withdrawn = publish(item, reviewer, title="撤回的接种通知")
    on_request = publish(
        item, reviewer, title="依申请的接种通知", attribute=Attribute.ON_REQUEST, **basis
    )
    withheld = publish(
        item, reviewer, title="不予公开的接种通知", attribute=Attribute.WITHHELD, **basis
    )
    draft = make_document(catalogue_item=item, title="草稿接种通知")
    in_review = make_document(catalogue_item=item, title="审核中接种通知", status=Status.IN_REVIEW)
    index_documents(public, withdrawn, on_request, withheld, draft, in_review)
    services.withdraw(document=withdrawn, actor=reviewer, reason="有误。")

    assert titles(client.get("/api/search", {"q": "接种通知"})) == ["公开的接种通知"]


def test_filters_are_passed_to_the_index_and_rechecked(client, agency, item, reviewer):
    other_item = make_agency_item(make_agency(code="QT"))
    records = [
        publish(item, reviewer, title="本机关通知"),
        publish(other_item, None, title="外机关通知"),
        publish(item, reviewer, title="规章通知", document_type=DocumentType.RULE),
        set_published_at(
            publish(item, reviewer, title="往年通知"),
            datetime.datetime(2024, 5, 1, 10, tzinfo=SHANGHAI),
        ),
        publish(item, reviewer, title="废止通知"),
    ]
    services.change_validity(
        document=records[-1],
        actor=reviewer,
        validity=Validity.REPEALED,
        changed_on=datetime.date(2026, 3, 1),
    )
    records[-1].refresh_from_db()
    index_documents(*records)

    def search(**params):
        return set(titles(client.get("/api/search", {"q": "通知", **params})))

    assert search(agency="QT") == {"外机关通知"}
    assert search(type="rule") == {"规章通知"}
    assert search(year=2024) == {"往年通知"}
    assert search(validity="repealed") == {"废止通知"}
    assert len(search()) == 5


def test_sort_by_date_is_newest_first(client, item, reviewer):
    older = set_published_at(
        publish(item, reviewer, title="较早的接种通知"),
        datetime.datetime(2025, 1, 5, 10, tzinfo=SHANGHAI),
    )
    newer = publish(item, reviewer, title="较新的通知", body="<p>接种</p>")
    index_documents(older, newer)

    assert titles(client.get("/api/search", {"q": "接种", "sort": "date"})) == [
        "较新的通知",
        "较早的接种通知",
    ]
    assert client.get("/api/search", {"q": "接种", "sort": "oldest"}).status_code == 422


def test_exact_document_or_index_number_comes_first(client, item, reviewer):
    wanted = set_published_at(
        publish(item, reviewer, title="另一件事", document_number="和卫发〔2026〕9号"),
        datetime.datetime(2025, 1, 5, 10, tzinfo=SHANGHAI),
    )  # oldest: by date it would come last
    others = [publish(item, reviewer, title=f"和卫发2026年第9号文件的解读{n}") for n in range(3)]
    index_documents(*others, wanted)

    by_number = titles(client.get("/api/search", {"q": "和卫发〔2026〕9号", "sort": "date"}))
    by_index = titles(client.get("/api/search", {"q": wanted.index_number, "sort": "date"}))

    assert by_number[0] == "另一件事"
    assert by_index[0] == "另一件事"


def test_exact_number_of_a_record_not_public_is_not_shown(client, item, reviewer):
    withdrawn = publish(item, reviewer, title="已撤回", document_number="和卫发〔2026〕11号")
    index_documents(withdrawn)
    services.withdraw(document=withdrawn, actor=reviewer, reason="有误。")

    assert titles(client.get("/api/search", {"q": "和卫发〔2026〕11号"})) == []


def test_no_results_offer_suggestions(client, item, reviewer):
    index_documents(publish(item, reviewer, title="预防接种通知"))

    body = client.get("/api/search", {"q": "预防接种 火星"}).json()

    assert body["total"] == 0
    assert body["results"] == []
    assert body["suggestions"][0]["text"] == "预防接种"
    assert set(body["suggestions"][0]) == {"text", "total", "message", "without_filters"}


def test_pages_link_and_are_bounded(client, item, reviewer):
    index_documents(*(publish(item, reviewer, title=f"接种通知{n}") for n in range(3)))

    first = client.get("/api/search", {"q": "接种", "page_size": 2}).json()
    too_far = client.get("/api/search", {"q": "接种", "page": 51})

    assert (first["total"], first["pages"], len(first["results"])) == (3, 2, 2)
    assert first["next"] == f"{BASE}/api/search?q=%E6%8E%A5%E7%A7%8D&page_size=2&page=2"
    assert too_far.status_code == 400
    assert too_far.json() == {
        "detail": "最多只能查看前 50 页结果，请增加检索词或筛选条件缩小范围。"
    }
    assert client.get("/api/search", {"q": "接种", "page_size": 101}).status_code == 400


def test_an_empty_index_finds_nothing(client):
    body = client.get("/api/search", {"q": "接种"}).json()

    assert (body["total"], body["results"]) == (0, [])


def test_search_takes_few_queries(client, item, reviewer, django_assert_max_num_queries, settings):
    index_documents(*(publish(item, reviewer, title=f"接种通知{n}") for n in range(12)))
    # The search itself; counting it against the rate limit is a few more (ratelimits tests).
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "off"}

    with django_assert_max_num_queries(1):
        assert len(client.get("/api/search", {"q": "接种"}).json()["results"]) == 12


def test_searches_are_limited_per_client(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "2/m"}

    answers = [client.get("/api/search", {"q": "接种"}) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[2].json() == {"detail": "查询过于频繁，请 1 分钟后再试。"}
    assert answers[2]["Retry-After"] == "60"
