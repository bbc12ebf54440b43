"""Every change to an account and its procedures: one function each, atomic and audited.

开设 (requested → approved by the agency → filed with the supervisor), 变更 and 注销 go the
same way (国办发〔2018〕123号, README.md). Activity and releases are in activity_services.py
and releases.py."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.newmedia.errors import NewMediaError
from gongkai.newmedia.models import (
    Account,
    AccountStatus,
    Platform,
    Procedure,
    ProcedureKind,
    ProcedureState,
)

ACCOUNT_FIELDS = ("platform", "name", "account_id", "operator", "purpose", "public_url", "feed_url")
# What a 变更 may change: everything but the platform (another platform is another account).
CHANGEABLE_FIELDS = ("name", "account_id", "operator", "purpose", "public_url", "feed_url")

# The procedure's allowed moves; anything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    ProcedureState.REQUESTED: frozenset({ProcedureState.APPROVED, ProcedureState.REFUSED}),
    ProcedureState.APPROVED: frozenset({ProcedureState.FILED}),
    ProcedureState.FILED: frozenset(),
    ProcedureState.REFUSED: frozenset(),
}


def _clean(values: dict[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    return {name: str(values.get(name) or "").strip() for name in names if name in values}


def _check_account(values: dict[str, str]) -> None:
    for name in ("name", "account_id", "operator", "purpose"):
        if name in values and not values[name]:
            raise NewMediaError(_("请填写此项。"), field=name)
    if "platform" in values and values["platform"] not in Platform.values:
        raise NewMediaError(_("请选择平台。"), field="platform")
    for name in ("public_url", "feed_url"):
        url = values.get(name) or ""
        if url and not url.startswith(("https://", "http://")):
            raise NewMediaError(_("网址须以 http:// 或 https:// 开头。"), field=name)
    limits.check_values(Account, values, error=NewMediaError)


def _open_procedure(account: Account) -> Procedure | None:
    return account.procedures.filter(state=ProcedureState.REQUESTED).first()


def _move(procedure: Procedure, to: str) -> None:
    if to not in TRANSITIONS[procedure.state]:
        raise NewMediaError(
            _("该事项当前为“%(state)s”，不能办理此操作。")
            % {"state": procedure.get_state_display()}
        )


@transaction.atomic
def request_opening(*, agency, actor, values: dict[str, Any]) -> Procedure:
    """开设: the account is registered as requested; it runs once the agency approves."""
    cleaned = _clean(values, ACCOUNT_FIELDS)
    for name in ("platform", "name", "account_id", "operator", "purpose"):
        cleaned.setdefault(name, "")
    _check_account(cleaned)
    duplicate = Account.objects.filter(
        platform=cleaned["platform"], account_id=cleaned["account_id"]
    ).exclude(status__in=[AccountStatus.CLOSED, AccountStatus.REFUSED])
    if duplicate.exists():
        raise NewMediaError(_("该平台上已登记同一账号ID的账号。"), field="account_id")
    now = timezone.now()
    account = Account.objects.create(agency=agency, created_at=now, updated_at=now, **cleaned)
    procedure = Procedure.objects.create(
        account=account, kind=ProcedureKind.OPENING, requested_by=actor, requested_at=now
    )
    record_event(
        actor=actor,
        action="newmedia.procedure.request",
        obj=account,
        agency=agency,
        after={"kind": ProcedureKind.OPENING, **cleaned},
    )
    return procedure


@transaction.atomic
def request_change(*, account: Account, actor, values: dict[str, Any], reason: str) -> Procedure:
    """变更: the new values wait for approval; the account runs unchanged until then."""
    if account.status != AccountStatus.OPEN:
        raise NewMediaError(_("只有运行中的账号可以申请变更。"))
    if _open_procedure(account) is not None:
        raise NewMediaError(_("该账号有待批准的事项，请先办结。"))
    cleaned = _clean(values, CHANGEABLE_FIELDS)
    _check_account(cleaned)
    limits.check_values(Procedure, {"reason": reason.strip()}, error=NewMediaError)
    changes = {k: v for k, v in cleaned.items() if v != getattr(account, k)}
    if not changes:
        raise NewMediaError(_("没有需要变更的内容。"))
    procedure = Procedure.objects.create(
        account=account,
        kind=ProcedureKind.CHANGE,
        changes=changes,
        reason=reason.strip(),
        requested_by=actor,
    )
    record_event(
        actor=actor,
        action="newmedia.procedure.request",
        obj=account,
        agency=account.agency,
        before={k: getattr(account, k) for k in changes},
        after={"kind": ProcedureKind.CHANGE, **changes},
    )
    return procedure


@transaction.atomic
def request_closing(*, account: Account, actor, reason: str) -> Procedure:
    """注销: the account keeps running until the agency approves its closing."""
    if account.status != AccountStatus.OPEN:
        raise NewMediaError(_("只有运行中的账号可以申请注销。"))
    if _open_procedure(account) is not None:
        raise NewMediaError(_("该账号有待批准的事项，请先办结。"))
    reason = reason.strip()
    if not reason:
        raise NewMediaError(_("请填写注销理由。"), field="reason")
    limits.check_values(Procedure, {"reason": reason}, error=NewMediaError)
    procedure = Procedure.objects.create(
        account=account, kind=ProcedureKind.CLOSING, reason=reason, requested_by=actor
    )
    record_event(
        actor=actor,
        action="newmedia.procedure.request",
        obj=account,
        agency=account.agency,
        after={"kind": ProcedureKind.CLOSING, "reason": reason},
    )
    return procedure


@transaction.atomic
def approve(*, procedure: Procedure, actor, note: str = "") -> Procedure:
    """The agency approves: an opening starts the account, a change applies its values, a
    closing ends it. Filing with the supervisor follows (file_procedure)."""
    procedure = Procedure.objects.select_for_update().select_related("account").get(pk=procedure.pk)
    _move(procedure, ProcedureState.APPROVED)
    account = procedure.account
    today = timezone.localdate()
    before = {"status": account.status}
    fields = ["status", "updated_at"]
    if procedure.kind == ProcedureKind.OPENING:
        account.status, account.opened_on = AccountStatus.OPEN, today
        fields.append("opened_on")
    elif procedure.kind == ProcedureKind.CHANGE:
        before.update({k: getattr(account, k) for k in procedure.changes})
        for name, value in procedure.changes.items():
            if name in CHANGEABLE_FIELDS:
                setattr(account, name, value)
                fields.append(name)
    else:
        account.status, account.closed_on = AccountStatus.CLOSED, today
        fields.append("closed_on")
    account.updated_at = timezone.now()
    account.save(update_fields=fields)
    procedure.state = ProcedureState.APPROVED
    procedure.decided_by, procedure.decided_at = actor, timezone.now()
    procedure.decision_note = note.strip()
    procedure.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    record_event(
        actor=actor,
        action="newmedia.procedure.approve",
        obj=account,
        agency=account.agency,
        before=before,
        after={"kind": procedure.kind, "status": account.status, **procedure.changes},
        note=procedure.decision_note,
    )
    return procedure


@transaction.atomic
def refuse(*, procedure: Procedure, actor, note: str) -> Procedure:
    """Not approved: a refused opening leaves no account; a refused change or closing leaves
    the account as it was."""
    procedure = Procedure.objects.select_for_update().select_related("account").get(pk=procedure.pk)
    _move(procedure, ProcedureState.REFUSED)
    note = note.strip()
    if not note:
        raise NewMediaError(_("请填写不予批准的理由。"), field="note")
    limits.check_values(Procedure, {"decision_note": note}, error=NewMediaError)
    account = procedure.account
    if procedure.kind == ProcedureKind.OPENING:
        account.status, account.updated_at = AccountStatus.REFUSED, timezone.now()
        account.save(update_fields=["status", "updated_at"])
    procedure.state = ProcedureState.REFUSED
    procedure.decided_by, procedure.decided_at, procedure.decision_note = (
        actor,
        timezone.now(),
        note,
    )
    procedure.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    record_event(
        actor=actor,
        action="newmedia.procedure.refuse",
        obj=account,
        agency=account.agency,
        after={"kind": procedure.kind},
        note=note,
    )
    return procedure


@transaction.atomic
def file_procedure(
    *, procedure: Procedure, actor, filing_number: str = "", filed_on: datetime.date | None = None
) -> Procedure:
    """备案: the approved opening, change or closing is filed with the supervising agency
    (its 政务公开办公室), which then sees it in its list of filings."""
    procedure = Procedure.objects.select_for_update().select_related("account").get(pk=procedure.pk)
    _move(procedure, ProcedureState.FILED)
    filing_number = filing_number.strip()
    limits.check_values(Procedure, {"filing_number": filing_number}, error=NewMediaError)
    now = timezone.now()
    if filed_on is not None:
        if filed_on > timezone.localdate():
            raise NewMediaError(_("备案日期不能晚于今天。"), field="filed_on")
        if procedure.decided_at and filed_on < timezone.localdate(procedure.decided_at):
            raise NewMediaError(_("备案日期不能早于批准日期。"), field="filed_on")
    procedure.state = ProcedureState.FILED
    procedure.filed_by, procedure.filing_number = actor, filing_number
    procedure.filed_at = (
        now
        if filed_on is None or filed_on == timezone.localdate()
        else timezone.make_aware(datetime.datetime.combine(filed_on, datetime.time(12)))
    )
    procedure.save(update_fields=["state", "filed_by", "filed_at", "filing_number"])
    account = procedure.account
    record_event(
        actor=actor,
        action="newmedia.procedure.file",
        obj=account,
        agency=account.agency,
        after={"kind": procedure.kind, "filing_number": filing_number},
    )
    return procedure
