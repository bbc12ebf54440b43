"""The yearly review of withheld information (条例第十八条; issue #15 §4): the list, the
decisions, the ledger duty and the annual report's sentence."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Attribute, Scope, Status
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.foi.outcomes import Outcome
from gongkai.obligations.models import Obligation
from gongkai.reports import drafting
from gongkai.reports.computation import compute_report
from gongkai.yearly_review import services
from gongkai.yearly_review.errors import ReviewError
from gongkai.yearly_review.models import Decision, ReviewStatus, SourceKind
from gongkai.yearly_review.obligations import YEARLY_REVIEW, review_row
from gongkai.yearly_review.tests.factories import (
    make_filed_record,
    make_redacted_record,
    make_reply,
)

DUE = datetime.date(2026, 12, 31)


@pytest.fixture
def agency(db):
    return make_agency(name="测试县卫生健康局")


@pytest.fixture
def admin(agency):
    return make_user(agency=agency, roles=(Role.ADMIN,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def year_2026(agency):
    """What the agency withheld in 2026, and what must stay off its list."""
    other = make_agency(name="另一机关")
    return {
        "withheld": make_filed_record(agency, title="内部讨论纪要"),
        "redacted": make_redacted_record(agency, title="行政处罚决定书（删减）"),
        "refused": make_reply(agency, description="某医院内部审计报告"),
        "partial": make_reply(agency, outcome=Outcome.PARTIAL, description="检查记录"),
        # not on the list:
        "proactive": make_filed_record(agency, attribute=Attribute.PROACTIVE, scope=Scope.FULL),
        "last_year": make_filed_record(agency, on="2025-06-02"),
        "draft": make_filed_record(agency, status=Status.DRAFT, published_at=None),
        "granted": make_reply(agency, outcome=Outcome.GRANTED),
        "refused_last_year": make_reply(agency, on="2025-12-30"),
        "other_agency": make_filed_record(other),
        "other_reply": make_reply(other),
    }


def test_the_list_holds_the_years_withheld_records_and_refusals_of_the_agency_only(
    agency, admin, year_2026
):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    listed = {(i.source_kind, i.document_id or i.application_id) for i in review.items.all()}
    assert listed == {
        (SourceKind.RECORD_WITHHELD, year_2026["withheld"].pk),
        (SourceKind.RECORD_REDACTED, year_2026["redacted"].pk),
        (SourceKind.REPLY_WITHHELD, year_2026["refused"].pk),
        (SourceKind.REPLY_PARTIAL, year_2026["partial"].pk),
    }
    refused = review.items.get(application=year_2026["refused"])
    assert refused.basis_label == "不予公开：属于四类过程性信息"
    withheld = review.items.get(document=year_2026["withheld"])
    assert withheld.basis_label == "过程性信息（条例第十六条第二款）"


def test_building_again_adds_new_items_and_keeps_decisions(agency, admin, reviewer, year_2026):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    item = review.items.get(application=year_2026["refused"])
    services.decide_item(
        item=item, decision=Decision.KEEP, reason="仍属过程性信息。", actor=reviewer
    )
    assert services.build_items(review=review, actor=admin) == 0
    later = make_filed_record(agency, on="2026-11-16", title="新的不予公开信息")
    assert services.build_items(review=review, actor=admin) == 1
    assert review.items.count() == 5
    item.refresh_from_db()
    assert item.decision == Decision.KEEP
    assert review.items.filter(document=later, decision="").exists()


def test_one_review_per_agency_and_year_and_a_due_date_ahead(agency, admin):
    with pytest.raises(ReviewError) as error:
        services.open_review(
            agency=agency, year=2026, due_on=datetime.date(2026, 11, 1), actor=admin
        )
    assert error.value.field == "due_on"
    services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    with pytest.raises(ReviewError, match="已经发起"):
        services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    with pytest.raises(ReviewError, match="尚未开始"):
        services.open_review(agency=agency, year=2027, due_on=DUE, actor=admin)


@pytest.mark.parametrize("decision", [Decision.KEEP, Decision.RELEASE_PART])
def test_keeping_withheld_or_releasing_in_part_needs_a_reason(
    agency, admin, reviewer, year_2026, decision
):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    item = review.items.get(document=year_2026["withheld"])
    with pytest.raises(ReviewError) as error:
        services.decide_item(item=item, decision=decision, reason="  ", actor=reviewer)
    assert error.value.field == "reason"
    item.refresh_from_db()
    assert item.decision == ""


def test_decisions_are_audited(agency, admin, reviewer, year_2026):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    item = review.items.get(application=year_2026["refused"])
    services.decide_item(
        item=item, decision=Decision.KEEP, reason="审计报告仍在整改中。", actor=reviewer
    )
    event = AuditEvent.objects.for_object(item).get(action="yearly_review.decide")
    assert event.actor == reviewer
    assert event.agency == agency
    assert event.before["decision"] == ""
    assert event.after["decision"] == Decision.KEEP
    assert event.after["reason"] == "审计报告仍在整改中。"
    assert AuditEvent.objects.for_object(review).filter(action="yearly_review.open").exists()


def test_releasing_a_record_makes_a_proactive_draft_and_leaves_the_record(
    agency, admin, reviewer, year_2026
):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    record = year_2026["withheld"]
    item = review.items.get(document=record)
    services.decide_item(item=item, decision=Decision.RELEASE, reason="", actor=reviewer)
    draft = item.release_draft
    assert draft.status == Status.DRAFT
    assert (draft.attribute, draft.scope) == (Attribute.PROACTIVE, Scope.FULL)
    assert draft.title == record.title
    assert draft.catalogue_item_id == record.catalogue_item_id
    assert draft.changed_on == datetime.date(2026, 11, 16)  # its clock runs from the decision
    assert AuditEvent.objects.for_object(draft).filter(action="document.create").exists()
    record.refresh_from_db()
    assert record.attribute == Attribute.WITHHELD


def test_releasing_in_part_drafts_a_redacted_record_with_the_reason(
    agency, admin, reviewer, year_2026
):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    item = review.items.get(document=year_2026["withheld"])
    services.decide_item(
        item=item, decision=Decision.RELEASE_PART, reason="删去参会人员发言。", actor=reviewer
    )
    draft = item.release_draft
    assert (draft.attribute, draft.scope) == (Attribute.PROACTIVE, Scope.REDACTED)
    assert draft.withholding_reason == "删去参会人员发言。"
    with pytest.raises(ReviewError, match="不能再改变结论"):
        services.decide_item(item=item, decision=Decision.KEEP, reason="理由", actor=reviewer)


def test_releasing_a_reply_records_the_decision_without_a_draft(agency, admin, reviewer, year_2026):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    item = review.items.get(application=year_2026["partial"])
    services.decide_item(item=item, decision=Decision.RELEASE, reason="", actor=reviewer)
    assert item.decision == Decision.RELEASE
    assert item.release_draft is None


def test_the_ledger_row_has_the_agencys_due_date_and_closes_when_all_are_decided(
    agency, admin, reviewer, year_2026
):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    row = review_row(review)
    assert row.kind == YEARLY_REVIEW
    assert row.agency == agency
    assert row.due_on == DUE
    assert row.title == "2026年度不予公开信息自查"
    assert row.done_on is None
    services.change_due_on(review=review, due_on=datetime.date(2027, 1, 15), actor=admin)
    assert review_row(review).due_on == datetime.date(2027, 1, 15)

    items = list(review.items.all())
    for item in items[:-1]:
        services.decide_item(
            item=item, decision=Decision.KEEP, reason="理由仍成立。", actor=reviewer
        )
    assert review_row(review).done_on is None
    services.decide_item(
        item=items[-1], decision=Decision.KEEP, reason="理由仍成立。", actor=reviewer
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED
    assert review.completed_by == reviewer
    row = review_row(review)
    assert row.done_on == datetime.date(2026, 11, 16)
    assert row.is_late is False
    # A new withheld record of the year opens the review (and the duty) again.
    make_filed_record(agency, on="2026-11-16")
    services.build_items(review=review, actor=admin)
    assert review_row(review).done_on is None
    assert Obligation.objects.of_kind(YEARLY_REVIEW).count() == 1


def test_the_summary_and_the_annual_report_sentence(agency, admin, reviewer, year_2026):
    review = services.open_review(agency=agency, year=2026, due_on=DUE, actor=admin)
    decisions = [
        (review.items.get(document=year_2026["withheld"]), Decision.KEEP, "仍属过程性信息。"),
        (review.items.get(document=year_2026["redacted"]), Decision.RELEASE, ""),
        (review.items.get(application=year_2026["refused"]), Decision.KEEP, "仍属过程性信息。"),
    ]
    for item, decision, reason in decisions:
        services.decide_item(item=item, decision=decision, reason=reason, actor=reviewer)
    summary = services.review_summary([agency.pk], 2026)
    assert (summary.items, summary.kept, summary.released, summary.released_in_part) == (
        4,
        2,
        1,
        0,
    )
    assert summary.undecided == 1
    assert dict(summary.kept_by_basis) == {
        "过程性信息（条例第十六条第二款）": 1,
        "不予公开：属于四类过程性信息": 1,
    }
    overview = drafting.draft_overview(compute_report([agency.pk], 2026))
    assert (
        "本年度对不予公开、部分公开的政府信息和答复共4项开展了全面自查：经审查，继续不予公开2项，"
        "予以公开1项，部分公开0项。尚有1项正在审查。"
    ) in overview
    # The sentence sits under 政府信息管理.
    assert overview.index("（三）政府信息管理") < overview.index("全面自查")


def test_no_review_no_sentence(agency):
    make_agency_item(agency)
    overview = drafting.draft_overview(compute_report([agency.pk], 2026))
    assert "自查" not in overview
