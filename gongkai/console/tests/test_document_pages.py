"""Console pages for records: every role's access, form errors, and list query counts."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.models import (
    Attachment,
    Attribute,
    Document,
    DocumentLink,
    DocumentType,
    LinkKind,
    Status,
    Topic,
    Validity,
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


def at(iso: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(iso), datetime.time(10), tzinfo=SHANGHAI
    )


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(at("2026-03-02"), tick=False):
        yield


@pytest.fixture
def city(db):
    return make_agency(name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY, parent=city)


@pytest.fixture
def item(agency):
    return make_agency_item(agency)


@pytest.fixture
def publisher(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def agency_admin(agency):
    return make_user(agency=agency, roles=(Role.ADMIN,))


@pytest.fixture
def supervisor(city):
    """督查员 of the parent city: reads the county, changes nothing."""
    return make_user(agency=city, roles=(Role.SUPERVISOR,))


@pytest.fixture
def outsider():
    """Publisher and reviewer of an unrelated agency."""
    other = make_agency(name="无关县卫生健康局")
    return make_user(agency=other, roles=(Role.PUBLISHER, Role.REVIEWER, Role.ADMIN))


@pytest.fixture
def citizen(db):
    return make_user(username="citizen")


@pytest.fixture
def draft(agency, item, publisher):
    return make_document(catalogue_item=item, drafted_by=publisher, title="县里的草稿")


@pytest.fixture
def in_review(agency, item, publisher):
    return make_document(
        catalogue_item=item, drafted_by=publisher, status=Status.IN_REVIEW, title="待审核的通知"
    )


@pytest.fixture
def published(agency, item, publisher):
    return make_published_document(
        catalogue_item=item, drafted_by=publisher, status=Status.IN_REVIEW, title="已发布的通知"
    )


def login(client, user):
    client.force_login(user)
    return client


def form_data(item, **overrides) -> dict:
    data = {
        "agency": str(item.catalogue.agency_id),
        "title": "关于开展预防接种宣传周活动的通知",
        "document_number": "测卫发〔2026〕3号",
        "issuers_text": "测试县卫生健康局、测试县教育局",
        "document_type": DocumentType.NOTICE,
        "topic": Topic.DISEASE_CONTROL,
        "catalogue_entry": f"{item.pk}:",
        "formed_on": "2026-02-13",
        "changed_on": "",
        "effective_on": "",
        "summary": "部署宣传周活动。",
        "body": "<p>各乡镇卫生院：</p><script>alert(1)</script>",
        "attribute": Attribute.PROACTIVE,
        "scope": "full",
        "withholding_basis": "",
        "withholding_reason": "",
        "interpretation_form": "",
    }
    data.update(overrides)
    return data


def post_actions(document, item):
    """Every POST action on a record, with plausible data."""
    attachment = Attachment.objects.filter(document=document).first()
    link = DocumentLink.objects.filter(source=document).first()
    actions = [
        (reverse("console:document-edit", args=[document.pk]), form_data(item)),
        (reverse("console:document-submit", args=[document.pk]), {}),
        (reverse("console:document-return", args=[document.pk]), {"comments": "请修改"}),
        (
            reverse("console:document-publish", args=[document.pk]),
            {"interpretation_waiver": "无需解读"},
        ),
        (reverse("console:document-withdraw", args=[document.pk]), {"reason": "有误"}),
        (
            reverse("console:document-validity", args=[document.pk]),
            {"validity": Validity.EXPIRED, "changed_on": "2026-03-01", "by_index_number": ""},
        ),
        (
            reverse("console:attachment-add", args=[document.pk]),
            {"file": SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf")},
        ),
        (reverse("console:link-add", args=[document.pk]), {"target_index_number": "1"}),
    ]
    if attachment:
        actions.append(
            (reverse("console:attachment-remove", args=[document.pk, attachment.pk]), {})
        )
    if link:
        actions.append((reverse("console:link-remove", args=[document.pk, link.pk]), {}))
    return actions


def snapshot(document) -> tuple:
    document.refresh_from_db()
    return (
        document.status,
        document.title,
        document.validity,
        document.attachments.count(),
        DocumentLink.objects.filter(source=document).count(),
    )


# --- anonymous and citizens ----------------------------------------------------------------


def all_urls(document, agency) -> list[str]:
    return [
        reverse("console:dashboard"),
        reverse("console:document-list"),
        reverse("console:document-create") + f"?agency={agency.pk}",
        reverse("console:document-detail", args=[document.pk]),
        reverse("console:document-edit", args=[document.pk]),
        reverse("console:audit-trail", args=["documents", "document", document.pk]),
        reverse("console:agency-guide", args=[agency.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, draft, agency, item):
    login_url = reverse("console:login")
    for url in all_urls(draft, agency):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(login_url), url
    for url, data in post_actions(draft, item):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith(login_url), url
    assert snapshot(draft) == (Status.DRAFT, "县里的草稿", Validity.VALID, 0, 0)


def test_citizen_accounts_without_a_role_are_refused(client, citizen, draft, agency, item):
    login(client, citizen)
    for url in all_urls(draft, agency):
        assert client.get(url).status_code == 403, url
    for url, data in post_actions(draft, item):
        assert client.post(url, data).status_code == 403, url
    assert snapshot(draft) == (Status.DRAFT, "县里的草稿", Validity.VALID, 0, 0)


# --- publisher -----------------------------------------------------------------------------


def test_publisher_drafts_edits_and_submits(client, publisher, agency, item):
    login(client, publisher)
    dashboard = client.get(reverse("console:dashboard"))
    assert dashboard.status_code == 200
    assert "起草新信息" in dashboard.content.decode()

    form = client.get(reverse("console:document-create") + f"?agency={agency.pk}")
    assert form.status_code == 200
    assert "测试县卫生健康局" in form.content.decode()  # issuer prefilled

    response = client.post(reverse("console:document-create"), form_data(item))
    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("console:document-detail", args=[document.pk])
    assert document.drafted_by == publisher
    assert document.body == "<p>各乡镇卫生院：</p>"
    assert [i.name for i in document.issuers.all()] == ["测试县卫生健康局", "测试县教育局"]
    assert document.due_on == datetime.date(2026, 3, 19)

    detail = client.get(response.url)
    assert "草稿已保存。" in detail.content.decode()
    assert "提交审核" in detail.content.decode()

    response = client.post(
        reverse("console:document-edit", args=[document.pk]),
        form_data(item, title="修改后的标题", catalogue_entry=f"{item.pk}:结果信息"),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "修改后的标题"
    assert document.catalogue_element == "结果信息"
    assert document.due_on == datetime.date(2026, 3, 2)

    response = client.post(reverse("console:document-submit", args=[document.pk]), follow=True)
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert "已提交审核。" in response.content.decode()
    assert list(AuditEvent.objects.for_object(document).values_list("action", flat=True)) == [
        "document.submit",
        "document.update",
        "document.create",
    ]


def test_publisher_cannot_review_withdraw_or_manage(
    client, publisher, in_review, published, agency
):
    login(client, publisher)

    for url, data in [
        (reverse("console:document-publish", args=[in_review.pk]), {}),
        (reverse("console:document-return", args=[in_review.pk]), {"comments": "x"}),
        (reverse("console:document-withdraw", args=[published.pk]), {"reason": "x"}),
        (
            reverse("console:document-validity", args=[published.pk]),
            {"validity": Validity.EXPIRED, "changed_on": "2026-03-01"},
        ),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("console:agency-guide", args=[agency.pk])).status_code == 403

    detail = client.get(reverse("console:document-detail", args=[in_review.pk])).content.decode()
    assert "审核通过并发布" not in detail
    assert Document.objects.get(pk=in_review.pk).status == Status.IN_REVIEW
    assert Document.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_records_in_review_cannot_be_edited(client, publisher, in_review, item):
    login(client, publisher)

    assert client.get(reverse("console:document-edit", args=[in_review.pk])).status_code == 403
    response = client.post(
        reverse("console:document-edit", args=[in_review.pk]), form_data(item, title="偷偷修改")
    )

    assert response.status_code == 403
    assert Document.objects.get(pk=in_review.pk).title == "待审核的通知"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"attribute": Attribute.WITHHELD, "withholding_basis": "art16_process"},
            "withholding_reason",
            "除全文主动公开外，必须写明不公开或删减的理由。",
        ),
        (
            {"scope": "redacted", "withholding_reason": "含个人信息"},
            "withholding_basis",
            "除全文主动公开外，必须选择不公开或删减的法律依据。",
        ),
        ({"title": ""}, "title", "这个字段是必填项。"),
        ({"catalogue_entry": ""}, "catalogue_entry", "这个字段是必填项。"),
        ({"formed_on": "2026/02/13"}, "formed_on", "输入一个有效的日期。"),
        ({"changed_on": "2026-02-01"}, "changed_on", "变更日期不能早于成文日期。"),
    ],
)
def test_form_errors_are_shown_in_chinese_at_their_field(
    client, publisher, item, overrides, field, message
):
    login(client, publisher)

    response = client.post(reverse("console:document-create"), form_data(item, **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert message in response.context["form"].errors[field]
    assert not Document.objects.exists()


def test_all_attribute_problems_are_shown_at_once(client, publisher, item):
    login(client, publisher)

    response = client.post(
        reverse("console:document-create"), form_data(item, attribute=Attribute.ON_REQUEST)
    )

    errors = response.context["form"].errors
    assert errors["withholding_basis"] == ["除全文主动公开外，必须选择不公开或删减的法律依据。"]
    assert errors["withholding_reason"] == ["除全文主动公开外，必须写明不公开或删减的理由。"]


@pytest.mark.parametrize("query", ["", "?agency=", "?agency=abc", "?agency=999999"])
def test_drafting_for_an_unknown_agency_is_404(client, publisher, query):
    login(client, publisher)

    assert client.get(reverse("console:document-create") + query).status_code == 404


def test_catalogue_item_of_another_agency_is_refused_by_the_form(client, publisher, item):
    foreign = make_agency_item(make_agency())
    login(client, publisher)

    response = client.post(
        reverse("console:document-create"), form_data(item, catalogue_entry=f"{foreign.pk}:")
    )

    assert response.status_code == 200
    assert "catalogue_entry" in response.context["form"].errors
    assert not Document.objects.exists()


def test_attachment_upload_and_rejection_messages(client, publisher, draft, settings):
    login(client, publisher)
    url = reverse("console:attachment-add", args=[draft.pk])

    ok = client.post(url, {"file": SimpleUploadedFile("通知.pdf", pdf_bytes())}, follow=True)
    bad = client.post(
        url, {"file": SimpleUploadedFile("病毒.pdf", b"MZ\x90\x00" * 20)}, follow=True
    )
    settings.ATTACHMENT_MAX_BYTES = 10
    big = client.post(url, {"file": SimpleUploadedFile("大.pdf", pdf_bytes())}, follow=True)

    assert "附件已上传。" in ok.content.decode()
    assert "不接受此类文件" in bad.content.decode()
    assert "文件太大" in big.content.decode()
    assert [a.original_name for a in draft.attachments.all()] == ["通知.pdf"]


def test_interpretation_links_to_its_policy_in_the_console(client, publisher, agency, item):
    policy = make_document(
        catalogue_item=item, drafted_by=publisher, document_type=DocumentType.POLICY
    )
    interpretation = make_document(
        catalogue_item=item, drafted_by=publisher, document_type=DocumentType.INTERPRETATION
    )
    login(client, publisher)

    response = client.post(
        reverse("console:link-add", args=[interpretation.pk]),
        {"target_index_number": str(policy.pk)},
        follow=True,
    )

    assert "已关联。" in response.content.decode()
    link = DocumentLink.objects.get(source=interpretation, target=policy)
    assert link.kind == LinkKind.INTERPRETS
    client.post(reverse("console:link-remove", args=[interpretation.pk, link.pk]))
    assert not DocumentLink.objects.exists()


# --- reviewer ------------------------------------------------------------------------------


def test_reviewer_publishes_and_returns(client, reviewer, in_review, agency, item, publisher):
    login(client, reviewer)
    dashboard = client.get(reverse("console:dashboard")).content.decode()
    assert "待审核的通知" in dashboard  # in the “awaiting my review” panel

    response = client.post(reverse("console:document-publish", args=[in_review.pk]), follow=True)

    in_review.refresh_from_db()
    assert in_review.status == Status.PUBLISHED
    assert "已发布。" in response.content.decode()
    assert in_review.index_number in response.content.decode()

    other = make_document(catalogue_item=item, drafted_by=publisher, status=Status.IN_REVIEW)
    client.post(reverse("console:document-return", args=[other.pk]), {"comments": "请补充附件。"})
    other.refresh_from_db()
    assert other.status == Status.DRAFT
    assert other.review_comments == "请补充附件。"


def test_reviewer_cannot_publish_own_draft_and_is_told_why(client, agency, item):
    both = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    own = make_document(catalogue_item=item, drafted_by=both, status=Status.IN_REVIEW)
    login(client, both)

    detail = client.get(reverse("console:document-detail", args=[own.pk])).content.decode()
    response = client.post(reverse("console:document-publish", args=[own.pk]), follow=True)

    assert "须由另一位审核员审核发布" in detail
    assert "起草人不能审核发布自己起草的信息" in response.content.decode()
    assert Document.objects.get(pk=own.pk).status == Status.IN_REVIEW


def test_reviewer_must_give_a_waiver_for_a_policy_without_interpretation(
    client, reviewer, item, publisher
):
    policy = make_document(
        catalogue_item=item,
        drafted_by=publisher,
        status=Status.IN_REVIEW,
        document_type=DocumentType.POLICY,
    )
    login(client, reviewer)
    detail = client.get(reverse("console:document-detail", args=[policy.pk])).content.decode()
    assert "不作解读的理由" in detail  # the publish form asks for it

    refused = client.post(reverse("console:document-publish", args=[policy.pk]), follow=True)
    assert "政策文件应与政策解读同步发布" in refused.content.decode()
    assert Document.objects.get(pk=policy.pk).status == Status.IN_REVIEW

    client.post(
        reverse("console:document-publish", args=[policy.pk]),
        {"interpretation_waiver": "属于转发上级文件，不另行解读。"},
    )
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED
    assert policy.interpretation_waiver == "属于转发上级文件，不另行解读。"


def test_reviewer_withdraws_with_a_reason_and_changes_validity(client, reviewer, published, item):
    login(client, reviewer)
    newer = make_published_document(catalogue_item=item, status=Status.IN_REVIEW)

    response = client.post(
        reverse("console:document-validity", args=[published.pk]),
        {
            "validity": Validity.REPEALED,
            "changed_on": "2026-03-01",
            "by_index_number": newer.index_number,
        },
        follow=True,
    )
    assert "有效性已更新。" in response.content.decode()
    published.refresh_from_db()
    assert published.validity == Validity.REPEALED
    assert DocumentLink.objects.filter(
        source=newer, target=published, kind=LinkKind.REPEALS
    ).exists()

    refused = client.post(
        reverse("console:document-withdraw", args=[published.pk]), {"reason": ""}, follow=True
    )
    assert "撤回必须写明理由" in refused.content.decode()
    client.post(
        reverse("console:document-withdraw", args=[published.pk]),
        {"reason": "文件已被废止，撤回。"},
    )
    published.refresh_from_db()
    assert published.status == Status.WITHDRAWN


def test_reviewer_without_publisher_role_cannot_draft(client, reviewer, agency, item):
    login(client, reviewer)

    assert (
        client.get(reverse("console:document-create") + f"?agency={agency.pk}").status_code == 403
    )
    assert client.post(reverse("console:document-create"), form_data(item)).status_code == 403
    assert not Document.objects.exists()


# --- administrator -------------------------------------------------------------------------


def test_agency_admin_edits_the_guide(client, agency_admin, agency):
    login(client, agency_admin)
    url = reverse("console:agency-guide", args=[agency.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "office_name": "县卫生健康局办公室",
            "office_address": "人民路8号",
            "office_hours": "工作日 8:30-17:30",
            "office_telephone": "0310-1234567",
            "office_fax": "0310-1234568",
            "office_email": "gk@county.example",
            "office_online_contact": "https://county.example/contact",
            "office_postcode": "056000",
            "guide_arrangement": "",
            "guide_access": "",
        },
    )

    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.office_address == "人民路8号"
    event = AuditEvent.objects.for_object(agency).get(action="agency.guide_update")
    assert event.actor == agency_admin
    assert event.after["office_address"] == "人民路8号"


def test_agency_admin_cannot_publish(client, agency_admin, in_review):
    login(client, agency_admin)

    assert client.post(reverse("console:document-publish", args=[in_review.pk])).status_code == 403
    assert Document.objects.get(pk=in_review.pk).status == Status.IN_REVIEW


# --- supervisor of the parent agency -------------------------------------------------------


def test_supervisor_reads_subordinate_records(client, supervisor, draft, agency):
    login(client, supervisor)

    detail = client.get(reverse("console:document-detail", args=[draft.pk]))
    listing = client.get(reverse("console:document-list") + f"?agency={agency.pk}")
    dashboard = client.get(reverse("console:dashboard"))
    trail = client.get(reverse("console:audit-trail", args=["documents", "document", draft.pk]))

    assert detail.status_code == 200
    assert "县里的草稿" in detail.content.decode()
    assert "提交审核" not in detail.content.decode()  # no action buttons
    assert "县里的草稿" in listing.content.decode()
    assert "测试县卫生健康局" in dashboard.content.decode()  # the subordinate agencies table
    assert trail.status_code == 200


def test_supervisor_gets_403_on_every_action(client, supervisor, agency, item, publisher):
    draft = make_document(
        catalogue_item=item,
        drafted_by=publisher,
        document_type=DocumentType.INTERPRETATION,
        title="县里的草稿",
    )
    services.add_attachment(document=draft, actor=publisher, name="a.pdf", data=pdf_bytes())
    policy = make_document(catalogue_item=item, document_type=DocumentType.POLICY)
    DocumentLink.objects.create(source=draft, target=policy, kind=LinkKind.INTERPRETS)
    login(client, supervisor)
    before = snapshot(draft)

    actions = post_actions(draft, item)
    assert len(actions) == 10
    for url, data in actions:
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("console:document-edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("console:document-create"), form_data(item)).status_code == 403
    assert client.get(reverse("console:agency-guide", args=[agency.pk])).status_code == 403

    assert snapshot(draft) == before
    assert Document.objects.count() == 2


# --- staff of an unrelated agency ----------------------------------------------------------


def test_outsider_cannot_see_or_change_another_agencys_drafts(
    client, outsider, agency, item, publisher
):
    draft = make_document(
        catalogue_item=item,
        drafted_by=publisher,
        title="县里的草稿",
        document_type=DocumentType.INTERPRETATION,
    )
    services.add_attachment(document=draft, actor=publisher, name="a.pdf", data=pdf_bytes())
    policy = make_document(catalogue_item=item, document_type=DocumentType.POLICY)
    DocumentLink.objects.create(source=draft, target=policy, kind=LinkKind.INTERPRETS)
    login(client, outsider)
    before = snapshot(draft)

    assert client.get(reverse("console:document-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("console:document-edit", args=[draft.pk])).status_code == 404
    assert (
        client.get(
            reverse("console:audit-trail", args=["documents", "document", draft.pk])
        ).status_code
        == 404
    )
    for url, data in post_actions(draft, item):
        assert client.post(url, data).status_code == 404, url
    assert (
        client.get(reverse("console:document-create") + f"?agency={agency.pk}").status_code == 403
    )
    assert client.get(reverse("console:agency-guide", args=[agency.pk])).status_code == 403

    for url in (
        reverse("console:document-list"),
        reverse("console:document-list") + f"?agency={agency.pk}",
        reverse("console:document-list") + "?q=县里的草稿",
    ):
        listing = client.get(url)
        assert listing.status_code == 200
        assert list(listing.context["documents"]) == [], url
        assert reverse("console:document-detail", args=[draft.pk]) not in listing.content.decode()
    assert snapshot(draft) == before


def test_outsider_cannot_link_to_another_agencys_record(client, outsider, draft):
    own_agency = outsider.memberships.first().agency
    interpretation = make_document(
        catalogue_item=make_agency_item(own_agency),
        drafted_by=outsider,
        document_type=DocumentType.INTERPRETATION,
    )
    login(client, outsider)

    response = client.post(
        reverse("console:link-add", args=[interpretation.pk]),
        {"target_index_number": str(draft.pk)},
        follow=True,
    )

    assert "找不到该文件" in response.content.decode()
    assert not DocumentLink.objects.exists()


def test_audit_trail_of_a_missing_object_is_404(client, publisher):
    login(client, publisher)

    assert (
        client.get(
            reverse("console:audit-trail", args=["documents", "document", 999999])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("console:audit-trail", args=["documents", "document", "abc"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("console:audit-trail", args=["nosuch", "model", 1])).status_code == 404
    )


# --- the clock on the dashboard ------------------------------------------------------------


def test_dashboard_shows_overdue_and_due_soon_records(client, publisher, item):
    make_document(
        catalogue_item=item,
        drafted_by=publisher,
        title="逾期的草稿",
        due_on=datetime.date(2026, 2, 27),
    )
    make_document(
        catalogue_item=item,
        drafted_by=publisher,
        title="快到期的草稿",
        due_on=datetime.date(2026, 3, 5),
    )
    make_document(
        catalogue_item=item,
        drafted_by=publisher,
        title="不急的草稿",
        due_on=datetime.date(2026, 4, 30),
    )
    login(client, publisher)

    response = client.get(reverse("console:dashboard"))

    panel = response.context["panels"][0]
    assert [d.title for d in panel["overdue"]] == ["逾期的草稿"]
    assert [d.title for d in panel["due_soon"]] == ["快到期的草稿"]
    assert response.context["due_limit"] == datetime.date(2026, 3, 9)
    assert [(r["overdue"], r["due_soon"]) for r in panel["by_item"]] == [(1, 1)]


def test_dashboard_counts_an_agencys_own_overdue_records_with_nothing_due_soon(
    client, publisher, item
):
    make_document(catalogue_item=item, drafted_by=publisher, due_on=datetime.date(2026, 2, 27))
    other = make_agency(name="另一个县卫生健康局")
    # Another agency's overdue record: not on this one's panel.
    make_document(agency=other, due_on=datetime.date(2026, 2, 26))
    login(client, publisher)

    panel = client.get(reverse("console:dashboard")).context["panels"][0]

    assert len(panel["overdue"]) == 1
    assert panel["due_soon"] == []
    assert (panel["overdue_count"], panel["due_soon_count"]) == (1, 0)
    assert [(r["overdue"], r["due_soon"]) for r in panel["by_item"]] == [(1, 0)]


def test_dashboard_headings_count_every_overdue_record_past_the_lists_length(
    client, publisher, item, monkeypatch
):
    monkeypatch.setattr("gongkai.console.views.LIST_LIMIT", 2)
    for day in (23, 24, 25):
        make_document(catalogue_item=item, drafted_by=publisher, due_on=datetime.date(2026, 2, day))
    login(client, publisher)

    response = client.get(reverse("console:dashboard"))

    panel = response.context["panels"][0]
    assert len(panel["overdue"]) == 2
    assert panel["overdue_count"] == 3
    assert "逾期未公开 (3)" in response.content.decode()


def test_dashboard_and_list_mark_dates_provisional_before_next_years_notice(
    client, publisher, item
):
    with time_machine.travel(at("2026-12-28"), tick=False):
        document = services.create_draft(
            agency=item.catalogue.agency,
            actor=publisher,
            values={
                "title": "年底的草稿",
                "document_type": DocumentType.NOTICE,
                "topic": Topic.HEALTH,
                "catalogue_item": item,
                "formed_on": datetime.date(2026, 12, 20),
                "summary": "年底。",
            },
            issuers=["测试县卫生健康局"],
        )
        login(client, publisher)
        dashboard = client.get(reverse("console:dashboard"))
        listing = client.get(reverse("console:document-list"))
        detail = client.get(reverse("console:document-detail", args=[document.pk]))

    assert document.due_on == datetime.date(2027, 1, 18)
    assert dashboard.status_code == 200
    assert listing.status_code == 200
    row = listing.content.decode().split("年底的草稿")[1].split("</tr>")[0]
    assert "2027-01-18" in row
    assert ">暂定</span>" in row
    assert ">暂定</span>" in detail.content.decode()


# --- query counts --------------------------------------------------------------------------


def _fill(agency, item, drafter, count: int) -> None:
    """`count` records in each dashboard list: drafts (overdue, due soon), in review, published."""
    other_publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    for _ in range(count):
        make_document(
            catalogue_item=item,
            drafted_by=drafter,
            due_on=datetime.date(2026, 2, 27),
            issuers=["甲", "乙"],
        )
        make_document(catalogue_item=item, drafted_by=drafter, due_on=datetime.date(2026, 3, 4))
        make_document(catalogue_item=item, drafted_by=drafter, status=Status.IN_REVIEW)
        make_published_document(
            catalogue_item=item,
            drafted_by=other_publisher,
            status=Status.IN_REVIEW,
            reviewer=drafter,
        )


@pytest.mark.parametrize("url_name", ["console:dashboard", "console:document-list"])
def test_query_count_does_not_grow_with_the_records(
    client, agency, item, city, url_name, django_assert_max_num_queries
):
    user = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    _fill(agency, item, user, 2)
    login(client, user)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200

    _fill(agency, item, user, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert response.content.decode().count("/console/documents/") >= 40


def test_supervisor_dashboard_query_count_does_not_grow(
    client, agency, item, city, supervisor, django_assert_max_num_queries
):
    drafter = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    _fill(agency, item, drafter, 1)
    login(client, supervisor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("console:dashboard"))
    for n in range(3):
        sibling = make_agency(parent=city)
        _fill(
            sibling,
            make_agency_item(sibling),
            make_user(agency=sibling, roles=(Role.PUBLISHER, Role.REVIEWER)),
            n + 1,
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("console:dashboard"))

    assert len(response.context["supervised"]) == 4
