"""Console pages of suggestion and proposal handling (gongkai.proposals): the list with its
filters, registering, and one page per proposal with the step its state allows. Thin views:
each parses a form, asks proposals.access and calls one service."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console import proposal_forms as forms
from gongkai.console.views import staff_required
from gongkai.documents.models import Status as RecordStatus
from gongkai.obligations.ledger import attach_clocks, now_and_today
from gongkai.proposals import access, rules, services
from gongkai.proposals.errors import ProposalError
from gongkai.proposals.models import Classification, Kind, Proposal, State
from gongkai.proposals.obligations import PROPOSAL_REPLY

YEARS_SHOWN = 5


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("agency", "record", "registered_by", "replied_by"), pk=pk
    )
    if not access.can_view(request.user, proposal.agency):
        raise Http404  # another agency's proposal: not even its existence is shown
    return proposal


def _choice(value: str | None, choices) -> str:
    return value if value in choices else ""


def _year(value: str | None, today: datetime.date) -> int:
    try:
        year = int(value) if value else today.year
    except ValueError:
        return today.year
    return year if today.year - YEARS_SHOWN < year <= today.year + 1 else today.year


def _handled_agencies(user):
    """The agencies where the user may register proposals (a role in the agency itself)."""
    members = agency_access.member_agencies(user)
    return Agency.objects.filter(
        pk__in=[a.pk for a in members if access.can_handle(user, a)]
    ).order_by("code")


@staff_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """The proposals of the agencies the user reads, filtered by year, kind, state and class."""
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today)
    kind = _choice(request.GET.get("kind"), Kind.values)
    state = _choice(request.GET.get("state"), State.values)
    classification = _choice(request.GET.get("classification"), Classification.values)
    agency_ids = agency_access.readable_agency_ids(request.user)
    rows = Proposal.objects.for_agencies(agency_ids).filter(year=year).select_related("agency")
    if kind:
        rows = rows.filter(kind=kind)
    if state:
        rows = rows.filter(state=state)
    if classification:
        rows = rows.filter(classification=classification)
    now, today = now_and_today()
    proposals = attach_clocks(rows.order_by("kind", "number"), PROPOSAL_REPLY, today=today, now=now)
    return render(
        request,
        "console/proposal_list.html",
        {
            "proposals": proposals,
            "counts": services.yearly_counts(agency_ids, year=year),
            "year": year,
            "years": list(range(today.year, today.year - YEARS_SHOWN, -1)),
            "kind": kind,
            "state": state,
            "classification": classification,
            "kinds": Kind.choices,
            "states": State.choices,
            "classes": Classification.choices,
            "can_register": _handled_agencies(request.user).exists(),
        },
    )


@staff_required
def proposal_register(request: HttpRequest) -> HttpResponse:
    agencies = _handled_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = forms.RegisterForm(request.POST, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal = services.register_proposal(
                    agency=data["agency"], values=data, actor=request.user
                )
            except ProposalError as error:
                forms.add_problems(form, {error.field or "": error.message})
            else:
                messages.success(
                    request,
                    _("已登记，答复期限为%(due)s。") % {"due": proposal.due_on.isoformat()},
                )
                return redirect("console:proposal-detail", proposal.pk)
        status = 400
    else:
        form = forms.RegisterForm(agencies=agencies)
    return render(request, "console/proposal_form.html", {"form": form}, status=status)


def _detail(request: HttpRequest, proposal: Proposal, bound=None, status: int = 200):
    """The proposal page; `bound` is the one form that failed, shown with its errors."""
    user = request.user
    can_handle = access.can_handle(user, proposal.agency)
    state = proposal.state
    initial_deadline = {"due_on": proposal.due_on, "due_reason": proposal.due_reason}
    action_forms = {}
    if can_handle and rules.is_allowed("set_deadline", state):
        action_forms["deadline"] = forms.DeadlineForm(
            initial=initial_deadline, proposal=proposal, prefix="deadline"
        )
    if can_handle and rules.is_allowed("reply", state):
        action_forms["reply"] = forms.ReplyForm(proposal=proposal, prefix="reply")
    if can_handle and rules.is_allowed("feedback", state):
        action_forms["feedback"] = forms.FeedbackForm(proposal=proposal, prefix="feedback")
    if can_handle and rules.is_allowed("prepare_publication", state) and proposal.record_id is None:
        action_forms["publication"] = forms.PublicationForm(proposal=proposal, prefix="publication")
    if bound is not None:
        action_forms[bound.prefix] = bound
    now, today = now_and_today()
    [proposal] = attach_clocks([proposal], PROPOSAL_REPLY, today=today, now=now)
    return render(
        request,
        "console/proposal_detail.html",
        {
            "proposal": proposal,
            "forms": action_forms,
            "bound": bound,
            "can_publish": (
                access.can_publish(user, proposal.agency)
                and rules.is_allowed("publish", state)
                and proposal.record is not None
                and proposal.record.status in (RecordStatus.IN_REVIEW, RecordStatus.PUBLISHED)
            ),
            "default_due_on": rules.default_due_on(proposal.assigned_on),
        },
        status=status,
    )


@staff_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _proposal(request, pk))


def _act(request: HttpRequest, pk: int, form_class, prefix: str, perform, done: str):
    """Run one step from its form: its errors on the page (400), or the service's refusal."""
    proposal = _proposal(request, pk)
    if not access.can_handle(request.user, proposal.agency):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES, proposal=proposal, prefix=prefix)
    if form.is_valid():
        try:
            perform(proposal, form.cleaned_data)
        except ProposalError as error:
            forms.add_problems(form, {error.field or "": error.message})
        else:
            messages.success(request, done)
            return redirect("console:proposal-detail", proposal.pk)
    return _detail(request, proposal, bound=form, status=400)


@staff_required
@require_POST
def proposal_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(proposal, data):
        services.set_deadline(
            proposal=proposal, due_on=data["due_on"], reason=data["due_reason"], actor=request.user
        )

    return _act(request, pk, forms.DeadlineForm, "deadline", perform, _("答复期限已修改。"))


@staff_required
@require_POST
def proposal_reply(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(proposal, data):
        letter = data["reply_letter"]
        services.record_reply(
            proposal=proposal,
            classification=data["classification"],
            replied_on=data["replied_on"],
            summary=data["reply_summary"],
            text=data["reply_text"],
            letter=letter.read(),
            letter_name=letter.name,
            actor=request.user,
        )

    return _act(request, pk, forms.ReplyForm, "reply", perform, _("答复已登记。"))


@staff_required
@require_POST
def proposal_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(proposal, data):
        services.record_feedback(
            proposal=proposal,
            satisfaction=data["satisfaction"],
            feedback_on=data["feedback_on"],
            text=data["feedback_text"],
            actor=request.user,
        )

    return _act(request, pk, forms.FeedbackForm, "feedback", perform, _("反馈意见已登记。"))


@staff_required
@require_POST
def proposal_publication(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(proposal, data):
        services.prepare_publication(
            proposal=proposal,
            mode=data["publication_mode"],
            reason=data["publication_reason"],
            catalogue_item=data["catalogue_item"],
            actor=request.user,
        )

    return _act(request, pk, forms.PublicationForm, "publication", perform, _("公开方式已确定。"))


@staff_required
@require_POST
def proposal_publish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    if not access.can_publish(request.user, proposal.agency):
        raise PermissionDenied
    try:
        services.publish(proposal=proposal, actor=request.user)
    except ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("办理结果已公开。"))
    return redirect("console:proposal-detail", proposal.pk)


@staff_required
def proposal_letter(request: HttpRequest, pk: int) -> FileResponse:
    """The reply letter as uploaded (staff only: it may carry the member's contact details)."""
    proposal = _proposal(request, pk)
    if not proposal.reply_letter:
        raise Http404
    return FileResponse(
        proposal.reply_letter.open("rb"),
        as_attachment=True,
        filename=proposal.reply_letter_name or "reply",
    )
