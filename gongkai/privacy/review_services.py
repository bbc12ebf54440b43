"""The secrecy and privacy review before release (保密审查, #15 §2), on record.

Whatever is published — a record with its attachments, an enforcement decision, a public
message — is first scanned by the detector (`scan.find_in_document`) part by part. Each
finding must be resolved by the reviewer: redacted (删减后公开: removed from the published
rendition by `redaction`, the original kept for staff), kept with a reason (an office phone
published on purpose), or marked a false alarm. The review is stored (`ReleaseReview`, one
row per finding, masked and hashed, never the value in clear) with a hash of the content it
saw; every publishing service calls `ensure_release_review`, which uses a current review or
makes one, and refuses while anything is unresolved. Publishing changed content needs a new
review: the hash no longer matches.
"""

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.audit.services import record_event
from gongkai.privacy import redaction
from gongkai.privacy.detection import Confidence, Kind
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.privacy.labels import confidence_label, kind_label
from gongkai.privacy.lists import lists_for
from gongkai.privacy.models import (
    RedactedFile,
    ReleaseReview,
    Resolution,
    ReviewFinding,
    ReviewResult,
)
from gongkai.privacy.scan import find_in_document

logger = logging.getLogger(__name__)

# Stored with each review: which detector looked. Raise it when the detector's rules change.
DETECTOR_VERSION = "gongkai-privacy/2026.12"

# The legal basis a redaction cites in the note appended to the file (条例 Art.14–16, 37).
CITATIONS = {
    "art14": gettext_lazy("《中华人民共和国政府信息公开条例》第十四条"),
    "art15": gettext_lazy("《中华人民共和国政府信息公开条例》第十五条"),
    "art16": gettext_lazy("《中华人民共和国政府信息公开条例》第十六条"),
}
DEFAULT_BASIS = "art15_third_party"  # personal data: a third party's privacy (条例第十五条)
CONTENT_TYPES = {
    "pdf": redaction.PDF,
    "docx": redaction.DOCX,
    "xlsx": redaction.XLSX,
}


@dataclass(frozen=True)
class Part:
    """One readable piece of what is published: a text field or a part of an attachment."""

    place: str  # shown to the reviewer: "正文", "附件 通知.pdf 第2页"
    text: str | None  # None: nothing could read it (an image without OCR)
    field: str = ""  # the model field holding a text part
    attachment_id: int | None = None
    is_html: bool = False


@dataclass(frozen=True)
class ReleaseFinding:
    """A detector finding in one part, with a stable id for the reviewer's form."""

    id: str
    place: str
    kind: Kind
    text: str = field(repr=False)  # the value as written: never stored, never shown
    masked: str
    confidence: Confidence
    value_hash: str
    part: Part = field(repr=False)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def confidence_label(self) -> str:
        return confidence_label(self.confidence)

    @property
    def can_redact(self) -> bool:
        return self.kind != Kind.NOT_CHECKED and len(self.text) >= redaction.MIN_LENGTH


def value_hash(kind: str, key: str) -> str:
    """A keyed hash of a value: the same value is recognised again, but cannot be read back
    from the database by trying every ID number."""
    message = f"{kind}|{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def citation(basis: str) -> str:
    """The article a 删减后公开 basis cites, for the note in the redacted file."""
    prefix = (basis or DEFAULT_BASIS).split("_")[0]
    return str(CITATIONS.get(prefix, _("《中华人民共和国政府信息公开条例》第三十七条")))


# --- what is published, per kind of object ------------------------------------------------


def _document_parts(document) -> list[Part]:
    from gongkai.documents.extraction import ExtractionFailed, extract_parts
    from gongkai.documents.ocr import image_text

    parts = [
        Part(str(_("标题")), document.title, field="title"),
        Part(str(_("内容概述")), document.summary, field="summary"),
        Part(str(_("正文")), _html_text(document.body), field="body", is_html=True),
    ]
    for attachment in document.attachments.order_by("pk"):
        with attachment.file.open("rb") as handle:
            data = handle.read()
        prefix = _("附件“%(name)s”") % {"name": attachment.original_name}
        try:
            extracted = extract_parts(attachment.kind, data, ocr=image_text)
        except ExtractionFailed:
            extracted = []
            parts.append(Part(prefix, None, attachment_id=attachment.pk))
        parts.extend(
            Part(f"{prefix} {piece.place}", piece.text, attachment_id=attachment.pk)
            for piece in extracted
        )
    return parts


def _html_text(body: str) -> str:
    if not body:
        return ""
    passages = redaction.extract_passages(body.encode(), content_type=redaction.HTML)
    return "\n".join(passage.text for passage in passages)


# The free texts of a decision that the portal shows (names of parties are published by rule
# under 双公示 and their ID numbers masked by the portal, so those fields are not scanned).
DECISION_FIELDS = [
    "licence_content",
    "violation_facts",
    "penalty_basis",
    "penalty_content",
    "decision_content",
    "decision_basis",
    "remarks",
]


def _decision_parts(decision) -> list[Part]:
    return [
        Part(str(decision._meta.get_field(name).verbose_name), getattr(decision, name), name)
        for name in DECISION_FIELDS
        if getattr(decision, name)
    ]


def _message_parts(message) -> list[Part]:
    from gongkai.participation.publication_services import public_texts

    # What the portal shows: the reviewer's public texts, the original where one is empty.
    texts = public_texts(
        message,
        public_subject=message.public_subject,
        public_body=message.public_body,
        public_reply=message.public_reply,
    )
    return [
        Part(str(_("标题")), texts["subject"], field="public_subject"),
        Part(str(_("留言内容")), texts["body"], field="public_body"),
        Part(str(_("答复")), texts["reply"], field="public_reply"),
    ]


def _inspection_result_parts(result) -> list[Part]:
    # The target (an organisation) and the outcome are chosen from lists; the free texts are
    # what a clerk types and the portal shows.
    return [
        Part(str(result._meta.get_field(name).verbose_name), getattr(result, name), name)
        for name in ("note", "follow_up_reference")
        if getattr(result, name)
    ]


def _dataset_parts(dataset) -> list[Part]:
    # The texts a clerk types, and every cell of each uploaded file the public may download.
    # Generated resources are left out: their rows are figures already published as records,
    # each through its own review. A dataset not open without conditions publishes no file.
    from gongkai.opendata import tables
    from gongkai.opendata.models import Openness, ResourceOrigin

    parts = [
        Part(str(dataset._meta.get_field(name).verbose_name), getattr(dataset, name), name)
        for name in ("title", "description", "openness_reason")
        if getattr(dataset, name)
    ]
    if dataset.openness != Openness.UNCONDITIONAL:
        return parts
    resources = dataset.resources.filter(origin=ResourceOrigin.UPLOAD).order_by("position", "pk")
    for resource in resources:
        version = resource.latest_version()
        if version is None:
            continue
        with version.file.open("rb") as stored:
            table = tables.parse_upload(stored.read())
        lines = ["\t".join(table.headers), *("\t".join(row) for row in table.rows)]
        place = _("数据文件 %(title)s（第%(number)s版）") % {
            "title": resource.title,
            "number": version.number,
        }
        parts.append(Part(place, "\n".join(lines)))
    return parts


def parts_of(obj) -> list[Part]:
    """The parts of `obj` that publication would make public."""
    label = obj._meta.label
    if label == "opendata.Dataset":
        return _dataset_parts(obj)
    if label == "enforcement.InspectionResult":
        return _inspection_result_parts(obj)
    if label == "documents.Document":
        return _document_parts(obj)
    if label == "enforcement.Decision":
        return _decision_parts(obj)
    if label == "participation.PublicMessage":
        return _message_parts(obj)
    raise TypeError(f"No release review is defined for {label}")


def _allowed(agency) -> list[str]:
    """The agency's own published office details may stay in what it publishes."""
    if agency is None:
        return []
    values = [
        agency.office_telephone,
        agency.office_fax,
        agency.office_email,
        agency.office_address,
    ]
    return [value for value in values if value]


def scan_for_release(obj, parts: list[Part] | None = None) -> list[ReleaseFinding]:
    """Every finding of the detector in what `obj` would publish."""
    parts = parts_of(obj) if parts is None else parts
    agency = getattr(obj, "agency", None)
    by_place = {part.place: part for part in parts}
    placed = find_in_document(
        [(part.place, part.text) for part in parts],
        allowed=_allowed(agency),
        lists=lists_for(agency),
    )
    findings = []
    for item in placed:
        finding = item.finding
        hashed = value_hash(finding.kind, finding.key if finding.text else "")
        identity = hashlib.sha256(f"{item.place}|{hashed}".encode()).hexdigest()[:16]
        findings.append(
            ReleaseFinding(
                id=identity,
                place=item.place,
                kind=finding.kind,
                text=finding.text,
                masked=finding.masked or kind_label(finding.kind),
                confidence=finding.confidence,
                value_hash=hashed,
                part=by_place[item.place],
            )
        )
    # The same value twice in one part is one decision for the reviewer.
    return list({finding.id: finding for finding in findings}.values())


def content_hash(obj, parts: list[Part] | None = None) -> str:
    """A hash of what would be published: a review holds only for the content it saw."""
    label = obj._meta.label
    if label == "documents.Document":
        content = [
            obj.title,
            obj.summary,
            obj.body,
            sorted(obj.attachments.values_list("sha256", flat=True)),
        ]
    elif label == "opendata.Dataset":
        # The files by their checksums: hashing the parsed cells would read every file again
        # on each check of the review (four times in one publication).
        from gongkai.opendata.models import ResourceOrigin

        files = [
            (resource.pk, version.checksum if version else "")
            for resource in obj.resources.filter(origin=ResourceOrigin.UPLOAD).order_by("pk")
            for version in [resource.latest_version()]
        ]
        content = [obj.title, obj.description, obj.openness_reason, obj.openness, files]
    else:
        parts = parts_of(obj) if parts is None else parts
        content = [[part.place, part.text] for part in parts]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


# --- the review ----------------------------------------------------------------------------


def current_review(obj) -> ReleaseReview | None:
    """The latest review of `obj` if it saw the content as it is now."""
    review = ReleaseReview.objects.for_object(obj).first()
    if review is None or review.content_hash != content_hash(obj):
        return None
    return review


def require_release_review(obj) -> ReleaseReview:
    """The guard every publishing service passes: a review of the current content."""
    review = current_review(obj)
    if review is None:
        raise ReleaseReviewError(
            _("发布前须完成保密审查：没有对当前内容的保密审查记录（内容在审查后可能被修改）。")
        )
    return review


def findings_summary(findings: list[ReleaseFinding]) -> str:
    """The first few findings by place, kind and masked value, for an error message."""
    return "；".join(
        _("%(place)s：%(kind)s %(masked)s")
        % {"place": f.place, "kind": f.kind_label, "masked": f.masked}
        for f in findings[:5]
    )


def refusal_message(findings: list[ReleaseFinding]) -> str:
    """The reviewer's error: how many findings are open, the first few by place and kind."""
    shown = findings_summary(findings)
    return _(
        "保密审查发现%(count)d处可能涉及个人信息或敏感信息尚未处理，不能发布。请逐项选择删除、保留（写明理由）或误报。%(shown)s"
    ) % {"count": len(findings), "shown": shown}


@transaction.atomic
def review_for_release(
    obj,
    *,
    actor,
    resolutions: Mapping[str, tuple[str, str]] | None = None,
    basis: str = "",
    result: str = "",
) -> ReleaseReview:
    """Scan `obj`, apply the reviewer's resolutions (finding id → (resolution, reason)) and
    record the review. Redactions change the published rendition; the originals stay for
    staff. Raises ReleaseReviewError while a finding is unresolved, a kept one has no reason,
    or a redacted value can still be found afterwards."""
    resolutions = dict(resolutions or {})
    parts = parts_of(obj)
    findings = scan_for_release(obj, parts)
    open_findings = [f for f in findings if f.id not in resolutions]
    if open_findings:
        raise ReleaseReviewError(refusal_message(open_findings), findings=open_findings)
    chosen = {}
    for finding in findings:
        resolution, reason = resolutions[finding.id]
        reason = (reason or "").strip()[:300]
        if resolution not in Resolution.values:
            raise ReleaseReviewError(_("请为每一处发现选择处理方式。"), findings=[finding])
        if resolution == Resolution.KEEP and not reason:
            raise ReleaseReviewError(
                _("%(place)s的%(kind)s选择保留，须写明理由。")
                % {"place": finding.place, "kind": finding.kind_label},
                findings=[finding],
            )
        if resolution == Resolution.REDACT and not finding.can_redact:
            raise ReleaseReviewError(
                _("%(place)s未能读取文字，无法删除；请人工核对后选择保留并写明理由。")
                % {"place": finding.place},
                findings=[finding],
            )
        chosen[finding.id] = (resolution, reason)
    to_redact = [f for f in findings if chosen[f.id][0] == Resolution.REDACT]
    basis = basis or _own_basis(obj) or DEFAULT_BASIS
    review = ReleaseReview(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        agency=getattr(obj, "agency", None),
        reviewer=actor if getattr(actor, "pk", None) else None,
        reviewed_at=timezone.now(),
        detector_version=DETECTOR_VERSION,
        parts_scanned=sorted({p.place for p in parts if p.text is not None}),
        parts_not_checked=sorted({p.place for p in parts if p.text is None}),
        basis=basis if to_redact else "",
        content_hash="",
        result=result or "",
    )
    review.save()
    if to_redact:
        _apply_redactions(obj, review, to_redact, actor=actor, basis=basis)
        _check_gone(obj, to_redact)
    review.content_hash = content_hash(obj)
    review.result = result or _result(obj, redacted=bool(to_redact))
    review.save(update_fields=["content_hash", "result"])
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            review=review,
            kind=f.kind,
            place=f.place[:300],
            masked=f.masked[:200],
            value_hash=f.value_hash,
            confidence=f.confidence,
            resolution=chosen[f.id][0],
            reason=chosen[f.id][1],
        )
        for f in findings
    )
    counts: dict[str, int] = {}
    for resolution, _reason in chosen.values():
        counts[resolution] = counts.get(resolution, 0) + 1
    record_event(
        actor=actor,
        action="privacy.release_review",
        obj=obj,
        agency=review.agency,
        after={
            "review": review.pk,
            "result": review.result,
            "findings": len(findings),
            "resolutions": counts,
            "parts_scanned": len(review.parts_scanned),
            "parts_not_checked": review.parts_not_checked,
            "basis": review.basis,
            "detector": DETECTOR_VERSION,
        },
        note=_("保密审查：%(result)s") % {"result": review.get_result_display()},
    )
    return review


def ensure_release_review(
    obj,
    *,
    actor,
    resolutions: Mapping[str, tuple[str, str]] | None = None,
    basis: str = "",
) -> ReleaseReview:
    """The step every publishing service takes: the current review, or a new one by `actor`
    (refused while findings are unresolved)."""
    review = current_review(obj) if not resolutions else None
    if review is None:
        review = review_for_release(obj, actor=actor, resolutions=resolutions, basis=basis)
    return require_release_review(obj)


def record_clean_reviews(objs, *, actor) -> int:
    """The review of many objects published at once (an import): each must be free of
    findings (an import cannot redact); the reviews are written in bulk and the caller's one
    audit event for the import stands for them. Raises ReleaseReviewError on the first
    object with findings (see `findings_in`)."""
    reviews = []
    now = timezone.now()
    for obj in objs:
        parts = parts_of(obj)
        found = scan_for_release(obj, parts)
        if found:
            raise ReleaseReviewError(refusal_message(found), findings=found)
        reviews.append(
            ReleaseReview(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=obj.pk,
                agency=getattr(obj, "agency", None),
                reviewer=actor if getattr(actor, "pk", None) else None,
                reviewed_at=now,
                detector_version=DETECTOR_VERSION,
                parts_scanned=sorted({p.place for p in parts if p.text is not None}),
                parts_not_checked=sorted({p.place for p in parts if p.text is None}),
                content_hash=content_hash(obj, parts),
                result=_result(obj, redacted=False),
                note=_("导入时检查，未发现个人信息或敏感信息"),
            )
        )
    ReleaseReview.objects.bulk_create(reviews, batch_size=500)
    return len(reviews)


def _own_basis(obj) -> str:
    return getattr(obj, "withholding_basis", "") or ""


def _result(obj, *, redacted: bool) -> str:
    attribute = getattr(obj, "attribute", "proactive")
    if attribute and attribute != "proactive":
        return ReviewResult.NOT_PROACTIVE
    return ReviewResult.RELEASE_REDACTED if redacted else ReviewResult.RELEASE


def _apply_redactions(obj, review, findings, *, actor, basis: str) -> None:
    fields: dict[str, list[ReleaseFinding]] = {}
    files: dict[int, list[ReleaseFinding]] = {}
    for finding in findings:
        if finding.part.attachment_id is not None:
            files.setdefault(finding.part.attachment_id, []).append(finding)
        else:
            fields.setdefault(finding.part.field, []).append(finding)
    note_basis = citation(basis)
    # The note in the published file is Chinese whatever the reviewer's language.
    with translation.override(settings.LANGUAGE_CODE):
        for name, found in fields.items():
            strings = sorted({f.text for f in found})
            value = getattr(obj, name)
            if found[0].part.is_html:
                value = redaction.redact(
                    value.encode(), content_type=redaction.HTML, strings=strings, basis=note_basis
                ).data.decode()
            else:
                value, _counts = redaction.redact_text(value, redaction.compile_patterns(strings))
            setattr(obj, name, value)
        if fields:
            obj.save(update_fields=list(fields))
        for attachment_id, found in files.items():
            _redact_attachment(review, attachment_id, found, actor=actor, basis=note_basis)
    _note_redacted(obj, basis=basis, count=len(findings))


def _redact_attachment(review, attachment_id: int, found, *, actor, basis: str) -> None:
    from gongkai.documents.models import Attachment, ExtractionStatus
    from gongkai.documents.tasks import extract_attachment_text

    attachment = Attachment.objects.select_for_update().get(pk=attachment_id)
    content_type = CONTENT_TYPES.get(attachment.kind, "")
    strings = sorted({f.text for f in found})
    with attachment.file.open("rb") as handle:
        data = handle.read()
    try:
        result = redaction.redact(data, content_type=content_type, strings=strings, basis=basis)
    except redaction.RedactionError as exc:
        raise ReleaseReviewError(
            _("附件“%(name)s”无法作删减处理：%(reason)s")
            % {"name": attachment.original_name, "reason": exc.message},
            findings=found,
        ) from exc
    leftovers = redaction.verify_clean(result.data, content_type=content_type, strings=strings)
    if leftovers:
        raise ReleaseReviewError(
            _("附件“%(name)s”删减后仍能读出被删减的内容（%(place)s），不能发布。")
            % {"name": attachment.original_name, "place": leftovers[0].place},
            findings=found,
        )
    redacted_sha = hashlib.sha256(result.data).hexdigest()
    record = RedactedFile(
        review=review,
        attachment=attachment,
        extension=attachment.extension,
        original_sha256=attachment.sha256,
        redacted_sha256=redacted_sha,
        basis=basis,
        report=[{"place": n.place, "layer": n.layer, "count": n.count} for n in result.report],
        rasterised_pages=result.rasterised_pages,
        redacted_by=actor if getattr(actor, "pk", None) else None,
    )
    # The original stays where it is, referenced only by the redaction record: the media view
    # serves it to staff who may see the record, never to the public.
    record.original_file.name = attachment.file.name
    record.save()
    attachment.sha256 = redacted_sha
    attachment.size = len(result.data)
    attachment.extracted_text = ""
    attachment.extraction_status = ExtractionStatus.PENDING
    attachment.file.save(f"{redacted_sha}.{attachment.extension}", ContentFile(result.data), False)
    attachment.save(update_fields=["file", "sha256", "size", "extracted_text", "extraction_status"])
    transaction.on_commit(lambda: extract_attachment_text.enqueue(attachment.pk))


def _note_redacted(obj, *, basis: str, count: int) -> None:
    """A record redacted at review is published 删减后公开, on the review's basis."""
    if obj._meta.label != "documents.Document":
        return
    from gongkai.documents.models import Scope

    updated = ["scope"]
    obj.scope = Scope.REDACTED
    if not obj.withholding_basis:
        obj.withholding_basis = basis
        updated.append("withholding_basis")
    if not obj.withholding_reason:
        obj.withholding_reason = _("保密审查中删除了%(count)d处个人信息或敏感信息。") % {
            "count": count
        }
        updated.append("withholding_reason")
    obj.save(update_fields=updated)


def _check_gone(obj, redacted) -> None:
    """The detector over the redacted content again: a redacted value found still blocks."""
    gone = {(f.kind, f.value_hash) for f in redacted}
    still = [f for f in scan_for_release(obj) if (f.kind, f.value_hash) in gone]
    if still:
        raise ReleaseReviewError(
            _("删减后仍能检出被删减的内容（%(place)s），不能发布。") % {"place": still[0].place},
            findings=still,
        )


def reviews_of(obj) -> models.QuerySet:
    """The reviews of `obj`, newest first, with their findings."""
    return (
        ReleaseReview.objects.for_object(obj)
        .select_related("reviewer")
        .prefetch_related("findings")
    )
