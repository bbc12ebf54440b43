"""开放数据 in the console: the agencies' datasets and their states, the dataset form,
resources (upload with every problem of a bad file shown on the form, or generated from a
registered source), review, publication, withdrawal and each resource's versions. Views parse
input, ask opendata.access and call one service each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from gongkai import limits
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.console.opendata_forms import (
    DatasetForm,
    GeneratedResourceForm,
    ReasonForm,
    ReplaceResourceForm,
    UploadResourceForm,
)
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.opendata import access, services, sources
from gongkai.opendata.errors import DatasetError
from gongkai.opendata.models import Dataset, DatasetStatus, Resource, ResourceOrigin


def _dataset_for(request: HttpRequest, pk: int) -> Dataset:
    dataset = get_object_or_404(
        Dataset.objects.select_related("agency", "catalogue_item", "drafted_by", "reviewed_by"),
        pk=pk,
    )
    if not access.can_view(request.user, dataset):
        raise Http404  # another agency's dataset does not exist for this user
    return dataset


def _drafting_agencies(user):
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_draft_in(user, agency)
    ]


def _show_errors(form, exc: DatasetError) -> None:
    for field, errors in exc.errors.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)
    if not exc.errors:
        form.add_error(None, exc.message)


@staff_required
def dataset_list(request: HttpRequest) -> HttpResponse:
    datasets = (
        access.datasets_for_staff(request.user)
        .select_related("agency")
        .prefetch_related("resources")
        .order_by("agency__code", "status", "title")
    )
    status = request.GET.get("status", "")
    if status in DatasetStatus.values:
        datasets = datasets.filter(status=status)
    return render(
        request,
        "console/dataset_list.html",
        {
            "datasets": datasets,
            "statuses": DatasetStatus.choices,
            "status": status,
            "drafting_agencies": _drafting_agencies(request.user),
        },
    )


@staff_required
def dataset_create(request: HttpRequest) -> HttpResponse:
    agency_id = parse_id(request.POST.get("agency") or request.GET.get("agency"))
    agency = get_object_or_404(Agency, pk=agency_id) if agency_id else None
    if agency is None:
        choices = _drafting_agencies(request.user)
        agency = choices[0] if choices else None
    if agency is None or not access.can_draft_in(request.user, agency):
        raise PermissionDenied
    form = DatasetForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.create_dataset(
                agency=agency, actor=request.user, values=form.cleaned_data, tags=form.tag_list()
            )
        except DatasetError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已新建数据集，请添加数据资源。"))
            return redirect("console:dataset-detail", dataset.pk)
    return render(
        request, "console/dataset_form.html", {"form": form, "agency": agency, "dataset": None}
    )


@staff_required
def dataset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _dataset_for(request, pk)
    if not access.can_edit(request.user, dataset):
        raise PermissionDenied
    form = DatasetForm(request.POST or None, instance=dataset, agency=dataset.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dataset(
                dataset=dataset, actor=request.user, values=form.cleaned_data, tags=form.tag_list()
            )
        except DatasetError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("console:dataset-detail", dataset.pk)
    return render(
        request,
        "console/dataset_form.html",
        {"form": form, "agency": dataset.agency, "dataset": dataset},
    )


def _detail(request: HttpRequest, dataset: Dataset, **forms) -> HttpResponse:
    user = request.user
    resources = []
    for resource in dataset.resources.prefetch_related("versions__created_by"):
        versions = sorted(resource.versions.all(), key=lambda v: -v.number)
        resources.append(
            {
                "resource": resource,
                "versions": versions,
                "replace_form": forms.get(f"replace_{resource.pk}")
                or ReplaceResourceForm(prefix=f"r{resource.pk}"),
            }
        )
    history = (
        AuditEvent.objects.filter(content_type__app_label="opendata", object_id=str(dataset.pk))
        .select_related("actor")
        .order_by("-at")[:50]
    )
    return render(
        request,
        "console/dataset_detail.html",
        {
            "dataset": dataset,
            "resources": resources,
            "history": history,
            "upload_form": forms.get("upload") or UploadResourceForm(),
            "generated_form": forms.get("generated") or GeneratedResourceForm(),
            "has_sources": bool(sources.all_sources()),
            "reason_form": ReasonForm(),
            "can_edit": access.can_edit(user, dataset),
            "can_change_resources": access.can_change_resources(user, dataset),
            "can_review": access.can_review(user, dataset),
            "can_withdraw": access.can_withdraw(user, dataset),
            "can_draft": access.can_draft_in(user, dataset.agency),
            "max_mb": limits.DATASET_FILE_MAX_BYTES // 1024 // 1024,
        },
        status=400 if any(f.errors for f in forms.values()) else 200,
    )


@staff_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _dataset_for(request, pk))


def _read_upload(form) -> bytes:
    upload = form.cleaned_data["file"]
    if upload.size > limits.DATASET_FILE_MAX_BYTES:
        # Refused before reading a byte of it; parse_upload says the same for a smaller cap.
        return upload.read(limits.DATASET_FILE_MAX_BYTES + 1)
    return upload.read()


@require_POST
@staff_required
def resource_upload(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _dataset_for(request, pk)
    if not access.can_change_resources(request.user, dataset):
        raise PermissionDenied
    form = UploadResourceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_uploaded_resource(
                dataset=dataset,
                actor=request.user,
                title=form.cleaned_data["title"],
                data=_read_upload(form),
                schema=form.cleaned_data["schema"],
            )
        except DatasetError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已添加数据资源。"))
            return redirect("console:dataset-detail", dataset.pk)
    return _detail(request, dataset, upload=form)


@require_POST
@staff_required
def resource_generated(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _dataset_for(request, pk)
    if not access.can_change_resources(request.user, dataset):
        raise PermissionDenied
    form = GeneratedResourceForm(request.POST)
    if form.is_valid():
        try:
            services.add_generated_resource(
                dataset=dataset, actor=request.user, **form.cleaned_data
            )
        except DatasetError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("已添加由平台数据生成的资源。"))
            return redirect("console:dataset-detail", dataset.pk)
    return _detail(request, dataset, generated=form)


@require_POST
@staff_required
def resource_replace(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    dataset = _dataset_for(request, pk)
    resource = get_object_or_404(
        Resource, pk=resource_pk, dataset=dataset, origin=ResourceOrigin.UPLOAD
    )
    if not access.can_change_resources(request.user, dataset):
        raise PermissionDenied
    form = ReplaceResourceForm(request.POST, request.FILES, prefix=f"r{resource.pk}")
    if form.is_valid():
        try:
            version = services.replace_upload(
                resource=resource, actor=request.user, data=_read_upload(form)
            )
        except DatasetError as exc:
            _show_errors(form, exc)
        else:
            if version is None:
                messages.info(request, _("新文件的内容与当前版本相同，未生成新版本。"))
            else:
                messages.success(
                    request, _("已更新为第%(number)d版。") % {"number": version.number}
                )
            return redirect("console:dataset-detail", dataset.pk)
    return _detail(request, dataset, **{f"replace_{resource.pk}": form})


ACTIONS = {
    "submit": (access.can_edit, _lazy("已提交审核。")),
    "return": (access.can_review, _lazy("已退回起草人。")),
    "publish": (access.can_review, _lazy("已发布。")),
    "withdraw": (access.can_withdraw, _lazy("已撤回。")),
    "revise": (lambda user, d: access.can_draft_in(user, d.agency), _lazy("已重新起草。")),
}


@require_POST
@staff_required
def dataset_action(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _dataset_for(request, pk)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        raise Http404
    allowed, done = ACTIONS[action]
    if not allowed(request.user, dataset):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    user = request.user
    try:
        if action == "submit":
            services.submit_dataset(dataset=dataset, actor=user)
        elif action == "return":
            services.return_dataset(dataset=dataset, actor=user, comments=text)
        elif action == "publish":
            services.publish_dataset(dataset=dataset, actor=user)
        elif action == "withdraw":
            services.withdraw_dataset(dataset=dataset, actor=user, reason=text)
        else:
            services.revise_dataset(dataset=dataset, actor=user)
    except DatasetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, str(done))
    return redirect("console:dataset-detail", dataset.pk)
