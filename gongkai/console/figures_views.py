"""法定传染病疫情 and 医疗价格 in the console: a month's figures (form or XLSX), a price list's
versions (XLSX or row by row), review, publication, correction and withdrawal. Views parse
input, ask diseases.access / prices.access and call one service each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.console.figures_forms import (
    CountsForm,
    MonthForm,
    MonthImportForm,
    PriceImportForm,
    PriceItemForm,
    PriceListForm,
    SettingForm,
)
from gongkai.console.views import staff_required
from gongkai.diseases import access as disease_access
from gongkai.diseases import importing as disease_importing
from gongkai.diseases import publication as disease_publication
from gongkai.diseases import services as disease_services
from gongkai.diseases import tables as disease_tables
from gongkai.diseases.errors import DiseaseError
from gongkai.diseases.models import MonthlyReport
from gongkai.documents.errors import UploadRejected
from gongkai.documents.importing import ImportFailed
from gongkai.documents.uploads import check_size
from gongkai.prices import access as price_access
from gongkai.prices import importing as price_importing
from gongkai.prices import publication as price_publication
from gongkai.prices import services as price_services
from gongkai.prices.errors import PriceError
from gongkai.prices.models import PriceItem, PriceList, PriceVersion

MAX_BYTES = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- 法定传染病疫情 ------------------------------------------------------------------------


def _drafting_agency(request: HttpRequest, can) -> object:
    for agency in agency_access.member_agencies(request.user).order_by("code"):
        if can(request.user, agency):
            return agency
    return None


def _report_for(request: HttpRequest, pk: int) -> MonthlyReport:
    report = get_object_or_404(MonthlyReport.objects.select_related("agency", "document"), pk=pk)
    if not disease_access.can_view(request.user, report):
        raise Http404  # another agency's month does not exist for this user
    return report


@staff_required
def disease_list(request: HttpRequest) -> HttpResponse:
    """The months of every agency the user reads, the new-month and import forms, settings."""
    reports = (
        disease_access.reports_for_staff(request.user)
        .select_related("agency", "document")
        .order_by("agency__code", "-month", "-version")
    )
    agency = _drafting_agency(request, disease_access.can_draft_in)
    setting_agency = _drafting_agency(request, disease_access.can_configure)
    setting = disease_services.setting_of(setting_agency) if setting_agency else None
    form = MonthForm(request.POST or None)
    if request.method == "POST":
        if agency is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = disease_services.create_report(
                    agency=agency,
                    month=form.cleaned_data["month"],
                    actor=request.user,
                    rows=disease_services.blank_rows(),
                )
            except DiseaseError as exc:
                form.add_error("month", exc.message)
            else:
                return redirect("console:disease-detail", report.pk)
    return render(
        request,
        "console/disease_list.html",
        {
            "reports": reports[:240],
            "agency": agency,
            "form": form,
            "setting_agency": setting_agency,
            "setting": setting,
        },
    )


@staff_required
def disease_setting(request: HttpRequest) -> HttpResponse:
    agency = _drafting_agency(request, disease_access.can_configure)
    if agency is None:
        raise PermissionDenied
    setting = disease_services.setting_of(agency)
    form = SettingForm(
        request.POST or None,
        initial={"publishes_monthly": setting.publishes_monthly, "due_day": setting.due_day},
    )
    if request.method == "POST" and form.is_valid():
        try:
            disease_services.update_setting(agency=agency, actor=request.user, **form.cleaned_data)
        except DiseaseError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("已保存。"))
            return redirect("console:disease-list")
    return render(request, "console/disease_setting.html", {"form": form, "agency": agency})


@staff_required
def disease_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The month: its table with last year's month; the row form while it is a draft."""
    report = _report_for(request, pk)
    user = request.user
    can_edit = disease_access.can_edit(user, report)
    form = CountsForm(
        request.POST or None,
        initial_rows=disease_services.rows_of(report),
        initial={"note": report.note},
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                disease_services.update_report(
                    report=report,
                    actor=user,
                    rows=form.counts(),
                    note=form.cleaned_data["note"],
                )
            except DiseaseError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("console:disease-detail", report.pk)
    return render(
        request,
        "console/disease_detail.html",
        {
            "report": report,
            "table": disease_tables.month_table(report),
            "form": form if can_edit else None,
            "can_review": disease_access.can_review(user, report),
            "can_withdraw": disease_access.can_withdraw(user, report),
            "can_draft": disease_access.can_draft_in(user, report.agency),
            "versions": MonthlyReport.objects.filter(
                agency=report.agency, month=report.month
            ).order_by("version"),
        },
    )


@staff_required
@require_POST
def disease_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The workflow buttons of a month (action=submit|return|publish|withdraw|correct)."""
    report = _report_for(request, pk)
    user = request.user
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    target = report
    try:
        if action == "submit":
            if not disease_access.can_edit(user, report):
                raise PermissionDenied
            disease_services.submit_report(report=report, actor=user)
            messages.success(request, _("已提交审核。"))
        elif action == "return":
            if not disease_access.can_review(user, report):
                raise PermissionDenied
            disease_services.return_report(report=report, actor=user, reason=reason)
            messages.success(request, _("已退回修改。"))
        elif action == "publish":
            if not disease_access.can_review(user, report):
                raise PermissionDenied
            disease_publication.publish_report(report=report, actor=user)
            messages.success(
                request, _("已发布，索引号 %(number)s。") % {"number": report.document.index_number}
            )
        elif action == "withdraw":
            if not disease_access.can_withdraw(user, report):
                raise PermissionDenied
            disease_publication.withdraw_report(report=report, actor=user, reason=reason)
            messages.success(request, _("已撤回。"))
        elif action == "correct":
            if not disease_access.can_draft_in(user, report.agency):
                raise PermissionDenied
            target = disease_services.start_correction(report=report, actor=user, reason=reason)
            messages.success(request, _("已建立更正版本，请修改后提交审核。"))
        else:
            raise Http404
    except DiseaseError as exc:
        messages.error(request, exc.message)
    return redirect("console:disease-detail", target.pk)


@staff_required
def disease_import(request: HttpRequest) -> HttpResponse:
    agency = _drafting_agency(request, disease_access.can_draft_in)
    if agency is None:
        raise PermissionDenied
    form = MonthImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size, MAX_BYTES)
            report = disease_importing.import_month(
                agency=agency,
                month=form.cleaned_data["month"],
                actor=request.user,
                filename=upload.name,
                data=upload.read(),
            )
        except ImportFailed as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        except (UploadRejected, DiseaseError) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已导入，请核对后提交审核。"))
            return redirect("console:disease-detail", report.pk)
    return render(
        request,
        "console/disease_import.html",
        {"form": form, "agency": agency, "errors": errors},
    )


@staff_required
def disease_template(request: HttpRequest) -> HttpResponse:
    return _xlsx_response(disease_importing.template_xlsx(), "diseases-month.xlsx")


# --- 医疗价格 ---------------------------------------------------------------------------------


def _list_for(request: HttpRequest, pk: int) -> PriceList:
    price_list = get_object_or_404(PriceList.objects.select_related("agency", "institution"), pk=pk)
    if not price_access.can_view(request.user, price_list):
        raise Http404
    return price_list


def _version_for(request: HttpRequest, pk: int) -> PriceVersion:
    version = get_object_or_404(
        PriceVersion.objects.select_related(
            "price_list__agency", "price_list__institution", "document"
        ),
        pk=pk,
    )
    if not price_access.can_view(request.user, version.price_list):
        raise Http404
    return version


@staff_required
def price_lists(request: HttpRequest) -> HttpResponse:
    lists = (
        price_access.lists_for_staff(request.user)
        .select_related("agency", "institution")
        .order_by("agency__code", "institution__code", "kind")
    )
    agency = _drafting_agency(request, price_access.can_draft_in)
    form = None
    if agency is not None:
        form = PriceListForm(
            request.POST or None, institutions=price_services.institutions_of(agency)
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                price_list = price_services.create_list(
                    agency=agency, actor=request.user, **form.cleaned_data
                )
            except PriceError as exc:
                form.add_error(exc.field, exc.message)
            else:
                return redirect("console:price-list-detail", price_list.pk)
    rows = [(pl, price_services.current_version(pl)) for pl in lists]
    return render(
        request, "console/price_lists.html", {"rows": rows, "form": form, "agency": agency}
    )


@staff_required
def price_list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The list's versions and the import of the next one."""
    price_list = _list_for(request, pk)
    can_draft = price_access.can_draft_in(request.user, price_list.agency)
    form = PriceImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST":
        if not can_draft:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.size, MAX_BYTES)
                version = price_importing.import_list(
                    price_list=price_list,
                    actor=request.user,
                    filename=upload.name,
                    data=upload.read(),
                )
            except ImportFailed as exc:
                form.add_error(None, exc.message)
                errors = exc.errors
            except (UploadRejected, PriceError) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已导入为新版本草稿，请核对变化后提交审核。"))
                return redirect("console:price-version", version.pk)
    return render(
        request,
        "console/price_list_detail.html",
        {
            "price_list": price_list,
            "versions": price_list.versions.order_by("-number"),
            "form": form if can_draft else None,
            "errors": errors,
        },
    )


@staff_required
def price_version(request: HttpRequest, pk: int) -> HttpResponse:
    """A version's rows and its changes against the last public version; row form in a draft."""
    version = _version_for(request, pk)
    user = request.user
    can_edit = price_access.can_edit(user, version)
    item = None
    if request.GET.get("item"):
        item = get_object_or_404(PriceItem, version=version, pk=request.GET.get("item"))
    initial = {}
    if item is not None:
        initial = {
            name: getattr(item, name)
            for name in ("code", "name", "specification", "unit", "price", "effective_on", "note")
        }
    form = PriceItemForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                price_services.save_item(
                    version=version, actor=user, values=form.values(), item=item
                )
            except PriceError as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("console:price-version", version.pk)
    return render(
        request,
        "console/price_version.html",
        {
            "version": version,
            "price_list": version.price_list,
            "items": version.items.order_by("code"),
            "changes": price_services.changes_of(version),
            "form": form if can_edit else None,
            "editing": item,
            "can_edit": can_edit,
            "can_review": price_access.can_review(user, version),
            "can_withdraw": price_access.can_withdraw(user, version),
        },
    )


@staff_required
@require_POST
def price_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The workflow buttons of a version (action=submit|return|publish|withdraw|delete_item)."""
    version = _version_for(request, pk)
    user = request.user
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "submit":
            if not price_access.can_edit(user, version):
                raise PermissionDenied
            price_services.submit_version(version=version, actor=user)
            messages.success(request, _("已提交审核。"))
        elif action == "return":
            if not price_access.can_review(user, version):
                raise PermissionDenied
            price_services.return_version(version=version, actor=user, reason=reason)
            messages.success(request, _("已退回修改。"))
        elif action == "publish":
            if not price_access.can_review(user, version):
                raise PermissionDenied
            price_publication.publish_version(version=version, actor=user)
            messages.success(
                request,
                _("已发布，索引号 %(number)s。") % {"number": version.document.index_number},
            )
        elif action == "withdraw":
            if not price_access.can_withdraw(user, version):
                raise PermissionDenied
            price_publication.withdraw_version(version=version, actor=user, reason=reason)
            messages.success(request, _("已撤回。"))
        elif action == "delete_item":
            if not price_access.can_edit(user, version):
                raise PermissionDenied
            item = get_object_or_404(PriceItem, version=version, pk=request.POST.get("item"))
            price_services.delete_item(item=item, actor=user)
            messages.success(request, _("已删除。"))
        else:
            raise Http404
    except PriceError as exc:
        messages.error(request, exc.message)
    return redirect("console:price-version", version.pk)


@staff_required
def price_template(request: HttpRequest) -> HttpResponse:
    return _xlsx_response(price_importing.template_xlsx(), "price-list.xlsx")
