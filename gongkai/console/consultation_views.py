"""Console pages for consultations on drafts: the list, the drafting form, and the case page
where comments are moderated and disposed of, the consultation closed and its feedback
published. Each POST is one small form calling one service."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.console import consultation_forms as forms
from gongkai.console.views import staff_required
from gongkai.http.params import parse_id
from gongkai.participation import access, comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation import consultations as rules
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import Comment, Consultation, ModerationStatus


def _consultation_for(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related(
            "agency", "draft", "feedback_document", "final_document"
        ),
        pk=pk,
    )
    if consultation.agency_id not in agency_access.readable_agency_ids(request.user):
        raise Http404  # another agency's consultation: not even its existence is shown
    return consultation


def _comment_for(consultation: Consultation, pk: str | None) -> Comment:
    comment_id = parse_id(pk)
    if comment_id is None:
        raise Http404
    return get_object_or_404(Comment, pk=comment_id, consultation=consultation)


@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    consultations = list(
        access.consultations_for_staff(request.user)
        .select_related("agency", "draft", "feedback_document")
        .annotate(
            # Hidden after closing, a comment keeps its disposition and stays an opinion.
            comment_count=Count(
                "comments",
                filter=~Q(comments__moderation_status="rejected", comments__disposition=""),
            ),
            undisposed=Count(
                "comments",
                filter=Q(comments__disposition="") & ~Q(comments__moderation_status="rejected"),
            ),
            awaiting=Count("comments", filter=Q(comments__moderation_status="pending")),
        )
        .order_by("-opens_on", "-id")[:200]
    )
    reported = dict(
        Comment.objects.reported()
        .filter(consultation__in=[c.pk for c in consultations])
        .values_list("consultation_id")
        .annotate(total=Count("pk"))
    )
    for consultation in consultations:
        consultation.reported = reported.get(consultation.pk, 0)
    drafting_agencies = [
        agency
        for agency in agency_access.member_agencies(request.user)
        if access.can_run_consultation_in(request.user, agency)
    ]
    return render(
        request,
        "console/consultation_list.html",
        {
            "consultations": consultations,
            "drafting_agencies": drafting_agencies,
            "today": timezone.localdate(),
        },
    )


def _save_form(request, form, *, agency, consultation=None):
    try:
        if consultation is None:
            return services.create_consultation(
                agency=agency,
                actor=request.user,
                draft_values=form.draft_values(),
                values=form.consultation_values(),
                clauses_text=form.cleaned_data["clauses_text"],
            )
        return services.update_consultation(
            consultation=consultation,
            actor=request.user,
            draft_values=form.draft_values(),
            values=form.consultation_values(),
            clauses_text=form.cleaned_data["clauses_text"],
        )
    except ParticipationError as exc:
        field = exc.field if exc.field in form.fields else None
        if exc.field == "clauses":
            field = "clauses_text"
        form.add_error(field, exc.message)
        return None


@staff_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    agency_id = parse_id(request.GET.get("agency") or request.POST.get("agency"))
    if agency_id is None:
        raise Http404
    agency = get_object_or_404(Agency, pk=agency_id)
    if not access.can_run_consultation_in(request.user, agency):
        raise PermissionDenied
    form = forms.ConsultationForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        consultation = _save_form(request, form, agency=agency)
        if consultation is not None:
            messages.success(request, _("征求意见草稿已保存。"))
            return redirect("console:consultation-detail", pk=consultation.pk)
    return render(
        request,
        "console/consultation_form.html",
        {"form": form, "agency": agency, "minimum_days": agency.consultation_minimum_days},
    )


@staff_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation_for(request, pk)
    if not access.can_run_consultation(request.user, consultation):
        raise PermissionDenied
    if consultation.status != "draft":
        messages.error(request, _("已发布的征求意见不能修改。"))
        return redirect("console:consultation-detail", pk=pk)
    draft = consultation.draft
    initial = {
        "title": draft.title,
        "document_number": draft.document_number,
        "topic": draft.topic,
        "catalogue_item": draft.catalogue_item_id,
        "summary": draft.summary,
        "clauses_text": rules.clauses_as_text(
            [rules.DraftClause(heading=c.heading, text=c.text) for c in consultation.clauses.all()]
        ),
        **{name: getattr(consultation, name) for name in services.CONSULTATION_FIELDS},
    }
    form = forms.ConsultationForm(request.POST or None, initial=initial, agency=consultation.agency)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_form(request, form, agency=consultation.agency, consultation=consultation)
    ):
        messages.success(request, _("已保存。"))
        return redirect("console:consultation-detail", pk=pk)
    return render(
        request,
        "console/consultation_form.html",
        {
            "form": form,
            "agency": consultation.agency,
            "consultation": consultation,
            "minimum_days": consultation.agency.consultation_minimum_days,
        },
    )


@staff_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation_for(request, pk)
    comments = list(
        consultation.comments.select_related("clause", "group_lead").order_by("submitted_at", "id")
    )
    numbers = {c.pk: n for n, c in enumerate(comments, start=1)}
    clauses = list(consultation.clauses.all())
    facts = services.comment_facts(consultation)
    can_run = access.can_run_consultation(request.user, consultation)
    can_publish = access.can_publish_consultation(request.user, consultation)
    reported_ids = set(
        Comment.objects.reported().filter(consultation=consultation).values_list("pk", flat=True)
    )
    # The consultation's own events and those of its comments, in one trail.
    trail = (
        AuditEvent.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Consultation),
                object_id=str(consultation.pk),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Comment),
                object_id__in=[str(c.pk) for c in comments],
            )
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    return render(
        request,
        "console/consultation_detail.html",
        {
            "consultation": consultation,
            "clauses": clauses,
            "comments": [(numbers[c.pk], c, numbers.get(c.group_lead_id)) for c in comments],
            "feedback": rules.compute_feedback(facts),
            "closing_problems": rules.closing_problems(
                facts, today=timezone.localdate(), closes_on=consultation.closes_on
            ),
            "short_period": rules.is_short_period(
                consultation.opens_on,
                consultation.closes_on,
                consultation.agency.consultation_minimum_days,
            ),
            "period_days": rules.period_days(consultation.opens_on, consultation.closes_on),
            "can_run": can_run,
            "can_publish": can_publish,
            "moderate_form": forms.ModerateForm(),
            "dispose_form": forms.DisposeForm(),
            "group_form": forms.GroupForm(),
            "record_form": forms.RecordCommentForm(clause_choices=_clause_choices(clauses)),
            "final_form": forms.FinalDocumentForm(agency=consultation.agency),
            "trail": trail,
            "awaiting": ModerationStatus.PENDING,
            "reported_ids": reported_ids,
        },
    )


def _clause_choices(clauses) -> list:
    return [
        ("", _("对征求意见稿整体")),
        *[(c.pk, c.heading or _("第%(n)d部分") % {"n": c.number}) for c in clauses],
    ]


def _run(request: HttpRequest, consultation: Consultation) -> None:
    action = request.POST.get("action", "")
    post = request.POST
    if action in ("publish", "publish_feedback"):
        if not access.can_publish_consultation(request.user, consultation):
            raise PermissionDenied
        if action == "publish":
            services.publish_consultation(consultation=consultation, actor=request.user)
            messages.success(request, _("征求意见稿已发布。"))
        else:
            services.publish_feedback(consultation=consultation, actor=request.user)
            messages.success(request, _("意见采纳情况反馈已发布。"))
        return
    if not access.can_run_consultation(request.user, consultation):
        raise PermissionDenied
    if action == "submit":
        services.submit_consultation(consultation=consultation, actor=request.user)
        messages.success(request, _("已提交审核。"))
    elif action == "moderate":
        form = forms.ModerateForm(post)
        if not form.is_valid():
            raise ParticipationError(_("请选择审核结果。"))
        comment_services.moderate_comment(
            comment=_comment_for(consultation, post.get("comment")),
            actor=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("已审核。"))
    elif action == "dispose":
        form = forms.DisposeForm(post)
        if not form.is_valid():
            raise ParticipationError(_("请选择采纳情况。"))
        comment_services.dispose_comment(
            comment=_comment_for(consultation, post.get("comment")),
            actor=request.user,
            disposition=form.cleaned_data["disposition"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("采纳情况已保存。"))
    elif action == "group":
        _group(request, consultation)
    elif action == "ungroup":
        comment_services.ungroup_comment(
            comment=_comment_for(consultation, post.get("comment")), actor=request.user
        )
        messages.success(request, _("已取消合并。"))
    elif action == "record":
        _record(request, consultation)
    elif action == "close":
        services.close_consultation(consultation=consultation, actor=request.user)
        messages.success(request, _("征求意见已结束，意见采纳情况反馈已生成并提交审核。"))
    elif action == "final":
        form = forms.FinalDocumentForm(post, agency=consultation.agency)
        if not form.is_valid():
            raise ParticipationError(_("请选择正式印发的文件。"))
        services.link_final_document(
            consultation=consultation, document=form.cleaned_data["document"], actor=request.user
        )
        messages.success(request, _("已关联正式文件。"))
    else:
        raise Http404


def _group(request: HttpRequest, consultation: Consultation) -> None:
    form = forms.GroupForm(request.POST)
    if not form.is_valid():
        raise ParticipationError(_("请填写要合并到的意见编号。"))
    ordered = list(consultation.comments.order_by("submitted_at", "id"))
    number = form.cleaned_data["lead"]
    if number > len(ordered):
        raise ParticipationError(_("没有第%(n)d号意见。") % {"n": number})
    lead = ordered[number - 1]
    member = _comment_for(consultation, request.POST.get("comment"))
    comment_services.group_comments(lead=lead, others=[member], actor=request.user)
    messages.success(request, _("已合并到第%(n)d号意见。") % {"n": number})


def _record(request: HttpRequest, consultation: Consultation) -> None:
    form = forms.RecordCommentForm(
        request.POST, clause_choices=_clause_choices(consultation.clauses.all())
    )
    if not form.is_valid():
        problems = "；".join(
            f"{form.fields[name].label}：{' '.join(errors)}" for name, errors in form.errors.items()
        )
        raise ParticipationError(problems)
    data = form.cleaned_data
    clause = consultation.clauses.filter(pk=data["clause"]).first() if data["clause"] else None
    comment_services.record_comment(
        consultation=consultation,
        actor=request.user,
        body=data["body"],
        source=data["source"],
        source_detail=data["source_detail"],
        clause=clause,
        commenter_name=data["commenter_name"],
        contact=data["contact"],
        received_on=data["received_on"],
        make_public=data["make_public"],
    )
    messages.success(request, _("意见已登记。"))


@staff_required
@require_POST
def consultation_action(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation_for(request, pk)
    try:
        _run(request, consultation)
    except ParticipationError as exc:
        messages.error(request, exc.message)
    anchor = request.POST.get("comment")
    target = redirect("console:consultation-detail", pk=pk)
    if anchor and anchor.isdigit():
        target["Location"] += f"#comment-{anchor}"
    return target
