"""State changes of the document library: each in one transaction with one audit event."""

import datetime
import io
import zipfile
from unittest import mock

import pytest
import time_machine
from django.db import transaction

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalogue.models import ItemStatus
from gongkai.documents import services
from gongkai.documents.errors import (
    DocumentError,
    PublicationBlocked,
    TransitionNotAllowed,
    UploadRejected,
)
from gongkai.documents.models import (
    Attachment,
    AttachmentKind,
    Attribute,
    Document,
    DocumentLink,
    DocumentType,
    ExtractionStatus,
    IndexCounter,
    LinkKind,
    Scope,
    Status,
    Validity,
    WithholdingBasis,
)
from gongkai.documents.obligations import PUBLICATION
from gongkai.documents.tasks import extract_attachment_text
from gongkai.documents.tests.conftest import at
from gongkai.documents.tests.factories import (
    docx_bytes,
    draft_values,
    make_agency_item,
    make_document,
    make_published_document,
    pdf_bytes,
    png_bytes,
    standard_item,
    xlsx_bytes,
)
from gongkai.factories import make_agency, make_user
from gongkai.obligations import ledger
from gongkai.workdays import services as calendar_services
from gongkai.workdays.models import DayKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_march_2026")]

ISSUER = "测试县卫生健康局"
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def create(agency, actor, item, *, issuers=(ISSUER,), **overrides) -> Document:
    return services.create_draft(
        agency=agency, actor=actor, values=draft_values(item, **overrides), issuers=issuers
    )


def submitted(agency, actor, item, **overrides) -> Document:
    document = create(agency, actor, item, **overrides)
    return services.submit_for_review(document=document, actor=actor)


def events(obj, action: str | None = None):
    found = AuditEvent.objects.for_object(obj)
    return found.filter(action=action) if action else found


def only_event(obj, action: str) -> AuditEvent:
    found = list(events(obj, action))
    assert len(found) == 1, f"expected one {action} event, got {len(found)}"
    return found[0]


# --- drafting ------------------------------------------------------------------------------


def test_create_draft_cleans_body_derives_due_date_and_audits(agency, publisher, item):
    document = create(
        agency,
        publisher,
        item,
        issuers=[ISSUER, "测试县财政局", ISSUER],
        body='<p onclick="x()">各单位：</p><script>alert(1)</script>',
        formed_on=day("2026-02-13"),
    )

    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.drafted_by == publisher
    assert document.body == "<p>各单位：</p>"
    assert document.due_on == day("2026-03-19")  # 20 working days, see test_rules
    assert document.index_number is None
    assert [i.name for i in document.issuers.all()] == [ISSUER, "测试县财政局"]
    event = only_event(document, "document.create")
    assert event.actor == publisher
    assert event.agency == agency
    assert event.before is None
    assert event.after["title"] == document.title
    assert event.after["status"] == Status.DRAFT
    assert event.after["due_on"] == "2026-03-19"
    assert events(document).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"attribute": Attribute.WITHHELD, "withholding_basis": WithholdingBasis.STATE_SECRET},
            "withholding_reason",
        ),
        ({"scope": Scope.REDACTED, "withholding_reason": "含个人隐私。"}, "withholding_basis"),
        ({"catalogue_element": "不存在的要素"}, "catalogue_element"),
        ({"formed_on": day("2026-02-13"), "changed_on": day("2026-02-12")}, "changed_on"),
    ],
)
def test_create_draft_rejects_incomplete_values(agency, publisher, item, overrides, field):
    with pytest.raises(DocumentError) as caught:
        create(agency, publisher, item, **overrides)

    assert caught.value.field == field
    assert Document.objects.count() == 0
    assert AuditEvent.objects.filter(action="document.create").count() == 0


def test_create_draft_rejects_another_agencys_catalogue_item(agency, publisher):
    foreign_item = make_agency_item(make_agency())

    with pytest.raises(DocumentError) as caught:
        create(agency, publisher, foreign_item)

    assert caught.value.field == "catalogue_item"
    assert Document.objects.count() == 0


def test_create_draft_rejects_an_item_marked_not_applicable(agency, publisher):
    item = make_agency_item(agency, status=ItemStatus.NOT_APPLICABLE, not_applicable_reason="无")

    with pytest.raises(DocumentError) as caught:
        create(agency, publisher, item)

    assert caught.value.field == "catalogue_item"


def test_create_draft_without_issuer_rolls_back_the_record(agency, publisher, item):
    with pytest.raises(DocumentError) as caught:
        create(agency, publisher, item, issuers=["  ", ""])

    assert caught.value.field == "issuers"
    assert Document.objects.count() == 0  # saved before the issuers were checked: rolled back


def test_create_draft_ignores_workflow_fields_in_values(agency, publisher, item):
    document = create(agency, publisher, item, status=Status.PUBLISHED, index_number="X/2026-1")

    assert document.status == Status.DRAFT
    assert document.index_number is None


def test_update_draft_changes_fields_recomputes_due_date_and_audits(agency, publisher, item):
    document = create(agency, publisher, item, formed_on=day("2026-02-13"), title="旧标题")

    services.update_draft(
        document=document,
        actor=publisher,
        values={
            "title": "新标题",
            "formed_on": day("2025-09-30"),
            "catalogue_element": "结果信息",
            "body": "<p>新正文</p><script>x</script>",
        },
        issuers=["测试县卫生健康局", "测试县民政局"],
    )

    document.refresh_from_db()
    assert document.title == "新标题"
    assert document.body == "<p>新正文</p>"
    assert document.due_on == day("2025-10-16")  # 7 working days over National Day 2025
    assert document.issuers.count() == 2
    event = only_event(document, "document.update")
    assert event.actor == publisher
    assert event.agency == agency
    assert (event.before["title"], event.after["title"]) == ("旧标题", "新标题")
    assert (event.before["due_on"], event.after["due_on"]) == ("2026-03-19", "2025-10-16")


def test_update_draft_checks_the_merged_values(agency, publisher, item):
    document = create(agency, publisher, item)

    with pytest.raises(DocumentError) as caught:
        services.update_draft(
            document=document, actor=publisher, values={"attribute": Attribute.ON_REQUEST}
        )

    assert caught.value.field == "withholding_basis"
    document.refresh_from_db()
    assert document.attribute == Attribute.PROACTIVE
    assert not events(document, "document.update").exists()


def test_only_drafts_can_be_edited(agency, publisher, item):
    document = submitted(agency, publisher, item)

    with pytest.raises(TransitionNotAllowed) as caught:
        services.update_draft(document=document, actor=publisher, values={"title": "改"})

    assert "待审核" in caught.value.message
    assert Document.objects.get(pk=document.pk).title != "改"


def test_submit_for_review_audits_the_status_change(agency, publisher, item):
    document = create(agency, publisher, item)

    services.submit_for_review(document=document, actor=publisher)

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert document.submitted_at is not None
    event = only_event(document, "document.submit")
    assert (event.actor, event.agency) == (publisher, agency)
    assert event.before == {"status": "draft"}
    assert event.after == {"status": "in_review"}


def test_submit_twice_is_not_allowed(agency, publisher, item):
    document = submitted(agency, publisher, item)

    with pytest.raises(TransitionNotAllowed):
        services.submit_for_review(document=document, actor=publisher)

    assert events(document, "document.submit").count() == 1


def test_return_for_revision_needs_comments_and_audits(agency, publisher, reviewer, item):
    document = submitted(agency, publisher, item)

    with pytest.raises(DocumentError) as caught:
        services.return_for_revision(document=document, actor=reviewer, comments="  ")
    assert caught.value.field == "comments"

    services.return_for_revision(document=document, actor=reviewer, comments="请补充文号。")

    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.review_comments == "请补充文号。"
    event = only_event(document, "document.return")
    assert (event.actor, event.agency) == (reviewer, agency)
    assert event.before == {"status": "in_review", "review_comments": ""}
    assert event.after == {"status": "draft", "review_comments": "请补充文号。"}
    assert event.note == "请补充文号。"


def test_a_state_change_and_its_audit_event_commit_together(agency, publisher, item):
    document = create(agency, publisher, item)

    with (
        mock.patch.object(services, "record_event", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        services.submit_for_review(document=document, actor=publisher)

    assert Document.objects.get(pk=document.pk).status == Status.DRAFT


# --- publication ---------------------------------------------------------------------------


def test_publish_stamps_index_number_and_date_and_audits(agency, publisher, reviewer, item):
    document = submitted(agency, publisher, item, formed_on=day("2026-02-13"))

    services.publish(document=document, actor=reviewer)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.index_number == f"{agency.code}/2026-00001"
    assert (document.index_year, document.index_serial) == (2026, 1)
    assert document.published_at == at("2026-03-02")
    assert document.published_on == day("2026-03-02")
    assert document.reviewed_by == reviewer
    assert document.is_late is False
    event = only_event(document, "document.publish")
    assert (event.actor, event.agency) == (reviewer, agency)
    assert event.before["status"] == "in_review"
    assert event.before["index_number"] is None
    assert event.after["status"] == "published"
    assert event.after["index_number"] == document.index_number
    assert event.note == ""


def test_reviewer_cannot_publish_what_they_drafted(agency, item):
    both = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    document = submitted(agency, both, item)

    with pytest.raises(PublicationBlocked) as caught:
        services.publish(document=document, actor=both)

    assert "起草人" in caught.value.message
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert document.index_number is None
    assert not IndexCounter.objects.filter(agency=agency).exists()


def test_only_records_in_review_can_be_published(agency, publisher, reviewer, item):
    document = create(agency, publisher, item)

    with pytest.raises(TransitionNotAllowed):
        services.publish(document=document, actor=reviewer)

    assert Document.objects.get(pk=document.pk).status == Status.DRAFT


@pytest.mark.parametrize(
    "document_type", [DocumentType.RULE, DocumentType.NORMATIVE, DocumentType.POLICY]
)
def test_policy_documents_need_an_interpretation_or_a_waiver(
    agency, publisher, reviewer, item, document_type
):
    document = submitted(agency, publisher, item, document_type=document_type)

    with pytest.raises(PublicationBlocked) as caught:
        services.publish(document=document, actor=reviewer)
    assert caught.value.field == "interpretation_waiver"
    assert Document.objects.get(pk=document.pk).status == Status.IN_REVIEW
    assert not events(document, "document.publish").exists()

    services.publish(
        document=document, actor=reviewer, interpretation_waiver="  内容简单，无需解读。 "
    )

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.interpretation_waiver == "内容简单，无需解读。"
    assert only_event(document, "document.publish").after["interpretation_waiver"] == (
        "内容简单，无需解读。"
    )


@pytest.mark.parametrize("attribute", [Attribute.ON_REQUEST, Attribute.WITHHELD])
def test_policy_documents_not_proactively_disclosed_need_no_interpretation(
    agency, publisher, reviewer, item, attribute
):
    document = submitted(
        agency,
        publisher,
        item,
        document_type=DocumentType.POLICY,
        attribute=attribute,
        withholding_basis=WithholdingBasis.PROCESS_INFORMATION,
        withholding_reason="内部讨论稿。",
    )

    services.publish(document=document, actor=reviewer)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.is_public is False


def test_other_document_types_need_no_interpretation(agency, publisher, reviewer, item):
    document = submitted(agency, publisher, item, document_type=DocumentType.NEWS)

    services.publish(document=document, actor=reviewer)

    assert Document.objects.get(pk=document.pk).status == Status.PUBLISHED


def _policy_with_interpretation(agency, publisher, item, *, interpretation_status):
    policy = submitted(
        agency, publisher, item, document_type=DocumentType.POLICY, title="关于印发某政策的通知"
    )
    interpretation = create(
        agency, publisher, item, document_type=DocumentType.INTERPRETATION, title="《某政策》解读"
    )
    services.link_documents(
        source=interpretation, target=policy, kind=LinkKind.INTERPRETS, actor=publisher
    )
    if interpretation_status == Status.IN_REVIEW:
        services.submit_for_review(document=interpretation, actor=publisher)
    return policy, interpretation


def test_publishing_a_policy_publishes_its_interpretation_in_review(
    agency, publisher, reviewer, item
):
    policy, interpretation = _policy_with_interpretation(
        agency, publisher, item, interpretation_status=Status.IN_REVIEW
    )

    services.publish(document=policy, actor=reviewer)

    policy.refresh_from_db()
    interpretation.refresh_from_db()
    assert policy.status == interpretation.status == Status.PUBLISHED
    assert policy.interpretation_waiver == ""
    assert policy.index_number == f"{agency.code}/2026-00001"
    assert interpretation.index_number == f"{agency.code}/2026-00002"
    assert interpretation.reviewed_by == reviewer
    assert only_event(policy, "document.publish").actor == reviewer
    companion_event = only_event(interpretation, "document.publish")
    assert companion_event.note == "与所解读的政策文件同步发布"
    assert companion_event.after["status"] == "published"


def test_a_draft_interpretation_does_not_count(agency, publisher, reviewer, item):
    policy, interpretation = _policy_with_interpretation(
        agency, publisher, item, interpretation_status=Status.DRAFT
    )

    with pytest.raises(PublicationBlocked):
        services.publish(document=policy, actor=reviewer)

    assert Document.objects.get(pk=interpretation.pk).status == Status.DRAFT


def test_an_already_published_interpretation_counts(agency, publisher, reviewer, item):
    earlier = submitted(agency, publisher, item, document_type=DocumentType.POLICY)
    interpretation = create(agency, publisher, item, document_type=DocumentType.INTERPRETATION)
    services.link_documents(
        source=interpretation, target=earlier, kind=LinkKind.INTERPRETS, actor=publisher
    )
    services.submit_for_review(document=interpretation, actor=publisher)
    services.publish(document=interpretation, actor=reviewer)

    services.publish(document=earlier, actor=reviewer)

    assert Document.objects.get(pk=earlier.pk).status == Status.PUBLISHED
    assert events(interpretation, "document.publish").count() == 1


def test_an_interpretation_in_review_at_another_agency_is_not_published_with_the_policy(
    agency, publisher, reviewer, item
):
    policy = submitted(agency, publisher, item, document_type=DocumentType.POLICY)
    other = make_agency()
    foreign = make_document(
        agency=other, document_type=DocumentType.INTERPRETATION, status=Status.IN_REVIEW
    )
    DocumentLink.objects.create(source=foreign, target=policy, kind=LinkKind.INTERPRETS)

    with pytest.raises(PublicationBlocked):
        services.publish(document=policy, actor=reviewer)

    assert Document.objects.get(pk=foreign.pk).status == Status.IN_REVIEW


def test_a_waiver_is_kept_only_where_an_interpretation_was_needed(
    agency, publisher, reviewer, item
):
    notice = submitted(agency, publisher, item, document_type=DocumentType.NOTICE)

    services.publish(document=notice, actor=reviewer, interpretation_waiver="不需要")

    assert Document.objects.get(pk=notice.pk).interpretation_waiver == ""


def test_an_imported_index_number_already_taken_is_refused(agency, reviewer, item):
    published = make_published_document(agency=agency, catalogue_item=item, reviewer=reviewer)
    incoming = make_document(agency=agency, catalogue_item=item)

    with pytest.raises(DocumentError, match="已被本机关的其他信息使用"):
        services.register_imported_index_number(incoming, published.index_number)


def test_a_blocked_companion_blocks_the_whole_publication(agency, publisher, item):
    reviewer_who_drafts = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    policy = submitted(agency, publisher, item, document_type=DocumentType.POLICY)
    interpretation = submitted(
        agency, reviewer_who_drafts, item, document_type=DocumentType.INTERPRETATION
    )
    DocumentLink.objects.create(source=interpretation, target=policy, kind=LinkKind.INTERPRETS)

    with pytest.raises(PublicationBlocked):
        services.publish(document=policy, actor=reviewer_who_drafts)

    assert Document.objects.get(pk=policy.pk).status == Status.IN_REVIEW
    assert Document.objects.get(pk=interpretation.pk).status == Status.IN_REVIEW
    assert not IndexCounter.objects.filter(agency=agency).exists()


def test_an_interpretation_needs_a_link_to_its_policy(agency, publisher, reviewer, item):
    interpretation = submitted(agency, publisher, item, document_type=DocumentType.INTERPRETATION)

    with pytest.raises(PublicationBlocked) as caught:
        services.publish(document=interpretation, actor=reviewer)

    assert "关联" in caught.value.message
    assert Document.objects.get(pk=interpretation.pk).status == Status.IN_REVIEW


# --- the clock -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document_type", "element", "due"),
    [
        (DocumentType.LICENSING, "结果信息", "2026-03-02"),  # 7 working days (双公示)
        # A licensing decision is due in 7 whatever the element (see test_time_limits.py).
        (DocumentType.LICENSING, "法律法规和政策文件", "2026-03-02"),
        (DocumentType.LICENSING, "", "2026-03-02"),
        # Other records under the licensing item follow the element: 20, or the item's 20.
        (DocumentType.POLICY, "法律法规和政策文件", "2026-03-19"),
        (DocumentType.SERVICE_GUIDE, "", "2026-03-19"),
    ],
)
def test_due_date_follows_the_licensing_items_element(
    agency, publisher, document_type, element, due
):
    licensing = standard_item(agency, "0104")  # 医疗机构执业登记

    document = create(
        agency,
        publisher,
        licensing,
        document_type=document_type,
        catalogue_element=element,
        formed_on=day("2026-02-13"),
    )

    assert document.due_on == day(due)
    assert document.due_problem == ""


def test_due_date_counts_from_the_change_date(agency, publisher, item):
    document = create(
        agency, publisher, item, formed_on=day("2025-06-03"), changed_on=day("2026-02-13")
    )

    assert document.due_on == day("2026-03-19")


@pytest.mark.parametrize(
    ("published_at", "late"),
    [("2026-03-02", False), ("2026-03-03", True)],
)
def test_publication_after_the_due_date_is_recorded_as_late(
    agency, publisher, reviewer, item, published_at, late
):
    document = submitted(
        agency, publisher, item, catalogue_element="结果信息", formed_on=day("2026-02-13")
    )  # due 2026-03-02

    with time_machine.travel(at(published_at), tick=False):
        services.publish(document=document, actor=reviewer)

    document.refresh_from_db()
    assert document.due_on == day("2026-03-02")
    assert document.is_late is late
    assert only_event(document, "document.publish").note == ("逾期发布" if late else "")


def test_late_flag_is_only_for_proactive_records(agency, publisher, reviewer, item):
    document = submitted(
        agency,
        publisher,
        item,
        catalogue_element="结果信息",
        formed_on=day("2026-02-13"),
        attribute=Attribute.ON_REQUEST,
        withholding_basis=WithholdingBasis.NOT_PROACTIVE_SCOPE,
        withholding_reason="依申请提供。",
    )

    with time_machine.travel(at("2026-04-01"), tick=False):
        services.publish(document=document, actor=reviewer)

    assert Document.objects.get(pk=document.pk).is_late is False


def test_due_date_reaching_next_year_before_its_notice_is_provisional(
    agency, publisher, reviewer, item
):
    with time_machine.travel(at("2026-12-21"), tick=False):
        document = create(agency, publisher, item, formed_on=day("2026-12-20"))
        assert document.due_on == day("2027-01-18")
        assert document.due_is_provisional is True
        assert document.due_problem == ""

        services.submit_for_review(document=document, actor=publisher)
        services.publish(document=document, actor=reviewer)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.is_late is False
    assert document.index_number == f"{agency.code}/2026-00001"


def test_due_date_two_years_ahead_is_explained_not_guessed(agency, publisher, reviewer, item):
    calendar_services.remove_year(year=2026, actor=None)  # 2025 is now the last loaded year
    with time_machine.travel(at("2026-12-21"), tick=False):
        document = create(agency, publisher, item, formed_on=day("2026-12-20"))
        assert document.due_on is None
        assert document.due_is_provisional is False
        assert "2027年的工作日无法确定" in document.due_problem
        assert not ledger.overdue_ids(PUBLICATION, today=day("2027-06-01"), now=at("2027-06-01"))
        services.submit_for_review(document=document, actor=publisher)
        services.publish(document=document, actor=reviewer)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.due_on is None
    assert document.is_late is False


def test_overdue_and_due_soon_in_the_ledger(agency, item):
    overdue = make_document(catalogue_item=item, due_on=day("2026-02-27"))
    due_soon = make_document(catalogue_item=item, due_on=day("2026-03-05"))
    make_document(catalogue_item=item, due_on=day("2026-02-27"), status=Status.PUBLISHED)
    make_document(catalogue_item=item, due_on=day("2026-02-27"), attribute=Attribute.WITHHELD)
    make_document(catalogue_item=item, due_on=day("2026-03-20"))  # not yet due soon

    today, now = day("2026-03-02"), at("2026-03-02")
    assert list(
        Document.objects.filter(pk__in=ledger.overdue_ids(PUBLICATION, today=today, now=now))
    ) == [overdue]
    assert list(
        Document.objects.filter(pk__in=ledger.due_soon_ids(PUBLICATION, today=today, now=now))
    ) == [due_soon]


# --- 索引号 --------------------------------------------------------------------------------


def _publish_new(agency, publisher, reviewer, item) -> Document:
    document = submitted(agency, publisher, item)
    services.publish(document=document, actor=reviewer)
    document.refresh_from_db()
    return document


def test_index_numbers_are_sequential_per_agency_and_year(agency, publisher, reviewer, item):
    first = _publish_new(agency, publisher, reviewer, item)
    second = _publish_new(agency, publisher, reviewer, item)
    other_agency = make_agency()
    other = _publish_new(
        other_agency,
        make_user(agency=other_agency, roles=(Role.PUBLISHER,)),
        make_user(agency=other_agency, roles=(Role.REVIEWER,)),
        make_agency_item(other_agency),
    )
    with time_machine.travel(at("2027-01-05"), tick=False):
        next_year = _publish_new(agency, publisher, reviewer, item)

    assert first.index_number == f"{agency.code}/2026-00001"
    assert second.index_number == f"{agency.code}/2026-00002"
    assert other.index_number == f"{other_agency.code}/2026-00001"
    assert next_year.index_number == f"{agency.code}/2027-00001"


def test_index_year_and_publication_date_are_beijing_dates(agency, publisher, reviewer, item):
    document = submitted(agency, publisher, item)

    # 00:30 on New Year's Day in Beijing is still 2026-12-31 in UTC.
    with time_machine.travel(at("2027-01-01", hour=0) + datetime.timedelta(minutes=30), tick=False):
        services.publish(document=document, actor=reviewer)

    document.refresh_from_db()
    assert document.index_number == f"{agency.code}/2027-00001"
    assert document.published_on == day("2027-01-01")


def test_withdrawal_keeps_the_index_number_and_it_is_never_reused(
    agency, publisher, reviewer, item
):
    _publish_new(agency, publisher, reviewer, item)
    withdrawn = _publish_new(agency, publisher, reviewer, item)

    services.withdraw(document=withdrawn, actor=reviewer, reason="内容有误，已重新发布。")
    after = _publish_new(agency, publisher, reviewer, item)

    withdrawn.refresh_from_db()
    assert withdrawn.status == Status.WITHDRAWN
    assert withdrawn.index_number == f"{agency.code}/2026-00002"
    assert after.index_number == f"{agency.code}/2026-00003"


def test_imported_index_numbers_move_the_counter_on(agency, publisher, reviewer, item):
    imported = make_document(catalogue_item=item, status=Status.PUBLISHED)
    with transaction.atomic():
        services.register_imported_index_number(imported, f"{agency.code}/2026-00042")
        imported.save()
    older = make_document(catalogue_item=item, status=Status.PUBLISHED)
    with transaction.atomic():
        services.register_imported_index_number(older, f"{agency.code}/2026-00007")
        older.save()
    foreign = make_document(catalogue_item=item, status=Status.PUBLISHED)
    with transaction.atomic():
        services.register_imported_index_number(foreign, "000014349/2026-00500")
        foreign.save()

    new = _publish_new(agency, publisher, reviewer, item)

    imported.refresh_from_db()
    assert (imported.index_year, imported.index_serial) == (2026, 42)
    assert foreign.index_number == "000014349/2026-00500"
    assert foreign.index_serial is None
    assert new.index_number == f"{agency.code}/2026-00043"


# --- withdrawal and validity ---------------------------------------------------------------


def test_withdraw_needs_a_reason_and_audits(agency, publisher, reviewer, item):
    document = _publish_new(agency, publisher, reviewer, item)

    with pytest.raises(DocumentError) as caught:
        services.withdraw(document=document, actor=reviewer, reason=" ")
    assert caught.value.field == "reason"
    assert Document.objects.get(pk=document.pk).status == Status.PUBLISHED

    services.withdraw(document=document, actor=reviewer, reason="处罚决定已被撤销。")

    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN
    assert document.withdrawal_reason == "处罚决定已被撤销。"
    assert document.withdrawn_at is not None
    assert document.published_at is not None
    event = only_event(document, "document.withdraw")
    assert (event.actor, event.agency) == (reviewer, agency)
    assert event.before["status"] == "published"
    assert event.after["status"] == "withdrawn"
    assert event.after["index_number"] == document.index_number
    assert event.note == "处罚决定已被撤销。"


def test_only_published_records_can_be_withdrawn(agency, publisher, reviewer, item):
    document = submitted(agency, publisher, item)

    with pytest.raises(TransitionNotAllowed):
        services.withdraw(document=document, actor=reviewer, reason="理由")


def test_repeal_links_the_repealing_record_and_audits(agency, publisher, reviewer, item):
    old = _publish_new(agency, publisher, reviewer, item)
    new = _publish_new(agency, publisher, reviewer, item)

    services.change_validity(
        document=old,
        actor=reviewer,
        validity=Validity.REPEALED,
        changed_on=day("2026-03-01"),
        by_document=new,
    )

    old.refresh_from_db()
    assert old.validity == Validity.REPEALED
    assert old.validity_changed_on == day("2026-03-01")
    assert DocumentLink.objects.filter(source=new, target=old, kind=LinkKind.REPEALS).exists()
    event = only_event(old, "document.validity")
    assert (event.actor, event.agency) == (reviewer, agency)
    assert event.before == {"validity": "valid", "validity_changed_on": None}
    assert event.after == {
        "validity": "repealed",
        "validity_changed_on": "2026-03-01",
        "by_document": new.pk,
    }


def test_amendment_links_with_amends(agency, publisher, reviewer, item):
    old = _publish_new(agency, publisher, reviewer, item)
    new = _publish_new(agency, publisher, reviewer, item)

    services.change_validity(
        document=old,
        actor=reviewer,
        validity=Validity.AMENDED,
        changed_on=day("2026-03-01"),
        by_document=new,
    )

    assert DocumentLink.objects.get(target=old).kind == LinkKind.AMENDS


def test_validity_rules(agency, publisher, reviewer, item):
    document = _publish_new(agency, publisher, reviewer, item)
    other = _publish_new(agency, publisher, reviewer, item)

    with pytest.raises(DocumentError) as no_date:
        services.change_validity(
            document=document, actor=reviewer, validity=Validity.EXPIRED, changed_on=None
        )
    with pytest.raises(DocumentError) as expiry_by_record:
        services.change_validity(
            document=document,
            actor=reviewer,
            validity=Validity.EXPIRED,
            changed_on=day("2026-03-01"),
            by_document=other,
        )
    with pytest.raises(DocumentError) as by_itself:
        services.change_validity(
            document=document,
            actor=reviewer,
            validity=Validity.REPEALED,
            changed_on=day("2026-03-01"),
            by_document=document,
        )
    with pytest.raises(DocumentError):
        services.change_validity(
            document=document, actor=reviewer, validity="bogus", changed_on=day("2026-03-01")
        )

    assert no_date.value.field == "changed_on"
    assert expiry_by_record.value.field == "by_document"
    assert by_itself.value.field == "by_document"
    assert not events(document, "document.validity").exists()

    services.change_validity(
        document=document, actor=reviewer, validity=Validity.EXPIRED, changed_on=day("2026-03-01")
    )
    services.change_validity(
        document=document, actor=reviewer, validity=Validity.VALID, changed_on=day("2026-03-02")
    )
    document.refresh_from_db()
    assert document.validity == Validity.VALID
    assert document.validity_changed_on is None  # valid again: no change date
    assert events(document, "document.validity").count() == 2


def test_drafts_have_no_validity_to_change(agency, publisher, reviewer, item):
    document = create(agency, publisher, item)

    with pytest.raises(TransitionNotAllowed):
        services.change_validity(
            document=document,
            actor=reviewer,
            validity=Validity.EXPIRED,
            changed_on=day("2026-03-01"),
        )


# --- links ---------------------------------------------------------------------------------


def test_link_and_unlink_are_audited(agency, publisher, item):
    policy = create(agency, publisher, item, document_type=DocumentType.POLICY)
    interpretation = create(agency, publisher, item, document_type=DocumentType.INTERPRETATION)

    link = services.link_documents(
        source=interpretation, target=policy, kind=LinkKind.INTERPRETS, actor=publisher
    )
    again = services.link_documents(
        source=interpretation, target=policy, kind=LinkKind.INTERPRETS, actor=publisher
    )

    assert again.pk == link.pk
    event = only_event(interpretation, "document.link")  # the repeat wrote nothing
    assert (event.actor, event.agency) == (publisher, agency)
    assert event.before is None
    assert event.after == {"kind": "interprets", "target": policy.pk}

    services.unlink_documents(link=link, actor=publisher)

    assert not DocumentLink.objects.exists()
    event = only_event(interpretation, "document.unlink")
    assert event.before == {"kind": "interprets", "target": policy.pk}
    assert event.after is None


@pytest.mark.parametrize(
    ("source_type", "target_type"),
    [
        (DocumentType.NOTICE, DocumentType.POLICY),  # only an interpretation interprets
        (DocumentType.INTERPRETATION, DocumentType.NEWS),  # … a rule or policy document
    ],
)
def test_interprets_links_need_the_right_types(agency, publisher, item, source_type, target_type):
    source = create(agency, publisher, item, document_type=source_type)
    target = create(agency, publisher, item, document_type=target_type)

    with pytest.raises(DocumentError):
        services.link_documents(
            source=source, target=target, kind=LinkKind.INTERPRETS, actor=publisher
        )

    assert not DocumentLink.objects.exists()
    assert not events(source, "document.link").exists()


def test_a_record_cannot_link_to_itself(agency, publisher, item):
    document = create(agency, publisher, item, document_type=DocumentType.INTERPRETATION)

    with pytest.raises(DocumentError):
        services.link_documents(
            source=document, target=document, kind=LinkKind.INTERPRETS, actor=publisher
        )


def test_links_of_published_records_stay(agency, publisher, reviewer, item):
    policy, interpretation = _policy_with_interpretation(
        agency, publisher, item, interpretation_status=Status.IN_REVIEW
    )
    services.publish(document=policy, actor=reviewer)
    link = DocumentLink.objects.get(source=interpretation)

    with pytest.raises(DocumentError):
        services.unlink_documents(link=link, actor=publisher)

    assert DocumentLink.objects.filter(pk=link.pk).exists()


# --- calendar changes ----------------------------------------------------------------------


def test_calendar_change_recomputes_open_due_dates_with_audit(
    agency, publisher, reviewer, item, django_capture_on_commit_callbacks
):
    admin = make_user(is_superuser=True)
    open_record = create(agency, publisher, item, formed_on=day("2026-02-13"))
    published = _publish_new(agency, publisher, reviewer, item)
    published_due = published.due_on

    # Without the 调休 Saturday 2026-02-14 the 20th working day moves from 03-19 to 03-20.
    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.remove_special_day(day=day("2026-02-14"), actor=admin)

    open_record.refresh_from_db()
    published.refresh_from_db()
    assert open_record.due_on == day("2026-03-20")
    assert published.due_on == published_due  # the published record's clock is closed
    event = only_event(open_record, "document.due_recomputed")
    assert event.actor == admin
    assert event.agency == agency
    assert event.before == {"due_on": "2026-03-19", "due_problem": "", "due_is_provisional": False}
    assert event.after == {"due_on": "2026-03-20", "due_problem": "", "due_is_provisional": False}
    assert not events(published, "document.due_recomputed").exists()


def test_loading_the_next_year_makes_provisional_due_dates_final(
    agency, publisher, item, django_capture_on_commit_callbacks
):
    admin = make_user(is_superuser=True)
    with time_machine.travel(at("2026-12-21"), tick=False):
        document = create(agency, publisher, item, formed_on=day("2026-12-20"))
    assert (document.due_on, document.due_is_provisional) == (day("2027-01-18"), True)

    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.load_year(
            year=2027,
            notice="国务院办公厅关于2027年部分节假日安排的通知",
            actor=admin,
            holidays=[(day("2027-01-01"), "元旦")],
            makeup_workdays=[],
        )

    document.refresh_from_db()
    # 9 working days left in December 2026, Fri 2027-01-01 off, the 20th is Mon 2027-01-18:
    # the date stays, only its provisional mark goes (and that change is audited).
    assert document.due_on == day("2027-01-18")
    assert document.due_problem == ""
    event = only_event(document, "document.due_recomputed")
    assert event.before == {"due_on": "2027-01-18", "due_problem": "", "due_is_provisional": True}
    assert event.after == {"due_on": "2027-01-18", "due_problem": "", "due_is_provisional": False}


def test_a_calendar_change_that_moves_nothing_writes_nothing(
    agency, publisher, item, django_capture_on_commit_callbacks
):
    document = create(agency, publisher, item, formed_on=day("2026-02-13"))

    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.set_special_day(
            year=2026, day=day("2026-12-07"), kind=DayKind.HOLIDAY, name="测试", actor=None
        )

    assert not events(document, "document.due_recomputed").exists()


# --- attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind", "extension"),
    [
        ("通知.pdf", pdf_bytes(), AttachmentKind.PDF, "pdf"),
        ("名单.docx", docx_bytes(), AttachmentKind.DOCX, "docx"),
        ("统计表.xlsx", xlsx_bytes(), AttachmentKind.XLSX, "xlsx"),
        ("示意图.png", png_bytes(), AttachmentKind.IMAGE, "png"),
        ("名字不对.txt", pdf_bytes(), AttachmentKind.PDF, "pdf"),  # judged by content
    ],
)
def test_accepted_attachments(agency, publisher, item, name, data, kind, extension):
    document = create(agency, publisher, item)

    attachment = services.add_attachment(document=document, actor=publisher, name=name, data=data)

    attachment.refresh_from_db()
    assert (attachment.kind, attachment.extension) == (kind, extension)
    assert attachment.original_name == name
    assert attachment.size == len(data)
    assert attachment.file.name.endswith(f"{attachment.sha256}.{extension}")
    with attachment.file.open("rb") as handle:
        assert handle.read() == data
    assert attachment.extraction_status == ExtractionStatus.PENDING
    event = only_event(document, "document.attach")
    assert (event.actor, event.agency) == (publisher, agency)
    assert event.after["attachment"] == attachment.pk
    assert event.after["kind"] == kind


def _zip_without_office_parts() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not an office file")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "通知.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
            "不接受此类文件",
        ),
        (
            "页面.html",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "不接受此类文件",
        ),
        ("表格.xlsx", _zip_without_office_parts(), "压缩文件不是可接受的附件类型"),
        ("损坏.docx", b"PK\x03\x04" + b"\x00" * 40, "文件已损坏"),
        ("空.pdf", b"", "文件是空的"),
    ],
    ids=["exe-renamed-pdf", "html", "zip-without-office-parts", "broken-zip", "empty"],
)
def test_rejected_attachments(agency, publisher, item, name, data, message):
    document = create(agency, publisher, item)

    with pytest.raises(UploadRejected) as caught:
        services.add_attachment(document=document, actor=publisher, name=name, data=data)

    assert message in caught.value.message
    assert not Attachment.objects.exists()
    assert not events(document, "document.attach").exists()


def test_attachments_over_the_size_limit_are_rejected(agency, publisher, item, settings):
    data = pdf_bytes()
    settings.ATTACHMENT_MAX_BYTES = len(data) - 1
    document = create(agency, publisher, item)

    with pytest.raises(UploadRejected) as caught:
        services.add_attachment(document=document, actor=publisher, name="大.pdf", data=data)

    assert "上限" in caught.value.message
    assert not Attachment.objects.exists()

    settings.ATTACHMENT_MAX_BYTES = len(data)
    services.add_attachment(document=document, actor=publisher, name="刚好.pdf", data=data)
    assert Attachment.objects.count() == 1


def test_published_records_take_no_new_attachments(agency, publisher, reviewer, item):
    document = _publish_new(agency, publisher, reviewer, item)

    with pytest.raises(TransitionNotAllowed):
        services.add_attachment(document=document, actor=publisher, name="a.pdf", data=pdf_bytes())


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        (pdf_bytes("Vaccination week 2026"), ExtractionStatus.DONE, "Vaccination week 2026"),
        (docx_bytes("预防接种宣传周活动方案"), ExtractionStatus.DONE, "预防接种宣传周活动方案"),
        (
            xlsx_bytes([["乡镇", "接种人数"], ["城关镇", 321]]),
            ExtractionStatus.DONE,
            "乡镇\t接种人数\n城关镇\t321",
        ),
        (png_bytes(), ExtractionStatus.NONE, ""),
        (b"%PDF-1.4\nthis is not really a pdf", ExtractionStatus.FAILED, ""),
    ],
    ids=["pdf", "docx", "xlsx", "png", "broken-pdf"],
)
def test_text_is_extracted_after_commit(
    agency, publisher, item, settings, django_capture_on_commit_callbacks, data, status, text
):
    settings.TASKS = IMMEDIATE_TASKS
    document = create(agency, publisher, item)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attachment = services.add_attachment(
            document=document, actor=publisher, name="附件", data=data
        )
        assert Attachment.objects.get(pk=attachment.pk).extraction_status == "pending"

    assert len(callbacks) == 1
    attachment.refresh_from_db()
    assert attachment.extraction_status == status
    assert attachment.extracted_text == text


def test_extraction_runs_once(agency, publisher, item):
    document = create(agency, publisher, item)
    attachment = services.add_attachment(
        document=document, actor=publisher, name="a.pdf", data=pdf_bytes("first")
    )

    assert extract_attachment_text.call(attachment.pk) == ExtractionStatus.DONE
    Attachment.objects.filter(pk=attachment.pk).update(extracted_text="kept")
    assert extract_attachment_text.call(attachment.pk) == "skipped"
    assert extract_attachment_text.call(attachment.pk + 1000) == "skipped"
    assert Attachment.objects.get(pk=attachment.pk).extracted_text == "kept"


def test_remove_attachment_audits_and_deletes_the_file_after_commit(
    agency, publisher, item, django_capture_on_commit_callbacks
):
    document = create(agency, publisher, item)
    attachment = services.add_attachment(
        document=document, actor=publisher, name="a.pdf", data=pdf_bytes()
    )
    storage, stored, pk = attachment.file.storage, attachment.file.name, attachment.pk

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(attachment=attachment, actor=publisher)

    assert not Attachment.objects.exists()
    assert not storage.exists(stored)
    event = only_event(document, "document.detach")
    assert event.before == {"attachment": pk, "name": "a.pdf"}
