"""The back office of enforcement decisions (双公示): list, form, page with its actions. Views
parse input, ask enforcement.access, and call one service each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.console.enforcement_forms import (
    ChangeForm,
    CreditRepairForm,
    DecisionFilterForm,
    DecisionForm,
    WithdrawForm,
)
from gongkai.console.release_review import posted_resolutions, release_rows
from gongkai.console.views import staff_required
from gongkai.enforcement import access, services
from gongkai.enforcement.errors import DecisionInvalid, EnforcementError
from gongkai.enforcement.models import Decision
from gongkai.enforcement.obligations import PUBLICATION, WITHDRAWAL
from gongkai.http.params import parse_id
from gongkai.obligations import ledger
from gongkai.privacy import review_services
from gongkai.privacy.models import Resolution

PAGE_SIZE = 50


def _decision_for(request: HttpRequest, pk: int) -> Decision:
    decision = get_object_or_404(Decision.objects.select_related("agency"), pk=pk)
    if not access.can_view(request.user, decision):
        raise Http404  # another agency's decision does not exist for this user
    return decision


def _show_errors(form, exc: EnforcementError) -> None:
    errors = exc.errors if isinstance(exc, DecisionInvalid) else {exc.field: [exc.message]}
    for field, field_messages in errors.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


@staff_required
def decision_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    agencies = Agency.objects.filter(pk__in=agency_access.readable_agency_ids(user)).order_by(
        "level", "code"
    )
    form = DecisionFilterForm(request.GET or None, agencies=agencies)
    decisions = access.decisions_for_staff(user).select_related("agency")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            decisions = decisions.filter(
                Q(party_name__icontains=data["q"]) | Q(document_number__icontains=data["q"])
            )
        if data["kind"]:
            decisions = decisions.filter(kind=data["kind"])
        if data["status"]:
            decisions = decisions.filter(status=data["status"])
        if data["agency"]:
            decisions = decisions.filter(agency_id=data["agency"])
    page = Paginator(decisions.order_by("-decided_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today, now = timezone.localdate(), timezone.now()
    shown = [d.pk for d in page.object_list]
    overdue = {
        row["object_id"]
        for kind in (PUBLICATION, WITHDRAWAL)
        for row in ledger.overdue_ids(kind, today=today, now=now).filter(object_id__in=shown)
    }
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "console/decision_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "overdue": overdue,
            "draft_agencies": [a for a in agencies if access.can_draft_in(user, a)],
        },
    )


@staff_required
def decision_create(request: HttpRequest) -> HttpResponse:
    agency_id = parse_id(request.GET.get("agency") or request.POST.get("agency"))
    if agency_id is None:
        raise Http404
    agency = get_object_or_404(Agency, pk=agency_id)
    if not access.can_draft_in(request.user, agency):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.create_draft(
                agency=agency, actor=request.user, values=form.domain_values()
            )
        except EnforcementError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("草稿已保存，请由另一位审核员审核公示。"))
            return redirect("console:decision-detail", pk=decision.pk)
    return render(request, "console/decision_form.html", {"form": form, "agency": agency})


@staff_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    if not access.can_edit(request.user, decision):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, instance=decision, agency=decision.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                decision=Decision.objects.get(pk=decision.pk),
                actor=request.user,
                values=form.domain_values(),
            )
        except EnforcementError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("修改已保存。"))
            return redirect("console:decision-detail", pk=decision.pk)
    return render(
        request,
        "console/decision_form.html",
        {"form": form, "agency": decision.agency, "decision": decision},
    )


@staff_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    user = request.user
    return render(
        request,
        "console/decision_detail.html",
        _detail_context(request, decision, user),
    )


def _detail_context(request, decision: Decision, user, **forms) -> dict:
    manage = access.can_manage_published(user, decision)
    return {
        "decision": decision,
        "trail": AuditEvent.objects.for_object(decision).select_related("actor")[:100],
        "can_edit": access.can_edit(user, decision),
        "can_publish": access.can_publish(user, decision),
        "is_drafter": decision.drafted_by_id == user.pk,
        "can_manage": manage,
        "is_public": decision.is_public_on(timezone.localdate()),
        "change_form": forms.get("change_form") or ChangeForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "repair_form": forms.get("repair_form") or CreditRepairForm(),
        # The secrecy review (保密审查) before publication, and the reviews on record.
        "release_rows": release_rows(decision, forms.get("posted", {}))
        if access.can_publish(user, decision) and decision.drafted_by_id != user.pk
        else [],
        "resolution_choices": Resolution.choices,
        "release_reviews": review_services.reviews_of(decision)[:5],
        "publish_error": forms.get("publish_error", ""),
    }


@require_POST
@staff_required
def decision_publish(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    if not access.can_publish(request.user, decision):
        raise PermissionDenied
    try:
        services.publish(
            decision=decision, actor=request.user, resolutions=posted_resolutions(request.POST)
        )
    except EnforcementError as exc:
        # Shown on the page with the reviewer's choices kept; the decision as stored (a
        # redaction made before the refusal was rolled back).
        context = _detail_context(
            request,
            _decision_for(request, pk),
            request.user,
            posted=request.POST,
            publish_error=exc.message,
        )
        return render(request, "console/decision_detail.html", context, status=400)
    messages.success(request, _("已审核公示。"))
    return redirect("console:decision-detail", pk=pk)


def _managed_action(request: HttpRequest, pk: int, form_class, form_name: str, act) -> HttpResponse:
    decision = _decision_for(request, pk)
    if not access.can_manage_published(request.user, decision):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(decision, form.cleaned_data)
        except EnforcementError as exc:
            _show_errors(form, exc)
        else:
            return redirect("console:decision-detail", pk=pk)
    context = _detail_context(request, decision, request.user, **{form_name: form})
    return render(request, "console/decision_detail.html", context, status=422)


@require_POST
@staff_required
def decision_change(request: HttpRequest, pk: int) -> HttpResponse:
    def act(decision, data):
        services.record_change(decision=decision, actor=request.user, **data)
        messages.success(request, _("已登记。请在期限内撤回公示并公开说明理由。"))

    return _managed_action(request, pk, ChangeForm, "change_form", act)


@require_POST
@staff_required
def decision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    def act(decision, data):
        services.withdraw(decision=decision, actor=request.user, **data)
        messages.success(request, _("已撤回，公示页面显示撤回说明。"))

    return _managed_action(request, pk, WithdrawForm, "withdraw_form", act)


@require_POST
@staff_required
def decision_repair(request: HttpRequest, pk: int) -> HttpResponse:
    def act(decision, data):
        services.repair_credit(decision=decision, actor=request.user, **data)
        messages.success(request, _("已登记信用修复，该处罚信息不再公示。"))

    return _managed_action(request, pk, CreditRepairForm, "repair_form", act)
