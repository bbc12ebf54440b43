"""重大建设项目 in the console: the projects of the agencies the user reads, a project's eight
stages with their clocks, entering a stage or marking it not applicable, the reviewer's
publication, procurement notices, and the project list import. Views parse input, ask
projects.access and call one service each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.project_forms import (
    NotApplicableForm,
    ProcurementForm,
    ProjectForm,
    ProjectImportForm,
    StageForm,
)
from gongkai.console.views import staff_required
from gongkai.documents.errors import UploadRejected
from gongkai.documents.importing import ImportFailed
from gongkai.documents.uploads import check_size
from gongkai.http.params import parse_id
from gongkai.projects import access, importing, publication, services
from gongkai.projects.errors import ProjectError
from gongkai.projects.models import (
    Procurement,
    ProcurementState,
    Project,
    ProjectStage,
    ProjectStatus,
    StageState,
)

MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _entering_agencies(user) -> list[Agency]:
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_enter_in(user, agency)
    ]


def _project_for(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("agency", "catalogue_item"), pk=pk)
    if not access.can_view(request.user, project):
        raise Http404  # another agency's project does not exist for this user
    return project


def _add_errors(form, exc: ProjectError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@staff_required
def project_list(request: HttpRequest) -> HttpResponse:
    projects = access.projects_for_staff(request.user).select_related("agency")
    return render(
        request,
        "console/project_list.html",
        {"projects": projects, "can_enter": bool(_entering_agencies(request.user))},
    )


@staff_required
def project_create(request: HttpRequest) -> HttpResponse:
    choices = _entering_agencies(request.user)
    agency_id = parse_id(request.POST.get("agency") or request.GET.get("agency"))
    agency = next((a for a in choices if a.pk == agency_id), choices[0] if choices else None)
    if agency is None:
        raise PermissionDenied
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(
                agency=agency, actor=request.user, values=form.cleaned_data
            )
        except ProjectError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已新增项目。请按信息形成的先后录入各类信息。"))
            return redirect("console:project-detail", project.pk)
    return render(request, "console/project_form.html", {"form": form, "agency": agency})


@staff_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    return render(
        request,
        "console/project_detail.html",
        {
            "project": project,
            "stages": project.stages.in_order().select_related("document"),
            "procurements": project.procurements.select_related("document"),
            "can_enter": access.can_enter_in(request.user, project.agency),
            "StageState": StageState,
            "statuses": ProjectStatus.choices,
        },
    )


@staff_required
@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    """前期 → 在建 → 已竣工 (or 停建缓建), as the owner unit reports it."""
    project = _project_for(request, pk)
    if not access.can_enter_in(request.user, project.agency):
        raise PermissionDenied
    try:
        services.change_status(
            project=project, actor=request.user, status=request.POST.get("status", "")
        )
    except ProjectError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已更新项目状态。"))
    return redirect("console:project-detail", project.pk)


@staff_required
def stage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One stage: its form (entering or correcting before publication), not applicable with a
    reason, and the reviewer's publication. `action` says which."""
    stage = get_object_or_404(
        ProjectStage.objects.select_related("project__agency", "document"), pk=pk
    )
    project = stage.project
    if not access.can_view(request.user, project):
        raise Http404
    user = request.user
    can_enter = access.can_enter_in(user, project.agency) and stage.state in (
        StageState.PENDING,
        StageState.RECORDED,
    )
    can_publish = access.can_publish(user, project) and stage.state == StageState.RECORDED
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {**stage.details, "formed_on": stage.formed_on, "is_licensing": stage.is_licensing}
    form = StageForm(request.POST if action == "record" else None, kind=stage.kind, initial=initial)
    na_form = NotApplicableForm(request.POST if action == "not_applicable" else None)
    publish_error = ""
    if action in ("record", "not_applicable") and not can_enter:
        raise PermissionDenied
    if action == "publish" and not can_publish:
        raise PermissionDenied
    try:
        if action == "record" and form.is_valid():
            services.record_stage(
                stage=stage,
                actor=user,
                details=form.details(),
                formed_on=form.cleaned_data["formed_on"],
                is_licensing=form.cleaned_data.get("is_licensing", False),
            )
            messages.success(request, _("已录入，请审核员审核发布。"))
            return redirect("console:project-detail", project.pk)
        if action == "not_applicable" and na_form.is_valid():
            services.mark_not_applicable(
                stage=stage, actor=user, reason=na_form.cleaned_data["reason"]
            )
            messages.success(request, _("已标记为不适用。"))
            return redirect("console:project-detail", project.pk)
        if action == "publish":
            stage = publication.publish_stage(stage=stage, actor=user)
            messages.success(
                request,
                _("已发布，索引号 %(number)s。") % {"number": stage.document.index_number},
            )
            return redirect("console:project-detail", project.pk)
    except ProjectError as exc:
        if action == "record":
            _add_errors(form, exc)
        elif action == "not_applicable":
            _add_errors(na_form, exc)
        else:
            publish_error = exc.message
    return render(
        request,
        "console/project_stage.html",
        {
            "stage": stage,
            "project": project,
            "form": form,
            "na_form": na_form,
            "can_enter": can_enter,
            "can_publish": can_publish,
            "publish_error": publish_error,
        },
    )


@staff_required
def procurement_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    if not access.can_enter_in(request.user, project.agency):
        raise PermissionDenied
    form = ProcurementForm(request.POST or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        kind, formed_on = values.pop("kind"), values.pop("formed_on")
        try:
            services.record_procurement(
                project=project, actor=request.user, kind=kind, values=values, formed_on=formed_on
            )
        except ProjectError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已录入，请审核员审核发布。"))
            return redirect("console:project-detail", project.pk)
    return render(
        request, "console/project_procurement_form.html", {"form": form, "project": project}
    )


@staff_required
def procurement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = get_object_or_404(
        Procurement.objects.select_related("project__agency", "document"), pk=pk
    )
    if not access.can_view(request.user, procurement.project):
        raise Http404
    can_publish = (
        access.can_publish(request.user, procurement.project)
        and procurement.state == ProcurementState.RECORDED
    )
    return render(
        request,
        "console/project_procurement.html",
        {"procurement": procurement, "project": procurement.project, "can_publish": can_publish},
    )


@staff_required
@require_POST
def procurement_publish(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = get_object_or_404(Procurement.objects.select_related("project__agency"), pk=pk)
    if not access.can_view(request.user, procurement.project):
        raise Http404
    if not access.can_publish(request.user, procurement.project):
        raise PermissionDenied
    try:
        procurement = publication.publish_procurement(procurement=procurement, actor=request.user)
    except ProjectError as exc:
        messages.error(request, exc.message)
        return redirect("console:project-procurement", procurement.pk)
    messages.success(
        request, _("已发布，索引号 %(number)s。") % {"number": procurement.document.index_number}
    )
    return redirect("console:project-detail", procurement.project_id)


@staff_required
def project_import(request: HttpRequest) -> HttpResponse:
    """The project list from XLSX: every row checked first; a bad row and nothing imported."""
    choices = _entering_agencies(request.user)
    if not choices:
        raise PermissionDenied
    agency = choices[0]
    form = ProjectImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size, MAX_IMPORT_BYTES)
            result = importing.import_projects(
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
                ngettext("已导入 %(count)d 个项目。", "已导入 %(count)d 个项目。", result.count)
                % {"count": result.count},
            )
            return redirect("console:project-list")
    return render(
        request,
        "console/project_import.html",
        {"form": form, "agency": agency, "errors": errors, "columns": importing.COLUMNS},
    )
