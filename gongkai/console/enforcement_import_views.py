"""Console pages for bulk entry of enforcement decisions: import (all rows or none), the blank
templates, and export in the credit platform's layout."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.import_views import ERRORS_SHOWN, MAX_IMPORT_BYTES
from gongkai.console.views import staff_required
from gongkai.enforcement import access, exporting, importing, layouts
from gongkai.enforcement.models import DecisionKind

KIND_CHOICES = [(kind.value, kind.label) for kind in layouts.IMPORTABLE_KINDS]
FORMAT_CHOICES = [("xlsx", "XLSX"), ("csv", gettext_lazy("CSV（UTF-8）"))]
ALLOWED_SUFFIXES = (".xlsx", ".csv", ".txt")


class DecisionImportForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("导入到机关"), queryset=Agency.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("决定类型"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=gettext_lazy("表格文件"),
        help_text=gettext_lazy("XLSX 或 CSV（UTF-8 或 GBK），第一行为列名，列说明见下方。"),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("导入后直接公示（仅审核员）"),
        required=False,
        help_text=gettext_lazy("不勾选时导入为草稿，由审核员逐条审核公示。"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("只能上传 XLSX 或 CSV 文件。"))
        if upload.size > MAX_IMPORT_BYTES:  # refused before it is read into memory
            raise forms.ValidationError(
                _("文件太大，上限为 %(limit)d MB。请分成几个文件导入。")
                % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


class DecisionExportForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("机关"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("决定类型"), choices=KIND_CHOICES)
    decided_from = forms.DateField(
        label=gettext_lazy("决定日期自"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decided_to = forms.DateField(
        label=gettext_lazy("决定日期至"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    file_format = forms.ChoiceField(label=gettext_lazy("文件格式"), choices=FORMAT_CHOICES)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("decided_from"), cleaned.get("decided_to")
        if start and end and end < start:
            self.add_error("decided_to", _("结束日期不能早于开始日期。"))
        return cleaned


def _importing_agencies(user) -> QuerySet[Agency]:
    ids = [a.pk for a in agency_access.member_agencies(user) if importing.may_import_into(user, a)]
    return Agency.objects.filter(pk__in=ids).order_by("code")


def _readable_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=agency_access.readable_agency_ids(user)).order_by("code")


def _layouts() -> list[dict]:
    return [
        {"kind": kind, "label": kind.label, "columns": layouts.columns_for(kind)}
        for kind in layouts.IMPORTABLE_KINDS
    ]


@staff_required
def import_decisions(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet of licensing or penalty decisions; all rows are imported, or none."""
    agencies = _importing_agencies(request.user)
    context = {
        "layouts": _layouts(),
        "max_megabytes": MAX_IMPORT_BYTES // (1024 * 1024),
        "max_rows": importing.MAX_ROWS,
    }
    if not agencies.exists():
        return render(
            request, "console/enforcement_import.html", {**context, "form": None}, status=403
        )
    form = DecisionImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if len(agencies) == 1:
        form.fields["agency"].initial = agencies[0]
    failure = None
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        publish = form.cleaned_data["publish"]
        if not importing.may_import_into(request.user, agency):
            raise PermissionDenied
        if publish and not importing.may_publish_on_import(request.user, agency):
            form.add_error("publish", _("只有审核员可以在导入时直接公示。"))
        else:
            upload = form.cleaned_data["file"]
            try:
                result = importing.import_file(
                    agency=agency,
                    kind=form.cleaned_data["kind"],
                    actor=request.user,
                    filename=upload.name,
                    data=upload.read(),
                    publish=publish,
                )
            except importing.ImportFailed as exc:
                failure = exc
            else:
                message = (
                    ngettext(
                        "已导入并公示 %(count)d 条%(kind)s决定。",
                        "已导入并公示 %(count)d 条%(kind)s决定。",
                        result.count,
                    )
                    if publish
                    else ngettext(
                        "已导入 %(count)d 条%(kind)s决定（草稿），请审核后公示。",
                        "已导入 %(count)d 条%(kind)s决定（草稿），请审核后公示。",
                        result.count,
                    )
                )
                messages.success(
                    request,
                    message % {"count": result.count, "kind": DecisionKind(result.kind).label},
                )
                return redirect("console:decision-list")
    return render(
        request,
        "console/enforcement_import.html",
        {
            **context,
            "form": form,
            "failure": failure,
            "errors": failure.errors[:ERRORS_SHOWN] if failure else [],
            "errors_hidden": max(len(failure.errors) - ERRORS_SHOWN, 0) if failure else 0,
        },
    )


@staff_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The blank XLSX template of one layout."""
    if kind not in layouts.LAYOUTS:
        raise Http404
    response = HttpResponse(
        exporting.blank_template(kind), content_type=exporting.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="enforcement-{kind}-template.xlsx"'
    return response


@staff_required
def export_decisions(request: HttpRequest) -> HttpResponse:
    """An agency's published decisions in the credit platform's layout, as CSV or XLSX."""
    agencies = _readable_agencies(request.user)
    form = DecisionExportForm(request.GET or None, agencies=agencies)
    if len(agencies) == 1:
        form.fields["agency"].initial = agencies[0]
    if request.GET and form.is_valid():
        agency = form.cleaned_data["agency"]
        kind = form.cleaned_data["kind"]
        file_format = form.cleaned_data["file_format"]
        data = exporting.export(
            access.decisions_for_staff(request.user).filter(agency=agency),
            kind=kind,
            file_format=file_format,
            decided_from=form.cleaned_data["decided_from"],
            decided_to=form.cleaned_data["decided_to"],
        )
        content_type = (
            exporting.CSV_CONTENT_TYPE if file_format == "csv" else exporting.XLSX_CONTENT_TYPE
        )
        response = HttpResponse(data, content_type=content_type)
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = (
            f'attachment; filename="{agency.code}-{kind}-{stamp}.{file_format}"'
        )
        return response
    return render(request, "console/enforcement_export.html", {"form": form})
