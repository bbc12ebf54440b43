"""Console pages for enforcement lists (事前公开): the versions of the agencies the user reads,
a version's parts with a form per part while it is a draft, and its submit / return / publish.
Publishers and administrators draft; reviewers publish (never their own draft); supervisors
read (enforcement.inspection_access)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console import inspection_forms as forms
from gongkai.console.views import staff_required
from gongkai.enforcement import inspection_access as access
from gongkai.enforcement import list_services as services
from gongkai.enforcement.inspection_errors import InspectionError
from gongkai.enforcement.models import EnforcementList, ListStatus

PART_TITLES = {
    "subjects": gettext_lazy("执法主体"),
    "inspectors": gettext_lazy("执法人员"),
    "powers": gettext_lazy("权责清单"),
    "discretions": gettext_lazy("裁量基准"),
    "inspection_items": gettext_lazy("随机抽查事项清单"),
}


def handling_agencies(user):
    ids = [a.pk for a in agency_access.member_agencies(user) if access.can_handle_in(user, a)]
    return Agency.objects.filter(pk__in=ids).order_by("code")


def _list(request: HttpRequest, pk: int) -> EnforcementList:
    return get_object_or_404(
        access.lists_for_staff(request.user).select_related("agency", "drafted_by"), pk=pk
    )


@staff_required
def list_index(request: HttpRequest) -> HttpResponse:
    """Every version of the readable agencies, newest first, and a form to draft one."""
    agencies = handling_agencies(request.user)
    form = forms.ListDraftForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        if not agencies.exists():
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            current = services.current_list(data["agency"], on=timezone.localdate())
            draft = services.draft_list(
                agency=data["agency"],
                actor=request.user,
                title=data["title"],
                effective_from=data["effective_from"],
                procedures=current.procedures if current and data["copy_current"] else "",
                remedies=current.remedies if current and data["copy_current"] else "",
                copy_from=current if data["copy_current"] else None,
            )
            return redirect("console:enforcement-list", pk=draft.pk)
    versions = (
        access.lists_for_staff(request.user)
        .select_related("agency")
        .order_by("agency__code", "-effective_from")
    )
    return render(
        request,
        "console/enforcement_list_index.html",
        {"versions": versions, "form": form if agencies.exists() else None},
    )


def _part_blocks(enforcement_list: EnforcementList, bound: dict) -> list[dict]:
    return [
        {
            "part": part,
            "title": PART_TITLES[part],
            "rows": list(getattr(enforcement_list, part).all()),
            "form": bound.get(part) or form_class(prefix=part),
        }
        for part, form_class in forms.ROW_FORMS.items()
    ]


@staff_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A version: its texts and parts; while a draft, forms to change them."""
    enforcement_list = _list(request, pk)
    can_edit = enforcement_list.status == ListStatus.DRAFT and access.can_handle_in(
        request.user, enforcement_list.agency
    )
    bound: dict = {}
    texts_form = forms.ListTextsForm(
        initial={
            "title": enforcement_list.title,
            "effective_from": enforcement_list.effective_from,
            "procedures": enforcement_list.procedures,
            "remedies": enforcement_list.remedies,
        }
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        part = request.POST.get("part", "")
        if part == "texts":
            texts_form = forms.ListTextsForm(request.POST)
            if texts_form.is_valid():
                try:
                    services.update_texts(
                        enforcement_list=enforcement_list,
                        actor=request.user,
                        **texts_form.cleaned_data,
                    )
                except InspectionError as exc:
                    texts_form.add_error(None, exc.message)
                else:
                    messages.success(request, _("已保存。"))
                    return redirect("console:enforcement-list", pk=pk)
        elif part in forms.ROW_FORMS:
            form = forms.ROW_FORMS[part](request.POST, prefix=part)
            bound[part] = form
            if form.is_valid():
                try:
                    services.add_row(
                        enforcement_list=enforcement_list,
                        part=part,
                        values=form.cleaned_data,
                        actor=request.user,
                    )
                except InspectionError as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    messages.success(request, _("已添加。"))
                    return redirect("console:enforcement-list", pk=pk)
    return render(
        request,
        "console/enforcement_list_detail.html",
        {
            "version": enforcement_list,
            "blocks": _part_blocks(enforcement_list, bound),
            "texts_form": texts_form,
            "can_edit": can_edit,
            "can_review": enforcement_list.status == ListStatus.SUBMITTED
            and access.can_review_list(request.user, enforcement_list)
            and enforcement_list.drafted_by_id != request.user.pk,
            "return_form": forms.ReturnForm(),
        },
    )


@staff_required
@require_POST
def list_remove_row(request: HttpRequest, pk: int, part: str, row_pk: int) -> HttpResponse:
    enforcement_list = _list(request, pk)
    if part not in forms.ROW_FORMS or not access.can_handle_in(
        request.user, enforcement_list.agency
    ):
        raise PermissionDenied
    try:
        services.remove_row(
            enforcement_list=enforcement_list, part=part, row_id=row_pk, actor=request.user
        )
    except InspectionError as exc:
        messages.error(request, exc.message)
    return redirect("console:enforcement-list", pk=pk)


@staff_required
@require_POST
def list_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit (drafter's side), return or publish (reviewer's side)."""
    enforcement_list = _list(request, pk)
    try:
        if action == "submit":
            if not access.can_handle_in(request.user, enforcement_list.agency):
                raise PermissionDenied
            services.submit_list(enforcement_list=enforcement_list, actor=request.user)
            messages.success(request, _("已提交审核。"))
        elif action in ("return", "publish"):
            if not access.can_review_list(request.user, enforcement_list):
                raise PermissionDenied
            if action == "return":
                form = forms.ReturnForm(request.POST)
                if not form.is_valid():
                    raise InspectionError(_("退回时请写明审核意见。"))
                services.return_list(
                    enforcement_list=enforcement_list,
                    actor=request.user,
                    comments=form.cleaned_data["comments"],
                )
                messages.success(request, _("已退回起草人。"))
            else:
                services.publish_list(enforcement_list=enforcement_list, actor=request.user)
                messages.success(request, _("已发布。"))
        else:
            raise PermissionDenied
    except InspectionError as exc:
        messages.error(request, exc.message)
    return redirect("console:enforcement-list", pk=pk)
