"""Console pages for an agency's disclosure catalogue: derive, adapt, file with the supervisor."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai import limits
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.catalogue import access, services
from gongkai.catalogue.cadence import Cadence
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.models import AgencyCatalogue, AgencyItem, ItemStatus
from gongkai.catalogue.rules import CATALOGUE_LEVELS, catalogue_level_for
from gongkai.console.views import staff_required


class ItemForm(forms.Form):
    category_code = forms.CharField(label=gettext_lazy("一级事项编码"), max_length=16)
    category_name = forms.CharField(label=gettext_lazy("一级事项"), max_length=200)
    code = forms.CharField(
        label=gettext_lazy("编码"),
        max_length=24,
        help_text=gettext_lazy("在本机关目录中唯一，例如“L-01”。"),
    )
    name = forms.CharField(label=gettext_lazy("二级事项"), max_length=300)
    basis = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("公开依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    time_limit_days = forms.IntegerField(
        label=gettext_lazy("公开时限（工作日）"),
        min_value=1,
        max_value=365,
        initial=20,
        help_text=gettext_lazy(
            "自信息形成或者变更之日起计算的工作日数，通常为20，许可和处罚结果为7。"
        ),
    )
    subject = forms.CharField(label=gettext_lazy("公开主体"), max_length=200, required=False)


class EditItemForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("二级事项"), max_length=300)
    basis = forms.CharField(
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("公开依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    time_limit_days = forms.IntegerField(
        label=gettext_lazy("公开时限（工作日）"), min_value=1, max_value=365
    )
    subject = forms.CharField(label=gettext_lazy("公开主体"), max_length=200, required=False)
    cadence = forms.ChoiceField(
        label=gettext_lazy("定期公开"),
        choices=Cadence.choices,
        required=False,
        help_text=gettext_lazy(
            "按月、季度或年度定期公开的事项（如法定传染病疫情、部门决算），每期结束后应在下列"
            "时限内公开；逾期未公开的列入期限台账和督查。"
        ),
    )
    cadence_due_working_days = forms.IntegerField(
        label=gettext_lazy("每期结束后公开时限（工作日）"), min_value=1, max_value=365, initial=20
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("不适用理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审查结论"),
        choices=[("accept", gettext_lazy("备案通过")), ("return", gettext_lazy("退回修改"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        max_length=limits.REASON,
        error_messages=limits.TOO_LONG,
        label=gettext_lazy("审查意见"),
        required=False,
        help_text=gettext_lazy("退回时必填。"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _agency(request: HttpRequest, agency_pk: int) -> Agency:
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not agency_access.can_read_agency(request.user, agency):
        raise Http404
    return agency


def _catalogue(agency: Agency) -> AgencyCatalogue | None:
    return AgencyCatalogue.objects.filter(agency=agency).first()


def _item(request: HttpRequest, item_pk: int) -> AgencyItem:
    item = get_object_or_404(AgencyItem.objects.select_related("catalogue__agency"), pk=item_pk)
    if not agency_access.can_read_agency(request.user, item.catalogue.agency):
        raise Http404
    if not access.can_edit_catalogue(request.user, item.catalogue):
        raise PermissionDenied
    return item


def _back(agency: Agency) -> HttpResponse:
    return redirect("console:catalogue-detail", agency_pk=agency.pk)


def _run(request: HttpRequest, agency: Agency, action, success: str) -> HttpResponse:
    try:
        action()
    except CatalogueError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return _back(agency)


@staff_required
def catalogue_home(request: HttpRequest) -> HttpResponse:
    """Catalogues the user works on or reviews."""
    readable = (
        Agency.objects.filter(pk__in=agency_access.readable_agency_ids(request.user))
        .select_related("catalogue")
        .order_by("code")
    )
    return render(request, "console/catalogue_home.html", {"agencies": readable})


@staff_required
def catalogue_detail(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    catalogue = _catalogue(agency)
    items = list(catalogue.items.all()) if catalogue else []
    groups: dict[tuple[str, str], list[AgencyItem]] = {}
    for item in items:
        groups.setdefault((item.category_code, item.category_name), []).append(item)
    can_edit = catalogue is not None and access.can_edit_catalogue(request.user, catalogue)
    return render(
        request,
        "console/catalogue_detail.html",
        {
            "agency": agency,
            "catalogue": catalogue,
            "groups": groups.items(),
            "counts": {
                "kept": sum(1 for i in items if i.status == ItemStatus.KEPT),
                "added": sum(1 for i in items if i.status == ItemStatus.ADDED),
                "not_applicable": sum(1 for i in items if i.status == ItemStatus.NOT_APPLICABLE),
            },
            "can_edit": can_edit,
            "can_derive": agency_access.can_manage_agency(request.user, agency),
            "has_changes": catalogue is not None and bool(services.changes_for(catalogue)),
            "can_review": catalogue is not None
            and access.can_review_catalogue(request.user, catalogue),
            "item_form": ItemForm(),
            "reason_form": ReasonForm(),
            "review_form": ReviewForm(),
            # Item events are recorded on the items: show the whole catalogue's trail by agency.
            "trail": AuditEvent.objects.filter(
                agency=agency, action__startswith="catalogue."
            ).select_related("actor")[:100],
        },
    )


@require_POST
@staff_required
def catalogue_derive(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    if not agency_access.can_manage_agency(request.user, agency):
        raise PermissionDenied
    return _run(
        request,
        agency,
        lambda: services.derive_catalogue(agency=agency, actor=request.user),
        _("已按标准目录生成（或补齐）本机关目录。"),
    )


@require_POST
@staff_required
def item_add(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    catalogue = _catalogue(agency)
    if catalogue is None or not access.can_edit_catalogue(request.user, catalogue):
        raise PermissionDenied
    form = ItemForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("新增事项填写有误：%(errors)s") % {"errors": form.errors.as_text()}
        )
        return _back(agency)
    return _run(
        request,
        agency,
        lambda: services.add_item(catalogue=catalogue, actor=request.user, **form.cleaned_data),
        _("已新增事项。"),
    )


@staff_required
def item_edit(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = _item(request, item_pk)
    agency = item.catalogue.agency
    form = EditItemForm(
        request.POST or None,
        initial={
            "name": item.name,
            "basis": item.basis,
            "time_limit_days": item.time_limit_days,
            "subject": item.subject,
            "cadence": item.cadence,
            "cadence_due_working_days": item.cadence_due_working_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item=item, actor=request.user, **form.cleaned_data)
        except CatalogueError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("事项已保存。"))
            return _back(agency)
    return render(
        request, "console/catalogue_item_form.html", {"form": form, "item": item, "agency": agency}
    )


@require_POST
@staff_required
def item_not_applicable(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = _item(request, item_pk)
    reason = request.POST.get("reason", "")
    return _run(
        request,
        item.catalogue.agency,
        lambda: services.mark_not_applicable(item=item, reason=reason, actor=request.user),
        _("已标记为不适用。"),
    )


@require_POST
@staff_required
def item_restore(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = _item(request, item_pk)
    return _run(
        request,
        item.catalogue.agency,
        lambda: services.restore_item(item=item, actor=request.user),
        _("已恢复该事项。"),
    )


@require_POST
@staff_required
def catalogue_file(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    catalogue = _catalogue(agency)
    if catalogue is None or not access.can_edit_catalogue(request.user, catalogue):
        raise PermissionDenied
    return _run(
        request,
        agency,
        lambda: services.file_catalogue(catalogue=catalogue, actor=request.user),
        _("已报上级机关备案。"),
    )


@require_POST
@staff_required
def catalogue_review(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    catalogue = _catalogue(agency)
    if catalogue is None or not access.can_review_catalogue(request.user, catalogue):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审查结论。"))
        return _back(agency)
    comments = form.cleaned_data["comments"]
    if form.cleaned_data["decision"] == "return":
        return _run(
            request,
            agency,
            lambda: services.return_catalogue(
                catalogue=catalogue, comments=comments, actor=request.user
            ),
            _("已退回修改。"),
        )
    return _run(
        request,
        agency,
        lambda: services.accept_catalogue(
            catalogue=catalogue, comments=comments, actor=request.user
        ),
        _("备案已通过。"),
    )


@staff_required
def catalogue_changes(request: HttpRequest, agency_pk: int) -> HttpResponse:
    """What the standard catalogue now in force changes for this agency, with the re-derive
    button: new items of its level, changed items, items it no longer assigns."""
    agency = _agency(request, agency_pk)
    catalogue = _catalogue(agency)
    if catalogue is None:
        return _back(agency)
    return render(
        request,
        "console/catalogue_changes.html",
        {
            "agency": agency,
            "catalogue": catalogue,
            "changes": services.changes_for(catalogue),
            "level": CATALOGUE_LEVELS[catalogue_level_for(agency.level)],
            "can_rederive": agency_access.can_manage_agency(request.user, agency)
            and access.can_edit_catalogue(request.user, catalogue),
        },
    )


@require_POST
@staff_required
def catalogue_rederive(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    catalogue = _catalogue(agency)
    if catalogue is None or not (
        agency_access.can_manage_agency(request.user, agency)
        and access.can_edit_catalogue(request.user, catalogue)
    ):
        raise PermissionDenied
    return _run(
        request,
        agency,
        lambda: services.rederive(catalogue, request.user),
        _("已按标准目录新版本更新本机关目录，本机关新增的事项和不适用理由均已保留。"),
    )
