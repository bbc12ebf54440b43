"""Import of an agency's existing guides from XLSX (service_guides/importing.py): a bad row is
reported with its row number and nothing is imported."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from gongkai.agencies import access as agency_access
from gongkai.console.service_guide_forms import GuideImportForm
from gongkai.console.views import staff_required
from gongkai.documents.errors import UploadRejected
from gongkai.documents.importing import ImportFailed
from gongkai.documents.uploads import check_size
from gongkai.service_guides import access, importing

MAX_BYTES = 10 * 1024 * 1024


def _agency(request: HttpRequest):
    for agency in agency_access.member_agencies(request.user).order_by("code"):
        if access.can_import_into(request.user, agency):
            return agency
    raise PermissionDenied


@staff_required
def guide_import(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    form = GuideImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size, MAX_BYTES)
            result = importing.import_guides(
                agency=agency, actor=request.user, filename=upload.name, data=upload.read()
            )
        except ImportFailed as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        except UploadRejected as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request,
                ngettext(
                    "已导入 %(count)d 份办事指南（草稿），请补齐要素后提交审核。",
                    "已导入 %(count)d 份办事指南（草稿），请补齐要素后提交审核。",
                    result.count,
                )
                % {"count": result.count},
            )
            return redirect("console:service-item-list")
    return render(
        request,
        "console/service_guide_import.html",
        {"form": form, "agency": agency, "errors": errors},
    )


@staff_required
def guide_import_template(request: HttpRequest) -> HttpResponse:
    _agency(request)
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="service-guides.xlsx"'
    return response
