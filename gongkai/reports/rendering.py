"""One report, ready to render: its figures, checks and texts, for an agency alone or with
its subordinates (roll-up). The command and the console's downloads both start here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.reports import drafting, exports
from gongkai.reports.access import rollup_agency_ids
from gongkai.reports.checks import Check, run_checks
from gongkai.reports.computation import ReportData, compute_report
from gongkai.reports.models import AnnualReport
from gongkai.reports.services import last_year_data, report_text

FORMATS = ("json", "html", "docx", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class PreparedReport:
    agency: Agency
    year: int
    data: ReportData
    checks: list[Check]
    text: exports.ReportText
    report: AnnualReport | None

    def filename(self, fmt: str) -> str:
        suffix = "-rollup" if self.text.rollup_count else ""
        return f"annual-report-{self.agency.code}-{self.year}{suffix}.{fmt}"


def prepare(agency: Agency, year: int, *, rollup: bool = False) -> PreparedReport:
    """A published report as published; otherwise a fresh count with the draft's texts (or
    generated drafts). A roll-up is always a fresh count over the agency and its subordinates."""
    report = None if rollup else AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None and report.is_published:
        data = ReportData.from_json(report.data)
    else:
        ids = rollup_agency_ids(agency) if rollup else [agency.pk]
        data = compute_report(ids, year)
    if report is not None:
        text = report_text(report)
    else:
        text = exports.ReportText(
            agency_name=agency.name,
            overview=drafting.draft_overview(data),
            problems="",
            other=drafting.draft_other(data),
            rollup_count=len(data.agency_ids) - 1 if rollup else 0,
        )
    last = None if rollup else last_year_data(agency, year)
    return PreparedReport(agency, year, data, run_checks(data, last), text, report)


def render(prepared: PreparedReport, fmt: str) -> bytes:
    """The report in `fmt` (one of FORMATS)."""
    import json

    if fmt == "json":
        payload: Any = exports.report_json(
            prepared.data, agency_code=prepared.agency.code, checks=prepared.checks
        )
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "html":
        return exports.render_page_html(prepared.data, prepared.text).encode()
    if fmt == "docx":
        return exports.render_docx(prepared.data, prepared.text)
    if fmt == "xlsx":
        return exports.render_xlsx(prepared.data, prepared.text)
    raise ValueError(f"unknown format {fmt}")
