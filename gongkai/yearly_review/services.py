"""State changes of the yearly review. Each is one function in one transaction writing one
audit event (building the list writes one for the items it adds)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.documents import services as document_services
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Attribute, Document, DocumentType, Scope, Status, Topic
from gongkai.foi.models import Application
from gongkai.yearly_review import frequent, rules
from gongkai.yearly_review.errors import ReviewError
from gongkai.yearly_review.models import (
    Decision,
    RequestDraft,
    ReviewItem,
    ReviewStatus,
    YearlyReview,
)

REVIEW_FIELDS = ["year", "due_on", "status", "completed_at"]
ITEM_FIELDS = ["decision", "reason", "decided_at", "release_draft_id"]

# What a released record's draft takes over from the record (the rest starts afresh).
COPIED_FIELDS = [
    "title",
    "document_number",
    "document_type",
    "topic",
    "catalogue_item",
    "catalogue_element",
    "formed_on",
    "decision_count",
    "summary",
    "body",
    "effective_on",
    "interpretation_form",
]


def _check_due_on(due_on: datetime.date | None, year: int) -> None:
    if due_on is None:
        raise ReviewError(_("请填写完成期限。"), field="due_on")
    if due_on < timezone.localdate():
        raise ReviewError(_("完成期限不能早于今天。"), field="due_on")
    if due_on.year < year:
        raise ReviewError(_("完成期限不能早于所查年度。"), field="due_on")


@transaction.atomic
def open_review(*, agency: Agency, year: int, due_on: datetime.date, actor) -> YearlyReview:
    """Open the agency's review of `year` with the due date its administrator sets, and list
    its items."""
    if year > timezone.localdate().year:
        raise ReviewError(_("不能对尚未开始的年度开展自查。"), field="year")
    if YearlyReview.objects.filter(agency=agency, year=year).exists():
        raise ReviewError(_("本机关该年度的自查已经发起。"), field="year")
    _check_due_on(due_on, year)
    review = YearlyReview.objects.create(agency=agency, year=year, due_on=due_on, opened_by=actor)
    record_event(
        actor=actor,
        action="yearly_review.open",
        obj=review,
        agency=agency,
        after=snapshot(review, REVIEW_FIELDS),
    )
    build_items(review=review, actor=actor)
    return review


@transaction.atomic
def change_due_on(*, review: YearlyReview, due_on: datetime.date, actor) -> YearlyReview:
    """The administrator moves the review's due date (the ledger follows)."""
    _check_due_on(due_on, review.year)
    before = snapshot(review, REVIEW_FIELDS)
    review.due_on = due_on
    review.save(update_fields=["due_on"])
    record_event(
        actor=actor,
        action="yearly_review.due_changed",
        obj=review,
        agency=review.agency,
        before=before,
        after=snapshot(review, REVIEW_FIELDS),
    )
    return review


def _candidates(review: YearlyReview) -> list[ReviewItem]:
    """Every withheld or partly withheld record filed in the year and every refusal or
    partial reply given in the year, as unsaved items."""
    items = []
    documents = Document.objects.filter(
        agency_id=review.agency_id, status=Status.PUBLISHED, published_at__year=review.year
    ).exclude(attribute=Attribute.PROACTIVE, scope=Scope.FULL)
    for document in documents.only("pk", "attribute", "scope", "withholding_basis"):
        kind = rules.record_kind(attribute=document.attribute, scope=document.scope)
        if kind:
            items.append(
                ReviewItem(
                    review=review,
                    source_kind=kind,
                    document=document,
                    basis=document.withholding_basis,
                )
            )
    applications = Application.objects.filter(
        agency_id=review.agency_id, replied_on__year=review.year
    ).exclude(outcome="")
    for application in applications.only("pk", "outcome"):
        kind = rules.reply_kind(application.outcome)
        if kind:
            items.append(
                ReviewItem(
                    review=review,
                    source_kind=kind,
                    application=application,
                    basis=application.outcome,
                )
            )
    return items


@transaction.atomic
def build_items(*, review: YearlyReview, actor) -> int:
    """Add what the year holds and the list lacks (idempotent: decisions already made stay);
    a completed review with new items is open again. Returns how many were added."""
    have_documents = set(
        review.items.filter(document__isnull=False).values_list("document_id", flat=True)
    )
    have_applications = set(
        review.items.filter(application__isnull=False).values_list("application_id", flat=True)
    )
    new = [
        item
        for item in _candidates(review)
        if (item.document_id and item.document_id not in have_documents)
        or (item.application_id and item.application_id not in have_applications)
    ]
    if not new:
        return 0
    ReviewItem.objects.bulk_create(new)
    before = snapshot(review, REVIEW_FIELDS)
    if review.status == ReviewStatus.COMPLETED:
        review.status = ReviewStatus.OPEN
        review.completed_at = None
        review.completed_by = None
        review.save(update_fields=["status", "completed_at", "completed_by"])
    record_event(
        actor=actor,
        action="yearly_review.items_added",
        obj=review,
        agency=review.agency,
        before=before,
        after=snapshot(review, REVIEW_FIELDS),
        note=_("新增自查事项%(count)d项") % {"count": len(new)},
    )
    return len(new)


def _release_draft(item: ReviewItem, decision: str, reason: str, actor) -> Document:
    """The record as a new draft to be published proactively — in full, or redacted with the
    reason given — through the usual review. Its clock runs from today (条例第二十六条: the
    information changed)."""
    record = item.document
    values = {name: getattr(record, name) for name in COPIED_FIELDS}
    values["attribute"] = Attribute.PROACTIVE
    values["changed_on"] = timezone.localdate()
    if decision == Decision.RELEASE_PART:
        values["scope"] = Scope.REDACTED
        values["withholding_basis"] = record.withholding_basis
        values["withholding_reason"] = reason
    try:
        return document_services.create_draft(
            agency=record.agency,
            actor=actor,
            values=values,
            issuers=list(record.issuers.values_list("name", flat=True)),
        )
    except DocumentError as error:
        raise ReviewError(
            _("无法生成公开草稿：%(problem)s") % {"problem": error.message}
        ) from error


@transaction.atomic
def decide_item(*, item: ReviewItem, decision: str, reason: str, actor) -> ReviewItem:
    """Record the item's decision; releasing a record makes its draft. When the last item is
    decided the review is complete (and its ledger row done)."""
    reason = (reason or "").strip()
    problems = rules.decision_problems(decision=decision, reason=reason)
    if problems:
        field, message = next(iter(problems.items()))
        raise ReviewError(message, field=field)
    review = YearlyReview.objects.select_for_update().get(pk=item.review_id)
    if item.decision and item.release_draft_id and decision != item.decision:
        raise ReviewError(
            _("已据此结论生成公开草稿，不能再改变结论；如需调整，请修改该草稿。"),
            field="decision",
        )
    before = snapshot(item, ITEM_FIELDS)
    item.decision = decision
    item.reason = reason
    item.decided_by = actor
    item.decided_at = timezone.now()
    if item.is_record and decision != Decision.KEEP and item.release_draft_id is None:
        item.release_draft = _release_draft(item, decision, reason, actor)
    item.save(update_fields=["decision", "reason", "decided_by", "decided_at", "release_draft"])
    record_event(
        actor=actor,
        action="yearly_review.decide",
        obj=item,
        agency=review.agency,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
        note=item.title[:100],
    )
    if review.status == ReviewStatus.OPEN and not review.items.filter(decision="").exists():
        _complete(review, actor)
    return item


def _complete(review: YearlyReview, actor) -> None:
    before = snapshot(review, REVIEW_FIELDS)
    review.status = ReviewStatus.COMPLETED
    review.completed_at = timezone.now()
    review.completed_by = actor
    review.save(update_fields=["status", "completed_at", "completed_by"])
    record_event(
        actor=actor,
        action="yearly_review.complete",
        obj=review,
        agency=review.agency,
        before=before,
        after=snapshot(review, REVIEW_FIELDS),
    )


# --- the summary for the annual report ----------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The decisions of the agencies' reviews of a year (section 一 of the annual report)."""

    items: int = 0
    kept: int = 0
    released: int = 0
    released_in_part: int = 0
    kept_by_basis: tuple[tuple[str, int], ...] = ()

    @property
    def undecided(self) -> int:
        return self.items - self.kept - self.released - self.released_in_part


def review_summary(agency_ids, year: int) -> Summary:
    """Counts of the year's review items by decision, and the kept ones by basis."""
    rows = list(
        ReviewItem.objects.filter(
            review__agency_id__in=list(agency_ids), review__year=year
        ).values_list("decision", "basis")
    )
    decisions = Counter(decision for decision, _basis in rows)
    by_basis = Counter(
        rules.basis_label(basis) for decision, basis in rows if decision == Decision.KEEP
    )
    return Summary(
        items=len(rows),
        kept=decisions[Decision.KEEP],
        released=decisions[Decision.RELEASE],
        released_in_part=decisions[Decision.RELEASE_PART],
        kept_by_basis=tuple(by_basis.most_common()),
    )


# --- frequently requested information (条例第四十四条) -----------------------------------

TITLE_MAX_CHARS = 100


@dataclass
class FrequentGroup:
    """A frequent group with its applications and the draft already made from it, if any."""

    group: frequent.RequestGroup
    applications: list[Application]
    draft: RequestDraft | None


def _applicant_key(application: Application) -> str:
    if application.id_number:
        return f"{application.id_type}:{application.id_number.strip().upper()}"
    return f"name:{application.applicant_name.strip()}"


def frequent_groups(agency: Agency, year: int) -> list[FrequentGroup]:
    """The agency's applications received in `year`, grouped by what they asked for; each
    group shows the draft made from any of its applications."""
    applications = {
        a.pk: a
        for a in Application.objects.filter(agency=agency, received_on__year=year).only(
            "pk",
            "query_code",
            "received_on",
            "description",
            "id_type",
            "id_number",
            "applicant_name",
            "applicant_type",
            "outcome",
            "status",
        )
    }
    groups = frequent.group_requests(
        frequent.Request(id=a.pk, applicant=_applicant_key(a), text=a.description)
        for a in applications.values()
    )
    drafted = {}
    drafts = RequestDraft.objects.filter(agency=agency).select_related("document")
    for draft in drafts.prefetch_related("applications"):
        for application in draft.applications.all():
            drafted.setdefault(application.pk, draft)
    result = []
    for group in groups:
        draft = next((drafted[i] for i in group.ids if i in drafted), None)
        result.append(
            FrequentGroup(
                group=group, applications=[applications[i] for i in group.ids], draft=draft
            )
        )
    return result


def group_title(applications: list[Application]) -> str:
    """A draft's title: the shortest of the requests (the plainest statement of the topic)."""
    texts = [" ".join(a.description.split()) for a in applications]
    return min(texts, key=len)[:TITLE_MAX_CHARS]


@transaction.atomic
def draft_from_group(
    *, agency: Agency, year: int, application_ids: list[int], catalogue_item, actor
) -> RequestDraft:
    """Make a draft record for proactive publication of what the applications asked for,
    linked to them (条例第四十四条)."""
    applications = list(
        Application.objects.filter(agency=agency, pk__in=application_ids).order_by("pk")
    )
    if len(applications) < 2:
        raise ReviewError(_("请选择同一机关的至少两件申请。"))
    existing = RequestDraft.objects.filter(
        agency=agency, applications__in=[a.pk for a in applications]
    ).first()
    if existing is not None:
        raise ReviewError(_("这些申请已经生成过主动公开草稿。"))
    applicants = len({_applicant_key(a) for a in applications})
    values = {
        "title": group_title(applications),
        "document_type": DocumentType.OTHER,
        "topic": Topic.GENERAL,
        "catalogue_item": catalogue_item,
        "formed_on": timezone.localdate(),
        "summary": _(
            "%(applicants)d位申请人申请公开的相关政府信息，依照《中华人民共和国政府信息公开条例》"
            "第四十四条纳入主动公开范围。"
        )
        % {"applicants": applicants},
    }
    try:
        document = document_services.create_draft(
            agency=agency, actor=actor, values=values, issuers=[agency.name]
        )
    except DocumentError as error:
        raise ReviewError(error.message, field=error.field) from error
    draft = RequestDraft.objects.create(
        agency=agency, year=year, document=document, created_by=actor
    )
    draft.applications.set(applications)
    record_event(
        actor=actor,
        action="yearly_review.request_draft",
        obj=draft,
        agency=agency,
        after={
            "document": document.pk,
            "applications": [a.query_code for a in applications],
        },
        note=document.title,
    )
    return draft
