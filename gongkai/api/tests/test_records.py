"""Contract of /api/records and /api/records/{id}: shape, filters, bounded pages, 404 and 410."""

import datetime
import re

import pytest

from gongkai.api.tests.conftest import SHANGHAI, publish, set_published_at
from gongkai.documents import services
from gongkai.documents.models import (
    Attribute,
    DocumentLink,
    DocumentType,
    LinkKind,
    Scope,
    Status,
    Topic,
    Validity,
    WithholdingBasis,
)
from gongkai.documents.tests.factories import make_agency_item, make_document, pdf_bytes
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
NOT_PROACTIVE = {
    "withholding_basis": WithholdingBasis.PROCESS_INFORMATION,
    "withholding_reason": "内部研究过程中的信息。",
}


def at(year: int, month: int = 1, day: int = 5) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, tzinfo=SHANGHAI)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [record["title"] for record in response.json()["results"]]


# --- list ----------------------------------------------------------------------------------


def test_list_shape(client, item, reviewer):
    document = publish(
        item,
        reviewer,
        title="关于印发预防接种工作方案的通知",
        document_number="和卫发〔2026〕5号",
        issuers=["和县卫生健康委员会", "和县教育局"],
        summary="印发工作方案。",
    )

    response = client.get("/api/records")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "page": 1,
        "page_size": 20,
        "pages": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": document.pk,
                "title": "关于印发预防接种工作方案的通知",
                "index_number": document.index_number,
                "document_number": "和卫发〔2026〕5号",
                "agency": {"code": "HX-WJJ", "name": "和县卫生健康委员会"},
                "issuers": ["和县卫生健康委员会", "和县教育局"],
                "document_type": {"value": "notice", "label": "通知公告"},
                "topic": {"value": "health", "label": "卫生、体育\\卫生"},
                "catalogue_item": {"code": "T0100", "name": "行政规范性文件"},
                "published_on": "2026-03-02",
                "validity": {"value": "valid", "label": "有效"},
                "summary": "印发工作方案。",
                "url": f"{BASE}/api/records/{document.pk}",
                "portal_url": f"{BASE}/records/{document.pk}/",
            }
        ],
    }


def test_list_is_newest_first(client, item, reviewer):
    older = publish(item, reviewer, title="较早")
    newer = publish(item, reviewer, title="较新")
    set_published_at(older, at(2025))
    set_published_at(newer, at(2026))
    same_moment = publish(item, reviewer, title="同时发布，后建")
    set_published_at(same_moment, at(2026))

    assert titles(client.get("/api/records")) == ["同时发布，后建", "较新", "较早"]


def test_filters(client, agency, item, reviewer):
    other_agency = make_agency(code="QT")
    other_item = make_agency_item(other_agency, code="Q0100")
    make_agency_item(agency, code="T0200")
    records = {
        "base": publish(item, reviewer, title="基准通知"),
        "other_agency": publish(other_item, None, title="外机关的通知"),
        "rule": publish(item, reviewer, title="规章", document_type=DocumentType.RULE),
        "topic": publish(item, reviewer, title="财政主题", topic=Topic.FINANCE),
        "old": publish(item, reviewer, title="往年的通知"),
        "repealed": publish(item, reviewer, title="已废止的通知"),
    }
    set_published_at(records["old"], at(2024))
    services.change_validity(
        document=records["repealed"],
        actor=reviewer,
        validity=Validity.REPEALED,
        changed_on=datetime.date(2026, 3, 1),
    )

    assert set(titles(client.get("/api/records", {"agency": "QT"}))) == {"外机关的通知"}
    assert titles(client.get("/api/records", {"type": "rule"})) == ["规章"]
    assert titles(client.get("/api/records", {"topic": "finance"})) == ["财政主题"]
    assert titles(client.get("/api/records", {"year": 2024})) == ["往年的通知"]
    assert titles(client.get("/api/records", {"validity": "repealed"})) == ["已废止的通知"]
    assert titles(client.get("/api/records", {"q": "废止"})) == ["已废止的通知"]
    assert len(titles(client.get("/api/records", {"agency": "HX-WJJ", "catalogue_item": "T0100"})))
    assert titles(client.get("/api/records", {"agency": "HX-WJJ", "catalogue_item": "T0200"})) == []
    assert titles(client.get("/api/records", {"agency": "QT", "catalogue_item": "T0100"})) == []
    assert titles(client.get("/api/records", {"agency": "HX-WJJ", "year": 2026, "type": "rule"}))
    assert titles(client.get("/api/records", {"agency": "NO-SUCH"})) == []


def test_catalogue_item_filter_needs_the_agency(client, item):
    response = client.get("/api/records", {"catalogue_item": "T0100"})

    assert response.status_code == 400
    assert response.json() == {"detail": "按目录事项筛选时，须同时用 agency 指定机关代码。"}


@pytest.mark.parametrize(
    ("params", "field"),
    [({"type": "memo"}, "type"), ({"year": "last"}, "year"), ({"year": "0"}, "year")],
)
def test_malformed_filters_are_422_in_chinese(client, params, field):
    response = client.get("/api/records", params)

    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    assert field in body["detail"]
    assert re.search(r"[\u4e00-\u9fff]", body["detail"])  # said in Chinese
    assert body["errors"][0]["loc"][-1] == field  # the validator's own list, for programs


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": 51}, "最多只能查看前 50 页，请用筛选条件缩小范围。"),
        ({"page": 0}, "页码应从 1 开始。"),
        ({"page_size": 101}, "每页条数应在 1 到 100 之间。"),
        ({"page_size": 0}, "每页条数应在 1 到 100 之间。"),
    ],
)
def test_pages_are_bounded(client, params, message):
    response = client.get("/api/records", params)

    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_pages_link_to_each_other(client, item, reviewer):
    for n in range(5):
        publish(item, reviewer, title=f"通知{n}")

    first = client.get("/api/records", {"type": "notice", "page_size": 2}).json()
    last = client.get("/api/records", {"type": "notice", "page_size": 2, "page": 3}).json()

    assert (first["count"], first["pages"], len(first["results"])) == (5, 3, 2)
    assert first["next"] == f"{BASE}/api/records?type=notice&page_size=2&page=2"
    assert first["previous"] is None
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert last["previous"] == f"{BASE}/api/records?type=notice&page_size=2&page=2"


def test_pages_never_exceed_fifty(client, item, reviewer):
    for n in range(3):
        publish(item, reviewer, title=f"通知{n}")

    body = client.get("/api/records", {"page_size": 1, "page": 50}).json()

    assert (body["count"], body["pages"], body["results"]) == (3, 3, [])


def test_list_takes_a_constant_number_of_queries(
    client, item, reviewer, django_assert_max_num_queries
):
    def fill(n: int) -> None:
        for _ in range(n):
            publish(item, reviewer, issuers=["和县卫生健康委员会", "和县财政局"])

    fill(2)
    with django_assert_max_num_queries(3):  # count, page, issuers
        assert len(client.get("/api/records").json()["results"]) == 2
    fill(30)
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/records", {"page_size": 100}).json()["results"]) == 32


# --- one record ----------------------------------------------------------------------------


def test_detail_shape(client, agency, item, reviewer):
    policy = make_document(
        catalogue_item=item,
        title="关于印发预防接种工作方案的通知",
        document_number="和卫发〔2026〕5号",
        document_type=DocumentType.NORMATIVE,
        issuers=["和县卫生健康委员会", "和县教育局"],
        summary="印发工作方案。",
        body="<p>各单位：</p>",
        formed_on=datetime.date(2026, 2, 27),
        effective_on=datetime.date(2026, 4, 1),
        scope=Scope.REDACTED,
        withholding_basis=WithholdingBasis.THIRD_PARTY,
        withholding_reason="删去了个人电话。",
    )
    services.add_attachment(document=policy, actor=None, name="工作方案.pdf", data=pdf_bytes())
    policy.status = Status.IN_REVIEW
    policy.save(update_fields=["status"])
    services.publish(document=policy, actor=reviewer, interpretation_waiver="测试。")
    policy.refresh_from_db()
    attachment = policy.attachments.get()

    response = client.get(f"/api/records/{policy.pk}")

    assert response.status_code == 200
    assert response.json() == {
        "id": policy.pk,
        "title": "关于印发预防接种工作方案的通知",
        "index_number": policy.index_number,
        "document_number": "和卫发〔2026〕5号",
        "agency": {"code": "HX-WJJ", "name": "和县卫生健康委员会"},
        "issuers": ["和县卫生健康委员会", "和县教育局"],
        "document_type": {"value": "normative", "label": "行政规范性文件"},
        "topic": {"value": "health", "label": "卫生、体育\\卫生"},
        "catalogue_item": {"code": "T0100", "name": "行政规范性文件"},
        "formed_on": "2026-02-27",
        "published_on": "2026-03-02",
        "effective_on": "2026-04-01",
        "validity": {"value": "valid", "label": "有效", "changed_on": None},
        "scope": {"value": "redacted", "label": "删减后公开"},
        "redaction_basis": "涉及商业秘密、个人隐私等第三方合法权益（条例第十五条）",
        "summary": "印发工作方案。",
        "body_html": "<p>各单位：</p>",
        "attachments": [
            {
                "name": "工作方案.pdf",
                "kind": "pdf",
                "size": attachment.size,
                "url": f"{BASE}/media/{attachment.file.name}",
            }
        ],
        "interpretations": [],
        "interprets": [],
        "amended_by": [],
        "repealed_by": [],
        "url": f"{BASE}/api/records/{policy.pk}",
        "portal_url": f"{BASE}/records/{policy.pk}/",
    }
    assert "删去了个人电话" not in response.content.decode()


def test_detail_links_only_public_records(client, item, reviewer):
    policy = publish(item, reviewer, title="政策文件", document_type=DocumentType.POLICY)
    interpretation = make_document(
        catalogue_item=item,
        title="政策解读",
        document_type=DocumentType.INTERPRETATION,
        status=Status.IN_REVIEW,
    )
    services.link_documents(
        source=interpretation, target=policy, kind=LinkKind.INTERPRETS, actor=None
    )
    draft_interpretation = make_document(
        catalogue_item=item, title="起草中的解读", document_type=DocumentType.INTERPRETATION
    )
    services.link_documents(
        source=draft_interpretation, target=policy, kind=LinkKind.INTERPRETS, actor=None
    )
    services.publish(document=interpretation, actor=reviewer)
    amending = publish(item, reviewer, title="修改决定")
    repealing = publish(item, reviewer, title="废止决定")
    DocumentLink.objects.create(source=amending, target=policy, kind=LinkKind.AMENDS)
    DocumentLink.objects.create(source=repealing, target=policy, kind=LinkKind.REPEALS)
    draft_repeal = make_document(catalogue_item=item, title="起草中的废止决定")
    DocumentLink.objects.create(source=draft_repeal, target=policy, kind=LinkKind.REPEALS)

    body = client.get(f"/api/records/{policy.pk}").json()
    back = client.get(f"/api/records/{interpretation.pk}").json()

    def ref(document):
        return {
            "id": document.pk,
            "title": document.title,
            "url": f"{BASE}/api/records/{document.pk}",
            "portal_url": f"{BASE}/records/{document.pk}/",
        }

    assert body["interpretations"] == [ref(interpretation)]
    assert body["amended_by"] == [ref(amending)]
    assert body["repealed_by"] == [ref(repealing)]
    assert back["interprets"] == [ref(policy)]


def test_validity_change_is_shown_with_its_date(client, item, reviewer):
    document = publish(item, reviewer)
    services.change_validity(
        document=document,
        actor=reviewer,
        validity=Validity.EXPIRED,
        changed_on=datetime.date(2026, 3, 1),
    )

    body = client.get(f"/api/records/{document.pk}").json()

    assert body["validity"] == {"value": "expired", "label": "已失效", "changed_on": "2026-03-01"}


@pytest.mark.parametrize("state", ["draft", "in_review", "on_request", "withheld", "missing"])
def test_records_the_public_may_not_read_are_404(client, item, reviewer, state):
    if state == "missing":
        pk = 999999
    elif state in ("draft", "in_review"):
        pk = make_document(catalogue_item=item, status=state).pk
    else:
        pk = publish(item, reviewer, attribute=state, **NOT_PROACTIVE).pk

    response = client.get(f"/api/records/{pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该信息。"}


def test_withdrawn_record_is_410_with_reason(client, item, reviewer):
    document = publish(item, reviewer, title="关于某行政处罚决定的公示")
    services.withdraw(document=document, actor=reviewer, reason="该处罚决定已经复议撤销。")

    response = client.get(f"/api/records/{document.pk}")

    assert response.status_code == 410
    assert response.json() == {
        "detail": "withdrawn",
        "title": "关于某行政处罚决定的公示",
        "index_number": document.index_number,
        "withdrawn_on": "2026-03-02",
        "reason": "该处罚决定已经复议撤销。",
    }
    assert titles(client.get("/api/records")) == []


def test_withdrawn_record_that_was_never_public_stays_404(client, item, reviewer):
    document = publish(item, reviewer, attribute=Attribute.ON_REQUEST, **NOT_PROACTIVE)
    services.withdraw(document=document, actor=reviewer, reason="撤回。")

    assert client.get(f"/api/records/{document.pk}").status_code == 404


def test_only_get_is_allowed(client, item, reviewer):
    document = publish(item, reviewer)

    assert client.post("/api/records").status_code == 405
    assert client.delete(f"/api/records/{document.pk}").status_code == 405
