"""Each step of the handling, its refusals, its audit event and the ledger's duty."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents import services as documents
from gongkai.documents.models import Status
from gongkai.factories import make_agency, make_user
from gongkai.obligations.ledger import now_and_today, state_of
from gongkai.obligations.models import Obligation
from gongkai.proposals import services
from gongkai.proposals.errors import ProposalError
from gongkai.proposals.models import Classification, Kind, Proposal, PublicationMode, State
from gongkai.proposals.obligations import PROPOSAL_REPLY
from gongkai.proposals.tests.factories import (
    PDF,
    make_proposal,
    make_replied,
    proposals_item,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def agency():
    return make_agency(name="测试县卫生健康局", code="HC-TEST")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def actions(proposal) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(proposal.pk), action__startswith="proposal.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def ledger_row(proposal):
    return Obligation.objects.of_kind(PROPOSAL_REPLY).get(object_id=proposal.pk)


# --- registering ---------------------------------------------------------------------------


def test_register_sets_the_three_month_deadline_and_opens_the_duty(agency, clerk):
    proposal = make_proposal(agency, actor=clerk, assigned_on=D(2026, 8, 31))
    assert proposal.state == State.RECEIVED
    assert proposal.due_on == D(2026, 11, 30)
    row = ledger_row(proposal)
    assert (row.agency_id, row.due_on, row.done_on) == (agency.pk, D(2026, 11, 30), None)
    assert "第" in row.title
    assert proposal.title in row.title
    assert actions(proposal) == ["proposal.register"]


def test_register_with_another_deadline_keeps_the_reason(agency, clerk):
    proposal = make_proposal(
        agency, actor=clerk, due_on=D(2027, 3, 1), due_reason="重点建议，交办机关同意延期。"
    )
    assert (proposal.due_on, proposal.due_reason) == (D(2027, 3, 1), "重点建议，交办机关同意延期。")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "petition"}, "kind"),
        ({"number": " "}, "number"),
        ({"title": ""}, "title"),
        ({"members": ""}, "members"),
        ({"assigning_body": ""}, "assigning_body"),
        ({"year": 1900}, "year"),
        ({"role": "co_host", "host_agency_name": ""}, "host_agency_name"),
        ({"assigned_on": D(2026, 12, 1)}, "assigned_on"),  # after today (2026-11-16)
        ({"due_on": D(2027, 1, 1)}, "due_on"),  # not three months, no reason
    ],
)
def test_register_refusals(agency, clerk, changes, field):
    with pytest.raises(ProposalError) as caught:
        make_proposal(agency, actor=clerk, **changes)
    assert caught.value.field == field
    assert not Proposal.objects.exists()


def test_the_same_number_twice_is_refused_but_not_across_kinds(agency, clerk):
    make_proposal(agency, actor=clerk, number="12")
    make_proposal(agency, actor=clerk, number="12", kind=Kind.PROPOSAL)
    with pytest.raises(ProposalError, match="同一编号"):
        make_proposal(agency, actor=clerk, number="12")


def test_co_host_keeps_the_host_name(agency, clerk):
    proposal = make_proposal(agency, actor=clerk, role="co_host", host_agency_name="县医保局")
    assert proposal.host_agency_name == "县医保局"


# --- the deadline --------------------------------------------------------------------------


def test_set_deadline_moves_the_ledger_row(agency, clerk):
    proposal = make_proposal(agency, actor=clerk, assigned_on=D(2026, 9, 1))
    services.set_deadline(
        proposal=proposal, due_on=D(2026, 10, 1), reason="协办意见一个月内送主办单位。", actor=clerk
    )
    assert ledger_row(proposal).due_on == D(2026, 10, 1)
    now, today = now_and_today()
    assert state_of(ledger_row(proposal), today=today, now=now) == "overdue"
    with pytest.raises(ProposalError, match="理由"):
        services.set_deadline(proposal=proposal, due_on=D(2026, 10, 2), reason="", actor=clerk)
    services.set_deadline(proposal=proposal, due_on=D(2026, 12, 1), reason="", actor=clerk)
    proposal.refresh_from_db()
    assert (proposal.due_on, proposal.due_reason) == (D(2026, 12, 1), "")
    assert actions(proposal) == ["proposal.register", *["proposal.set_deadline"] * 2]


# --- the reply -----------------------------------------------------------------------------


def test_reply_marks_the_duty_done_and_keeps_the_letter(agency, clerk):
    proposal = make_replied(agency, actor=clerk, classification=Classification.B)
    assert (proposal.state, proposal.classification) == (State.REPLIED, "B")
    assert proposal.reply_letter_name == "答复函.pdf"
    with proposal.reply_letter.open("rb") as letter:
        assert letter.read() == PDF
    row = ledger_row(proposal)
    assert (row.done_on, row.is_late) == (D(2026, 11, 2), False)
    assert actions(proposal) == ["proposal.register", "proposal.reply"]


def test_a_late_reply_is_late_in_the_ledger(agency, clerk):
    proposal = make_replied(agency, actor=clerk, assigned_on=D(2026, 7, 1))
    assert ledger_row(proposal).is_late is True
    assert AuditEvent.objects.get(action="proposal.reply").note == "逾期答复"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"classification": "D"}, "classification"),
        ({"replied_on": None}, "replied_on"),
        ({"replied_on": D(2026, 8, 1)}, "replied_on"),  # before assignment
        ({"replied_on": D(2026, 11, 17)}, "replied_on"),  # tomorrow
        ({"summary": "  "}, "reply_summary"),
        ({"letter": None}, "reply_letter"),
        ({"letter": b"MZ\x90\x00 not a letter"}, "reply_letter"),  # checked by content
        ({"letter": b""}, "reply_letter"),
    ],
)
def test_reply_refusals(agency, clerk, changes, field):
    proposal = make_proposal(agency, actor=clerk)
    arguments = {
        "classification": "A",
        "replied_on": D(2026, 11, 2),
        "summary": "已解决。",
        "letter": PDF,
        "letter_name": "答复函.pdf",
    }
    arguments.update(changes)
    with pytest.raises(ProposalError) as caught:
        services.record_reply(proposal=proposal, actor=clerk, **arguments)
    assert caught.value.field == field
    proposal.refresh_from_db()
    assert proposal.state == State.RECEIVED
    assert ledger_row(proposal).done_on is None


def test_no_second_reply_and_no_deadline_change_after_it(agency, clerk):
    proposal = make_replied(agency, actor=clerk)
    with pytest.raises(ProposalError, match="已答复"):
        services.record_reply(
            proposal=proposal,
            classification="A",
            replied_on=D(2026, 11, 3),
            summary="再答复",
            letter=PDF,
            actor=clerk,
        )
    with pytest.raises(ProposalError, match="已答复"):
        services.set_deadline(proposal=proposal, due_on=D(2027, 1, 1), reason="x", actor=clerk)


# --- the feedback --------------------------------------------------------------------------


def test_feedback_before_the_reply_is_refused(agency, clerk):
    proposal = make_proposal(agency, actor=clerk)
    with pytest.raises(ProposalError, match="办理中"):
        services.record_feedback(
            proposal=proposal, satisfaction="satisfied", feedback_on=D(2026, 11, 10), actor=clerk
        )


@pytest.mark.parametrize(
    ("satisfaction", "feedback_on", "field"),
    [
        ("happy", D(2026, 11, 10), "satisfaction"),
        ("satisfied", None, "feedback_on"),
        ("satisfied", D(2026, 11, 1), "feedback_on"),  # before the reply
        ("satisfied", D(2026, 11, 20), "feedback_on"),  # in the future
    ],
)
def test_feedback_refusals(agency, clerk, satisfaction, feedback_on, field):
    proposal = make_replied(agency, actor=clerk)
    with pytest.raises(ProposalError) as caught:
        services.record_feedback(
            proposal=proposal, satisfaction=satisfaction, feedback_on=feedback_on, actor=clerk
        )
    assert caught.value.field == field


def test_feedback_moves_to_feedback_recorded(agency, clerk):
    proposal = make_replied(agency, actor=clerk)
    proposal = services.record_feedback(
        proposal=proposal,
        satisfaction="unsatisfied",
        feedback_on=D(2026, 11, 10),
        text="希望加快落实。",
        actor=clerk,
    )
    assert (proposal.state, proposal.satisfaction) == (State.FEEDBACK, "unsatisfied")
    assert actions(proposal)[-1] == "proposal.feedback"


# --- publication ---------------------------------------------------------------------------


def test_publication_through_the_library(agency, clerk, reviewer):
    item = proposals_item(agency)
    proposal = make_replied(agency, actor=clerk)
    proposal = services.prepare_publication(
        proposal=proposal, mode=PublicationMode.FULL, actor=clerk
    )
    record = proposal.record
    assert record.status == Status.IN_REVIEW
    assert record.catalogue_item == item  # found by its name: 建议提案办理结果
    assert record.formed_on == D(2026, 11, 2)  # the clock runs from the reply
    assert "现答复如下" in record.body
    assert record.title.startswith("关于2026年人大代表建议第")
    proposal = services.publish(proposal=proposal, actor=reviewer)
    record.refresh_from_db()
    assert proposal.state == State.PUBLISHED
    assert record.status == Status.PUBLISHED
    assert record.index_number
    assert Proposal.objects.published().get() == proposal
    assert actions(proposal)[-2:] == ["proposal.prepare_publication", "proposal.publish"]
    # The member's form may come back afterwards: recorded, still 已公开.
    proposal = services.record_feedback(
        proposal=proposal, satisfaction="satisfied", feedback_on=D(2026, 11, 16), actor=clerk
    )
    assert proposal.state == State.PUBLISHED


def test_summary_publication_carries_only_the_summary(agency, clerk):
    item = proposals_item(agency)
    proposal = make_replied(agency, actor=clerk)
    proposal = services.prepare_publication(
        proposal=proposal, mode=PublicationMode.SUMMARY, catalogue_item=item, actor=clerk
    )
    assert "已将乡村医生培训纳入年度计划" in proposal.record.body
    assert "现答复如下" not in proposal.record.body


def test_the_drafter_cannot_publish_it_too(agency, clerk):
    proposals_item(agency)
    proposal = make_replied(agency, actor=clerk)
    services.prepare_publication(proposal=proposal, mode=PublicationMode.FULL, actor=clerk)
    with pytest.raises(ProposalError, match="起草人"):
        services.publish(proposal=proposal, actor=clerk)
    proposal.refresh_from_db()
    assert proposal.state == State.REPLIED


@pytest.mark.parametrize(
    ("mode", "reason", "text", "field"),
    [
        ("", "", "全文", "publication_mode"),
        ("withheld", " ", "全文", "publication_reason"),
        ("full", "", "", "publication_mode"),  # no full text was given with the reply
    ],
)
def test_publication_refusals(agency, clerk, mode, reason, text, field):
    proposal = make_replied(agency, actor=clerk, text=text)
    with pytest.raises(ProposalError) as caught:
        services.prepare_publication(proposal=proposal, mode=mode, reason=reason, actor=clerk)
    assert caught.value.field == field


def test_without_a_catalogue_item_the_clerk_must_choose_one(agency, clerk):
    proposal = make_replied(agency, actor=clerk)
    with pytest.raises(ProposalError) as caught:
        services.prepare_publication(proposal=proposal, mode="full", actor=clerk)
    assert caught.value.field == "catalogue_item"


def test_withholding_keeps_the_reason_and_publishes_nothing(agency, clerk, reviewer):
    proposal = make_replied(agency, actor=clerk)
    proposal = services.prepare_publication(
        proposal=proposal, mode="withheld", reason="答复涉及国家秘密。", actor=clerk
    )
    assert proposal.record is None
    assert proposal.publication_reason == "答复涉及国家秘密。"
    with pytest.raises(ProposalError, match="公开方式"):
        services.publish(proposal=proposal, actor=reviewer)


def test_publication_before_the_reply_is_refused(agency, clerk, reviewer):
    proposal = make_proposal(agency, actor=clerk)
    with pytest.raises(ProposalError, match="办理中"):
        services.prepare_publication(proposal=proposal, mode="summary", actor=clerk)
    with pytest.raises(ProposalError, match="办理中"):
        services.publish(proposal=proposal, actor=reviewer)


def test_no_second_record(agency, clerk):
    proposals_item(agency)
    proposal = make_replied(agency, actor=clerk)
    services.prepare_publication(proposal=proposal, mode="full", actor=clerk)
    with pytest.raises(ProposalError, match="已经生成"):
        services.prepare_publication(proposal=proposal, mode="summary", actor=clerk)


# --- counts --------------------------------------------------------------------------------


def test_yearly_counts_per_class(agency, clerk):
    other = make_agency()
    for classification in ("A", "A", "B"):
        make_replied(agency, actor=clerk, classification=classification)
    make_replied(agency, actor=clerk, kind=Kind.PROPOSAL, classification="C")
    make_proposal(agency, actor=clerk, kind=Kind.PROPOSAL)  # not replied yet
    make_replied(agency, actor=clerk, year=2025, classification="B")
    make_replied(other, classification="A")
    counts = services.yearly_counts([agency.pk])
    assert [(c.year, c.kind, c.a, c.b, c.c, c.received, c.replied) for c in counts] == [
        (2026, "suggestion", 2, 1, 0, 3, 3),
        (2026, "proposal", 0, 0, 1, 2, 1),
        (2025, "suggestion", 0, 1, 0, 1, 1),
    ]
    assert [c.year for c in services.yearly_counts([agency.pk], year=2025)] == [2025]


def test_a_record_published_on_its_own_page_is_caught_up(agency, clerk, reviewer):
    # The reviewer resolved the secrecy review's findings on the record's page and published
    # it there: the result is public at once, and publishing the proposal only catches up.
    proposals_item(agency)
    proposal = make_replied(agency, actor=clerk)
    proposal = services.prepare_publication(proposal=proposal, mode="full", actor=clerk)
    documents.publish(document=proposal.record, actor=reviewer)
    assert Proposal.objects.published().get() == proposal
    proposal = services.publish(proposal=proposal, actor=reviewer)
    assert proposal.state == State.PUBLISHED
    assert AuditEvent.objects.filter(action="document.publish").count() == 1
