"""The secrecy review (保密审查) on the record and decision pages: findings listed masked with
a choice each, a refusal keeps the reviewer's choices, the review record is shown, and the
original of a redacted file is for the agency's staff only."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents import services as documents
from gongkai.documents.models import Document, DocumentType, Scope, Status
from gongkai.documents.tests.factories import make_document
from gongkai.enforcement.models import Decision, DecisionStatus
from gongkai.enforcement.tests.factories import make_decision
from gongkai.factories import make_agency, make_user
from gongkai.participation import publication_services
from gongkai.participation.tests.mailbox_factories import make_answered_message
from gongkai.privacy import review_services
from gongkai.privacy.models import ReleaseReview
from gongkai.privacy.tests.examples import id_number
from gongkai.privacy.tests.redaction_files import text_pdf

pytestmark = pytest.mark.django_db

ID = id_number("14010219850612331")
BODY = f"<p>联系人：张建国，身份证号码{ID}。</p>"


def drain(response) -> None:
    """Read a streamed file to its end: the test client's wrapper then closes it without the
    request_finished signal (response.close() would close the database connection on
    PostgreSQL, inside the test's transaction)."""
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.fixture
def agency():
    return make_agency(name="测试县卫生健康局")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def test_findings_are_listed_masked_and_a_refusal_keeps_the_choices(client, clerk, reviewer):
    document = make_document(
        agency=clerk.memberships.get().agency,
        drafted_by=clerk,
        status=Status.IN_REVIEW,
        body=BODY,
    )
    client.force_login(reviewer)
    url = reverse("console:document-detail", args=[document.pk])
    page = client.get(url).content.decode()
    findings = review_services.scan_for_release(document)
    assert len(findings) == 2
    assert "检测到2处可能涉及个人信息" in page
    assert "140***********" in page
    assert ID not in page.split('class="record-body"')[0]
    for finding in findings:
        assert f'name="resolution-{finding.id}"' in page
        assert f'<label for="reason-{finding.id}">' in page

    by_kind = {finding.kind: finding for finding in findings}
    name, number = by_kind["name"], by_kind["id_number"]
    publish = reverse("console:document-publish", args=[document.pk])
    refused = client.post(publish, {f"resolution-{number.id}": "redact"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "保密审查发现1处" in text
    assert 'value="redact" checked' in text  # the choice made stays chosen
    assert Document.objects.get(pk=document.pk).status == Status.IN_REVIEW

    done = client.post(
        publish,
        {
            f"resolution-{number.id}": "redact",
            f"resolution-{name.id}": "keep",
            f"reason-{name.id}": "本单位公开的联系人",
        },
        follow=True,
    )
    assert "已发布。" in done.content.decode()
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.scope == Scope.REDACTED
    assert ID not in document.body
    page = done.content.decode()
    assert "保密审查记录" in page
    assert "删减后公开" in page
    assert "本单位公开的联系人" in page


def test_the_original_of_a_redacted_file_is_for_staff_only(client, agency, clerk, reviewer):
    document = make_document(agency=agency, drafted_by=clerk)
    documents.add_attachment(document=document, actor=clerk, name="名单.pdf", data=text_pdf())
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status"])
    resolutions = {f.id: ("redact", "") for f in review_services.scan_for_release(document)}
    documents.publish(document=document, actor=reviewer, resolutions=resolutions)
    attachment = document.attachments.get()
    original = attachment.redactions.get().original_file
    public_url, original_url = attachment.file.url, original.url

    public = client.get(public_url)  # a visitor: the redacted file
    assert public.status_code == 200
    drain(public)
    assert client.get(original_url).status_code == 404
    outsider = make_user(agency=make_agency(name="邻县卫生健康局"), roles=(Role.REVIEWER,))
    client.force_login(outsider)
    assert client.get(original_url).status_code == 404
    client.force_login(clerk)
    response = client.get(original_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    drain(response)
    page = client.get(reverse("console:document-detail", args=[document.pk])).content.decode()
    assert original_url in page


def test_decision_page_lists_findings_and_publishes_with_them_resolved(
    client, agency, clerk, reviewer
):
    decision = make_decision(
        agency=agency, actor=clerk, licence_content=f"执业登记，负责人身份证号码{ID}"
    )
    client.force_login(reviewer)
    page = client.get(reverse("console:decision-detail", args=[decision.pk])).content.decode()
    (finding,) = review_services.scan_for_release(decision)
    assert f'name="resolution-{finding.id}"' in page
    publish = reverse("console:decision-publish", args=[decision.pk])
    refused = client.post(publish)
    assert refused.status_code == 400
    assert "保密审查发现1处" in refused.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT

    client.post(publish, {f"resolution-{finding.id}": "redact"})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PUBLISHED
    assert ID not in decision.licence_content
    assert "［已删减］" in decision.licence_content
    assert ReleaseReview.objects.for_object(decision).get().reviewer == reviewer
    page = client.get(reverse("console:decision-detail", args=[decision.pk])).content.decode()
    assert "保密审查记录" in page


def test_a_published_message_shows_its_review(client, agency, clerk, reviewer):
    message = make_answered_message(agency, handler=clerk, reviewer=reviewer)
    publication_services.set_publication(message=message, actor=reviewer, publish=True)
    client.force_login(reviewer)
    page = client.get(reverse("console:message-detail", args=[message.pk])).content.decode()
    assert "保密审查记录" in page
    assert "未发现个人信息或敏感信息" in page


def test_a_later_refusal_rolls_the_redaction_back_and_the_page_shows_the_stored_record(
    client, agency, clerk, reviewer
):
    policy = make_document(
        agency=agency,
        drafted_by=clerk,
        status=Status.IN_REVIEW,
        body=f"<p>身份证号码{ID}</p>",
        document_type=DocumentType.POLICY,
    )
    (finding,) = review_services.scan_for_release(policy)
    client.force_login(reviewer)
    publish = reverse("console:document-publish", args=[policy.pk])
    # Redacted first, then refused: a policy needs its interpretation or a waiver.
    refused = client.post(publish, {f"resolution-{finding.id}": "redact"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "政策文件应与政策解读同步发布" in text
    assert f'name="resolution-{finding.id}" value="redact" checked' in text
    policy.refresh_from_db()
    assert ID in policy.body
    assert not ReleaseReview.objects.exists()
    client.post(
        publish,
        {
            f"resolution-{finding.id}": "redact",
            "interpretation_waiver": "转发上级文件，不另行解读。",
        },
    )
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED
    assert ID not in policy.body
