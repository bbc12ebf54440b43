"""Console pages for double-random inspections (双随机一公开): the target pool (form, CSV,
回避), plans, the commitment, the draw, redraws with a reason, results and their publication.
The agency's publishers and administrators act; a redraw needs an administrator; supervisors
read (enforcement.inspection_access)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console import inspection_forms as forms
from gongkai.console.enforcement_list_views import handling_agencies
from gongkai.console.views import staff_required
from gongkai.enforcement import inspection_access as access
from gongkai.enforcement import inspection_pool as pool
from gongkai.enforcement import inspection_services as services
from gongkai.enforcement import list_services
from gongkai.enforcement.inspection_errors import InspectionError
from gongkai.enforcement.models import Conflict, InspectionPlan, InspectionTarget, PlanStatus
from gongkai.http.params import parse_id

MAX_CSV_BYTES = 5 * 1024 * 1024
TARGETS_SHOWN = 200


def _chosen_agency(request: HttpRequest) -> tuple[list[Agency], Agency | None]:
    agencies = list(
        Agency.objects.filter(pk__in=agency_access.readable_agency_ids(request.user)).order_by(
            "code"
        )
    )
    chosen_id = parse_id(request.GET.get("agency", ""))
    chosen = next((a for a in agencies if a.pk == chosen_id), None)
    if chosen is None:
        handled = handling_agencies(request.user).first()
        chosen = handled or (agencies[0] if agencies else None)
    return agencies, chosen


@staff_required
def inspection_home(request: HttpRequest) -> HttpResponse:
    """One agency's pool, conflicts and plans, with the forms its handlers use."""
    agencies, agency = _chosen_agency(request)
    if agency is None:
        raise PermissionDenied
    can_handle = access.can_handle_in(request.user, agency)
    targets = InspectionTarget.objects.filter(agency=agency)
    target_form = forms.TargetForm(prefix="target")
    import_form = forms.TargetImportForm(prefix="import")
    conflict_form = forms.ConflictForm(prefix="conflict", targets=targets)
    plan_form = forms.PlanForm(
        prefix="plan",
        agencies=Agency.objects.filter(pk=agency.pk),
        initial={"agency": agency, "inspectors_per_target": 2},
    )
    import_errors: list = []
    if request.method == "POST":
        if not can_handle:
            raise PermissionDenied
        which = request.POST.get("form", "")
        if which == "target":
            target_form = forms.TargetForm(request.POST, prefix="target")
            if target_form.is_valid():
                try:
                    pool.add_target(agency=agency, actor=request.user, **target_form.cleaned_data)
                except InspectionError as exc:
                    target_form.add_error(exc.field, exc.message)
                else:
                    messages.success(request, _("已加入检查对象名录库。"))
                    return redirect(f"{request.path}?agency={agency.pk}")
        elif which == "import":
            import_form = forms.TargetImportForm(request.POST, request.FILES, prefix="import")
            if import_form.is_valid():
                upload = import_form.cleaned_data["file"]
                if upload.size > MAX_CSV_BYTES:
                    import_form.add_error(
                        "file",
                        _("文件太大，上限为 %(limit)d MB。")
                        % {"limit": MAX_CSV_BYTES // (1024 * 1024)},
                    )
                else:
                    try:
                        count = pool.import_targets_csv(
                            agency=agency, actor=request.user, data=upload.read()
                        )
                    except pool.ImportFailed as exc:
                        import_errors = exc.errors[:200]
                    else:
                        messages.success(
                            request,
                            ngettext(
                                "已导入 %(count)d 个检查对象。",
                                "已导入 %(count)d 个检查对象。",
                                count,
                            )
                            % {"count": count},
                        )
                        return redirect(f"{request.path}?agency={agency.pk}")
        elif which == "licences":
            count = pool.add_targets_from_licences(agency=agency, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "已从行政许可决定加入 %(count)d 个检查对象，请核对类型、区域和风险等级。",
                    "已从行政许可决定加入 %(count)d 个检查对象，请核对类型、区域和风险等级。",
                    count,
                )
                % {"count": count},
            )
            return redirect(f"{request.path}?agency={agency.pk}")
        elif which == "pool":
            target = get_object_or_404(targets, pk=parse_id(request.POST.get("target", "")) or 0)
            pool.set_in_pool(
                target=target, in_pool=request.POST.get("in_pool") == "1", actor=request.user
            )
            return redirect(f"{request.path}?agency={agency.pk}")
        elif which == "conflict":
            conflict_form = forms.ConflictForm(request.POST, prefix="conflict", targets=targets)
            if conflict_form.is_valid():
                try:
                    pool.declare_conflict(actor=request.user, **conflict_form.cleaned_data)
                except InspectionError as exc:
                    conflict_form.add_error(exc.field, exc.message)
                else:
                    messages.success(request, _("已登记回避关系。"))
                    return redirect(f"{request.path}?agency={agency.pk}")
        elif which == "plan":
            plan_form = forms.PlanForm(
                request.POST, prefix="plan", agencies=Agency.objects.filter(pk=agency.pk)
            )
            if plan_form.is_valid():
                data = dict(plan_form.cleaned_data)
                data.pop("agency")
                try:
                    plan = services.create_plan(agency=agency, actor=request.user, **data)
                except InspectionError as exc:
                    plan_form.add_error(exc.field, exc.message)
                else:
                    return redirect("console:inspection-plan", pk=plan.pk)
    return render(
        request,
        "console/inspection_home.html",
        {
            "agencies": agencies,
            "agency": agency,
            "can_handle": can_handle,
            "targets": targets.order_by("district", "name")[:TARGETS_SHOWN],
            "target_count": targets.count(),
            "conflicts": Conflict.objects.filter(target__agency=agency).select_related("target"),
            "plans": InspectionPlan.objects.filter(agency=agency).order_by("-year", "-pk"),
            "target_form": target_form,
            "import_form": import_form,
            "import_errors": import_errors,
            "conflict_form": conflict_form,
            "plan_form": plan_form,
            "matters": _matters(agency),
        },
    )


def _matters(agency: Agency) -> list[str]:
    """The 抽查事项 of the list in force, offered when a plan is made."""
    current = list_services.current_list(agency, on=timezone.localdate())
    return [item.item for item in current.inspection_items.all()] if current else []


def _plan(request: HttpRequest, pk: int) -> InspectionPlan:
    return get_object_or_404(access.plans_for_staff(request.user).select_related("agency"), pk=pk)


@staff_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan, its draws (inputs, commitment, seed, result, verification) and results."""
    plan = _plan(request, pk)
    can_handle = access.can_handle_in(request.user, plan.agency)
    current = plan.current_draw()
    drawn_codes = services.drawn_target_ids(current) if current else []
    targets = InspectionTarget.objects.filter(agency=plan.agency, credit_code__in=drawn_codes)
    result_form = forms.ResultForm(prefix="result", targets=targets)
    stratum_form = forms.StratumForm(prefix="stratum")
    if request.method == "POST":
        if not can_handle:
            raise PermissionDenied
        which = request.POST.get("form", "")
        if which == "result" and current is not None:
            result_form = forms.ResultForm(request.POST, prefix="result", targets=targets)
            if result_form.is_valid():
                try:
                    services.enter_result(
                        draw=current, actor=request.user, **result_form.cleaned_data
                    )
                except InspectionError as exc:
                    result_form.add_error(exc.field, exc.message)
                else:
                    messages.success(request, _("已录入检查结果。"))
                    return redirect("console:inspection-plan", pk=pk)
        elif which == "stratum":
            stratum_form = forms.StratumForm(request.POST, prefix="stratum")
            if stratum_form.is_valid():
                try:
                    services.set_stratum_quota(
                        plan=plan, actor=request.user, **stratum_form.cleaned_data
                    )
                except InspectionError as exc:
                    stratum_form.add_error(exc.field, exc.message)
                else:
                    return redirect("console:inspection-plan", pk=pk)
    draws = [
        {"draw": d, "verification": services.verify_draw(d)}
        for d in plan.draws.order_by("sequence")
    ]
    is_draft = plan.status == PlanStatus.DRAFT
    # The same inputs the commitment would take now.
    preview = services.build_inputs(plan, on=timezone.localdate()) if is_draft else None
    return render(
        request,
        "console/inspection_plan.html",
        {
            "plan": plan,
            "draws": draws,
            "current": current,
            "preview": preview,
            "results": current.results.select_related("target") if current else [],
            "summary": services.plan_summary(plan),
            "can_handle": can_handle,
            "can_redraw": access.can_redraw(request.user, plan),
            "result_form": result_form,
            "stratum_form": stratum_form,
            "redraw_form": forms.RedrawForm(),
            "is_draft": is_draft,
        },
    )


@staff_required
@require_POST
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """commit, draw, redraw (commit again with a reason), publish-results."""
    plan = _plan(request, pk)
    if not access.can_handle_in(request.user, plan.agency):
        raise PermissionDenied
    try:
        if action == "commit":
            services.commit_draw(plan=plan, actor=request.user)
            messages.success(request, _("已公布候选名单哈希和种子承诺值。"))
        elif action == "draw":
            current = plan.current_draw()
            if current is None:
                raise InspectionError(_("请先公布抽取承诺。"))
            services.perform_draw(draw=current, actor=request.user)
            messages.success(request, _("已完成抽取，种子和结果已公开。"))
        elif action == "redraw":
            if not access.can_redraw(request.user, plan):
                raise PermissionDenied
            form = forms.RedrawForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.commit_draw(plan=plan, actor=request.user, reason=reason)
            messages.success(request, _("已公布重新抽取的承诺值；首次抽取保留不变。"))
        elif action == "publish-results":
            current = plan.current_draw()
            count = services.publish_results(draw=current, actor=request.user) if current else 0
            messages.success(
                request,
                ngettext("已公示 %(count)d 条结果。", "已公示 %(count)d 条结果。", count)
                % {"count": count},
            )
        else:
            raise PermissionDenied
    except InspectionError as exc:
        messages.error(request, exc.message)
    return redirect("console:inspection-plan", pk=pk)
