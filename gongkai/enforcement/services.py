"""State changes of enforcement decisions. Each is one function, in one transaction, writing one
audit event; the search index follows through the outbox in the same transaction."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.enforcement import conf, rules
from gongkai.enforcement.errors import DecisionInvalid, EnforcementError, TransitionNotAllowed
from gongkai.enforcement.models import (
    ChangeKind,
    CurrentState,
    Decision,
    DecisionKind,
    DecisionStatus,
)
from gongkai.enforcement.search_feed import sync_search
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import WorkCalendar

EDITABLE_FIELDS = [
    "kind",
    "party_name",
    "party_category",
    "party_credit_code",
    "legal_representative",
    "legal_representative_id_type",
    "legal_representative_id_number",
    "party_id_type",
    "party_id_number",
    "document_name",
    "document_number",
    "decided_on",
    "authority_name",
    "authority_credit_code",
    "current_state",
    "source_name",
    "source_credit_code",
    "remarks",
    "licence_category",
    "certificate_name",
    "licence_number",
    "licence_content",
    "valid_from",
    "valid_until",
    "violation_type",
    "violation_facts",
    "penalty_basis",
    "penalty_categories",
    "penalty_content",
    "fine_amount",
    "confiscation_amount",
    "suspended_licences",
    "penalty_valid_until",
    "credit_severity",
    "decision_content",
    "decision_basis",
]
# ID numbers stay out of the audit trail's before/after (the trail is read by more people).
_UNAUDITED = {"party_id_number", "legal_representative_id_number"}
AUDITED_FIELDS = [
    *(f for f in EDITABLE_FIELDS if f not in _UNAUDITED),
    "status",
    "published_at",
    "due_on",
    "change_kind",
    "changed_on",
    "withdrawal_due_on",
    "withdrawn_at",
    "withdrawal_explanation",
    "is_shown",
    "publicity_ends_on",
    "credit_repaired_on",
    "credit_repair_basis",
]
DUE_FIELDS = [
    "due_on",
    "due_problem",
    "due_is_provisional",
    "withdrawal_due_on",
    "withdrawal_due_is_provisional",
]


# --- shared steps ------------------------------------------------------------------------


def _require(decision: Decision, allowed: Iterable[str], action_label: str) -> None:
    if decision.status not in set(allowed):
        raise TransitionNotAllowed(action_label, decision.get_status_display())


def validate(decision: Decision) -> None:
    """Refuse a decision whose fields do not hold together, every field's message at once."""
    limits.check_text_lengths(decision, error=EnforcementError)
    try:
        decision.full_clean(exclude=["agency", "drafted_by", "reviewed_by"])
    except ValidationError as exc:
        raise DecisionInvalid(
            {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        ) from exc
    if decision.decided_on and decision.decided_on > timezone.localdate():
        raise DecisionInvalid({"decided_on": [_("决定日期不能晚于今天。")]})


def refresh_due_date(decision: Decision, calendar: WorkCalendar | None = None) -> None:
    """Derive the publication and withdrawal due dates from the decision and the calendar."""
    calendar = calendar or get_calendar()
    try:
        decision.due_on = rules.publication_due_on(
            decision.decided_on, decision.kind, calendar, conf.publication_overrides()
        )
        decision.due_problem = ""
    except WorkdaysError as exc:
        decision.due_on = None
        decision.due_problem = str(exc.message)[:300]
    decision.due_is_provisional = bool(
        calendar.provisional_between(decision.decided_on, decision.due_on)
    )
    decision.withdrawal_due_on = None
    decision.withdrawal_due_is_provisional = False
    if decision.changed_on is not None:
        try:
            decision.withdrawal_due_on = rules.withdrawal_due_on(
                decision.changed_on, calendar, counting=conf.withdrawal_counting()
            )
        except WorkdaysError:
            decision.withdrawal_due_on = None
        decision.withdrawal_due_is_provisional = bool(
            calendar.provisional_between(decision.changed_on, decision.withdrawal_due_on)
        )


def apply_publicity(decision: Decision) -> None:
    shown = rules.publicity(
        decision.kind,
        decision.credit_severity,
        decision.penalty_categories or [],
        decision.decided_on,
        conf.publicity_periods(),
    )
    decision.is_shown = shown.is_shown
    decision.publicity_ends_on = shown.ends_on
    decision.repair_earliest_on = shown.repair_earliest_on


def _assign(decision: Decision, values: Mapping[str, Any]) -> None:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in values.items():
        setattr(decision, name, value)
    if decision.kind != DecisionKind.PENALTY:
        decision.penalty_categories = []


# --- drafts ------------------------------------------------------------------------------


@transaction.atomic
def create_draft(*, agency: Agency, actor, values: Mapping[str, Any]) -> Decision:
    """Record a decision as a draft; nothing is saved unless every field is right."""
    now = timezone.now()
    decision = Decision(agency=agency, drafted_by=actor, created_at=now, updated_at=now)
    _assign(decision, values)
    validate(decision)
    refresh_due_date(decision)
    apply_publicity(decision)
    decision.save()
    record_event(
        actor=actor,
        action="enforcement.decision_create",
        obj=decision,
        agency=agency,
        after=snapshot(decision, AUDITED_FIELDS),
    )
    return decision


@transaction.atomic
def update_draft(*, decision: Decision, actor, values: Mapping[str, Any]) -> Decision:
    _require(decision, [DecisionStatus.DRAFT], _("修改"))
    before = snapshot(decision, AUDITED_FIELDS)
    _assign(decision, values)
    validate(decision)
    refresh_due_date(decision)
    apply_publicity(decision)
    decision.updated_at = timezone.now()
    decision.save()
    record_event(
        actor=actor,
        action="enforcement.decision_update",
        obj=decision,
        agency=decision.agency,
        before=before,
        after=snapshot(decision, AUDITED_FIELDS),
    )
    return decision


# --- publication -------------------------------------------------------------------------


@transaction.atomic
def publish(
    *, decision: Decision, actor, resolutions: Mapping[str, tuple[str, str]] | None = None
) -> Decision:
    """A reviewer other than the one who entered it publishes the decision, after the secrecy
    review of its texts (privacy.review_services; `resolutions` resolve its findings)."""
    _require(decision, [DecisionStatus.DRAFT], _("审核公示"))
    if (
        decision.drafted_by_id is not None
        and actor is not None
        and decision.drafted_by_id == actor.pk
    ):
        raise EnforcementError(_("录入人不能审核公示自己录入的决定，请由另一位审核员公示。"))
    validate(decision)
    try:
        review_services.ensure_release_review(decision, actor=actor, resolutions=resolutions)
    except ReleaseReviewError as exc:
        raise EnforcementError(exc.message, field="release_review") from exc
    before = snapshot(decision, AUDITED_FIELDS)
    now = timezone.now()
    refresh_due_date(decision)
    apply_publicity(decision)
    decision.status = DecisionStatus.PUBLISHED
    decision.published_at = now
    decision.reviewed_by = actor
    decision.updated_at = now
    decision.save(
        update_fields=[
            "status",
            "published_at",
            "reviewed_by",
            "updated_at",
            "is_shown",
            "publicity_ends_on",
            "repair_earliest_on",
            *DUE_FIELDS,
        ]
    )
    late = decision.due_on is not None and timezone.localdate(now) > decision.due_on
    record_event(
        actor=actor,
        action="enforcement.decision_publish",
        obj=decision,
        agency=decision.agency,
        before=before,
        after=snapshot(decision, AUDITED_FIELDS),
        note=_("逾期公示") if late else "",
    )
    sync_search(decision)
    return decision


@transaction.atomic
def record_change(
    *, decision: Decision, actor, kind: str, changed_on: datetime.date, basis: str
) -> Decision:
    """A published decision was changed, revoked, or confirmed illegal or invalid on
    `changed_on`: its withdrawal is now due (行政处罚法第四十八条)."""
    _require(decision, [DecisionStatus.PUBLISHED], _("登记变更、撤销"))
    if kind not in ChangeKind.values:
        raise EnforcementError(_("请选择变更情形。"), field="kind")
    if changed_on is None:
        raise EnforcementError(_("请填写变更、撤销或确认之日。"), field="changed_on")
    if changed_on < decision.decided_on:
        raise EnforcementError(_("变更日期不能早于决定日期。"), field="changed_on")
    if changed_on > timezone.localdate():
        raise EnforcementError(_("变更日期不能晚于今天。"), field="changed_on")
    if not (basis or "").strip():
        raise EnforcementError(_("请写明变更依据，例如复议决定书或判决书的文号。"), field="basis")
    before = snapshot(decision, AUDITED_FIELDS)
    decision.change_kind = kind
    decision.changed_on = changed_on
    decision.change_basis = basis.strip()
    decision.change_recorded_at = timezone.now()
    if kind != ChangeKind.CHANGED:
        decision.current_state = CurrentState.INVALID
    limits.check_text_lengths(decision, error=EnforcementError, fields=["change_basis"])
    refresh_due_date(decision)
    decision.updated_at = decision.change_recorded_at
    decision.save(
        update_fields=[
            "change_kind",
            "changed_on",
            "change_basis",
            "change_recorded_at",
            "current_state",
            "updated_at",
            *DUE_FIELDS,
        ]
    )
    record_event(
        actor=actor,
        action="enforcement.decision_change",
        obj=decision,
        agency=decision.agency,
        before=before,
        after=snapshot(decision, AUDITED_FIELDS),
        note=basis.strip(),
    )
    sync_search(decision)
    return decision


@transaction.atomic
def withdraw(*, decision: Decision, actor, reason: str, explanation: str) -> Decision:
    """Take a published decision off the public list with a public explanation; its page
    answers 410 with the explanation from then on."""
    _require(decision, [DecisionStatus.PUBLISHED], _("撤回"))
    if not (explanation or "").strip():
        raise EnforcementError(
            _("撤回必须写明向社会公开的说明（行政处罚法第四十八条）。"), field="explanation"
        )
    before = snapshot(decision, AUDITED_FIELDS)
    now = timezone.now()
    decision.status = DecisionStatus.WITHDRAWN
    decision.withdrawn_at = now
    decision.withdrawn_by = actor
    decision.withdrawal_reason = (reason or "").strip()
    decision.withdrawal_explanation = explanation.strip()
    limits.check_text_lengths(
        decision, error=EnforcementError, fields=["withdrawal_reason", "withdrawal_explanation"]
    )
    decision.updated_at = now
    decision.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "withdrawal_explanation",
            "updated_at",
        ]
    )
    record_event(
        actor=actor,
        action="enforcement.decision_withdraw",
        obj=decision,
        agency=decision.agency,
        before=before,
        after=snapshot(decision, AUDITED_FIELDS),
        note=explanation.strip(),
    )
    sync_search(decision)
    return decision


@transaction.atomic
def repair_credit(*, decision: Decision, actor, repaired_on: datetime.date, basis: str) -> Decision:
    """A credit repair (信用修复) ends a penalty's publicity early; it stays in the records."""
    _require(decision, [DecisionStatus.PUBLISHED], _("信用修复"))
    if decision.kind != DecisionKind.PENALTY:
        raise EnforcementError(_("只有行政处罚信息可以信用修复。"))
    if decision.credit_repaired_on is not None:
        raise EnforcementError(_("该决定已经信用修复。"))
    if repaired_on is None:
        raise EnforcementError(_("请填写信用修复日期。"), field="repaired_on")
    if repaired_on > timezone.localdate():
        raise EnforcementError(_("信用修复日期不能晚于今天。"), field="repaired_on")
    if decision.repair_earliest_on and repaired_on < decision.repair_earliest_on:
        raise EnforcementError(
            _("最短公示期至%(day)s届满，届满前不能信用修复。")
            % {"day": decision.repair_earliest_on.isoformat()},
            field="repaired_on",
        )
    if not (basis or "").strip():
        raise EnforcementError(
            _("请写明信用修复的依据，例如修复决定的文号或信用中国的修复结果。"), field="basis"
        )
    before = snapshot(decision, AUDITED_FIELDS)
    decision.credit_repaired_on = repaired_on
    decision.credit_repair_basis = basis.strip()
    decision.credit_repaired_by = actor
    limits.check_text_lengths(decision, error=EnforcementError, fields=["credit_repair_basis"])
    decision.updated_at = timezone.now()
    decision.save(
        update_fields=[
            "credit_repaired_on",
            "credit_repair_basis",
            "credit_repaired_by",
            "updated_at",
        ]
    )
    record_event(
        actor=actor,
        action="enforcement.credit_repair",
        obj=decision,
        agency=decision.agency,
        before=before,
        after=snapshot(decision, AUDITED_FIELDS),
        note=basis.strip(),
    )
    sync_search(decision)
    return decision


def recompute_due_dates(*, actor, years: Iterable[int] | None = None) -> int:
    """Re-derive the due dates of decisions still on a clock after a calendar change."""
    calendar = get_calendar()
    changed = 0
    for decision in open_clocks():
        before = {name: getattr(decision, name) for name in DUE_FIELDS}
        refresh_due_date(decision, calendar)
        if {name: getattr(decision, name) for name in DUE_FIELDS} == before:
            continue
        with transaction.atomic():
            decision.save(update_fields=DUE_FIELDS)
            record_event(
                actor=actor,
                action="enforcement.due_recomputed",
                obj=decision,
                agency=decision.agency,
                before={k: str(v) for k, v in before.items()},
                after={name: str(getattr(decision, name)) for name in DUE_FIELDS},
            )
        changed += 1
    return changed


def open_clocks():
    """Decisions whose publication or withdrawal is still owed."""
    return Decision.objects.filter(
        Q(status=DecisionStatus.DRAFT)
        | Q(status=DecisionStatus.PUBLISHED, changed_on__isnull=False)
    ).select_related("agency")


def end_expired_publicity(*, today: datetime.date) -> int:
    """Daily: decisions whose publicity period ended leave the search index (the public list
    filters them by date already). Idempotent: a repeated delete changes nothing."""
    expired = Decision.objects.published().filter(
        publicity_ends_on__lt=today, publicity_ends_on__gte=today - datetime.timedelta(days=7)
    )
    count = 0
    with transaction.atomic():
        for decision in expired.only("pk", "status", "publicity_ends_on"):
            sync_search(decision)
            count += 1
    return count
