"""The public website shows published, proactively disclosed records and nothing else."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gongkai.agencies.models import Role
from gongkai.catalogue.models import ItemStatus
from gongkai.documents import services
from gongkai.documents.models import (
    Attribute,
    DocumentLink,
    DocumentType,
    Issuer,
    LinkKind,
    Status,
    Validity,
    WithholdingBasis,
)
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    make_published_document,
    pdf_bytes,
)
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOT_PROACTIVE = {
    "withholding_basis": WithholdingBasis.PROCESS_INFORMATION,
    "withholding_reason": "内部研究过程中的信息。",
}


@pytest.fixture(autouse=True)
def _in_march_2026():
    moment = datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def agency(db):
    return make_agency(code="HX-WJJ", name="和县卫生健康委员会", short_name="和县卫健委")


@pytest.fixture
def item(agency):
    return make_agency_item(agency, name="行政规范性文件")


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def publish(item, reviewer, **overrides):
    overrides.setdefault("status", Status.IN_REVIEW)
    return make_published_document(catalogue_item=item, reviewer=reviewer, **overrides)


def detail_url(document) -> str:
    return reverse("portal:document-detail", args=[document.pk])


@pytest.fixture
def records(item, reviewer):
    """One record in every state the public must or must not see."""
    return {
        "public": publish(item, reviewer, title="公开的通知"),
        "draft": make_document(catalogue_item=item, title="草稿中的通知"),
        "in_review": make_document(
            catalogue_item=item, title="审核中的通知", status=Status.IN_REVIEW
        ),
        "on_request": publish(
            item,
            reviewer,
            title="依申请公开的信息",
            attribute=Attribute.ON_REQUEST,
            **NOT_PROACTIVE,
        ),
        "withheld": publish(
            item, reviewer, title="不予公开的信息", attribute=Attribute.WITHHELD, **NOT_PROACTIVE
        ),
    }


# --- lists ---------------------------------------------------------------------------------


def test_home_lists_only_public_records(client, records, agency):
    response = client.get(reverse("portal:home"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "公开的通知" in page
    for hidden in ("草稿中的通知", "审核中的通知", "依申请公开的信息", "不予公开的信息"):
        assert hidden not in page, hidden
    assert [a.public_count for a in response.context["agencies"] if a.pk == agency.pk] == [1]


def test_home_leaves_out_withdrawn_records(client, item, reviewer):
    document = publish(item, reviewer, title="后来撤回的通知")
    services.withdraw(document=document, actor=reviewer, reason="发布有误。")

    assert "后来撤回的通知" not in client.get(reverse("portal:home")).content.decode()


def test_lists_that_show_no_issuers_do_not_read_them(
    client, records, agency, item, reviewer, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    publish(item, reviewer, title="一份规范性文件", document_type=DocumentType.NORMATIVE)
    issuers = Issuer._meta.db_table
    for url in (
        reverse("portal:home"),
        reverse("portal:agency-home", args=[agency.code]),
        reverse("portal:agency-catalogue-item", args=[agency.code, item.code]),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q for q in queries.captured_queries if issuers in q["sql"]], url
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("portal:policy-library"))
    assert [q for q in queries.captured_queries if issuers in q["sql"]]  # it shows them


def test_agency_home_lists_its_public_records(client, records, agency):
    response = client.get(reverse("portal:agency-home", args=[agency.code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "公开的通知" in page
    assert "草稿中的通知" not in page
    assert "依申请公开的信息" not in page


def test_inactive_or_unknown_agencies_are_404(client, agency):
    agency.is_active = False
    agency.save(update_fields=["is_active"])

    for name in ("portal:agency-home", "portal:agency-guide", "portal:agency-catalogue"):
        assert client.get(reverse(name, args=[agency.code])).status_code == 404, name
        assert client.get(reverse(name, args=["NO-SUCH"])).status_code == 404, name


# --- one record ----------------------------------------------------------------------------


def test_public_record_shows_its_metadata_body_and_attachments(client, item, reviewer):
    document = make_document(
        catalogue_item=item,
        title="关于印发预防接种工作方案的通知",
        document_number="和卫发〔2026〕5号",
        issuers=["和县卫生健康委员会", "和县教育局"],
    )
    services.add_attachment(document=document, actor=None, name="工作方案.pdf", data=pdf_bytes())
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status"])
    services.publish(document=document, actor=reviewer)
    document.refresh_from_db()

    response = client.get(detail_url(document))

    page = response.content.decode()
    assert response.status_code == 200
    assert document.index_number in page
    assert "和卫发〔2026〕5号" in page
    assert "和县卫生健康委员会、和县教育局" in page
    assert "2026-03-02" in page  # 发布日期
    assert "<p>各单位：</p>" in page
    assert "工作方案.pdf" in page
    assert "有效" in page


@pytest.mark.parametrize("state", ["draft", "in_review", "on_request", "withheld"])
def test_records_the_public_may_not_read_are_404(client, records, state):
    response = client.get(detail_url(records[state]))

    assert response.status_code == 404
    assert records[state].title not in response.content.decode()


def test_unknown_record_is_404(client):
    assert client.get(reverse("portal:document-detail", args=[999999])).status_code == 404


def test_withdrawn_record_says_so_with_reason_and_index_number(client, item, reviewer):
    document = publish(item, reviewer, title="关于某行政处罚决定的公示")
    services.withdraw(
        document=document, actor=reviewer, reason="该处罚决定已经复议撤销，依法撤回公示。"
    )

    response = client.get(detail_url(document))

    page = response.content.decode()
    assert response.status_code == 410
    assert "该信息已撤回" in page
    assert "该处罚决定已经复议撤销，依法撤回公示。" in page
    assert document.index_number in page
    assert "关于某行政处罚决定的公示" in page
    assert "<p>各单位：</p>" not in page  # the body itself is no longer shown


def test_withdrawn_record_that_was_never_public_stays_404(client, item, reviewer):
    document = publish(item, reviewer, attribute=Attribute.ON_REQUEST, **NOT_PROACTIVE)
    services.withdraw(document=document, actor=reviewer, reason="撤回。")

    assert client.get(detail_url(document)).status_code == 404


@pytest.mark.parametrize(
    ("validity", "banner", "role"),
    [
        (Validity.REPEALED, "本文件已废止", "本文件废止的文件"),
        (Validity.AMENDED, "本文件已被修改", "本文件修改的文件"),
    ],
)
def test_repealed_or_amended_record_banners_link_the_newer_record(
    client, item, reviewer, validity, banner, role
):
    old = publish(item, reviewer, title="旧的管理办法", document_type=DocumentType.NOTICE)
    new = publish(item, reviewer, title="新的管理办法", document_type=DocumentType.NOTICE)
    services.change_validity(
        document=old,
        actor=reviewer,
        validity=validity,
        changed_on=datetime.date(2026, 3, 1),
        by_document=new,
    )

    old_page = client.get(detail_url(old)).content.decode()
    new_page = client.get(detail_url(new)).content.decode()

    assert banner in old_page
    assert "2026-03-01" in old_page
    assert f'href="{detail_url(new)}"' in old_page
    assert f"<h3>{role}</h3>" in new_page  # under 相关文件
    assert f'href="{detail_url(old)}"' in new_page


def test_expired_record_shows_the_banner(client, item, reviewer):
    document = publish(item, reviewer)
    services.change_validity(
        document=document,
        actor=reviewer,
        validity=Validity.EXPIRED,
        changed_on=datetime.date(2026, 2, 28),
    )

    assert "本文件已失效" in client.get(detail_url(document)).content.decode()


def test_valid_record_shows_no_banner(client, item, reviewer):
    page = client.get(detail_url(publish(item, reviewer))).content.decode()

    assert "本文件已" not in page


def test_policy_and_interpretation_link_both_ways(client, item, reviewer):
    policy = make_document(
        catalogue_item=item,
        title="关于印发家庭医生签约服务规范的通知",
        document_type=DocumentType.POLICY,
        status=Status.IN_REVIEW,
    )
    interpretation = make_document(
        catalogue_item=item,
        title="《家庭医生签约服务规范》解读",
        document_type=DocumentType.INTERPRETATION,
        status=Status.IN_REVIEW,
    )
    DocumentLink.objects.create(source=interpretation, target=policy, kind=LinkKind.INTERPRETS)
    services.publish(document=policy, actor=reviewer)

    policy_page = client.get(detail_url(policy)).content.decode()
    interpretation_page = client.get(detail_url(interpretation)).content.decode()

    assert "政策解读" in policy_page
    assert f'href="{detail_url(interpretation)}"' in policy_page
    assert "解读的政策文件" in interpretation_page
    assert f'href="{detail_url(policy)}"' in interpretation_page


def test_unpublished_interpretation_is_not_linked(client, item, reviewer):
    policy = publish(item, reviewer, document_type=DocumentType.POLICY)
    draft = make_document(
        catalogue_item=item, title="尚未发布的解读", document_type=DocumentType.INTERPRETATION
    )
    DocumentLink.objects.create(source=draft, target=policy, kind=LinkKind.INTERPRETS)

    page = client.get(detail_url(policy)).content.decode()

    assert "尚未发布的解读" not in page
    assert detail_url(draft) not in page


# --- guide and catalogue -------------------------------------------------------------------


def test_guide_shows_the_article_12_office_details(client, agency):
    response = client.get(reverse("portal:agency-guide", args=[agency.code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "和县卫生健康委员会政府信息公开指南" in page
    for value in (
        agency.office_name,
        agency.office_address,
        agency.office_hours,
        agency.office_telephone,
        agency.office_fax,
        agency.office_email,
        agency.office_online_contact,
    ):
        assert value in page, value
    for label in ("办公地址", "办公时间", "联系电话", "传真", "互联网联系方式"):
        assert label in page, label


def test_guide_marks_missing_office_details(client):
    bare = make_agency(office_fax="", office_email="")

    page = client.get(reverse("portal:agency-guide", args=[bare.code])).content.decode()

    assert "<td>—</td>" in page


def test_catalogue_lists_items_with_their_public_records(client, agency, records, item):
    empty = make_agency_item(agency, name="部门预算")
    make_agency_item(
        agency,
        name="不适用的事项",
        status=ItemStatus.NOT_APPLICABLE,
        not_applicable_reason="本机关无此职能。",
    )

    response = client.get(reverse("portal:agency-catalogue", args=[agency.code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert item.name in page
    assert empty.name in page
    assert "不适用的事项" not in page
    assert "公开的通知" in page
    assert records["public"].index_number in page
    for hidden in ("草稿中的通知", "审核中的通知", "依申请公开的信息", "不予公开的信息"):
        assert hidden not in page, hidden
    counts = {
        node.item.name: node.count
        for category in response.context["tree"]
        for node in category.items
    }
    assert counts == {item.name: 1, "部门预算": 0}
    assert [d.title for d in response.context["page"].object_list] == ["公开的通知"]


# --- language ------------------------------------------------------------------------------


def test_visitors_can_switch_to_english(client):
    chinese = client.get(reverse("portal:home")).content.decode()
    assert 'href="/en/"' in chinese  # the switch links to the English page

    page = client.get("/en/").content.decode()

    assert '<html lang="en">' in page
    assert 'href="/"' in page  # and back to Chinese


def test_browser_accept_language_alone_keeps_chinese(client):
    # Deliberate: many devices in China send an English Accept-Language; only /en/ is English.
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="zh-Hans">' in page


def test_public_pages_carry_no_per_visitor_token(client):
    response = client.get(reverse("portal:home"))

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert response["ETag"]


def test_default_language_is_simplified_chinese(client):
    page = client.get(reverse("portal:home")).content.decode()

    assert '<html lang="zh-Hans">' in page
    assert "政府信息公开" in page


def test_english_pages_show_translated_text(client):
    with translation.override("en"):
        english = translation.gettext("政府信息公开")
    if english == "政府信息公开":
        pytest.skip(
            "no compiled English translation of “政府信息公开” yet "
            "(gongkai/locale/en has no .mo or the msgstr is empty: run compilemessages)"
        )

    page = client.get("/en/").content.decode()

    assert english in page
    assert "<h1>政府信息公开</h1>" not in page
