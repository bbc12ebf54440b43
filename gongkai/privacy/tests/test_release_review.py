"""The secrecy and privacy review before release (#15 §2): a record is scanned, each finding
is resolved, the review is on record, redactions reach the published file."""

import pymupdf
import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.errors import PublicationBlocked
from gongkai.documents.models import DocumentLink, DocumentType, LinkKind, Scope, Status
from gongkai.documents.tests.factories import make_document
from gongkai.factories import make_agency, make_user
from gongkai.privacy import review_services
from gongkai.privacy.detection import Kind
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.privacy.models import ReleaseReview, Resolution, ReviewResult
from gongkai.privacy.tests.redaction_files import ID, raw_traces, text_pdf

pytestmark = pytest.mark.django_db

ID_BODY = f"<p>经核查，当事人身份证号码{ID}，已依法处理。</p>"


@pytest.fixture
def agency():
    return make_agency(name="测试县卫生健康局", office_telephone="0351-3580123")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def in_review(agency, clerk, *, body="<p>全市卫生健康工作会议召开。</p>", files=()):
    document = make_document(agency=agency, drafted_by=clerk, body=body)
    for name, data in files:
        services.add_attachment(document=document, actor=clerk, name=name, data=data)
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status"])
    return document


def resolve_all(document, resolution=Resolution.REDACT, reason=""):
    return {f.id: (resolution, reason) for f in review_services.scan_for_release(document)}


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("<p>全市卫生健康工作会议召开。</p>", []),
        (ID_BODY, [Kind.ID_NUMBER]),
        ("<p>联系人：张建国，手机13812345678。</p>", [Kind.NAME, Kind.MOBILE]),
        # The agency's own published office telephone is no finding.
        ("<p>咨询电话：0351-3580123。</p>", []),
        ("<p>机密★1年</p>", [Kind.SECRECY_MARK]),
    ],
)
def test_scan_finds_what_would_be_published(agency, clerk, body, kinds):
    document = in_review(agency, clerk, body=body)
    found = review_services.scan_for_release(document)
    assert sorted(f.kind for f in found) == sorted(kinds)
    assert all(f.place == "正文" for f in found)
    assert all(ID not in f.masked for f in found)


def test_clean_record_is_published_with_a_review_on_record(agency, clerk, reviewer):
    document = in_review(agency, clerk)
    services.publish(document=document, actor=reviewer)
    review = ReleaseReview.objects.for_object(document).get()
    assert review.reviewer == reviewer
    assert review.result == ReviewResult.RELEASE
    assert review.parts_scanned == ["内容概述", "标题", "正文"]
    assert review.detector_version == review_services.DETECTOR_VERSION
    assert review_services.require_release_review(document) == review
    actions = list(AuditEvent.objects.for_object(document).values_list("action", flat=True))
    assert "privacy.release_review" in actions


def test_unresolved_finding_blocks_and_nothing_is_published(agency, clerk, reviewer):
    document = in_review(agency, clerk, body=ID_BODY)
    with pytest.raises(PublicationBlocked, match="保密审查发现1处") as caught:
        services.publish(document=document, actor=reviewer)
    assert ID not in caught.value.message
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert not ReleaseReview.objects.exists()


def test_redacting_the_body_publishes_it_redacted_on_the_reviews_basis(agency, clerk, reviewer):
    document = in_review(agency, clerk, body=ID_BODY)
    services.publish(document=document, actor=reviewer, resolutions=resolve_all(document))
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert ID not in document.body
    assert "［已删减］" in document.body
    assert "第十五条" in document.body  # the note of the redactions
    assert document.scope == Scope.REDACTED
    assert document.withholding_basis == "art15_third_party"
    review = ReleaseReview.objects.for_object(document).get()
    assert review.result == ReviewResult.RELEASE_REDACTED
    finding = review.findings.get()
    assert (finding.kind, finding.resolution) == (Kind.ID_NUMBER, Resolution.REDACT)
    assert ID not in finding.masked
    assert ID not in finding.value_hash


def test_keeping_needs_a_reason_and_a_false_alarm_does_not(agency, clerk, reviewer):
    document = in_review(agency, clerk, body="<p>联系人：张建国，手机13812345678。</p>")
    with pytest.raises(PublicationBlocked, match="须写明理由"):
        services.publish(
            document=document, actor=reviewer, resolutions=resolve_all(document, Resolution.KEEP)
        )
    found = review_services.scan_for_release(document)
    resolutions = {
        f.id: (Resolution.KEEP, "本单位公开的值班联系人")
        if f.kind == Kind.MOBILE
        else (Resolution.FALSE_ALARM, "")
        for f in found
    }
    services.publish(document=document, actor=reviewer, resolutions=resolutions)
    document.refresh_from_db()
    assert "13812345678" in document.body
    assert document.scope == Scope.FULL
    review = ReleaseReview.objects.for_object(document).get()
    assert sorted(review.findings.values_list("resolution", flat=True)) == [
        Resolution.FALSE_ALARM,
        Resolution.KEEP,
    ]


def test_a_review_holds_only_for_the_content_it_saw(agency, clerk, reviewer):
    document = in_review(agency, clerk)
    review_services.review_for_release(document, actor=reviewer)
    assert review_services.current_review(document) is not None
    document.body = ID_BODY
    document.save(update_fields=["body"])
    with pytest.raises(ReleaseReviewError, match="没有对当前内容的保密审查记录"):
        review_services.require_release_review(document)
    with pytest.raises(PublicationBlocked):
        services.publish(document=document, actor=reviewer)


def test_redacting_a_pdf_attachment_replaces_the_public_file_and_keeps_the_original(
    agency, clerk, reviewer
):
    document = in_review(agency, clerk, files=[("核查通知.pdf", text_pdf())])
    found = review_services.scan_for_release(document)
    assert Kind.ID_NUMBER in {f.kind for f in found}
    assert all(f.place.startswith("附件“核查通知.pdf” 第1页") for f in found)
    services.publish(document=document, actor=reviewer, resolutions=resolve_all(document))
    attachment = document.attachments.get()
    with attachment.file.open("rb") as handle:
        published = handle.read()
    assert not raw_traces(published, ID)
    text = "".join(page.get_text() for page in pymupdf.open(stream=published, filetype="pdf"))
    assert ID not in text
    assert "删减" in text  # the note page
    redacted = attachment.redactions.get()
    assert redacted.original_file.name != attachment.file.name
    with redacted.original_file.open("rb") as handle:
        original = pymupdf.open(stream=handle.read(), filetype="pdf")
    assert ID in original[0].get_text()  # kept for staff as it was
    assert redacted.redacted_by == reviewer
    assert review_services.scan_for_release(document) == []


def test_an_interpretation_going_out_with_its_policy_is_reviewed_too(agency, clerk, reviewer):
    policy = in_review(agency, clerk)
    policy.document_type = DocumentType.POLICY
    policy.save(update_fields=["document_type"])
    companion = in_review(agency, clerk, body=ID_BODY)
    companion.document_type = DocumentType.INTERPRETATION
    companion.title = "政策解读"
    companion.save(update_fields=["document_type", "title"])
    DocumentLink.objects.create(source=companion, target=policy, kind=LinkKind.INTERPRETS)
    with pytest.raises(PublicationBlocked, match="同步发布的“政策解读”：保密审查发现1处"):
        services.publish(document=policy, actor=reviewer)
    policy.refresh_from_db()
    assert policy.status == Status.IN_REVIEW
    companion.body = "<p>解读内容。</p>"
    companion.save(update_fields=["body"])
    services.publish(document=policy, actor=reviewer)
    assert ReleaseReview.objects.for_object(companion).get().reviewer == reviewer
