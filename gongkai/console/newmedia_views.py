"""政务新媒体 in the console: the accounts of the agencies the user reads (a supervisor sees
its subordinates' accounts and filings), one account with its 开设/变更/注销 procedures, the
release packages of a published record, and the consistency list. Views parse input, ask
newmedia.access and call one service each."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console import newmedia_forms as forms
from gongkai.console.views import staff_required
from gongkai.documents.models import Document
from gongkai.http.params import parse_id
from gongkai.newmedia import (
    access,
    activity,
    activity_services,
    consistency,
    packages,
    releases,
    services,
)
from gongkai.newmedia.errors import NewMediaError
from gongkai.newmedia.models import Account, Procedure, ProcedureState, Release


def _requesting_agencies(user) -> list[Agency]:
    return [
        agency
        for agency in agency_access.member_agencies(user).order_by("code")
        if access.can_request_in(user, agency)
    ]


def _account_for(request: HttpRequest, pk: int) -> Account:
    account = get_object_or_404(Account.objects.select_related("agency"), pk=pk)
    if not access.can_view(request.user, account):
        raise Http404  # another agency's account does not exist for this user
    return account


def _add_error(form, exc: NewMediaError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@staff_required
def account_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    accounts = list(access.accounts_for_staff(request.user).select_related("agency"))
    rows = [
        (
            account,
            activity.next_update_due(account.last_update_on, account.opened_on)
            if account.is_active
            else None,
            account.is_active
            and activity.is_silent(account.last_update_on, account.opened_on, today),
        )
        for account in accounts
    ]
    filings = (
        Procedure.objects.filter(
            account__agency_id__in=agency_access.supervised_agency_ids(request.user)
        )
        .exclude(state=ProcedureState.REQUESTED)
        .select_related("account", "account__agency")[:200]
    )
    return render(
        request,
        "console/newmedia_list.html",
        {
            "rows": rows,
            "filings": filings,
            "is_supervisor": bool(agency_access.supervised_agency_ids(request.user)),
            "can_request": bool(_requesting_agencies(request.user)),
            "silent_days": activity.SILENT_DAYS,
        },
    )


@staff_required
def account_create(request: HttpRequest) -> HttpResponse:
    """申请开设: the account waits for the agency's approval."""
    choices = _requesting_agencies(request.user)
    agency_id = parse_id(request.POST.get("agency") or request.GET.get("agency"))
    agency = next((a for a in choices if a.pk == agency_id), choices[0] if choices else None)
    if agency is None:
        raise PermissionDenied
    form = forms.AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            procedure = services.request_opening(
                agency=agency, actor=request.user, values=form.cleaned_data
            )
        except NewMediaError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已申请开设，待本机关管理员批准。"))
            return redirect("console:newmedia-account", procedure.account_id)
    return render(request, "console/newmedia_account_form.html", {"form": form, "agency": agency})


def _detail_context(request: HttpRequest, account: Account, **forms_given) -> dict:
    pending = account.procedures.exclude(state__in=[ProcedureState.FILED, ProcedureState.REFUSED])
    initial = {name: getattr(account, name) for name in services.CHANGEABLE_FIELDS}
    return {
        "account": account,
        "procedures": account.procedures.select_related("requested_by", "decided_by", "filed_by"),
        "pending": pending,
        "can_request": access.can_request_in(request.user, account.agency),
        "can_decide": access.can_decide(request.user, account),
        "next_due": activity.next_update_due(account.last_update_on, account.opened_on),
        "is_silent": account.is_active
        and activity.is_silent(account.last_update_on, account.opened_on, timezone.localdate()),
        "decision_form": forms_given.get("decision_form") or forms.DecisionForm(),
        "filing_form": forms_given.get("filing_form") or forms.FilingForm(),
        "update_form": forms_given.get("update_form") or forms.UpdateForm(),
        "change_form": forms_given.get("change_form") or forms.ChangeForm(initial=initial),
        "closing_form": forms_given.get("closing_form") or forms.ClosingForm(),
        "ProcedureState": ProcedureState,
        "releases": account.releases.select_related("document")[:50],
    }


@staff_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_for(request, pk)
    return render(request, "console/newmedia_account.html", _detail_context(request, account))


def _procedure_for(request: HttpRequest, account: Account) -> Procedure:
    procedure_id = parse_id(request.POST.get("procedure"))
    procedure = account.procedures.filter(pk=procedure_id).first()
    if procedure is None:
        raise Http404
    return procedure


@staff_required
@require_POST
def account_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One POST per service: approve, refuse, file, update, change, close."""
    account = _account_for(request, pk)
    deciding = action in ("approve", "refuse", "file")
    allowed = (
        access.can_decide(request.user, account)
        if deciding
        else access.can_request_in(request.user, account.agency)
    )
    if not allowed:
        raise PermissionDenied
    form_classes = {
        "approve": ("decision_form", forms.DecisionForm),
        "refuse": ("decision_form", forms.DecisionForm),
        "file": ("filing_form", forms.FilingForm),
        "update": ("update_form", forms.UpdateForm),
        "change": ("change_form", forms.ChangeForm),
        "close": ("closing_form", forms.ClosingForm),
    }
    if action not in form_classes:
        raise Http404
    name, form_class = form_classes[action]
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "approve":
                services.approve(
                    procedure=_procedure_for(request, account),
                    actor=request.user,
                    note=data["note"],
                )
            elif action == "refuse":
                services.refuse(
                    procedure=_procedure_for(request, account),
                    actor=request.user,
                    note=data["note"],
                )
            elif action == "file":
                services.file_procedure(
                    procedure=_procedure_for(request, account),
                    actor=request.user,
                    filing_number=data["filing_number"],
                    filed_on=data["filed_on"],
                )
            elif action == "update":
                activity_services.record_update(
                    account=account, actor=request.user, updated_on=data["updated_on"]
                )
            elif action == "change":
                reason = data.pop("reason")
                services.request_change(
                    account=account, actor=request.user, values=data, reason=reason
                )
            else:
                services.request_closing(account=account, actor=request.user, reason=data["reason"])
        except NewMediaError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("console:newmedia-account", account.pk)
    account.refresh_from_db()
    context = _detail_context(request, account, **{name: form})
    return render(request, "console/newmedia_account.html", context, status=400)


def _published_document_for(request: HttpRequest, pk: int) -> Document:
    document = get_object_or_404(Document.objects.select_related("agency"), pk=pk)
    if not access.can_read_agency(request.user, document.agency):
        raise Http404  # the release work of another agency is not this user's business
    return document


@staff_required
def document_releases(request: HttpRequest, pk: int) -> HttpResponse:
    """新媒体发布: a package per running account (text to copy) and the form 已发布."""
    document = _published_document_for(request, pk)
    accounts = list(Account.objects.active().filter(agency=document.agency))
    can_record = document.is_public and access.can_record_release(request.user, document)
    form = forms.ReleaseForm(request.POST or None, accounts=accounts)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            account = next(a for a in accounts if a.pk == form.cleaned_data["account"])
            try:
                releases.record_release(
                    document=document,
                    account=account,
                    actor=request.user,
                    released_at=form.cleaned_data["released_at"],
                    post_url=form.cleaned_data["post_url"],
                )
            except NewMediaError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("已记录发布。"))
                return redirect("console:newmedia-document", document.pk)
    recorded = {r.account_id: r for r in document.newmedia_releases.select_related("account")}
    channel_platforms = consistency.platforms_of(document.catalogue_item.channels)
    return render(
        request,
        "console/newmedia_document.html",
        {
            "document": document,
            "packages": [
                (a, releases.package_for(document, a), recorded.get(a.pk)) for a in accounts
            ]
            if document.is_public
            else [],
            "releases": document.newmedia_releases.select_related("account", "recorded_by"),
            "form": form,
            "can_record": can_record and bool(accounts),
            "channel_platforms": channel_platforms,
            "weibo_display": packages.WEIBO_DISPLAY,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def release_takedown(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(Release.objects.select_related("document"), pk=pk)
    if not access.can_read_agency(request.user, release.document.agency):
        raise Http404
    if not access.can_record_release(request.user, release.document):
        raise PermissionDenied
    try:
        releases.record_takedown(release=release, actor=request.user)
    except NewMediaError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已记录在渠道删除。"))
    return redirect("console:newmedia-consistency")


@staff_required
def consistency_list(request: HttpRequest) -> HttpResponse:
    """Per agency the user reads (a supervisor: each subordinate too)."""
    today = timezone.localdate()
    agency_ids = agency_access.readable_agency_ids(request.user)
    agencies = list(Agency.objects.filter(pk__in=agency_ids).order_by("code"))
    chosen = parse_id(request.GET.get("agency"))
    if chosen in agency_ids:
        agency_ids = {chosen}
    gaps = consistency.gaps(agency_ids, today)
    return render(
        request,
        "console/newmedia_consistency.html",
        {
            "gaps": gaps,
            "agencies": agencies if len(agencies) > 1 else [],
            "chosen": chosen,
            "working_days": consistency.RELEASE_WORKING_DAYS,
            "today": today,
            "lookback_since": today - datetime.timedelta(days=consistency.LOOKBACK_DAYS),
        },
    )
