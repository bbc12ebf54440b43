"""The staff console: thin views over the domain services."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from js_asset import Media

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import update_guide_details
from gongkai.audit.models import AuditEvent
from gongkai.console import forms
from gongkai.console.release_review import posted_resolutions, release_rows
from gongkai.console.templatetags.console_rows import DOCUMENT_ROW_FIELDS
from gongkai.documents import access, services
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import (
    Attachment,
    Document,
    DocumentLink,
    LinkKind,
    Status,
)
from gongkai.documents.obligations import PUBLICATION
from gongkai.documents.uploads import check_size
from gongkai.foi import access as foi_access
from gongkai.foi import personal_data as foi_personal_data
from gongkai.foi.models import Application
from gongkai.foi.workload import counts_by_status, foi_workload, handler_worklist
from gongkai.http.params import parse_id
from gongkai.http.security import policy_with_exceptions
from gongkai.obligations import ledger
from gongkai.participation.workload import workload
from gongkai.privacy import review_services
from gongkai.privacy.models import RedactedFile, Resolution
from gongkai.workdays.calendar import calendar_held

LIST_LIMIT = 50
# The two <style> elements django-prose-editor 0.28's Tiptap inserts (its base editor CSS),
# as Chromium reports them; test_browser_records fails if an upgrade changes them.
EDITOR_STYLE_HASHES = (
    "PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA=",
    "cDKxumJ/HDd1ONWOff+1efkLWS1ZX1pFoxI+4Hv1CUI=",
)


def staff_required(view):
    """Logged in and holding a role somewhere (or a system administrator)."""

    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not agency_access.is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _document_for(request: HttpRequest, pk: int) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("agency", "catalogue_item", "drafted_by", "reviewed_by"),
        pk=pk,
    )
    if document.agency_id not in agency_access.readable_agency_ids(request.user):
        raise Http404  # another agency's record: not even its existence is shown
    return document


def _list_documents(queryset) -> list[Document]:
    """The first LIST_LIMIT records, loaded for their rows (`{% document_rows %}`), each with
    `clock`: its publication duty in the ledger (due soon, overdue, published in time or
    late; one query for the list)."""
    documents = list(
        queryset.select_related("agency", "catalogue_item").only(*DOCUMENT_ROW_FIELDS)[:LIST_LIMIT]
    )
    return ledger.attach_clocks(
        documents, PUBLICATION, today=timezone.localdate(), now=timezone.now()
    )


@staff_required
@calendar_held()  # every panel's clocks read the calendar: read it once
def dashboard(request: HttpRequest) -> HttpResponse:
    """My work: drafts, records awaiting my review, due-soon and overdue items per agency."""
    user = request.user
    today = timezone.localdate()
    now = timezone.now()
    due_limit = ledger.soon_until_for(PUBLICATION, today)
    panels = []
    member_agencies = list(agency_access.member_agencies(user).order_by("code"))
    supervised_ids = agency_access.supervised_agency_ids(user)
    agency_ids = {a.pk for a in member_agencies} | supervised_ids
    participation = workload(agency_ids, today=today, now=now)
    applications = foi_workload(agency_ids, today=today, now=now)
    # Applications confirmed after the day they arrived (条例第三十一条), this year.
    this_year = Application.objects.filter(agency_id__in=agency_ids, received_on__year=today.year)
    late_confirmations = this_year.confirmed_late().count_by_agency()
    for agency in member_agencies:
        roles = agency_access.roles_in(user, agency)
        documents = Document.objects.filter(agency=agency)
        # Overdue and due soon are the ledger's (obligations/ledger.py), this agency's own,
        # read as lists: a few dozen ids, which PostgreSQL then reads by key (as subqueries it
        # read all the agency's records and the whole catalogue, 20 ms at a province's county).
        moment = {"today": today, "now": now, "agency_ids": [agency.pk]}
        overdue_ids = list(
            ledger.overdue_ids(PUBLICATION, **moment).values_list("object_id", flat=True)
        )
        due_soon_ids = list(
            ledger.due_soon_ids(PUBLICATION, **moment).values_list("object_id", flat=True)
        )
        overdue = documents.filter(pk__in=overdue_ids)
        due_soon = documents.filter(pk__in=due_soon_ids)
        # Overdue or due within the next working days, counted per catalogue item.
        by_item = (
            documents.filter(Q(pk__in=overdue_ids) | Q(pk__in=due_soon_ids))
            .values("catalogue_item__code", "catalogue_item__name")
            .annotate(
                overdue=Count("pk", filter=Q(pk__in=overdue_ids)),
                due_soon=Count("pk", filter=Q(pk__in=due_soon_ids)),
            )
            .order_by("catalogue_item__code")
        )
        panels.append(
            {
                "agency": agency,
                "roles": sorted(roles),
                "role_labels": [Role(r).label for r in sorted(roles)],
                "my_drafts": _list_documents(documents.drafts().filter(drafted_by=user)),
                "awaiting_review": _list_documents(documents.awaiting_review())
                if Role.REVIEWER in roles
                else [],
                "overdue": _list_documents(overdue.order_by("due_on", "pk")),
                "due_soon": _list_documents(due_soon.order_by("due_on", "pk")),
                # The full numbers: the lists stop at LIST_LIMIT.
                "overdue_count": len(overdue_ids),
                "due_soon_count": len(due_soon_ids),
                "by_item": by_item,
                "recent": _list_documents(documents.published().order_by("-published_at")[:10]),
                "can_draft": access.can_draft_in(user, agency),
                "can_manage": agency_access.can_manage_agency(user, agency),
                "missing_guide": agency.missing_guide_fields(),
                "participation": participation[agency.pk],
                "late_confirmations": late_confirmations.get(agency.pk, 0)
                if Role.REVIEWER in roles
                else 0,
                "applications": applications[agency.pk],
                # The FOI handler's own work (and the agency's unassigned cases); the agency's
                # administrator sees its applications per state.
                "foi_worklist": handler_worklist(user, agency.pk, today=today, now=now)
                if Role.FOI_HANDLER in roles
                else None,
                "foi_by_status": counts_by_status(agency.pk) if Role.ADMIN in roles else None,
            }
        )
    supervised = (
        Agency.objects.filter(pk__in=supervised_ids)
        .annotate(
            published_count=Count("documents", filter=_q_status(Status.PUBLISHED)),
            draft_count=Count("documents", filter=_q_status(Status.DRAFT)),
            review_count=Count("documents", filter=_q_status(Status.IN_REVIEW)),
        )
        .order_by("code")
    )
    supervised = [
        (a, participation[a.pk], applications[a.pk], late_confirmations.get(a.pk, 0))
        for a in supervised
    ]
    return render(
        request,
        "console/dashboard.html",
        {
            "panels": panels,
            "supervised": supervised,
            "today": today,
            "due_limit": due_limit,
        },
    )


def _q_status(status: str) -> Q:
    return Q(documents__status=status)


@staff_required
def document_create(request: HttpRequest) -> HttpResponse:
    agency_id = parse_id(request.GET.get("agency") or request.POST.get("agency"))
    if agency_id is None:  # a malformed id is a missing page, not a server error
        raise Http404
    agency = get_object_or_404(Agency, pk=agency_id)
    if not access.can_draft_in(request.user, agency):
        raise PermissionDenied
    form = forms.DocumentForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_draft(
                agency=agency,
                actor=request.user,
                values=form.domain_values(),
                issuers=form.issuers(),
            )
        except DocumentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("console:document-detail", pk=document.pk)
    if request.method == "GET":
        form.initial.setdefault("issuers_text", agency.name)
        # From the ledger's "定期公开" rows: the item whose period awaits its record.
        item_id = parse_id(request.GET.get("item"))
        if item_id is not None:
            form.initial["catalogue_entry"] = f"{item_id}:"
    return _render_record_form(request, {"form": form, "agency": agency})


@staff_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_edit(request.user, document):
        raise PermissionDenied
    form = forms.DocumentForm(request.POST or None, instance=document, agency=document.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                document=Document.objects.get(pk=document.pk),
                actor=request.user,
                values=form.domain_values(),
                issuers=form.issuers(),
            )
        except DocumentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("修改已保存。"))
            return redirect("console:document-detail", pk=document.pk)
    return _render_record_form(
        request, {"form": form, "agency": document.agency, "document": document}
    )


def _render_record_form(request: HttpRequest, context: dict) -> HttpResponse:
    """The record form, its editor's inline import map allowed by this response's own nonce."""
    nonce = secrets.token_urlsafe(16)
    context["media"] = Media.from_media(context["form"].media, nonce=nonce)
    response = render(request, "console/document_form.html", context)
    response["Content-Security-Policy"] = policy_with_exceptions(
        script_nonce=nonce, style_hashes=EDITOR_STYLE_HASHES
    )
    return response


@staff_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    return render(request, "console/document_detail.html", _detail_context(request, document))


def _detail_context(request: HttpRequest, document: Document, **extra) -> dict:
    user = request.user
    trail = AuditEvent.objects.for_object(document).select_related("actor")[:100]
    can_review = access.can_review(user, document) and document.status == Status.IN_REVIEW
    return {
        "document": document,
        "issuers": document.issuers.all(),
        "time_limit": services.publication_time_limit(document),
        "attachments": document.attachments.all(),
        "outgoing": document.outgoing_links.select_related("target"),
        "incoming": document.incoming_links.select_related("source"),
        "trail": trail,
        "can_edit": access.can_edit(user, document),
        "can_review": can_review,
        "can_withdraw": access.can_withdraw(user, document) and document.status == Status.PUBLISHED,
        "can_change_validity": access.can_change_validity(user, document)
        and document.status == Status.PUBLISHED,
        "comments_form": forms.CommentsForm(),
        "publish_form": forms.PublishForm(),
        "withdraw_form": forms.WithdrawForm(),
        "validity_form": forms.ValidityForm(initial={"validity": document.validity}),
        "attachment_form": forms.AttachmentForm(),
        "link_form": forms.LinkForm(),
        "is_drafter": document.drafted_by_id == user.pk,
        # The secrecy and privacy review (保密审查): what the detector finds now, and the
        # reviews on record.
        "release_rows": release_rows(document, extra.get("posted", {})) if can_review else [],
        "resolution_choices": Resolution.choices,
        "release_reviews": review_services.reviews_of(document)[:5],
        "redacted_files": RedactedFile.objects.filter(attachment__document=document),
        "posted": {},
        **extra,
    }


def _run(request: HttpRequest, document: Document, action, success: str) -> HttpResponse:
    try:
        action()
    except DocumentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("console:document-detail", pk=document.pk)


@require_POST
@staff_required
def document_submit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_submit(request.user, document):
        raise PermissionDenied
    return _run(
        request,
        document,
        lambda: services.submit_for_review(document=document, actor=request.user),
        _("已提交审核。"),
    )


@require_POST
@staff_required
def document_return(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_review(request.user, document):
        raise PermissionDenied
    form = forms.CommentsForm(request.POST)
    comments = form.data.get("comments", "")
    return _run(
        request,
        document,
        lambda: services.return_for_revision(
            document=document, actor=request.user, comments=comments
        ),
        _("已退回起草人修改。"),
    )


@require_POST
@staff_required
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_review(request.user, document):
        raise PermissionDenied
    waiver = request.POST.get("interpretation_waiver", "")
    resolutions = posted_resolutions(request.POST)
    try:
        services.publish(
            document=document,
            actor=request.user,
            interpretation_waiver=waiver,
            resolutions=resolutions,
        )
    except DocumentError as exc:
        # Shown on the page with the reviewer's choices kept, not lost in a redirect; the
        # record as stored (a redaction made before the refusal was rolled back).
        context = _detail_context(
            request,
            _document_for(request, pk),
            posted=request.POST,
            publish_error=exc.message,
            publish_form=forms.PublishForm(initial={"interpretation_waiver": waiver}),
        )
        return render(request, "console/document_detail.html", context, status=400)
    messages.success(request, _("已发布。"))
    return redirect("console:document-detail", pk=document.pk)


@require_POST
@staff_required
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_withdraw(request.user, document):
        raise PermissionDenied
    reason = request.POST.get("reason", "")
    return _run(
        request,
        document,
        lambda: services.withdraw(document=document, actor=request.user, reason=reason),
        _("已撤回，门户网站将显示撤回说明。"),
    )


@require_POST
@staff_required
def document_validity(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_change_validity(request.user, document):
        raise PermissionDenied
    form = forms.ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("有效性信息填写有误：%(errors)s") % {"errors": form.errors.as_text()}
        )
        return redirect("console:document-detail", pk=document.pk)
    by_document = None
    number = form.cleaned_data["by_index_number"].strip()
    if number:
        by_document = Document.objects.filter(
            index_number=number, agency__in=_readable(request)
        ).first()
        if by_document is None:
            messages.error(request, _("找不到索引号为 %(number)s 的文件。") % {"number": number})
            return redirect("console:document-detail", pk=document.pk)
    return _run(
        request,
        document,
        lambda: services.change_validity(
            document=document,
            actor=request.user,
            validity=form.cleaned_data["validity"],
            changed_on=form.cleaned_data["changed_on"],
            by_document=by_document,
        ),
        _("有效性已更新。"),
    )


def _readable(request: HttpRequest):
    return Agency.objects.filter(pk__in=agency_access.readable_agency_ids(request.user))


@require_POST
@staff_required
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_edit(request.user, document):
        raise PermissionDenied
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("console:document-detail", pk=document.pk)
    upload = form.cleaned_data["file"]
    if upload.size > settings.ATTACHMENT_MAX_BYTES:  # refuse before reading it into memory
        return _run(
            request, document, lambda: check_size(upload.size, settings.ATTACHMENT_MAX_BYTES), ""
        )
    data = upload.read()
    return _run(
        request,
        document,
        lambda: services.add_attachment(
            document=document, actor=request.user, name=upload.name, data=data
        ),
        _("附件已上传。"),
    )


@require_POST
@staff_required
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_edit(request.user, document):
        raise PermissionDenied
    attachment = get_object_or_404(Attachment, pk=attachment_pk, document=document)
    return _run(
        request,
        document,
        lambda: services.remove_attachment(attachment=attachment, actor=request.user),
        _("附件已删除。"),
    )


@require_POST
@staff_required
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_edit(request.user, document):
        raise PermissionDenied
    reference = request.POST.get("target_index_number", "").strip()
    readable = agency_access.readable_agency_ids(request.user)
    target = Document.objects.filter(index_number=reference, agency_id__in=readable).first()
    if target is None and (target_id := parse_id(reference)) is not None:
        target = Document.objects.filter(pk=target_id, agency_id__in=readable).first()
    if target is None:
        messages.error(request, _("找不到该文件：%(reference)s") % {"reference": reference})
        return redirect("console:document-detail", pk=document.pk)
    return _run(
        request,
        document,
        lambda: services.link_documents(
            source=document, target=target, kind=LinkKind.INTERPRETS, actor=request.user
        ),
        _("已关联。"),
    )


@require_POST
@staff_required
def link_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    document = _document_for(request, pk)
    if not access.can_edit(request.user, document):
        raise PermissionDenied
    link = get_object_or_404(DocumentLink, pk=link_pk, source=document)
    return _run(
        request,
        document,
        lambda: services.unlink_documents(link=link, actor=request.user),
        _("关联已删除。"),
    )


@staff_required
def audit_trail(request: HttpRequest, app_label: str, model: str, object_id: str) -> HttpResponse:
    """The audit trail of any object the user may read."""
    content_type = get_object_or_404(ContentType, app_label=app_label, model=model)
    model_class = content_type.model_class()
    try:
        obj = model_class._base_manager.filter(pk=object_id).first() if model_class else None
    except (ValueError, ValidationError):  # an id of the wrong type, e.g. "abc" for an integer
        obj = None
    if obj is None:
        raise Http404
    agency_id = obj.pk if isinstance(obj, Agency) else getattr(obj, "agency_id", None)
    if agency_id is None and hasattr(obj, "catalogue"):
        agency_id = obj.catalogue.agency_id
    if not (
        request.user.is_superuser or agency_id in agency_access.readable_agency_ids(request.user)
    ):
        raise Http404
    events = AuditEvent.objects.filter(
        content_type=content_type, object_id=str(object_id)
    ).select_related("actor", "agency")[:500]
    if isinstance(obj, Application):
        # An application's snapshots hold the applicant's data: as much as its case page shows.
        events = foi_personal_data.mask_trail(
            events, foi_access.personal_data_visibility(request.user, obj)
        )
    return render(request, "console/audit_trail.html", {"object": obj, "events": events})


@staff_required
def agency_guide(request: HttpRequest, pk: int) -> HttpResponse:
    """The disclosure office's details that the public guide (指南) shows."""
    agency = get_object_or_404(Agency, pk=pk)
    if not agency_access.can_manage_agency(request.user, agency):
        raise PermissionDenied
    form = forms.AgencyGuideForm(request.POST or None, instance=Agency.objects.get(pk=agency.pk))
    if request.method == "POST" and form.is_valid():
        update_guide_details(agency=agency, actor=request.user, values=form.cleaned_data)
        messages.success(request, _("指南信息已保存。"))
        return redirect("console:dashboard")
    return render(request, "console/agency_guide.html", {"form": form, "agency": agency})
