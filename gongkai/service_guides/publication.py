"""Publication of a guide: as a record of the document library (type 办事指南) filed under its
item's catalogue entry, so that the record gets its 索引号 the way every record does, passes the
secrecy review (privacy.review_services) and appears in the catalogue, in search, in the records
API and in the feeds without a second path for each. The structured guide is the source; the
record's body is rendered from it and links to the guide's own page. See README.md.
"""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.catalogue.models import ItemStatus
from gongkai.documents import rules as document_rules
from gongkai.documents import services as document_services
from gongkai.documents.generated import (
    GeneratedRecord,
    publish_generated_record,
    review_refusal,
    supersede,
)
from gongkai.documents.models import (
    Document,
    DocumentType,
    Topic,
)
from gongkai.privacy import review_services
from gongkai.privacy.detection import Kind
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.privacy.models import Resolution
from gongkai.service_guides import workflow
from gongkai.service_guides.errors import GuideError, GuideIncomplete
from gongkai.service_guides.models import Guide, GuideStatus, ServiceItem
from gongkai.service_guides.services import _require, guide_missing_key, guide_url

GUIDE_ELEMENT = "办事指南"  # the catalogue element a guide is filed under, where the item has it


def render_body(guide: Guide) -> str:
    """The record's 正文: the guide's elements as HTML, in Chinese (the record's language)."""
    with translation.override("zh-hans"):
        html = render_to_string(
            "service_guides/guide_body.html",
            {
                "guide": guide,
                "materials": guide.materials.all(),
                "steps": guide.steps.all(),
                "url": guide_url(guide),
            },
        )
    return document_rules.clean_body(html)


# What a guide publishes on purpose: the office's consultation and complaint lines and the
# hall where the item is handled. The review keeps these (with the reason on record); a mobile
# number, an ID number or any value elsewhere in the guide still stops publication.
PUBLIC_CONTACTS = {
    Kind.LANDLINE: ("consult_phone", "complaint_channel"),
    Kind.ADDRESS: ("place",),
}


def _public_contacts(guide: Guide, document: Document) -> dict[str, tuple[str, str]]:
    """Resolutions keeping the guide's own contact lines and address, for the review."""
    with translation.override("zh-hans"):
        reason = _("办事指南公布的办理地点和咨询、投诉电话（机关办公信息）")
    kept = {}
    for finding in review_services.scan_for_release(document):
        fields = PUBLIC_CONTACTS.get(finding.kind, ())
        if finding.text and any(finding.text in (getattr(guide, name) or "") for name in fields):
            kept[finding.id] = (Resolution.KEEP, reason)
    return kept


def _publish_record(guide: Guide, actor, now: datetime.datetime) -> Document:
    """The guide as a published record (type 办事指南) with its 索引号, through the review."""
    item = guide.service_item
    agency = item.agency
    catalogue_item = item.catalogue_item
    with translation.override("zh-hans"):
        summary = _(
            "%(name)s的办事指南（第%(version)s版）：受理条件、申请材料、办理流程、时限和收费。"
        ) % {
            "name": guide.name,
            "version": guide.version,
        }
        title = _("%(name)s办事指南") % {"name": guide.name}
    record = GeneratedRecord(
        agency=agency,
        catalogue_item=catalogue_item,
        title=title,
        summary=summary,
        body=render_body(guide),
        document_type=DocumentType.SERVICE_GUIDE,
        topic=Topic.HEALTH,
        element=GUIDE_ELEMENT,
        drafted_by=guide.drafted_by,
    )
    try:
        return publish_generated_record(
            record,
            actor=actor,
            now=now,
            note=_("发布办事指南（第%(version)s版）") % {"version": guide.version},
            keep=lambda document: _public_contacts(guide, document),
        )
    except ReleaseReviewError as exc:
        raise GuideError(
            review_refusal(
                exc,
                _("保密审查发现办事指南可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。"),
            ),
            field="release_review",
        ) from exc


@transaction.atomic
def publish_guide(*, guide: Guide, actor) -> Guide:
    """The reviewer publishes: refused while key elements are missing; the published version
    before it is superseded (its record marked 已修改, linked to the new one)."""
    target = _require(workflow.Action.PUBLISH, guide)
    if guide.drafted_by_id is not None and actor is not None and guide.drafted_by_id == actor.pk:
        raise GuideError(_("起草人不能审核发布自己起草的办事指南，请由另一位审核员发布。"))
    missing = guide_missing_key(guide)
    if missing:
        raise GuideIncomplete(missing)
    if guide.service_item.catalogue_item.status == ItemStatus.NOT_APPLICABLE:
        raise GuideError(
            _("事项所属的公开目录事项已标记为不适用，请先为事项选择适用的目录事项。"),
            field="catalogue_item",
        )
    item = ServiceItem.objects.select_for_update().get(pk=guide.service_item_id)
    previous = item.guides.published().exclude(pk=guide.pk).first()
    now = timezone.now()
    document = _publish_record(guide, actor, now)
    if previous is not None:
        _supersede(previous, by=guide, document=document, actor=actor, now=now)
    guide.status = target
    guide.document = document
    guide.reviewed_by = actor
    guide.published_at = now
    guide.updated_at = now
    guide.save(update_fields=["status", "document", "reviewed_by", "published_at", "updated_at"])
    record_event(
        actor=actor,
        action="service_guide.publish",
        obj=guide,
        agency=item.agency,
        before={"status": GuideStatus.IN_REVIEW},
        after={"status": guide.status, "index_number": document.index_number},
    )
    return guide


def _supersede(previous: Guide, *, by: Guide, document: Document, actor, now) -> None:
    previous.status = GuideStatus.SUPERSEDED
    previous.updated_at = now
    previous.save(update_fields=["status", "updated_at"])
    supersede(
        previous,
        by_document=document,
        by_version=by.version,
        published_status=GuideStatus.PUBLISHED,
        action="service_guide.supersede",
        agency=previous.agency,
        actor=actor,
        now=now,
    )


@transaction.atomic
def withdraw_guide(*, guide: Guide, actor, reason: str) -> Guide:
    """Take the published guide off the portal, with its record (the reason is public)."""
    target = _require(workflow.Action.WITHDRAW, guide)
    reason = (reason or "").strip()
    if not reason:
        raise GuideError(_("撤回必须写明理由，理由将向公众显示。"), field="reason")
    guide.status = target
    guide.withdrawal_reason = reason
    limits.check_text_lengths(guide, error=GuideError, fields=["withdrawal_reason"])
    guide.withdrawn_at = timezone.now()
    guide.updated_at = guide.withdrawn_at
    guide.save(update_fields=["status", "withdrawal_reason", "withdrawn_at", "updated_at"])
    if guide.document is not None:
        document_services.withdraw(document=guide.document, actor=actor, reason=reason)
    record_event(
        actor=actor,
        action="service_guide.withdraw",
        obj=guide,
        agency=guide.agency,
        before={"status": GuideStatus.PUBLISHED},
        after={"status": guide.status},
        note=reason,
    )
    return guide
