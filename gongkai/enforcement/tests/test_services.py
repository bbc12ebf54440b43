"""The decision services: drafts, publication by another reviewer, change and withdrawal,
credit repair; each audited, nothing half-saved."""

import datetime

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.enforcement import services
from gongkai.enforcement.errors import DecisionInvalid, EnforcementError, TransitionNotAllowed
from gongkai.enforcement.models import (
    ChangeKind,
    CreditSeverity,
    CurrentState,
    Decision,
    DecisionKind,
    DecisionStatus,
)
from gongkai.enforcement.tests.factories import decision_values, make_decision, make_published
from gongkai.obligations.models import Obligation
from gongkai.search.models import OutboxEntry as IndexChange

pytestmark = pytest.mark.django_db

P = DecisionKind.PENALTY


def _actions(decision):
    return list(
        AuditEvent.objects.filter(object_id=decision.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_create_draft_derives_the_clock_and_audits(agency, publisher):
    decision = make_decision(agency=agency, actor=publisher)
    assert decision.status == DecisionStatus.DRAFT
    assert decision.due_on == datetime.date(2026, 11, 19)  # 7 working days from Nov 10
    assert _actions(decision) == ["enforcement.decision_create"]


def test_a_bad_draft_saves_nothing(agency, publisher):
    with pytest.raises(DecisionInvalid) as caught:
        services.create_draft(
            agency=agency,
            actor=publisher,
            values=decision_values(P, fine_amount=None, party_credit_code="91110000101623741J"),
        )
    assert {"fine_amount", "party_credit_code"} <= set(caught.value.errors)
    assert not Decision.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_decision_in_the_future_is_refused(agency, publisher):
    with pytest.raises(DecisionInvalid) as caught:
        make_decision(agency=agency, actor=publisher, decided_on=datetime.date(2026, 12, 1))
    assert "decided_on" in caught.value.errors


def test_the_drafter_cannot_publish(agency, publisher):
    decision = make_decision(agency=agency, actor=publisher)
    with pytest.raises(EnforcementError, match="录入人不能"):
        services.publish(decision=decision, actor=publisher)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_publish_stamps_indexes_and_closes_the_clock(agency, publisher, reviewer):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer)
    assert decision.status == DecisionStatus.PUBLISHED
    assert decision.reviewed_by == reviewer
    assert IndexChange.objects.filter(kind="enforcement_decision", operation="upsert").exists()
    row = Obligation.objects.get(kind="enforcement.publication", object_id=decision.pk)
    assert row.done_on == datetime.date(2026, 11, 16)
    assert row.due_on == datetime.date(2026, 11, 19)


def test_a_late_draft_shows_overdue_in_the_ledger(agency, publisher):
    decision = make_decision(agency=agency, actor=publisher, decided_on=datetime.date(2026, 10, 9))
    row = Obligation.objects.get(kind="enforcement.publication", object_id=decision.pk)
    assert row.due_on == datetime.date(2026, 10, 19)  # Oct 10 (调休 Sat) counts
    assert row.done_on is None


def test_penalty_publicity_is_set_on_publication(agency, publisher, reviewer):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer, kind=P)
    assert decision.is_shown
    assert decision.publicity_ends_on == datetime.date(2027, 11, 9)
    assert decision.repair_earliest_on == datetime.date(2027, 2, 10)


def test_a_minor_penalty_is_kept_but_not_shown(agency, publisher, reviewer):
    decision = make_published(
        agency=agency,
        drafter=publisher,
        reviewer=reviewer,
        kind=P,
        credit_severity=CreditSeverity.MINOR,
    )
    assert not decision.is_shown
    assert not Decision.objects.public(on=datetime.date(2026, 11, 16)).exists()
    assert IndexChange.objects.filter(operation="delete", object_id=str(decision.pk)).exists()


def test_record_change_sets_the_withdrawal_clock(agency, publisher, reviewer):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer, kind=P)
    services.record_change(
        decision=decision,
        actor=reviewer,
        kind=ChangeKind.REVOKED,
        changed_on=datetime.date(2026, 11, 13),
        basis="测复决〔2026〕3号",
    )
    assert decision.withdrawal_due_on == datetime.date(2026, 11, 18)  # Mon, Tue, Wed
    assert decision.current_state == CurrentState.INVALID
    row = Obligation.objects.get(kind="enforcement.withdrawal", object_id=decision.pk)
    assert row.due_on == datetime.date(2026, 11, 18)
    assert row.done_on is None

    services.withdraw(
        decision=decision, actor=reviewer, reason="复议撤销", explanation="该处罚决定已被依法撤销。"
    )
    row.refresh_from_db()
    assert row.done_on == datetime.date(2026, 11, 16)
    assert decision.status == DecisionStatus.WITHDRAWN
    assert _actions(decision)[-2:] == [
        "enforcement.decision_change",
        "enforcement.decision_withdraw",
    ]


def test_withdrawal_clock_may_count_calendar_days(agency, publisher, reviewer, settings):
    settings.ENFORCEMENT_WITHDRAWAL_COUNTING = "calendar_days"
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer, kind=P)
    services.record_change(
        decision=decision,
        actor=reviewer,
        kind=ChangeKind.CHANGED,
        changed_on=datetime.date(2026, 11, 12),
        basis="变更决定",
    )
    assert decision.withdrawal_due_on == datetime.date(2026, 11, 16)  # Sun 15 → Mon 16
    assert decision.current_state == CurrentState.VALID


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "lost"}, "kind"),
        ({"changed_on": datetime.date(2026, 11, 1)}, "changed_on"),
        ({"changed_on": datetime.date(2026, 11, 17)}, "changed_on"),
        ({"basis": " "}, "basis"),
    ],
)
def test_record_change_refuses_bad_input(agency, publisher, reviewer, changes, field):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer, kind=P)
    arguments = {
        "kind": ChangeKind.REVOKED,
        "changed_on": datetime.date(2026, 11, 13),
        "basis": "判决书",
        **changes,
    }
    with pytest.raises(EnforcementError) as caught:
        services.record_change(decision=decision, actor=reviewer, **arguments)
    assert caught.value.field == field
    decision.refresh_from_db()
    assert decision.changed_on is None


def test_withdraw_needs_a_public_explanation(agency, publisher, reviewer):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer)
    with pytest.raises(EnforcementError) as caught:
        services.withdraw(decision=decision, actor=reviewer, reason="x", explanation="")
    assert caught.value.field == "explanation"


def test_a_draft_cannot_be_withdrawn(agency, publisher, reviewer):
    decision = make_decision(agency=agency, actor=publisher)
    with pytest.raises(TransitionNotAllowed):
        services.withdraw(decision=decision, actor=reviewer, reason="", explanation="说明")


def test_credit_repair_ends_publicity_early(agency, publisher, reviewer):
    decision = make_published(
        agency=agency,
        drafter=publisher,
        reviewer=reviewer,
        kind=P,
        decided_on=datetime.date(2026, 6, 1),
    )
    assert decision.is_public_on(datetime.date(2026, 11, 16))
    services.repair_credit(
        decision=decision,
        actor=reviewer,
        repaired_on=datetime.date(2026, 11, 16),
        basis="信用中国修复结果（编号 XF2026001）",
    )
    assert not decision.is_public_on(datetime.date(2026, 11, 16))
    assert not Decision.objects.public(on=datetime.date(2026, 11, 16)).exists()
    assert Decision.objects.published().count() == 1  # kept for staff and reports
    assert _actions(decision)[-1] == "enforcement.credit_repair"


def test_credit_repair_waits_for_the_minimum_period(agency, publisher, reviewer):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer, kind=P)
    with pytest.raises(EnforcementError, match="最短公示期"):
        services.repair_credit(
            decision=decision, actor=reviewer, repaired_on=datetime.date(2026, 11, 16), basis="x"
        )


def test_only_penalties_are_repaired(agency, publisher, reviewer):
    decision = make_published(agency=agency, drafter=publisher, reviewer=reviewer)
    with pytest.raises(EnforcementError, match="行政处罚"):
        services.repair_credit(
            decision=decision, actor=reviewer, repaired_on=datetime.date(2026, 11, 16), basis="x"
        )


def test_update_draft(agency, publisher):
    decision = make_decision(agency=agency, actor=publisher)
    services.update_draft(
        decision=decision, actor=publisher, values={"decided_on": datetime.date(2026, 11, 2)}
    )
    assert decision.due_on == datetime.date(2026, 11, 11)
    assert _actions(decision)[-1] == "enforcement.decision_update"


def test_id_numbers_stay_out_of_the_audit_trail(agency, publisher):
    from gongkai.enforcement.tests.factories import PERSON_ID, person_values

    services.create_draft(agency=agency, actor=publisher, values=person_values())
    event = AuditEvent.objects.get()
    assert PERSON_ID not in str(event.after)
