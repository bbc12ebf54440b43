"""The published annual report's main figures drawn as charts (年度报告主要数据图解).

The report itself is a record of the document library (its text and tables); this page shows
the figures of the published snapshot (`AnnualReport.data`), reachable from that record."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gongkai.charts.svg import Chart, Series, bar_chart, proportion_chart
from gongkai.documents.models import Document
from gongkai.foi.outcomes import OutcomeGroup
from gongkai.portal.caching import public_page
from gongkai.reports import labels
from gongkai.reports.computation import OUTCOME_ROWS, TABLE_C_GROUPS, ReportData
from gongkai.reports.models import AnnualReport, Status

# Table A's first block (规章, 行政规范性文件) is the one with several comparable counts.
TABLE_A_DOCUMENT_ROWS = ["rule", "normative"]
TABLE_A_DOCUMENT_COLUMNS = ["issued", "repealed", "valid"]
TABLE_C_RESULTS = ["upheld", "corrected", "other", "pending"]


def published_report_of(document: Document) -> AnnualReport | None:
    """The published annual report whose record `document` is, if any."""
    return (
        AnnualReport.objects.filter(published_document=document, status=Status.PUBLISHED)
        .only("pk", "year", "agency_id")
        .first()
    )


@public_page
def annual_report_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The charts of one published report whose record is public."""
    report = get_object_or_404(
        AnnualReport.objects.select_related("agency", "published_document"),
        pk=pk,
        status=Status.PUBLISHED,
        published_document__in=Document.objects.public(),
    )
    data = ReportData.from_json(report.data)
    return render(
        request,
        "portal/annual_report_figures.html",
        {"report": report, "document": report.published_document, "charts": report_charts(data)},
    )


def report_charts(data: ReportData) -> list[Chart]:
    """申请的收到和办结, 办理结果, 主动公开的规章和规范性文件, 复议和诉讼."""
    table_b = data.table_b
    flow_rows = ["new", "carried_in", "total", "carried_out"]
    flow_labels = [_("本年新收"), _("上年结转"), _("本年办结"), _("结转下年度")]
    by_group: dict[str, int] = dict.fromkeys(OutcomeGroup.values, 0)
    for outcome in OUTCOME_ROWS:
        by_group[outcome.split(".")[0]] += table_b.get(outcome, {}).get("total", 0)
    table_a = data.table_a
    return [
        bar_chart(
            _("政府信息公开申请的收到和办结"),
            flow_labels,
            [Series(_("申请数量"), [table_b.get(row, {}).get("total", 0) for row in flow_rows])],
            unit=_("件"),
        ),
        proportion_chart(
            _("本年度申请的办理结果"),
            [(str(OutcomeGroup(group).label), count) for group, count in by_group.items()],
        ),
        bar_chart(
            _("主动公开的规章和行政规范性文件"),
            [str(labels.TABLE_A_ROW_LABELS[row]) for row in TABLE_A_DOCUMENT_ROWS],
            [
                Series(
                    str(labels.TABLE_A_COLUMN_LABELS[col]),
                    [table_a.get(row, {}).get(col) or 0 for row in TABLE_A_DOCUMENT_ROWS],
                )
                for col in TABLE_A_DOCUMENT_COLUMNS
            ],
            unit=_("件"),
        ),
        bar_chart(
            _("政府信息公开行政复议、行政诉讼"),
            [str(labels.TABLE_C_GROUP_LABELS[group]) for group in TABLE_C_GROUPS],
            [
                Series(
                    str(labels.TABLE_C_COLUMN_LABELS[col]),
                    [data.table_c.get(group, {}).get(col, 0) for group in TABLE_C_GROUPS],
                )
                for col in TABLE_C_RESULTS
            ],
            stacked=True,
            unit=_("件"),
        ),
    ]
