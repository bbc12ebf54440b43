"""Console pages of the annual report: the report of one agency and year with every number
linked to the records behind it, the checks, the sections, publication; the supervisor's
roll-up with which subordinates have published; downloads."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai import limits
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.views import staff_required
from gongkai.documents.models import Document
from gongkai.reports import access, exports, labels, rendering, rules, services
from gongkai.reports.checks import run_checks
from gongkai.reports.computation import (
    AMOUNT_KEYS,
    DECISION_KEYS,
    TABLE_A_KEYS,
    ReportData,
    applications_in_cell,
    compute_report,
    documents_in_cell,
    manual_figures,
    remedy_cases_in_cell,
)
from gongkai.reports.errors import ChecksFailed, ReportError
from gongkai.reports.models import AnnualReport, ManualFigure

PAGE_SIZE = 100


class TextsForm(forms.Form):
    overview = forms.CharField(
        max_length=limits.LONG_SECTION,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("一、总体情况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("每段一行。带【请填写】的占位文字须补充或删除后才能发布。"),
    )
    problems = forms.CharField(
        max_length=limits.LONG_SECTION,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("五、存在的主要问题及改进情况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    other = forms.CharField(
        max_length=limits.LONG_SECTION,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("六、其他需要报告的事项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("通常写明本年度收取信息处理费的情况。"),
    )


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("校验未通过仍发布的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("仅在校验未通过时填写；理由记入审计记录，不对外公布。"),
    )


def _figure_choices() -> list[tuple[str, str]]:
    return [(key, labels.table_a_cell_title(key)) for key in TABLE_A_KEYS]


class FigureForm(forms.Form):
    key = forms.ChoiceField(label=gettext_lazy("栏目"), choices=_figure_choices)
    value = forms.DecimalField(
        label=gettext_lazy("数值"),
        min_value=0,
        max_digits=14,
        decimal_places=4,
        help_text=gettext_lazy("件数填整数；收费金额以万元为单位。"),
    )
    source_note = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("数据来源"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("例如：财务科年度收费台账；政务服务平台行政许可办件统计。"),
    )


# --- helpers -----------------------------------------------------------------------------


def _agency(request: HttpRequest, agency_pk: int) -> Agency:
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not access.can_view_report(request.user, agency):
        raise Http404  # another agency's report: not even its existence is shown
    return agency


def _year(year: int) -> int:
    if not rules.is_year_reportable(year, timezone.localdate()):
        raise Http404
    return year


def _rollup(request: HttpRequest, agency: Agency) -> bool:
    """`?rollup=1` asks for the agency with its subordinates: supervisors only."""
    if request.GET.get("rollup") != "1":
        return False
    if not access.can_view_rollup(request.user, agency):
        raise Http404
    return True


def _linker(agency: Agency, year: int, *, rollup: bool):
    suffix = "?rollup=1" if rollup else ""

    def link(table: str, row: str, col: str) -> str:
        return reverse("console:report-cell", args=[agency.pk, year, table, row, col]) + suffix

    return link


def _default_year(today: datetime.date) -> int:
    return today.year - 1


# --- pages -------------------------------------------------------------------------------


@staff_required
def report_home(request: HttpRequest) -> HttpResponse:
    """The reports of the agencies the user reads, for one year (default: last year)."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or _default_year(today))
    except ValueError:
        year = _default_year(today)
    if not rules.is_year_reportable(year, today):
        year = _default_year(today)
    agencies = Agency.objects.filter(
        pk__in=agency_access.readable_agency_ids(request.user)
    ).order_by("code")
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    own = set(agency_access.member_agencies(request.user).values_list("pk", flat=True))
    rows = [
        {
            "agency": agency,
            "report": reports.get(agency.pk),
            "can_rollup": access.can_view_rollup(request.user, agency),
        }
        for agency in agencies
    ]
    notices = [
        (
            row["agency"],
            rules.due_notice(
                year, today, published=bool(row["report"] and row["report"].is_published)
            ),
        )
        for row in rows
        if row["agency"].pk in own
    ]
    return render(
        request,
        "console/report_home.html",
        {
            "year": year,
            "years": list(range(today.year, rules.FIRST_YEAR - 1, -1))[:10],
            "rows": rows,
            "notices": [(agency, notice) for agency, notice in notices if notice],
        },
    )


@staff_required
def report_detail(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    """One agency's report: the tables (every number links to its records), the checks,
    the clerk's figures, the sections and publication."""
    agency = _agency(request, agency_pk)
    year = _year(year)
    user = request.user
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    live = compute_report([agency.pk], year)
    published = report is not None and report.is_published
    data = ReportData.from_json(report.data) if published else live
    checks = run_checks(data, services.last_year_data(agency, year))
    stale = (
        bool(report and report.data)
        and not published
        and (ReportData.from_json(report.data).figures() != live.figures())
    )
    changed_since = published and data.figures() != live.figures()
    text = services.report_text(report) if report else None
    can_prepare = access.can_prepare_report(user, agency) and not published
    can_publish = access.can_publish_report(user, agency) and report is not None and not published
    return render(
        request,
        "console/report_detail.html",
        {
            "agency": agency,
            "year": year,
            "title": labels.TITLE % {"agency": agency.name, "year": year},
            "report": report,
            "published": published,
            "tables": exports.tables(data, _linker(agency, year, rollup=False)),
            "notes": exports.source_notes(data),
            "art35_delays": data.art35_delays,
            "checks": [(check, labels.CHECK_LABELS[check.name]) for check in checks],
            "failing": [check for check in checks if not check.ok],
            "stale": stale,
            "changed_since": changed_since,
            "due_notice": rules.due_notice(year, timezone.localdate(), published=published),
            "text": text,
            "figures": [
                (figure, labels.table_a_cell_title(figure.key))
                for figure in manual_figures([agency.pk], year).select_related("entered_by")
            ],
            "can_prepare": can_prepare,
            "can_publish": can_publish,
            "can_rollup": access.can_view_rollup(user, agency),
            "texts_form": TextsForm(
                initial={
                    "overview": report.section_overview,
                    "problems": report.section_problems,
                    "other": report.section_other,
                }
            )
            if report
            else None,
            "publish_form": PublishForm(),
            "figure_form": FigureForm(),
            "formats": rendering.FORMATS,
        },
    )


@staff_required
def report_rollup(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    """The supervisor's view: the agency with all its subordinates, and who has published."""
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not access.can_view_rollup(request.user, agency):
        raise Http404
    year = _year(year)
    ids = access.rollup_agency_ids(agency)
    data = compute_report(ids, year)
    subordinates = Agency.objects.filter(pk__in=ids).exclude(pk=agency.pk).order_by("code")
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency_id__in=ids, year=year)}
    due = rules.statutory_due_on(year)
    rows = []
    for subordinate in subordinates:
        report = reports.get(subordinate.pk)
        published_on = (
            timezone.localdate(report.published_at) if report and report.published_at else None
        )
        rows.append(
            {
                "agency": subordinate,
                "report": report,
                "published_on": published_on,
                "late": published_on is not None and published_on > due,
            }
        )
    return render(
        request,
        "console/report_rollup.html",
        {
            "agency": agency,
            "year": year,
            "due": due,
            "rows": rows,
            "published_count": sum(1 for row in rows if row["published_on"]),
            "tables": exports.tables(data, _linker(agency, year, rollup=True)),
            "notes": exports.source_notes(data),
            "checks": [(check, labels.CHECK_LABELS[check.name]) for check in run_checks(data)],
            "formats": rendering.FORMATS,
        },
    )


@staff_required
def report_cell(
    request: HttpRequest, agency_pk: int, year: int, table: str, row: str, col: str
) -> HttpResponse:
    """The records behind one number (listed as they are now)."""
    agency = _agency(request, agency_pk)
    year = _year(year)
    rollup = _rollup(request, agency)
    ids = access.rollup_agency_ids(agency) if rollup else [agency.pk]
    figures = []
    try:
        if table == "b":
            kind = "applications"
            items = applications_in_cell(ids, year, row, col).select_related("agency")
            title = _("表三“%(row)s”行“%(column)s”列") % {
                "row": labels.row_title(row),
                "column": labels.TABLE_B_COLUMN_LABELS[col],
            }
        elif table == "c":
            kind = "cases"
            items = remedy_cases_in_cell(ids, year, row, col).select_related(
                "application", "application__agency"
            )
            title = _("表四“%(group)s”“%(column)s”") % {
                "group": labels.TABLE_C_GROUP_LABELS[row],
                "column": labels.TABLE_C_COLUMN_LABELS[col],
            }
        elif table == "a" and f"{row}.{col}" in TABLE_A_KEYS:
            key = f"{row}.{col}"
            kind = "decisions" if key in DECISION_KEYS else "documents"
            title = _("表二%(cell)s") % {"cell": labels.table_a_cell_title(key)}
            figures = list(manual_figures(ids, year).filter(key=key))
            items = (
                documents_in_cell(ids, year, key).select_related("agency")
                if key not in AMOUNT_KEYS
                else Document.objects.none()  # no record holds fees: the clerk's figure only
            )
        else:
            raise Http404
    except KeyError:
        raise Http404 from None
    page = Paginator(items.order_by("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "console/report_cell.html",
        {
            "agency": agency,
            "year": year,
            "rollup": rollup,
            "title": title,
            "kind": kind,
            "page": page,
            "figures": figures,
            "back": reverse("console:report-rollup", args=[agency.pk, year])
            if rollup
            else reverse("console:report-detail", args=[agency.pk, year]),
        },
    )


@staff_required
def report_export(request: HttpRequest, agency_pk: int, year: int, fmt: str) -> HttpResponse:
    """Download the report (or the roll-up) as JSON, HTML, DOCX or XLSX."""
    agency = _agency(request, agency_pk)
    year = _year(year)
    if fmt not in rendering.FORMATS:
        raise Http404
    prepared = rendering.prepare(agency, year, rollup=_rollup(request, agency))
    response = HttpResponse(
        rendering.render(prepared, fmt), content_type=rendering.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{prepared.filename(fmt)}"'
    return response


# --- actions -------------------------------------------------------------------------------


def _back(agency: Agency, year: int) -> HttpResponse:
    return redirect("console:report-detail", agency_pk=agency.pk, year=year)


def _prepared_agency(request: HttpRequest, agency_pk: int) -> Agency:
    agency = _agency(request, agency_pk)
    if not access.can_prepare_report(request.user, agency):
        raise PermissionDenied
    return agency


@require_POST
@staff_required
def report_refresh(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _prepared_agency(request, agency_pk)
    try:
        services.refresh_report(agency=agency, year=_year(year), actor=request.user)
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已重新统计。"))
    return _back(agency, year)


@require_POST
@staff_required
def report_texts(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _prepared_agency(request, agency_pk)
    report = get_object_or_404(AnnualReport, agency=agency, year=year)
    form = TextsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("填写有误：%(errors)s") % {"errors": form.errors.as_text()})
        return _back(agency, year)
    try:
        services.update_texts(report=report, actor=request.user, **form.cleaned_data)
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存。"))
    return _back(agency, year)


@require_POST
@staff_required
def report_figure(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _prepared_agency(request, agency_pk)
    form = FigureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("填写有误：%(errors)s") % {"errors": form.errors.as_text()})
        return _back(agency, year)
    try:
        services.set_manual_figure(
            agency=agency, year=_year(year), actor=request.user, **form.cleaned_data
        )
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存。"))
    return _back(agency, year)


@require_POST
@staff_required
def report_figure_remove(
    request: HttpRequest, agency_pk: int, year: int, figure_pk: int
) -> HttpResponse:
    agency = _prepared_agency(request, agency_pk)
    figure = get_object_or_404(ManualFigure, pk=figure_pk, agency=agency, year=year)
    try:
        services.remove_manual_figure(figure=figure, actor=request.user)
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除，该栏目改为按平台记录统计。"))
    return _back(agency, year)


@require_POST
@staff_required
def report_publish(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    if not access.can_publish_report(request.user, agency):
        raise PermissionDenied
    report = get_object_or_404(AnnualReport, agency=agency, year=year)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        report = services.publish_report(
            report=report,
            actor=request.user,
            override_reason=form.cleaned_data.get("override_reason", ""),
        )
    except ChecksFailed as exc:
        details = "；".join(check.detail for check in exc.checks)
        messages.error(request, f"{exc.message} {details}")
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("年度报告已发布，索引号 %(number)s。")
            % {"number": report.published_document.index_number},
        )
    return _back(agency, year)
