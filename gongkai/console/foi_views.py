"""Console pages for information applications: lists by clock, registration, the case page
with its log and the statutory clock explained, and one small form per action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.console.foi_clock_forms import (
    ConsultationEndForm,
    ConsultationForm,
    ConsultationReceiptForm,
    DelayForm,
    ReplyForm,
)
from gongkai.console.foi_forms import (
    AssignForm,
    CommentsForm,
    DateNoteForm,
    ExtendForm,
    FeeForm,
    FeePaidForm,
    FeeServiceForm,
    RegisterForm,
    RemedyForm,
    RemedyResultForm,
    SplitForm,
    SupplementForm,
    error_summary,
)
from gongkai.console.views import staff_required
from gongkai.foi import (
    access,
    consultation_services,
    delay_services,
    fee_services,
    letters,
    obligations,
    personal_data,
    services,
    workflow,
)
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application, RemedyCase
from gongkai.obligations import ledger
from gongkai.workdays.errors import WorkdaysError


def _application(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("agency", "handler"), pk=pk)
    if not access.can_view(request.user, application):
        raise Http404
    return application


@staff_required
def application_register(request: HttpRequest) -> HttpResponse:
    """Register an application received in person, by post, by fax or online."""
    agencies = Agency.objects.filter(
        pk__in=[
            a.pk
            for a in agency_access.member_agencies(request.user)
            if access.can_register_in(request.user, a)
        ]
    )
    if not agencies.exists():
        raise PermissionDenied
    form = RegisterForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("id_copy")
        try:
            application = services.register_application(
                agency=data["agency"],
                actor=request.user,
                values=data,
                channel=data["channel"],
                submitted_on=data["submitted_on"],
                signed_on=data["signed_on"],
                confirmed_on=data["confirmed_on"],
                arrived_on=data["arrived_on"],
                confirmation_delay_reason=data["confirmation_delay_reason"],
                id_copy=(upload.name, upload.read()) if upload else None,
            )
        except FoiError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, _("申请已登记，查询码 %(code)s。") % {"code": application.query_code}
            )
            return redirect("console:foi-detail", pk=application.pk)
    return render(request, "console/foi_register.html", {"form": form})


@staff_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    user = request.user
    reading, clock_problem = None, ""
    try:
        reading = services.read_clock(application)
    except WorkdaysError as exc:
        clock_problem = exc.message
    allowed = workflow.allowed_actions(application.status)
    can_handle = access.can_handle(user, application)
    visibility = access.personal_data_visibility(user, application)
    today = timezone.localdate()
    fee_pay_by, fee_problem = None, ""
    try:
        fee_pay_by = fee_services.fee_pay_by(application)
    except FoiError as exc:
        fee_problem = exc.message
    consultations = consultation_services.consultations_of(application, today=today)
    open_choices = [
        (start.pk, f"{start.note}（{start.on:%Y-%m-%d}）")
        for start, reading in consultations
        if reading.is_open
    ]
    # Overdue is what the obligations ledger says (the clock above explains the days).
    is_overdue = application.pk in ledger.overdue_among(
        obligations.REPLY, [application.pk], today=today, now=timezone.now()
    )
    return render(
        request,
        "console/foi_detail.html",
        {
            "is_overdue": is_overdue,
            "application": application,
            "applicant": personal_data.applicant_view(application, visibility),
            "reading": reading,
            "clock_problem": clock_problem,
            "events": application.events.select_related("actor"),
            "trail": personal_data.mask_trail(
                AuditEvent.objects.for_object(application).select_related("actor")[:100],
                visibility,
            ),
            "repeats": services.find_repeats(application),
            "parts": application.split_into.all(),
            "remedies": [
                (
                    case,
                    RemedyResultForm(
                        initial={"result": case.result, "concluded_on": case.concluded_on},
                        auto_id=f"remedy_{case.pk}_%s",
                    ),
                )
                for case in application.remedy_cases.all()
            ],
            "letters": letters.available_letters(application),
            "allowed": allowed if can_handle else set(),
            "can_approve": access.can_approve(user, application)
            and workflow.Action.APPROVE_REPLY in allowed,
            "supplement_deadline": services.supplement_deadline_of(application),
            "fee_pay_by": fee_pay_by,
            "fee_problem": fee_problem,
            "consultations": consultations,
            "forms": {
                "assign": AssignForm(agency=application.agency, auto_id="assign_%s"),
                "supplement": SupplementForm(initial={"on": today}, auto_id="supplement_%s"),
                "supplement_received": DateNoteForm(
                    initial={"on": today}, auto_id="supplement_received_%s"
                ),
                "consultation": ConsultationForm(initial={"on": today}, auto_id="consultation_%s"),
                "consultation_receipt": ConsultationReceiptForm(
                    initial={"on": today}, consultations=open_choices, auto_id="receipt_%s"
                ),
                "consultation_end": ConsultationEndForm(
                    initial={"on": today}, consultations=open_choices, auto_id="consultation_end_%s"
                ),
                "delay": DelayForm(initial={"on": today}, auto_id="delay_%s"),
                "extend": ExtendForm(initial={"on": today}, auto_id="extend_%s"),
                "fee": FeeForm(initial={"on": today}, auto_id="fee_%s"),
                "fee_served": FeeServiceForm(
                    initial={"received_on": today}, auto_id="fee_served_%s"
                ),
                "fee_paid": FeePaidForm(
                    initial={"on": today, "amount": application.fee_amount}, auto_id="fee_paid_%s"
                ),
                "reply": ReplyForm(
                    initial={
                        "outcome": application.outcome or "granted",
                        "text": application.reply_text,
                        "already_public": application.already_public,
                        "not_held_reason": application.not_held_reason,
                        "responsible_agency": application.responsible_agency,
                        "responsible_agency_contact": application.responsible_agency_contact,
                    },
                    auto_id="reply_%s",
                ),
                "approve": DateNoteForm(initial={"on": today}, auto_id="approve_%s"),
                "return": CommentsForm(auto_id="return_%s"),
                "close": DateNoteForm(initial={"on": today}, auto_id="close_%s"),
                "split": SplitForm(auto_id="split_%s"),
                "remedy": RemedyForm(auto_id="remedy_%s"),
            },
        },
    )


ACTIONS = {
    # name → (form class, permission check, service call)
    "assign": (
        None,
        access.can_handle,
        lambda r, a, d: services.assign_handler(application=a, handler=d["handler"], actor=r.user),
    ),
    "supplement": (
        SupplementForm,
        access.can_handle,
        lambda r, a, d: services.request_supplement(
            application=a,
            actor=r.user,
            on=d["on"],
            items=d["items"],
            deadline_days=d["deadline_days"],
        ),
    ),
    "supplement_received": (
        DateNoteForm,
        access.can_handle,
        lambda r, a, d: services.record_supplement(application=a, actor=r.user, on=d["on"]),
    ),
    "close_abandoned": (
        DateNoteForm,
        access.can_handle,
        lambda r, a, d: services.close_abandoned(application=a, actor=r.user, on=d["on"]),
    ),
    "consultation": (
        ConsultationForm,
        access.can_handle,
        lambda r, a, d: consultation_services.start_consultation(
            application=a, actor=r.user, on=d["on"], party=d["party"], party_kind=d["party_kind"]
        ),
    ),
    "consultation_receipt": (
        ConsultationReceiptForm,
        access.can_handle,
        lambda r, a, d: consultation_services.record_consultation_receipt(
            application=a, actor=r.user, on=d["on"], consultation_id=d["consultation"]
        ),
    ),
    "consultation_end": (
        ConsultationEndForm,
        access.can_handle,
        lambda r, a, d: consultation_services.end_consultation(
            application=a,
            actor=r.user,
            on=d["on"],
            note=d["note"],
            result=d["result"],
            decision=d["decision"],
            consultation_id=d["consultation"],
        ),
    ),
    "delay": (
        DelayForm,
        access.can_handle,
        lambda r, a, d: delay_services.delay_reply(
            application=a,
            actor=r.user,
            on=d["on"],
            reason=d["reason"],
            until=d["until"],
            days=d["days"],
        ),
    ),
    "extend": (
        ExtendForm,
        access.can_handle,
        lambda r, a, d: services.extend_deadline(
            application=a, actor=r.user, on=d["on"], days=d["days"], approved_by=d["approved_by"]
        ),
    ),
    "fee": (
        FeeForm,
        access.can_handle,
        lambda r, a, d: fee_services.notify_fee(
            application=a,
            actor=r.user,
            on=d["on"],
            method=d["method"],
            quantity=d["quantity"],
            service=d["service"],
            received_on=d["received_on"],
        ),
    ),
    "fee_served": (
        FeeServiceForm,
        access.can_handle,
        lambda r, a, d: fee_services.record_fee_service(
            application=a,
            actor=r.user,
            service=d["service"],
            received_on=d["received_on"],
            note=d["note"],
        ),
    ),
    "fee_paid": (
        FeePaidForm,
        access.can_handle,
        lambda r, a, d: fee_services.record_fee_paid(
            application=a, actor=r.user, on=d["on"], amount=d["amount"]
        ),
    ),
    "close_unpaid": (
        DateNoteForm,
        access.can_handle,
        lambda r, a, d: fee_services.close_unpaid(application=a, actor=r.user, on=d["on"]),
    ),
    "reply": (
        ReplyForm,
        access.can_handle,
        lambda r, a, d: services.draft_reply(
            application=a,
            actor=r.user,
            outcome=d["outcome"],
            text=d["text"],
            already_public=d["already_public"],
            not_held_reason=d["not_held_reason"],
            responsible_agency=d["responsible_agency"],
            responsible_agency_contact=d["responsible_agency_contact"],
            responsible_agency_unknown=d["responsible_agency_unknown"],
        ),
    ),
    "approve": (
        DateNoteForm,
        access.can_approve,
        lambda r, a, d: services.approve_reply(application=a, actor=r.user, on=d["on"]),
    ),
    "return": (
        CommentsForm,
        access.can_approve,
        lambda r, a, d: services.return_reply(application=a, actor=r.user, comments=d["comments"]),
    ),
    "split": (
        SplitForm,
        access.can_handle,
        lambda r, a, d: services.split_application(
            application=a, actor=r.user, matters=d["matters"].splitlines()
        ),
    ),
    "remedy": (
        RemedyForm,
        access.can_handle,
        lambda r, a, d: services.add_remedy_case(
            application=a,
            actor=r.user,
            kind=d["kind"],
            filed_on=d["filed_on"],
            authority=d["authority"],
        ),
    ),
}


@require_POST
@staff_required
def application_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action on the case through its service; errors come back as messages."""
    application = _application(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, allowed, run = ACTIONS[action]
    if not allowed(request.user, application):
        raise PermissionDenied
    if form_class is None:
        form = AssignForm(request.POST, agency=application.agency)
    else:
        form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("填写有误：%(errors)s") % {"errors": error_summary(form)})
        return redirect("console:foi-detail", pk=application.pk)
    try:
        run(request, application, form.cleaned_data)
    except FoiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存。"))
    return redirect("console:foi-detail", pk=application.pk)


@require_POST
@staff_required
def remedy_result(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not access.can_handle(request.user, application):
        raise PermissionDenied
    case = get_object_or_404(RemedyCase, pk=case_pk, application=application)
    form = RemedyResultForm(request.POST)
    if form.is_valid():
        services.conclude_remedy_case(
            case=case,
            actor=request.user,
            result=form.cleaned_data["result"],
            concluded_on=form.cleaned_data["concluded_on"],
        )
        messages.success(request, _("已保存。"))
    else:
        messages.error(request, _("填写有误：%(errors)s") % {"errors": error_summary(form)})
    return redirect("console:foi-detail", pk=application.pk)
