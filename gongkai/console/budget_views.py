"""预决算 in the console: the agencies' budget tables, starting one (or importing it from
XLSX), the one-page form with its lines, review, publication, corrections and withdrawal.
Views parse input, ask budgets.access and call one service each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.budgets import access, importing, publication, services
from gongkai.budgets.errors import BudgetError
from gongkai.budgets.models import BudgetTable, TableStatus
from gongkai.console.budget_forms import (
    LineFormSet,
    ReturnForm,
    TableForm,
    TableImportForm,
    TableStartForm,
    WithdrawForm,
    line_initial,
    line_rows,
)
from gongkai.console.views import staff_required
from gongkai.documents.errors import UploadRejected
from gongkai.documents.importing import ImportFailed
from gongkai.documents.uploads import check_size

IMPORT_MAX_BYTES = 10 * 1024 * 1024


def _table_for(request: HttpRequest, pk: int) -> BudgetTable:
    table = get_object_or_404(BudgetTable.objects.select_related("agency", "document"), pk=pk)
    if not access.can_view(request.user, table):
        raise Http404  # another agency's table does not exist for this user
    return table


def _drafting_agencies(user):
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_draft_in(user, agency)
    ]


@staff_required
def table_list(request: HttpRequest) -> HttpResponse:
    tables = (
        access.tables_for_staff(request.user)
        .select_related("agency", "document")
        .order_by("agency__code", "-year", "kind", "-version")
    )
    return render(
        request,
        "console/budget_table_list.html",
        {"tables": tables, "can_draft": bool(_drafting_agencies(request.user))},
    )


@staff_required
def table_create(request: HttpRequest) -> HttpResponse:
    agencies = _drafting_agencies(request.user)
    if not agencies:
        raise PermissionDenied
    form = TableStartForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            table = services.start_table(
                agency=form.cleaned_data["agency"],
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
            )
        except BudgetError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("console:budget-table-edit", table.pk)
    return render(request, "console/budget_table_start.html", {"form": form})


@staff_required
def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table_for(request, pk)
    user = request.user
    lines = services.table_lines(table)
    previous = services.previous_table(table)
    versions = BudgetTable.objects.filter(
        agency=table.agency, year=table.year, kind=table.kind
    ).select_related("document", "drafted_by", "reviewed_by")
    is_open = table.status in (TableStatus.DRAFT, TableStatus.IN_REVIEW)
    return render(
        request,
        "console/budget_table_detail.html",
        {
            "table": table,
            "lines": lines,
            "previous": previous,
            "sangong": services.sangong(table, previous),
            "problems": services.table_problems(table) if is_open else [],
            "versions": versions.order_by("-version"),
            "can_edit": access.can_edit(user, table),
            "can_review": table.status == TableStatus.IN_REVIEW and access.can_review(user, table),
            "can_withdraw": table.status == TableStatus.PUBLISHED
            and access.can_withdraw(user, table),
            "can_correct": table.status == TableStatus.PUBLISHED
            and access.can_draft_in(user, table.agency)
            and not versions.open().exists(),
            "return_form": ReturnForm(),
            "withdraw_form": WithdrawForm(),
        },
    )


@staff_required
def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page form: totals, 三公, explanation and the lines; every problem in one round."""
    table = _table_for(request, pk)
    if not access.can_edit(request.user, table):
        raise PermissionDenied
    if request.method == "POST":
        form = TableForm(request.POST, instance=BudgetTable.objects.get(pk=table.pk))
        lines = LineFormSet(request.POST, prefix="lines")
        if form.is_valid() and lines.is_valid():
            values = {name: form.cleaned_data[name] for name in form.fields}
            try:
                services.update_table(
                    table=table, actor=request.user, values=values, lines=line_rows(lines)
                )
            except BudgetError as exc:
                for field, field_messages in exc.errors.items():
                    for message in field_messages:
                        form.add_error(field if field in form.fields else None, message)
                if not exc.errors:
                    form.add_error(None, exc.message)
            else:
                problems = services.table_problems(table)
                if problems:
                    messages.warning(
                        request,
                        _("已保存。提交审核前还需处理：%(problems)s")
                        % {"problems": "".join(problems)},
                    )
                else:
                    messages.success(request, _("已保存，表中各项核对无误。"))
                return redirect("console:budget-table-detail", table.pk)
    else:
        form = TableForm(instance=table)
        lines = LineFormSet(initial=line_initial(table), prefix="lines")
    return render(
        request,
        "console/budget_table_form.html",
        {"table": table, "form": form, "lines": lines},
    )


@staff_required
@require_POST
def table_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One POST endpoint per table for the workflow buttons (action=…)."""
    table = _table_for(request, pk)
    user = request.user
    action = request.POST.get("action", "")
    target = table
    try:
        if action == "submit":
            if not access.can_edit(user, table):
                raise PermissionDenied
            services.submit_table(table=table, actor=user)
            messages.success(request, _("已提交审核。"))
        elif action == "return":
            if not access.can_review(user, table):
                raise PermissionDenied
            services.return_table(
                table=table, actor=user, comments=request.POST.get("comments", "")
            )
            messages.success(request, _("已退回修改。"))
        elif action == "publish":
            if not access.can_review(user, table):
                raise PermissionDenied
            publication.publish_table(table=table, actor=user)
            messages.success(
                request, _("已发布，索引号 %(number)s。") % {"number": table.document.index_number}
            )
        elif action == "withdraw":
            if not access.can_withdraw(user, table):
                raise PermissionDenied
            publication.withdraw_table(
                table=table, actor=user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("已撤回。"))
        elif action == "correct":
            if not access.can_draft_in(user, table.agency):
                raise PermissionDenied
            target = services.start_table(
                agency=table.agency, year=table.year, kind=table.kind, actor=user
            )
            return redirect("console:budget-table-edit", target.pk)
        else:
            raise Http404
    except BudgetError as exc:
        messages.error(request, exc.message)
    return redirect("console:budget-table-detail", target.pk)


@staff_required
def table_import(request: HttpRequest) -> HttpResponse:
    agencies = [
        a for a in _drafting_agencies(request.user) if access.can_import_into(request.user, a)
    ]
    if not agencies:
        raise PermissionDenied
    form = TableImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size, IMPORT_MAX_BYTES)
            table = importing.import_table(
                agency=form.cleaned_data["agency"],
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
                filename=upload.name,
                data=upload.read(),
            )
        except ImportFailed as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        except UploadRejected as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("已导入为草稿，请补充情况说明后提交审核。"))
            return redirect("console:budget-table-detail", table.pk)
    return render(
        request,
        "console/budget_table_import.html",
        {"form": form, "errors": errors, "summary_rows": list(importing.SUMMARY_ROWS)},
    )


@staff_required
def table_import_template(request: HttpRequest) -> HttpResponse:
    if not _drafting_agencies(request.user):
        raise PermissionDenied
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="budget-table.xlsx"'
    return response
