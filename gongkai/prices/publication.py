"""Publication of a price-list version as a record of the document library, filed under the
agency's catalogue item 服务信息 (P0302, element 医保、价格、收费等服务信息), so that it gets
its 索引号, passes the secrecy review and appears in the catalogue, search, feeds and API like
every record (as service_guides/publication.py does for guides). A new version's record marks
the old one 已修改."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.catalogue.models import AgencyItem
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
from gongkai.opendata.services import refresh_datasets
from gongkai.prices.errors import PriceError
from gongkai.prices.models import PriceList, PriceVersion, VersionStatus
from gongkai.prices.services import changes_of, require
from gongkai.privacy.errors import ReleaseReviewError

CATALOGUE_CODE = "P0302"  # 医疗卫生机构 · 服务信息 (standard_catalogue.json)
ELEMENT = "医保、价格、收费等服务信息"


def catalogue_item_for(agency) -> AgencyItem | None:
    return (
        AgencyItem.objects.filter(catalogue__agency=agency, code=CATALOGUE_CODE)
        .applicable()
        .first()
    )


def list_url(price_list: PriceList) -> str:
    return reverse(
        "portal:price-list",
        args=[price_list.agency.code, price_list.institution.code, price_list.kind],
    )


def render_body(version: PriceVersion) -> str:
    """The record's 正文: what changed and where the searchable list is (the full list can be
    long: it lives on its own page and in the dataset)."""
    with translation.override("zh-hans"):
        html = render_to_string(
            "prices/version_body.html",
            {
                "version": version,
                "price_list": version.price_list,
                "count": version.items.count(),
                "changes": changes_of(version)[:200],
                "url": list_url(version.price_list),
            },
        )
    return document_rules.clean_body(html)


def _publish_record(version: PriceVersion, actor, now: datetime.datetime) -> Document:
    price_list = version.price_list
    agency = price_list.agency
    item = catalogue_item_for(agency)
    if item is None:
        raise PriceError(_("本机关公开目录中没有适用的“服务信息”事项，不能发布价格清单。"))
    with translation.override("zh-hans"):
        title = _("%(institution)s%(kind)s价格公示（第%(version)s版）") % {
            "institution": price_list.institution.name,
            "kind": price_list.get_kind_display(),
            "version": version.number,
        }
        summary = _("%(institution)s%(kind)s价格：项目编码、名称、计价单位、价格和执行日期。") % {
            "institution": price_list.institution.name,
            "kind": price_list.get_kind_display(),
        }
    record = GeneratedRecord(
        agency=agency,
        catalogue_item=item,
        title=title,
        summary=summary,
        body=render_body(version),
        document_type=DocumentType.OTHER,
        topic=Topic.MEDICINE,
        element=ELEMENT,
        drafted_by=version.drafted_by,
    )
    try:
        return publish_generated_record(
            record,
            actor=actor,
            now=now,
            note=_("发布价格清单（第%(version)s版）") % {"version": version.number},
        )
    except ReleaseReviewError as exc:
        raise PriceError(
            review_refusal(
                exc,
                _("保密审查发现价格清单可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。"),
            )
        ) from exc


@transaction.atomic
def publish_version(*, version: PriceVersion, actor) -> PriceVersion:
    """The reviewer (not the drafter) publishes; the list's current version is superseded."""
    target = require("publish", version)
    drafter = version.drafted_by_id
    if drafter is not None and actor is not None and drafter == actor.pk:
        raise PriceError(_("起草人不能审核发布自己起草的价格清单，请由另一位审核员发布。"))
    price_list = PriceList.objects.select_for_update().get(pk=version.price_list_id)
    previous = price_list.versions.published().exclude(pk=version.pk).first()
    now = timezone.now()
    document = _publish_record(version, actor, now)
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        supersede(
            previous,
            by_document=document,
            by_version=version.number,
            published_status=VersionStatus.PUBLISHED,
            action="prices.supersede",
            agency=price_list.agency,
            actor=actor,
            now=now,
        )
    version.status = target
    version.document = document
    version.reviewed_by = actor
    version.published_at = now
    version.save(update_fields=["status", "document", "reviewed_by", "published_at", "updated_at"])
    record_event(
        actor=actor,
        action="prices.publish",
        obj=version,
        agency=price_list.agency,
        before={"status": VersionStatus.IN_REVIEW},
        after={"status": target, "index_number": document.index_number},
    )
    refresh_datasets(version.price_list.agency, ("prices.current",), actor=actor)
    return version


@transaction.atomic
def withdraw_version(*, version: PriceVersion, actor, reason: str) -> PriceVersion:
    """Take the current list off the portal, with its record (the reason is public)."""
    target = require("withdraw", version)
    reason = (reason or "").strip()
    if not reason:
        raise PriceError(_("撤回必须写明理由，理由将向公众显示。"), field="reason")
    version.status = target
    version.withdrawal_reason = reason[:2000]
    version.withdrawn_at = timezone.now()
    version.save(update_fields=["status", "withdrawal_reason", "withdrawn_at", "updated_at"])
    if version.document is not None:
        document_services.withdraw(document=version.document, actor=actor, reason=reason)
    record_event(
        actor=actor,
        action="prices.withdraw",
        obj=version,
        agency=version.price_list.agency,
        before={"status": VersionStatus.PUBLISHED},
        after={"status": target},
        note=reason,
    )
    refresh_datasets(version.price_list.agency, ("prices.current",), actor=actor)
    return version
