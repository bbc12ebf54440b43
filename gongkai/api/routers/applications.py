"""Information applications (依申请公开): the staff API (token required) and the applicant's
public progress check.

Each endpoint parses its input, fetches the application through `gongkai.foi.access` and
calls one service of `gongkai.foi.services`; domain errors come back as 400 with the reason.
"""

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router
from ninja import Status as WithStatus
from ninja.errors import HttpError
from ninja.errors import ValidationError as InputError

from gongkai.agencies.models import Agency
from gongkai.api.auth import StaffToken
from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import (
    ApplicationDetailOut,
    ApplicationFilters,
    ApplicationIn,
    ApplicationOut,
    ApplicationPageOut,
    ClockOut,
    ErrorOut,
    EventIn,
    EventOut,
    FieldErrorOut,
    ProgressIn,
    ProgressOut,
    ProgressStepOut,
    UserRefOut,
)
from gongkai.api.shaping import agency_ref, choice
from gongkai.foi import (
    access,
    consultation_services,
    delay_services,
    fee_services,
    services,
    workflow,
)
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application, Event, LogKind
from gongkai.foi.obligations import REPLY
from gongkai.foi.personal_data import applicant_view
from gongkai.foi.progress import public_steps
from gongkai.foi.progress import secret_matches as matches_secret
from gongkai.http.ratelimit import count_progress_check
from gongkai.obligations import ledger
from gongkai.workdays.errors import WorkdaysError

staff_router = Router(tags=["staff: applications"], auth=StaffToken())
public_router = Router(tags=["applications"])

SECRET_MAX_LENGTH = 64


def _user_ref(user) -> UserRefOut | None:
    if user is None:
        return None
    return UserRefOut(
        id=user.pk, username=user.get_username(), name=user.get_full_name() or user.get_username()
    )


def _outcome(application: Application):
    if not application.outcome:
        return None
    return choice(application.outcome, application.get_outcome_display())


def application_out(
    request: HttpRequest, application: Application, *, is_overdue: bool
) -> ApplicationOut:
    """An application as listed, the applicant as the token's user may see them; needs
    `agency` and `handler` loaded. Whether it is overdue is the ledger's (`overdue_among`)."""
    applicant = applicant_view(
        application, access.personal_data_visibility(request.user, application)
    )
    return ApplicationOut(
        id=application.pk,
        query_code=application.query_code,
        agency=agency_ref(application.agency),
        status=choice(application.status, application.get_status_display()),
        applicant_type=choice(application.applicant_type, application.get_applicant_type_display()),
        applicant_name=applicant.name,
        personal_data=applicant.visibility,
        description=application.description,
        channel=choice(application.channel, application.get_channel_display()),
        received_on=application.received_on,
        due_on=application.due_on,
        due_is_provisional=application.due_is_provisional,
        is_overdue=is_overdue,
        outcome=_outcome(application),
        replied_on=application.replied_on,
        closed_on=application.closed_on,
        handler=_user_ref(application.handler),
        url=request.build_absolute_uri(
            reverse("api:staff-application-detail", args=[application.pk])
        ),
    )


# --- events: kind → (workflow action, who may, service call) -----------------------------

Run = Callable[[Application, Any, Any], Application]


def _draft_reply(application: Application, actor, data) -> Application:
    today = timezone.localdate()
    if data.on is not None and data.on != today:
        raise FoiError(
            _("起草答复记为当天（%(today)s），不能填写其他日期。") % {"today": today.isoformat()},
            field="on",
        )
    return services.draft_reply(
        application=application,
        actor=actor,
        outcome=data.outcome,
        text=data.text,
        already_public=data.already_public,
        not_held_reason=data.not_held_reason,
        responsible_agency=data.responsible_agency,
        responsible_agency_contact=data.responsible_agency_contact,
        responsible_agency_unknown=data.responsible_agency_unknown,
    )


EVENTS: dict[str, tuple[str, Callable[[Any, Application], bool], Run]] = {
    LogKind.SUPPLEMENT_REQUESTED: (
        workflow.Action.REQUEST_SUPPLEMENT,
        access.can_handle,
        lambda a, u, d: services.request_supplement(
            application=a, actor=u, on=d.on, items=d.items, deadline_days=d.deadline_days
        ),
    ),
    LogKind.SUPPLEMENT_RECEIVED: (
        workflow.Action.RECORD_SUPPLEMENT,
        access.can_handle,
        lambda a, u, d: services.record_supplement(application=a, actor=u, on=d.on),
    ),
    LogKind.CONSULTATION_STARTED: (
        workflow.Action.START_CONSULTATION,
        access.can_handle,
        lambda a, u, d: consultation_services.start_consultation(
            application=a, actor=u, on=d.on, party=d.party, party_kind=d.party_kind
        ),
    ),
    LogKind.CONSULTATION_DELIVERED: (
        workflow.Action.RECORD_CONSULTATION_RECEIPT,
        access.can_handle,
        lambda a, u, d: consultation_services.record_consultation_receipt(
            application=a, actor=u, on=d.on, consultation_id=d.consultation
        ),
    ),
    LogKind.CONSULTATION_ENDED: (
        workflow.Action.END_CONSULTATION,
        access.can_handle,
        lambda a, u, d: consultation_services.end_consultation(
            application=a,
            actor=u,
            on=d.on,
            note=d.note,
            result=d.result,
            decision=d.decision,
            consultation_id=d.consultation,
        ),
    ),
    LogKind.EXTENDED: (
        workflow.Action.EXTEND,
        access.can_handle,
        lambda a, u, d: services.extend_deadline(
            application=a, actor=u, on=d.on, days=d.days, approved_by=d.approved_by
        ),
    ),
    LogKind.DELAYED: (
        workflow.Action.DELAY,
        access.can_handle,
        lambda a, u, d: delay_services.delay_reply(
            application=a, actor=u, on=d.on, reason=d.reason, until=d.until, days=d.days
        ),
    ),
    LogKind.FEE_NOTIFIED: (
        workflow.Action.NOTIFY_FEE,
        access.can_handle,
        lambda a, u, d: fee_services.notify_fee(
            application=a,
            actor=u,
            on=d.on,
            method=d.method,
            quantity=d.quantity,
            service=d.service or "",
            received_on=d.received_on,
        ),
    ),
    LogKind.FEE_NOTICE_SERVED: (
        workflow.Action.RECORD_FEE_SERVICE,
        access.can_handle,
        lambda a, u, d: fee_services.record_fee_service(
            application=a, actor=u, service=d.service, received_on=d.on, note=d.note
        ),
    ),
    LogKind.FEE_PAID: (
        workflow.Action.RECORD_FEE_PAID,
        access.can_handle,
        lambda a, u, d: fee_services.record_fee_paid(
            application=a, actor=u, on=d.on, amount=d.amount
        ),
    ),
    LogKind.REPLY_DRAFTED: (workflow.Action.DRAFT_REPLY, access.can_handle, _draft_reply),
    "reply_approved": (
        workflow.Action.APPROVE_REPLY,
        access.can_approve,
        lambda a, u, d: services.approve_reply(application=a, actor=u, on=d.on),
    ),
    "closed_abandoned": (
        workflow.Action.CLOSE_ABANDONED,
        access.can_handle,
        lambda a, u, d: services.close_abandoned(application=a, actor=u, on=d.on),
    ),
    "closed_unpaid": (
        workflow.Action.CLOSE_UNPAID,
        access.can_handle,
        lambda a, u, d: fee_services.close_unpaid(application=a, actor=u, on=d.on),
    ),
}


def allowed_events(user, application: Application) -> list[str]:
    """The event kinds `user` may record on the application in its current status."""
    return [
        kind
        for kind, (action, may, _run) in EVENTS.items()
        if workflow.is_allowed(action, application.status) and may(user, application)
    ]


# --- shaping the detail ------------------------------------------------------------------


def _viewable(request: HttpRequest, application_id: int) -> Application:
    """The application with its log, if the token's user may see it; else 404."""
    application = (
        Application.objects.select_related("agency", "handler")
        .prefetch_related(Prefetch("events", queryset=Event.objects.select_related("actor")))
        .filter(pk=application_id)
        .first()
    )
    if application is None or not access.can_view(request.user, application):
        raise HttpError(404, _("未找到该申请。"))
    return application


def _clock(application: Application) -> tuple[ClockOut | None, str | None]:
    try:
        reading = services.read_clock(application)
    except WorkdaysError as exc:
        return None, str(exc.message)
    return (
        ClockOut(
            received_on=reading.received_on,
            start_on=reading.start_on,
            due_on=reading.due_on,
            due_is_provisional=reading.is_provisional,
            limit_days=reading.limit_days,
            used_days=reading.used_days,
            remaining_days=reading.remaining_days,
            paused_since=reading.paused_since,
            pause_reason=str(reading.pause_reason),
            is_overdue=reading.is_overdue,
            explanation=[str(step) for step in reading.explanation],
            problems=[str(problem) for problem in reading.problems],
        ),
        None,
    )


def application_detail_out(request: HttpRequest, application: Application) -> ApplicationDetailOut:
    """An application in full, with its log and its clock explained."""
    clock, clock_error = _clock(application)
    overdue = ledger.overdue_among(
        REPLY, [application.pk], today=timezone.localdate(), now=timezone.now()
    )
    listed = application_out(request, application, is_overdue=application.pk in overdue)
    if clock is not None:  # the clock explains the days; whether it is overdue is the ledger's
        clock = clock.model_copy(update={"is_overdue": listed.is_overdue})
    applicant = applicant_view(application, listed.personal_data)
    shown = not applicant.is_hidden  # no contact fields at all, not even empty ones
    return ApplicationDetailOut(
        **listed.model_dump(),
        already_public=application.already_public,
        contact_person=applicant.contact_person if shown else None,
        id_type=choice(application.id_type, applicant.id_type) if shown else None,
        id_number=applicant.id_number if shown else None,
        phone=applicant.phone if shown else None,
        email=applicant.email if shown else None,
        address=applicant.address if shown else None,
        postcode=applicant.postcode if shown else None,
        document_numbers=application.document_numbers,
        delivery_form=choice(application.delivery_form, application.get_delivery_form_display()),
        submitted_on=application.submitted_on,
        signed_on=application.signed_on,
        confirmed_on=application.confirmed_on,
        arrived_on=application.arrived_on,
        confirmation_delay_reason=application.confirmation_delay_reason,
        reply_text=application.reply_text,
        fee_method=choice(application.fee_method, application.get_fee_method_display())
        if application.fee_method
        else None,
        fee_amount=application.fee_amount,
        fee_paid_amount=application.fee_paid_amount,
        clock=clock,
        clock_error=clock_error,
        events=[
            EventOut(
                id=event.pk,
                kind=choice(event.kind, event.get_kind_display()),
                on=event.on,
                days=event.days,
                note=event.note,
                details=event.details or {},
                actor=_user_ref(event.actor),
                created_at=event.created_at,
            )
            for event in application.events.all()
        ],
        allowed_events=allowed_events(request.user, application),
    )


# --- staff endpoints ---------------------------------------------------------------------


@staff_router.post(
    "",
    response={201: ApplicationDetailOut, 400: FieldErrorOut, 401: ErrorOut, 403: ErrorOut},
    url_name="staff-application-list",
    operation_id="register_application",
)
def register_application(
    request: HttpRequest, payload: ApplicationIn
) -> WithStatus[ApplicationDetailOut] | WithStatus[FieldErrorOut]:
    """Register an application received in person, by post, by fax or online; the receipt date
    follows 条例第三十一条 for the channel. Needs the FOI handler or administrator role."""
    agency = Agency.objects.active().filter(code=payload.agency).first()
    if agency is None:
        return WithStatus(400, FieldErrorOut(detail=_("未找到该机关代码。"), field="agency"))
    if not access.can_register_in(request.user, agency):
        raise HttpError(403, _("您没有在该机关登记申请的权限。"))
    values = payload.model_dump()
    if values["email"]:
        try:
            validate_email(values["email"])
        except DjangoValidationError:
            return WithStatus(
                400, FieldErrorOut(detail=_("请填写有效的电子邮箱地址。"), field="email")
            )
    try:
        application = services.register_application(
            agency=agency,
            actor=request.user,
            values=values,
            channel=payload.channel,
            submitted_on=payload.submitted_on,
            signed_on=payload.signed_on,
            confirmed_on=payload.confirmed_on,
            arrived_on=payload.arrived_on,
            confirmation_delay_reason=payload.confirmation_delay_reason,
        )
    except FoiError as exc:
        return WithStatus(400, FieldErrorOut(detail=str(exc.message), field=exc.field))
    return WithStatus(201, application_detail_out(request, _viewable(request, application.pk)))


@staff_router.get(
    "",
    response={200: ApplicationPageOut, 400: ErrorOut, 401: ErrorOut},
    url_name="staff-application-list",
    operation_id="list_applications",
)
def list_applications(
    request: HttpRequest, filters: Query[ApplicationFilters]
) -> ApplicationPageOut:
    """Applications of the agencies the token's user works in or supervises, newest first;
    at most 50 pages of at most 100."""
    check_page(filters.page, filters.page_size)
    today = timezone.localdate()
    applications = access.applications_for_staff(request.user)
    if filters.agency:
        applications = applications.filter(agency__code=filters.agency)
    if filters.status:
        applications = applications.filter(status=filters.status)
    # Overdue is the ledger's (obligations/ledger.py).
    overdue = ledger.overdue_ids(REPLY, today=today, now=timezone.now())
    if filters.overdue is True:
        applications = applications.filter(pk__in=overdue)
    elif filters.overdue is False:
        applications = applications.exclude(pk__in=overdue)
    total = applications.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    shown = list(
        applications.select_related("agency", "handler").order_by("-received_on", "-id")[
            start : start + filters.page_size
        ]
    )
    late = ledger.overdue_among(REPLY, [a.pk for a in shown], today=today, now=timezone.now())
    return ApplicationPageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[
            application_out(request, application, is_overdue=application.pk in late)
            for application in shown
        ],
    )


@staff_router.get(
    "/{application_id}",
    response={200: ApplicationDetailOut, 401: ErrorOut, 404: ErrorOut},
    url_name="staff-application-detail",
    operation_id="get_application",
)
def get_application(request: HttpRequest, application_id: int) -> ApplicationDetailOut:
    """One application with its log and its reply clock, derived and explained."""
    return application_detail_out(request, _viewable(request, application_id))


@staff_router.post(
    "/{application_id}/events",
    response={
        200: ApplicationDetailOut,
        400: FieldErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
    },
    url_name="staff-application-events",
    operation_id="record_application_event",
)
def record_application_event(
    request: HttpRequest, application_id: int, payload: EventIn
) -> ApplicationDetailOut | WithStatus[FieldErrorOut]:
    """Record one step of the procedure (补正, 征求意见, 延长, 收费, 答复, 办结) through its
    service; returns the application as it now stands."""
    application = _viewable(request, application_id)
    _action, may, run = EVENTS[payload.kind]
    if not may(request.user, application):
        raise HttpError(403, _("您没有办理该申请此项事务的权限。"))
    try:
        run(application, request.user, payload)
    except FoiError as exc:
        return WithStatus(400, FieldErrorOut(detail=str(exc.message), field=exc.field))
    return application_detail_out(request, _viewable(request, application_id))


# --- malformed input, in Chinese ---------------------------------------------------------

_MESSAGES = {
    "missing": gettext_lazy("请填写“%(field)s”。"),
    "date_parsing": gettext_lazy("“%(field)s”应为 YYYY-MM-DD 格式的日期。"),
    "date_from_datetime_parsing": gettext_lazy("“%(field)s”应为 YYYY-MM-DD 格式的日期。"),
    "date_from_datetime_inexact": gettext_lazy("“%(field)s”应为 YYYY-MM-DD 格式的日期。"),
    "date_type": gettext_lazy("“%(field)s”应为 YYYY-MM-DD 格式的日期。"),
    "enum": gettext_lazy("“%(field)s”的取值无效，可填写：%(expected)s。"),
    "literal_error": gettext_lazy("“%(field)s”的取值无效，可填写：%(expected)s。"),
    "union_tag_invalid": gettext_lazy("“kind”的取值无效，可填写：%(expected)s。"),
    "union_tag_not_found": gettext_lazy("请填写“kind”。"),
    "int_parsing": gettext_lazy("“%(field)s”应为整数。"),
    "int_type": gettext_lazy("“%(field)s”应为整数。"),
    "int_from_float": gettext_lazy("“%(field)s”应为整数。"),
    "greater_than_equal": gettext_lazy("“%(field)s”不能小于%(ge)s。"),
    "less_than_equal": gettext_lazy("“%(field)s”不能大于%(le)s。"),
    "string_too_long": gettext_lazy("“%(field)s”不能超过%(max_length)s个字符。"),
    "string_type": gettext_lazy("“%(field)s”应为文字。"),
    "bool_parsing": gettext_lazy("“%(field)s”应为 true 或 false。"),
    "bool_type": gettext_lazy("“%(field)s”应为 true 或 false。"),
    "model_attributes_type": gettext_lazy("请求内容应为 JSON 对象。"),
    "dict_type": gettext_lazy("请求内容应为 JSON 对象。"),
    "json_invalid": gettext_lazy("请求内容不是有效的 JSON。"),
}
_UNKNOWN_PROBLEM = gettext_lazy("“%(field)s”填写有误。")
_WRAPPERS = {"body", "query", "path", "payload", "filters", *EVENTS}


def is_staff_request(request: HttpRequest) -> bool:
    """Whether the request is for the staff API, whose input errors are 400 in Chinese."""
    return request.path.startswith(reverse("api:staff-application-list"))


def input_error(exc: InputError) -> dict[str, str | None]:
    """The first problem of malformed input as `{"detail": …, "field": …}` in Chinese."""
    error = exc.errors[0] if exc.errors else {}
    names = [part for part in error.get("loc", ()) if isinstance(part, str)]
    names = [part for part in names if part not in _WRAPPERS]
    field = names[-1] if names else None
    context_values = error.get("ctx") or {}
    if str(error.get("type", "")).startswith("union_tag"):
        field = str(context_values.get("discriminator", "kind")).strip("'")
    context = {key: str(value) for key, value in context_values.items()}
    expected = context.get("expected") or context.get("expected_tags", "")
    # pydantic lists choices as "'a', 'b' or 'c'"; say them as a Chinese list.
    context["expected"] = "、".join(re.findall(r"'([^']*)'", expected)) or expected
    template = _MESSAGES.get(error.get("type", ""), _UNKNOWN_PROBLEM)
    try:
        detail = str(template) % {"field": field or "", **context}
    except KeyError:
        detail = str(_UNKNOWN_PROBLEM) % {"field": field or ""}
    return {"detail": detail, "field": field}


# --- the applicant's progress check (public) -------------------------------------------


@public_router.get(
    "/progress",
    response={405: ErrorOut},
    url_name="application-progress",
    include_in_schema=False,
)
def progress_by_get(request: HttpRequest, response: HttpResponse) -> WithStatus[ErrorOut]:
    """The old GET, which put the phone or ID number in the URL (and so in access logs):
    405, telling the client to POST (security review #11, finding 13)."""
    response["Allow"] = "POST"
    return WithStatus(
        405,
        ErrorOut(
            detail=_(
                "请改用 POST 方法，在 JSON 请求体中提交查询码（code）和联系电话或证件号码"
                "（secret），不要把它们放在网址中。"
            )
        ),
    )


@public_router.post(
    "/progress",
    response={200: ProgressOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    url_name="application-progress",
    operation_id="check_application_progress",
)
def check_progress(
    request: HttpRequest, response: HttpResponse, payload: ProgressIn
) -> ProgressOut:
    """The progress of an application for whoever holds its query code and the applicant's
    phone or ID number: states and dates only. Every check counts against the client's and
    the query code's rate limits (429 with Retry-After once over; too many checks of one
    code lock it for a while)."""
    # The portal's rules, not a copy: which log entries the applicant sees (PUBLIC_KINDS) and
    # what proves it is them (matches_secret, a constant-time comparison).
    response["Cache-Control"] = "no-store"
    count_progress_check(request, payload.code)
    code, secret = payload.code.strip().upper(), payload.secret.strip()
    if not code or not secret:
        raise HttpError(400, _("请填写查询码和联系电话或证件号码。"))
    application = (
        Application.objects.select_related("agency")
        .filter(query_code=code[:SECRET_MAX_LENGTH])
        .first()
    )
    if (
        application is None
        or len(secret) > SECRET_MAX_LENGTH
        or not matches_secret(application, secret)
    ):
        raise HttpError(404, _("查询码与联系电话或证件号码不匹配。"))
    due_on, paused_since, provisional = None, None, False
    try:
        reading = services.read_clock(application)
    except WorkdaysError:
        pass  # no due date to show for a year the calendar cannot count at all
    else:
        due_on, paused_since = reading.due_on, reading.paused_since
        provisional = reading.is_provisional
    steps = public_steps(application)
    return ProgressOut(
        query_code=application.query_code,
        agency=agency_ref(application.agency),
        status=choice(application.status, application.get_status_display()),
        received_on=application.received_on,
        due_on=due_on,
        due_is_provisional=provisional,
        paused_since=paused_since,
        replied_on=application.replied_on,
        closed_on=application.closed_on,
        outcome=None if application.is_open else _outcome(application),
        steps=[
            ProgressStepOut(kind=choice(step.kind, step.get_kind_display()), on=step.on)
            for step in steps
        ],
    )
