"""Publication of a month's figures as a record of the document library, filed under the
agency's catalogue item 法定传染病疫情信息 (G1001), so that the record gets its 索引号, passes
the secrecy review and appears in the catalogue, search, feeds and the API like every record
(as service_guides/publication.py does for guides). The typed table stays the source; the
record's body is rendered from it and links to the month's portal page. A correction is a new
version whose record marks the old one 已修改."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.catalogue.models import AgencyItem
from gongkai.diseases import rules, workflow
from gongkai.diseases.errors import DiseaseError
from gongkai.diseases.models import MonthlyReport, ReportStatus
from gongkai.diseases.services import _require
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
from gongkai.privacy.errors import ReleaseReviewError

CATALOGUE_CODE = "G1001"  # 传染病疫情信息 / 法定传染病疫情信息 (standard_catalogue.json)
ELEMENT = "法定传染病疫情信息"


def catalogue_item_for(agency) -> AgencyItem | None:
    """The agency's item 法定传染病疫情信息 (derived from the standard catalogue)."""
    return (
        AgencyItem.objects.filter(catalogue__agency=agency, code=CATALOGUE_CODE)
        .applicable()
        .first()
    )


def month_url(report: MonthlyReport) -> str:
    return reverse(
        "portal:disease-month", args=[report.agency.code, report.month.strftime("%Y-%m")]
    )


def render_body(report: MonthlyReport) -> str:
    from gongkai.diseases.tables import month_table

    with translation.override("zh-hans"):
        html = render_to_string(
            "diseases/report_body.html",
            {"report": report, "table": month_table(report), "url": month_url(report)},
        )
    return document_rules.clean_body(html)


def _publish_record(report: MonthlyReport, actor, now: datetime.datetime) -> Document:
    agency = report.agency
    item = catalogue_item_for(agency)
    if item is None:
        raise DiseaseError(
            _("本机关公开目录中没有适用的“法定传染病疫情信息”事项，不能发布疫情月报。")
        )
    with translation.override("zh-hans"):
        label = rules.month_label(report.month)
        title = _("%(agency)s%(month)s法定传染病疫情概况") % {
            "agency": agency.name,
            "month": label,
        }
        if report.version > 1:
            title += _("（更正）")
        summary = _(
            "%(month)s本地区法定传染病发病数、死亡数，分甲、乙、丙类合计，与去年同期比较。"
        ) % {"month": label}
    record = GeneratedRecord(
        agency=agency,
        catalogue_item=item,
        title=title,
        summary=summary,
        body=render_body(report),
        document_type=DocumentType.OTHER,
        topic=Topic.DISEASE_CONTROL,
        element=ELEMENT,
        drafted_by=report.drafted_by,
    )
    try:
        return publish_generated_record(
            record,
            actor=actor,
            now=now,
            note=_("发布法定传染病疫情月报（%(month)s）") % {"month": label},
        )
    except ReleaseReviewError as exc:
        raise DiseaseError(
            review_refusal(
                exc,
                _("保密审查发现疫情月报可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。"),
            )
        ) from exc


@transaction.atomic
def publish_report(*, report: MonthlyReport, actor) -> MonthlyReport:
    """The reviewer (not the drafter) publishes; an earlier published version is superseded."""
    target = _require(workflow.Action.PUBLISH, report)
    if report.drafted_by_id is not None and actor is not None and report.drafted_by_id == actor.pk:
        raise DiseaseError(_("起草人不能审核发布自己起草的疫情月报，请由另一位审核员发布。"))
    previous = (
        MonthlyReport.objects.select_for_update()
        .filter(agency=report.agency, month=report.month, status=ReportStatus.PUBLISHED)
        .exclude(pk=report.pk)
        .first()
    )
    now = timezone.now()
    document = _publish_record(report, actor, now)
    if previous is not None:
        previous.status = ReportStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        supersede(
            previous,
            by_document=document,
            by_version=report.version,
            published_status=ReportStatus.PUBLISHED,
            action="diseases.supersede",
            agency=previous.agency,
            actor=actor,
            now=now,
        )
    report.status = target
    report.document = document
    report.reviewed_by = actor
    report.published_at = now
    report.save(update_fields=["status", "document", "reviewed_by", "published_at", "updated_at"])
    record_event(
        actor=actor,
        action="diseases.publish",
        obj=report,
        agency=report.agency,
        before={"status": ReportStatus.IN_REVIEW},
        after={"status": target, "index_number": document.index_number},
    )
    refresh_datasets(report.agency, ("diseases.monthly",), actor=actor)
    return report


@transaction.atomic
def withdraw_report(*, report: MonthlyReport, actor, reason: str) -> MonthlyReport:
    """Take the published month off the portal, with its record (the reason is public)."""
    target = _require(workflow.Action.WITHDRAW, report)
    reason = (reason or "").strip()
    if not reason:
        raise DiseaseError(_("撤回必须写明理由，理由将向公众显示。"), field="reason")
    report.status = target
    report.withdrawal_reason = reason[:2000]
    report.withdrawn_at = timezone.now()
    report.save(update_fields=["status", "withdrawal_reason", "withdrawn_at", "updated_at"])
    if report.document is not None:
        document_services.withdraw(document=report.document, actor=actor, reason=reason)
    record_event(
        actor=actor,
        action="diseases.withdraw",
        obj=report,
        agency=report.agency,
        before={"status": ReportStatus.PUBLISHED},
        after={"status": target},
        note=reason,
    )
    refresh_datasets(report.agency, ("diseases.monthly",), actor=actor)
    return report
