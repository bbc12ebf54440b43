"""State changes of suggestion and proposal handling. Each is one function in one transaction
writing one audit event; the published result is a record of the document library and goes
through the library's own review and publication (索引号, the secrecy review, its clock)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.documents import rules as document_rules
from gongkai.documents import services as documents
from gongkai.documents.errors import DocumentError, UploadRejected
from gongkai.documents.models import Attribute, Document, DocumentType, Scope, Status
from gongkai.documents.uploads import check_size, detect_type
from gongkai.proposals import rules
from gongkai.proposals.errors import ProposalError
from gongkai.proposals.models import (
    Classification,
    HandlingRole,
    Kind,
    Proposal,
    PublicationMode,
    State,
)

REGISTER_FIELDS = [
    "kind",
    "year",
    "number",
    "title",
    "members",
    "assigning_body",
    "role",
    "host_agency_name",
    "assigned_on",
]
AUDITED_FIELDS = [
    *REGISTER_FIELDS,
    "due_on",
    "due_reason",
    "state",
    "classification",
    "replied_on",
    "reply_summary",
    "reply_letter_name",
    "satisfaction",
    "feedback_text",
    "feedback_on",
    "publication_mode",
    "publication_reason",
    "record_id",
]


def _raise_first(problems: Mapping[str, str]) -> None:
    if problems:
        field, message = next(iter(problems.items()))
        raise ProposalError(message, field=field)


def _require(action: str, proposal: Proposal) -> None:
    if not rules.is_allowed(action, proposal.state):
        raise ProposalError(
            _("当前状态（%(state)s）不能进行此操作。") % {"state": proposal.get_state_display()}
        )


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _audit(proposal: Proposal, action: str, actor, before=None, note: str = "") -> None:
    record_event(
        actor=actor,
        action=action,
        obj=proposal,
        agency=proposal.agency,
        before=before,
        after=snapshot(proposal, AUDITED_FIELDS),
        note=note,
    )


def register_problems(agency: Agency, values: Mapping[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if values.get("kind") not in Kind.values:
        problems["kind"] = _("请选择类别：人大代表建议或政协委员提案。")
    for name, message in (
        ("number", _("请填写编号。")),
        ("title", _("请填写标题。")),
        ("members", _("请填写提出建议或提案的代表、委员姓名。")),
        ("assigning_body", _("请填写交办机关。")),
    ):
        if not str(values.get(name) or "").strip():
            problems.setdefault(name, message)
    year = values.get("year")
    if not isinstance(year, int) or not 1990 <= year <= timezone.localdate().year + 1:
        problems.setdefault("year", _("请填写正确的年度。"))
    role = values.get("role") or HandlingRole.HOST
    if role not in HandlingRole.values:
        problems.setdefault("role", _("请选择承办方式。"))
    if role == HandlingRole.CO_HOST and not str(values.get("host_agency_name") or "").strip():
        problems.setdefault("host_agency_name", _("协办的，请填写主办单位名称。"))
    assigned_on = values.get("assigned_on")
    if assigned_on is not None and assigned_on > timezone.localdate():
        problems.setdefault("assigned_on", _("交办日期不能晚于今天。"))
    for field, message in rules.deadline_problems(
        assigned_on=assigned_on,
        due_on=values.get("due_on"),
        reason=str(values.get("due_reason") or ""),
    ).items():
        problems.setdefault(field, message)
    if (
        not problems
        and Proposal.objects.filter(
            agency=agency, kind=values["kind"], year=year, number=values["number"].strip()
        ).exists()
    ):
        problems["number"] = _("本机关该年度已登记同一编号的建议或提案。")
    return problems


@transaction.atomic
def register_proposal(*, agency: Agency, values: Mapping[str, Any], actor) -> Proposal:
    """Register a suggestion or proposal assigned to `agency`; its reply deadline is three
    months from assignment unless the values set another with a reason."""
    _raise_first(register_problems(agency, values))
    assigned_on = values["assigned_on"]
    due_on = values.get("due_on") or rules.default_due_on(assigned_on)
    proposal = Proposal(
        agency=agency,
        kind=values["kind"],
        year=values["year"],
        number=values["number"].strip(),
        title=values["title"].strip(),
        members=values["members"].strip(),
        assigning_body=values["assigning_body"].strip(),
        role=values.get("role") or HandlingRole.HOST,
        host_agency_name=(values.get("host_agency_name") or "").strip(),
        assigned_on=assigned_on,
        due_on=due_on,
        due_reason=(
            "" if due_on == rules.default_due_on(assigned_on) else values["due_reason"].strip()
        ),
        registered_by=actor,
    )
    if proposal.role == HandlingRole.HOST:
        proposal.host_agency_name = ""
    limits.check_text_lengths(proposal, error=ProposalError)
    proposal.save()
    _audit(proposal, "proposal.register", actor)
    return proposal


@transaction.atomic
def set_deadline(*, proposal: Proposal, due_on: datetime.date, reason: str, actor) -> Proposal:
    """Change the reply deadline (the ledger follows); anything but three months from
    assignment needs the reason."""
    proposal = _locked(proposal)
    _require("set_deadline", proposal)
    if due_on is None:
        raise ProposalError(_("请填写答复期限。"), field="due_on")
    _raise_first(
        rules.deadline_problems(assigned_on=proposal.assigned_on, due_on=due_on, reason=reason)
    )
    before = snapshot(proposal, AUDITED_FIELDS)
    proposal.due_on = due_on
    proposal.due_reason = (
        "" if due_on == rules.default_due_on(proposal.assigned_on) else reason.strip()
    )
    limits.check_text_lengths(proposal, error=ProposalError, fields=["due_reason"])
    proposal.save(update_fields=["due_on", "due_reason"])
    _audit(proposal, "proposal.set_deadline", actor, before)
    return proposal


def _store_letter(proposal: Proposal, data: bytes, name: str) -> None:
    """The reply letter, checked by content and size like every other upload."""
    try:
        check_size(len(data), settings.ATTACHMENT_MAX_BYTES)
        detected = detect_type(data)
    except UploadRejected as exc:
        raise ProposalError(str(exc), field="reply_letter") from exc
    stem = (name.rsplit(".", 1)[0] or _("答复函"))[:150]
    proposal.reply_letter.save(f"reply.{detected.extension}", ContentFile(data), save=False)
    proposal.reply_letter_name = f"{stem}.{detected.extension}"


@transaction.atomic
def record_reply(
    *,
    proposal: Proposal,
    classification: str,
    replied_on: datetime.date | None,
    summary: str,
    text: str = "",
    letter: bytes | None,
    letter_name: str = "",
    actor,
) -> Proposal:
    """Record the reply sent to the member: its letter, its date and its class (A/B/C); the
    ledger's duty is done on the reply day."""
    proposal = _locked(proposal)
    _require("reply", proposal)
    _raise_first(
        rules.reply_problems(
            classification=classification,
            replied_on=replied_on,
            assigned_on=proposal.assigned_on,
            today=timezone.localdate(),
            summary=summary or "",
            has_letter=bool(letter),
        )
    )
    before = snapshot(proposal, AUDITED_FIELDS)
    _store_letter(proposal, letter, letter_name)
    proposal.classification = classification
    proposal.replied_on = replied_on
    proposal.reply_summary = summary.strip()
    proposal.reply_text = (text or "").strip()
    proposal.replied_by = actor
    proposal.state = State.REPLIED
    limits.check_text_lengths(proposal, error=ProposalError, fields=["reply_summary", "reply_text"])
    proposal.save(
        update_fields=[
            "classification",
            "replied_on",
            "reply_summary",
            "reply_text",
            "reply_letter",
            "reply_letter_name",
            "replied_by",
            "state",
        ]
    )
    late = proposal.replied_on > proposal.due_on
    _audit(proposal, "proposal.reply", actor, before, note=_("逾期答复") if late else "")
    return proposal


@transaction.atomic
def record_feedback(
    *,
    proposal: Proposal,
    satisfaction: str,
    feedback_on: datetime.date | None,
    text: str = "",
    actor,
) -> Proposal:
    """Record the member's opinion of the handling (满意/基本满意/不满意) from the returned
    form; it may arrive after the result is public."""
    proposal = _locked(proposal)
    _require("feedback", proposal)
    _raise_first(
        rules.feedback_problems(
            satisfaction=satisfaction,
            feedback_on=feedback_on,
            replied_on=proposal.replied_on,
            today=timezone.localdate(),
        )
    )
    before = snapshot(proposal, AUDITED_FIELDS)
    proposal.satisfaction = satisfaction
    proposal.feedback_on = feedback_on
    proposal.feedback_text = (text or "").strip()
    proposal.state = rules.state_after_feedback(proposal.state)
    limits.check_text_lengths(proposal, error=ProposalError, fields=["feedback_text"])
    proposal.save(update_fields=["satisfaction", "feedback_on", "feedback_text", "state"])
    _audit(proposal, "proposal.feedback", actor, before)
    return proposal


def suggested_catalogue_item(agency: Agency) -> AgencyItem | None:
    """The agency's catalogue item for 建议提案办理结果, when its catalogue has one (the
    standard catalogue shipped today has none: README)."""
    items = AgencyItem.objects.filter(catalogue__agency=agency).exclude(
        status=ItemStatus.NOT_APPLICABLE
    )
    return items.filter(Q(name__contains="建议") | Q(name__contains="提案")).order_by("pk").first()


def record_title(proposal: Proposal) -> str:
    """The published record's title, in the agency's language."""
    with translation.override("zh-hans"):
        return _("关于%(year)d年%(kind)s第%(number)s号“%(title)s”的答复") % {
            "year": proposal.year,
            "kind": proposal.get_kind_display(),
            "number": proposal.number,
            "title": proposal.title,
        }


def _record_body(proposal: Proposal, mode: str) -> str:
    if mode == PublicationMode.FULL:
        return document_rules.plain_text_to_body(proposal.reply_text)
    with translation.override("zh-hans"):
        heading = _("答复摘要")
    return document_rules.plain_text_to_body(f"{heading}\n{proposal.reply_summary}")


@transaction.atomic
def prepare_publication(
    *,
    proposal: Proposal,
    mode: str,
    reason: str = "",
    catalogue_item: AgencyItem | None = None,
    actor,
) -> Proposal:
    """Decide how the result is published. 全文 or 摘要: the record is drafted in the library and
    submitted for review (its clock runs from the reply day); 不公开: the reason is kept."""
    proposal = _locked(proposal)
    _require("prepare_publication", proposal)
    if proposal.record_id is not None:
        # A record returned for revision is edited and resubmitted in the library.
        raise ProposalError(_("办理结果信息已经生成，请在该信息的页面修改或审核发布。"))
    _raise_first(
        rules.publication_problems(mode=mode, reason=reason or "", reply_text=proposal.reply_text)
    )
    before = snapshot(proposal, AUDITED_FIELDS)
    proposal.publication_mode = mode
    proposal.publication_reason = (reason or "").strip() if mode == PublicationMode.WITHHELD else ""
    if mode != PublicationMode.WITHHELD:
        catalogue_item = catalogue_item or suggested_catalogue_item(proposal.agency)
        if catalogue_item is None:
            raise ProposalError(_("请选择公开目录事项。"), field="catalogue_item")
        proposal.record = _draft_record(proposal, mode, catalogue_item, actor)
    limits.check_text_lengths(proposal, error=ProposalError, fields=["publication_reason"])
    proposal.save(update_fields=["publication_mode", "publication_reason", "record"])
    _audit(proposal, "proposal.prepare_publication", actor, before)
    return proposal


def _draft_record(proposal: Proposal, mode: str, item: AgencyItem, actor) -> Document:
    values = {
        "title": record_title(proposal)[:300],
        "document_type": DocumentType.OTHER,
        "catalogue_item": item,
        "formed_on": proposal.replied_on,
        "summary": proposal.reply_summary,
        "body": _record_body(proposal, mode),
        "attribute": Attribute.PROACTIVE,
        "scope": Scope.FULL,
    }
    try:
        record = documents.create_draft(
            agency=proposal.agency, actor=actor, values=values, issuers=[proposal.agency.name]
        )
        documents.submit_for_review(document=record, actor=actor)
    except DocumentError as exc:
        raise ProposalError(exc.message, field=getattr(exc, "field", None)) from exc
    return record


@transaction.atomic
def publish(*, proposal: Proposal, actor) -> Proposal:
    """A reviewer publishes the result's record through the library (索引号, 保密审查, clock);
    the proposal is then 已公开."""
    proposal = _locked(proposal)
    _require("publish", proposal)
    record = proposal.record
    if record is None or proposal.publication_mode == PublicationMode.WITHHELD:
        raise ProposalError(_("请先确定公开方式，生成待审核的办理结果信息。"))
    try:
        if record.status != Status.PUBLISHED:
            documents.publish(document=record, actor=actor)
        # else: the reviewer published it on the record's own page (after resolving the secrecy
        # review's findings there); the proposal only catches up.
    except DocumentError as exc:
        if getattr(exc, "field", None) == "release_review":
            raise ProposalError(
                _("%(message)s请打开办理结果信息的页面，逐项处理后审核发布。")
                % {"message": exc.message},
                field="release_review",
            ) from exc
        raise ProposalError(exc.message, field=getattr(exc, "field", None)) from exc
    before = snapshot(proposal, AUDITED_FIELDS)
    proposal.state = State.PUBLISHED
    proposal.save(update_fields=["state"])
    _audit(proposal, "proposal.publish", actor, before)
    return proposal


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearCounts:
    """One year's replies of one kind, per class."""

    year: int
    kind: str
    a: int = 0
    b: int = 0
    c: int = 0
    received: int = 0

    @property
    def replied(self) -> int:
        return self.a + self.b + self.c

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


def yearly_counts(agency_ids, *, year: int | None = None) -> list[YearCounts]:
    """Per year and kind: how many were assigned and how many replies fell in each class (one
    grouped query), newest year first."""
    rows = Proposal.objects.for_agencies(agency_ids)
    if year is not None:
        rows = rows.filter(year=year)
    grouped = (
        rows.order_by()
        .values("year", "kind")
        .annotate(
            received=Count("pk"),
            a=Count("pk", filter=Q(classification=Classification.A)),
            b=Count("pk", filter=Q(classification=Classification.B)),
            c=Count("pk", filter=Q(classification=Classification.C)),
        )
    )
    counts = [
        YearCounts(
            year=r["year"], kind=r["kind"], a=r["a"], b=r["b"], c=r["c"], received=r["received"]
        )
        for r in grouped
    ]
    kind_order = {value: index for index, value in enumerate(Kind.values)}
    return sorted(counts, key=lambda c: (-c.year, kind_order[c.kind]))
