"""办事服务 in the console: the agency's service items with what their guides lack, the one-page
guide form, review, publication, versions and withdrawal. Views parse input, ask
service_guides.access and call one service each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.service_guide_forms import (
    KEY_FIELDS,
    SECTIONS,
    DecisionItemForm,
    GuideForm,
    MaterialFileForm,
    MaterialFormSet,
    ReturnForm,
    ServiceItemForm,
    StepFormSet,
    WithdrawForm,
    material_initial,
    material_rows,
    step_initial,
    step_rows,
)
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.service_guides import access, publication, services
from gongkai.service_guides.completeness import completeness
from gongkai.service_guides.errors import GuideError
from gongkai.service_guides.models import Guide, GuideStatus, ServiceItem


def _item_for(request: HttpRequest, pk: int) -> ServiceItem:
    item = get_object_or_404(ServiceItem.objects.select_related("agency", "catalogue_item"), pk=pk)
    if not access.can_view_item(request.user, item):
        raise Http404  # another agency's item does not exist for this user
    return item


def _guide_for(request: HttpRequest, pk: int) -> Guide:
    guide = get_object_or_404(
        Guide.objects.select_related("service_item__agency", "document"), pk=pk
    )
    if not access.can_view_item(request.user, guide.service_item):
        raise Http404
    return guide


def _drafting_agencies(user):
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_draft_in(user, agency)
    ]


@staff_required
def item_list(request: HttpRequest) -> HttpResponse:
    """The items of the agencies the user reads; `?incomplete=1`: only those lacking a
    complete published guide, with the missing key elements."""
    items = (
        access.items_for_staff(request.user)
        .select_related("agency")
        .order_by("agency__code", "item_type", "code")
    )
    only_incomplete = request.GET.get("incomplete") == "1"
    rows = completeness(items.filter(is_active=True) if only_incomplete else items)
    if only_incomplete:
        rows = [row for row in rows if not row.is_complete]
    return render(
        request,
        "console/service_item_list.html",
        {
            "rows": rows,
            "only_incomplete": only_incomplete,
            "drafting_agencies": _drafting_agencies(request.user),
        },
    )


@staff_required
def item_create(request: HttpRequest) -> HttpResponse:
    agency_id = parse_id(request.POST.get("agency") or request.GET.get("agency"))
    agency = get_object_or_404(Agency, pk=agency_id) if agency_id else None
    if agency is None:
        choices = _drafting_agencies(request.user)
        agency = choices[0] if choices else None
    if agency is None or not access.can_draft_in(request.user, agency):
        raise PermissionDenied
    form = ServiceItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(agency=agency, actor=request.user, values=form.cleaned_data)
        except GuideError as exc:
            for field, errors in exc.errors.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            if not exc.errors:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("已新增政务服务事项，请起草办事指南。"))
            return redirect("console:service-item-detail", item.pk)
    return render(request, "console/service_item_form.html", {"form": form, "agency": agency})


@staff_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for(request, pk)
    row = completeness([item])[0]
    guides = item.guides.select_related("document", "drafted_by", "reviewed_by").order_by(
        "-version"
    )
    open_version = row.open_version
    user = request.user
    return render(
        request,
        "console/service_item_detail.html",
        {
            "item": item,
            "row": row,
            "guides": guides,
            "open_version": open_version,
            "open_missing": services.guide_missing(open_version) if open_version else [],
            "can_draft": access.can_draft_in(user, item.agency),
            "can_edit": open_version is not None and access.can_edit(user, open_version),
            "can_review": open_version is not None
            and open_version.status == GuideStatus.IN_REVIEW
            and access.can_review(user, open_version),
            "can_withdraw": row.published is not None and access.can_withdraw(user, row.published),
            "file_form": MaterialFileForm(guide=open_version) if open_version else None,
            "return_form": ReturnForm(),
            "withdraw_form": WithdrawForm(),
        },
    )


@staff_required
def guide_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page guide form: every element, grouped as the national list groups them;
    every problem reported in one round."""
    guide = _guide_for(request, pk)
    if not access.can_edit(request.user, guide):
        raise PermissionDenied
    if request.method == "POST":
        # The form validates on a copy: the service compares the saved guide with the new values.
        form = GuideForm(request.POST, instance=Guide.objects.get(pk=guide.pk))
        materials = MaterialFormSet(request.POST, prefix="materials")
        steps = StepFormSet(request.POST, prefix="steps")
        valid = all([form.is_valid(), materials.is_valid(), steps.is_valid()])
        _summarise_row_errors(form, materials, _("第%(n)s项申请材料"))
        _summarise_row_errors(form, steps, _("第%(n)s个办理环节"))
        if valid:
            values = {
                name: value for name, value in form.cleaned_data.items() if name in form.fields
            }
            try:
                services.update_guide(
                    guide=guide,
                    actor=request.user,
                    values=values,
                    materials=material_rows(materials),
                    steps=step_rows(steps),
                )
            except GuideError as exc:
                _show_errors(form, materials, steps, exc)
            else:
                missing = services.guide_missing_key(guide)
                if missing:
                    messages.warning(
                        request,
                        _("已保存。尚缺关键要素：%(labels)s，补齐后才能发布。")
                        % {"labels": "、".join(str(e.label) for e in missing)},
                    )
                else:
                    messages.success(request, _("已保存，关键要素齐全。"))
                return redirect("console:service-item-detail", guide.service_item_id)
    else:
        form = GuideForm(instance=guide)
        materials = MaterialFormSet(initial=material_initial(guide), prefix="materials")
        steps = StepFormSet(initial=step_initial(guide), prefix="steps")
    return render(
        request,
        "console/service_guide_form.html",
        {
            "guide": guide,
            "item": guide.service_item,
            "form": form,
            "materials": materials,
            "steps": steps,
            "sections": [
                (
                    label,
                    [(name, form[name] if not name.startswith("@") else None) for name in names],
                )
                for label, names in SECTIONS
            ],
            "key_fields": KEY_FIELDS,
        },
    )


def _summarise_row_errors(form, formset, row_label: str) -> None:
    """A row's problems also go on the form's summary, naming the row and the field."""
    if not formset.is_bound:
        return
    for number, row in enumerate(formset.forms, start=1):
        for field, errors in row.errors.items():
            label = row.fields[field].label if field in row.fields else ""
            for error in errors:
                form.add_error(
                    None,
                    _("%(row)s（%(field)s）：%(error)s")
                    % {"row": row_label % {"n": number}, "field": label, "error": error},
                )


def _show_errors(form, materials, steps, exc: GuideError) -> None:
    errors = exc.errors or {None: [exc.message]}
    for field, field_messages in errors.items():
        for message in field_messages:
            if field and field.startswith(("materials-", "steps-")):
                # A row's problem goes on the summary, naming the row.
                form.add_error(None, message)
            else:
                form.add_error(field if field in form.fields else None, message)


@staff_required
@require_POST
def guide_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One POST endpoint per guide for the workflow buttons (action=…)."""
    guide = _guide_for(request, pk)
    user = request.user
    action = request.POST.get("action", "")
    try:
        if action == "submit":
            if not access.can_edit(user, guide):
                raise PermissionDenied
            services.submit_guide(guide=guide, actor=user)
            messages.success(request, _("已提交审核。"))
        elif action == "return":
            if not access.can_review(user, guide):
                raise PermissionDenied
            services.return_guide(
                guide=guide, actor=user, comments=request.POST.get("comments", "")
            )
            messages.success(request, _("已退回修改。"))
        elif action == "publish":
            if not access.can_review(user, guide):
                raise PermissionDenied
            publication.publish_guide(guide=guide, actor=user)
            messages.success(
                request,
                _("已发布，索引号 %(number)s。") % {"number": guide.document.index_number},
            )
        elif action == "withdraw":
            if not access.can_withdraw(user, guide):
                raise PermissionDenied
            publication.withdraw_guide(
                guide=guide, actor=user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("已撤回。"))
        elif action == "upload":
            if not access.can_edit(user, guide):
                raise PermissionDenied
            form = MaterialFileForm(request.POST, request.FILES, guide=guide)
            if not form.is_valid():
                raise GuideError(_("请选择申请材料、文件类别和文件。"))
            upload = form.cleaned_data["file"]
            services.attach_material_file(
                material=form.cleaned_data["material"],
                actor=user,
                which=form.cleaned_data["which"],
                name=upload.name,
                data=upload.read(),
            )
            messages.success(request, _("已上传。"))
        else:
            raise Http404
    except GuideError as exc:
        messages.error(request, exc.message)
    return redirect("console:service-item-detail", guide.service_item_id)


@staff_required
@require_POST
def item_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for(request, pk)
    if not access.can_draft_in(request.user, item.agency):
        raise PermissionDenied
    try:
        guide = services.start_version(service_item=item, actor=request.user)
    except GuideError as exc:
        messages.error(request, exc.message)
        return redirect("console:service-item-detail", item.pk)
    return redirect("console:service-guide-edit", guide.pk)


@staff_required
def decision_service_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the service item a licensing decision decides (or none)."""
    from gongkai.enforcement import access as enforcement_access
    from gongkai.enforcement.models import Decision, DecisionKind

    decision = get_object_or_404(Decision.objects.select_related("agency"), pk=pk)
    if not enforcement_access.can_view(request.user, decision):
        raise Http404
    if decision.kind != DecisionKind.LICENSING or not access.can_draft_in(
        request.user, decision.agency
    ):
        raise PermissionDenied
    items = ServiceItem.objects.active().filter(agency=decision.agency, item_type="licensing")
    form = DecisionItemForm(
        request.POST or None, items=items, initial={"service_item": decision.service_item_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.link_decision(
                decision=decision,
                service_item=form.cleaned_data["service_item"],
                actor=request.user,
            )
        except GuideError as exc:
            form.add_error("service_item", exc.message)
        else:
            messages.success(request, _("已保存关联的政务服务事项。"))
            return redirect("console:decision-detail", decision.pk)
    return render(
        request, "console/decision_service_item.html", {"decision": decision, "form": form}
    )
