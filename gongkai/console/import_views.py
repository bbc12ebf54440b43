"""Console pages for bulk import of an agency's already published records (its history)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.forms import ImportForm
from gongkai.console.views import staff_required
from gongkai.documents import access, importing

MAX_IMPORT_BYTES = 10 * 1024 * 1024
ERRORS_SHOWN = 500  # a file with thousands of problems is best fixed a screenful at a time
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _importable_agencies(user) -> QuerySet[Agency]:
    """Agencies the user may import into (reviewer or administrator there)."""
    ids = [a.pk for a in agency_access.member_agencies(user) if access.can_import_into(user, a)]
    return Agency.objects.filter(pk__in=ids).order_by("code")


def _choice_tables() -> list[dict]:
    return [
        {"header": header, "choices": choices.choices}
        for header, choices in importing.CHOICE_COLUMNS.items()
    ]


@staff_required
def import_documents(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet of published records; all rows are imported, or none."""
    agencies = _importable_agencies(request.user)
    context = {
        "columns": importing.TEMPLATE_COLUMNS,
        "choice_tables": _choice_tables(),
        "max_megabytes": MAX_IMPORT_BYTES // (1024 * 1024),
        "max_rows": importing.MAX_ROWS,
    }
    if not agencies.exists():
        # Publishers and supervisors see why they cannot import, with a 403 status.
        return render(request, "console/import.html", {**context, "form": None}, status=403)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if len(agencies) == 1:
        form.fields["agency"].initial = agencies[0]
    failure = None
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        upload = form.cleaned_data["file"]
        if not access.can_import_into(request.user, agency):
            raise PermissionDenied
        if upload.size > MAX_IMPORT_BYTES:  # refuse before reading it into memory
            form.add_error(
                "file",
                _("文件太大，上限为 %(limit)d MB。请分成几个文件导入。")
                % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)},
            )
        else:
            try:
                result = importing.import_file(
                    agency=agency, actor=request.user, filename=upload.name, data=upload.read()
                )
            except importing.ImportFailed as exc:
                failure = exc
            else:
                messages.success(
                    request,
                    ngettext("已导入 %(count)d 条信息。", "已导入 %(count)d 条信息。", result.count)
                    % {"count": result.count},
                )
                return redirect("console:document-list")
    return render(
        request,
        "console/import.html",
        {
            **context,
            "form": form,
            "failure": failure,
            "errors": failure.errors[:ERRORS_SHOWN] if failure else [],
            "errors_hidden": max(len(failure.errors) - ERRORS_SHOWN, 0) if failure else 0,
        },
    )


@staff_required
def import_template(request: HttpRequest) -> HttpResponse:
    """The XLSX template: column names, one example row and a sheet of explanations."""
    response = HttpResponse(importing.template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="gongkai-import-template.xlsx"'
    return response
