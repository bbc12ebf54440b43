"""State changes of the annual report. Each is one function in one transaction writing one
audit event (style.md); publishing also creates the record in the document library."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import rules as document_rules
from gongkai.documents import services as document_services
from gongkai.documents.models import Attribute, Document, DocumentType, Issuer, Scope, Topic
from gongkai.documents.models import Status as DocumentStatus
from gongkai.documents.search_feed import sync_search
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.reports import drafting, exports
from gongkai.reports.checks import Check, failed, run_checks
from gongkai.reports.computation import (
    AMOUNT_KEYS,
    TABLE_A_KEYS,
    ReportData,
    compute_report,
)
from gongkai.reports.errors import ChecksFailed, ReportError
from gongkai.reports.labels import table_a_cell_title
from gongkai.reports.models import AnnualReport, ManualFigure, Status
from gongkai.reports.rules import is_year_reportable, statutory_due_on

REPORT_CATALOGUE_CODE = "G1101"
"""The standard catalogue item 政府信息公开工作年度报告 (catalogue/data/standard_catalogue.json)."""
REPORT_ELEMENT = "政府信息公开工作年度报告"
TEXT_FIELDS = ["section_overview", "section_problems", "section_other"]
AUDITED_FIELDS = [*TEXT_FIELDS, "status", "computed_at", "override_reason", "published_document"]


def last_year_data(agency: Agency, year: int) -> ReportData | None:
    """The previous year's figures as published on this platform, if they were."""
    previous = AnnualReport.objects.published().filter(agency=agency, year=year - 1).first()
    if previous is None or not previous.data:
        return None
    return ReportData.from_json(previous.data)


def report_checks(report: AnnualReport, data: ReportData | None = None) -> list[Check]:
    """The checks of `data` (default: the report's snapshot) against last year's report."""
    data = data or ReportData.from_json(report.data)
    return run_checks(data, last_year_data(report.agency, report.year))


def report_text(report: AnnualReport) -> exports.ReportText:
    return exports.ReportText(
        agency_name=report.agency.name,
        overview=report.section_overview,
        problems=report.section_problems,
        other=report.section_other,
    )


def _require_draft(report: AnnualReport) -> None:
    if report.status != Status.DRAFT:
        raise ReportError(_("%(year)d年度报告已发布，不能再修改。") % {"year": report.year})


def _check_year(year: int, today: datetime.date) -> None:
    if not is_year_reportable(year, today):
        raise ReportError(_("年度%(year)d不在可编制的范围内。") % {"year": year}, field="year")


@transaction.atomic
def refresh_report(*, agency: Agency, year: int, actor) -> AnnualReport:
    """Create the year's draft, or recount it; empty sections 一 and 六 get a first draft."""
    _check_year(year, timezone.localdate())
    report, created = AnnualReport.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    _require_draft(report)
    before = None if created else snapshot(report, AUDITED_FIELDS)
    data = compute_report([agency.pk], year)
    report.data = data.to_json()
    report.computed_at = timezone.now()
    if not report.section_overview.strip():
        report.section_overview = drafting.draft_overview(data)
    if not report.section_problems.strip():
        report.section_problems = drafting.draft_problems(data)
    if not report.section_other.strip():
        report.section_other = drafting.draft_other(data)
    report.updated_at = report.computed_at
    report.save(update_fields=["data", "computed_at", *TEXT_FIELDS, "updated_at"])
    record_event(
        actor=actor,
        action="report.create" if created else "report.refresh",
        obj=report,
        agency=agency,
        before=before,
        after={**snapshot(report, AUDITED_FIELDS), "figures": data.figures()},
    )
    return report


@transaction.atomic
def update_texts(
    *, report: AnnualReport, actor, overview: str, problems: str, other: str
) -> AnnualReport:
    """The clerk's sections: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    before = snapshot(report, TEXT_FIELDS)
    report.section_overview = (overview or "").strip()
    report.section_problems = (problems or "").strip()
    report.section_other = (other or "").strip()
    limits.check_text_lengths(report, error=ReportError, fields=TEXT_FIELDS)
    report.updated_at = timezone.now()
    report.save(update_fields=[*TEXT_FIELDS, "updated_at"])
    record_event(
        actor=actor,
        action="report.texts",
        obj=report,
        agency=report.agency,
        before=before,
        after=snapshot(report, TEXT_FIELDS),
    )
    return report


def _parse_figure(key: str, value: Any) -> Decimal:
    if key not in TABLE_A_KEYS:
        raise ReportError(_("没有这一栏目。"), field="key")
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ReportError(_("请填写数字。"), field="value") from None
    if not number.is_finite() or number < 0:
        raise ReportError(_("数值不能为负数。"), field="value")
    if key in AMOUNT_KEYS:
        if number != number.quantize(Decimal("0.0001")):
            raise ReportError(_("金额以万元为单位，最多保留四位小数。"), field="value")
    elif number != number.to_integral_value():
        raise ReportError(
            _("%(cell)s是件数，应为整数。") % {"cell": table_a_cell_title(key)}, field="value"
        )
    return number


def _require_year_open(agency: Agency, year: int) -> None:
    if AnnualReport.objects.published().filter(agency=agency, year=year).exists():
        raise ReportError(_("%(year)d年度报告已发布，不能再修改。") % {"year": year})


@transaction.atomic
def set_manual_figure(
    *, agency: Agency, year: int, key: str, value: Any, source_note: str, actor
) -> ManualFigure:
    """Enter a Table A cell the platform does not hold (or corrects), with its source."""
    _check_year(year, timezone.localdate())
    number = _parse_figure(key, value)
    note = (source_note or "").strip()
    if not note:
        raise ReportError(_("请注明数据来源，例如“财务科年度收费台账”。"), field="source_note")
    _require_year_open(agency, year)
    figure = (
        ManualFigure.objects.select_for_update().filter(agency=agency, year=year, key=key).first()
    )
    before = snapshot(figure, ["value", "source_note"]) if figure else None
    if figure is None:
        figure = ManualFigure(agency=agency, year=year, key=key)
    figure.value = number
    figure.source_note = note
    limits.check_text_lengths(figure, error=ReportError, fields=["source_note"])
    figure.entered_by = actor
    figure.entered_at = timezone.now()
    figure.save()
    record_event(
        actor=actor,
        action="report.figure_set",
        obj=figure,
        agency=agency,
        before=before,
        after={"year": year, "key": key, **snapshot(figure, ["value", "source_note"])},
    )
    return figure


@transaction.atomic
def remove_manual_figure(*, figure: ManualFigure, actor) -> None:
    """Go back to what the records give for this cell."""
    _require_year_open(figure.agency, figure.year)
    record_event(
        actor=actor,
        action="report.figure_removed",
        obj=figure,
        agency=figure.agency,
        before={
            "year": figure.year,
            "key": figure.key,
            **snapshot(figure, ["value", "source_note"]),
        },
    )
    figure.delete()


def _catalogue_item(agency: Agency) -> AgencyItem:
    """Where the report goes in the agency's catalogue: the 年度报告 item."""
    items = AgencyItem.objects.applicable().filter(catalogue__agency=agency)
    item = (
        items.filter(standard_item__code=REPORT_CATALOGUE_CODE).first()
        or items.filter(code=REPORT_CATALOGUE_CODE).first()
        or items.filter(name=REPORT_ELEMENT).first()
    )
    if item is None:
        raise ReportError(
            _(
                "本机关的公开目录中没有“政府信息公开工作年度报告”事项（标准目录%(code)s），"
                "请先在公开目录中添加该事项。"
            )
            % {"code": REPORT_CATALOGUE_CODE}
        )
    return item


def _check_texts(report: AnnualReport) -> None:
    required = {
        "section_overview": _("请填写“一、总体情况”。"),
        "section_problems": _("请填写“五、存在的主要问题及改进情况”。"),
        "section_other": _("请填写“六、其他需要报告的事项”（没有的写“无”）。"),
    }
    for name, message in required.items():
        if not getattr(report, name).strip():
            raise ReportError(message, field=name)
    for name in TEXT_FIELDS:
        if drafting.has_placeholder(getattr(report, name)):
            raise ReportError(
                _("报告中还有“%(mark)s…”占位文字，请补充或删除后再发布。")
                % {"mark": drafting.PLACEHOLDER},
                field=name,
            )


def _create_document(
    report: AnnualReport, data: ReportData, actor, now: datetime.datetime
) -> Document:
    """The published record: type 年度报告, proactive, full text, 索引号 assigned now."""
    agency = report.agency
    today = timezone.localdate(now)
    text = report_text(report)
    item = _catalogue_item(agency)
    elements = {element.get("name") for element in item.elements or []}
    document = Document(
        agency=agency,
        title=text.title(report.year),
        document_type=DocumentType.ANNUAL_REPORT,
        topic=Topic.OPENNESS,
        catalogue_item=item,
        catalogue_element=REPORT_ELEMENT if REPORT_ELEMENT in elements else "",
        formed_on=today,
        summary=_(
            "%(agency)s%(year)d年政府信息公开工作情况，含主动公开、依申请公开和行政复议、行政诉讼情况统计。"
        )
        % {"agency": agency.name, "year": report.year},
        body=document_rules.clean_body(exports.render_body_html(data, text)),
        attribute=Attribute.PROACTIVE,
        scope=Scope.FULL,
        status=DocumentStatus.PUBLISHED,
        drafted_by=actor,
        reviewed_by=actor,
        created_at=now,
        updated_at=now,
        published_at=now,
    )
    document_services.assign_index_number(document, today)
    document_services.refresh_due_date(document)
    # The catalogue's 20 working days run from the report's formation, but the Regulation
    # fixes 31 January (条例第四十九条): whichever comes first.
    statutory = statutory_due_on(report.year)
    document.due_on = min(document.due_on, statutory) if document.due_on else statutory
    document.is_late = document_rules.is_published_late(today, document.due_on)
    document.save()
    Issuer.objects.create(document=document, name=agency.name, agency=agency, position=0)
    # The report's texts are written by staff: the secrecy review runs over them as over any
    # record, by the publishing user; anything found is corrected in the texts, not redacted.
    try:
        review_services.ensure_release_review(document, actor=actor)
    except ReleaseReviewError as exc:
        raise ReportError(
            _(
                "保密审查发现年度报告可能涉及个人信息或敏感信息（%(shown)s），请修改报告的文字后再发布。"
            )
            % {"shown": review_services.findings_summary(exc.findings) or exc.message}
        ) from exc
    record_event(
        actor=actor,
        action="document.publish",
        obj=document,
        agency=agency,
        after=snapshot(document, document_services.AUDITED_FIELDS),
        note=_("发布%(year)d年度政府信息公开工作年度报告") % {"year": report.year},
    )
    sync_search(document)
    return document


@transaction.atomic
def publish_report(*, report: AnnualReport, actor, override_reason: str = "") -> AnnualReport:
    """Recount, check and publish: the report becomes a record in the document library.

    A failed check refuses publication unless `override_reason` says why it is published
    anyway; the reason and the failed checks go into the audit trail.
    """
    report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    _require_draft(report)
    now = timezone.now()
    if timezone.localdate(now) <= datetime.date(report.year, 12, 31):
        raise ReportError(
            _("%(year)d年度尚未结束，年度报告应在次年1月编制发布。") % {"year": report.year}
        )
    data = compute_report([report.agency_id], report.year)
    checks = run_checks(data, last_year_data(report.agency, report.year))
    problems = failed(checks)
    reason = (override_reason or "").strip()
    if problems and not reason:
        raise ChecksFailed(
            _("有%(count)d项校验未通过。请更正数据，或写明仍要发布的理由。")
            % {"count": len(problems)},
            checks=problems,
        )
    _check_texts(report)
    before = snapshot(report, AUDITED_FIELDS)
    report.data = data.to_json()
    report.computed_at = now
    report.published_document = _create_document(report, data, actor, now)
    report.status = Status.PUBLISHED
    report.override_reason = reason if problems else ""
    limits.check_text_lengths(report, error=ReportError, fields=["override_reason"])
    report.published_at = now
    report.published_by = actor
    report.updated_at = now
    report.save(
        update_fields=[
            "data",
            "computed_at",
            "published_document",
            "status",
            "override_reason",
            "published_at",
            "published_by",
            "updated_at",
        ]
    )
    record_event(
        actor=actor,
        action="report.publish",
        obj=report,
        agency=report.agency,
        before=before,
        after={
            **snapshot(report, AUDITED_FIELDS),
            "failed_checks": [check.as_json() for check in problems],
            "figures": data.figures(),
        },
        note=report.override_reason,
    )
    return report
