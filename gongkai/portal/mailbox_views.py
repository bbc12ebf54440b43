"""Public pages of the mailbox: write a message, its receipt, look it up by query code, the
published replies, and the reply statistics. No page ever shows a sender's name or contact
details, and only published messages are listed."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.agencies.models import Agency
from gongkai.charts.svg import Chart, Series, bar_chart, line_chart, proportion_chart
from gongkai.http.ratelimit import limit_lookups, limit_submissions
from gongkai.obligations import ledger
from gongkai.participation import mailbox, mailbox_services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.lookup import message_steps
from gongkai.participation.models import MessageStatus, PublicMessage
from gongkai.participation.obligations import MESSAGE_REPLY
from gongkai.portal.mailbox_forms import (
    LookupForm,
    MessageFilterForm,
    MessageForm,
    StatisticsFilterForm,
)
from gongkai.portal.views import MAX_PAGES, PAGE_SIZE
from gongkai.ratelimits.form_tokens import submit_once
from gongkai.workdays.errors import WorkdaysError

RECEIPT_SESSION_KEY = "message_receipt"


@never_cache
@limit_submissions("message-new")
def message_new(request: HttpRequest) -> HttpResponse:
    """The public form: no account needed; the sender gets a query code. The same form sent
    twice files one message and shows its receipt."""
    initial = {"agency": request.GET["agency"]} if request.GET.get("agency") else {}
    form = MessageForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            query_code, _first = submit_once(
                data["once"],
                "message-new",
                lambda: (
                    mailbox_services.submit_message(
                        agency=data["agency"],
                        category=data["category"],
                        subject=data["subject"],
                        body=data["body"],
                        sender_name=data["sender_name"],
                        phone=data["phone"],
                        email=data["email"],
                        wants_public=data["wants_public"],
                        account=request.user,
                    ).query_code
                ),
            )
        except ParticipationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            # The code travels in the session, not the URL: it unlocks the reply.
            request.session[RECEIPT_SESSION_KEY] = query_code
            return redirect("portal:message-receipt")
    return render(request, "portal/message_new.html", {"form": form})


def _due_explanation(message: PublicMessage) -> dict:
    try:
        return {"explanation": mailbox_services.explain_due_date(message)}
    except WorkdaysError as exc:
        return {"clock_problem": exc.message}


@never_cache
def message_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt with the query code, shown to the person who just wrote."""
    code = request.session.get(RECEIPT_SESSION_KEY)
    if not code:
        raise Http404
    message = get_object_or_404(PublicMessage.objects.select_related("agency"), query_code=code)
    return render(
        request,
        "portal/message_receipt.html",
        {
            "message": message,
            "received_on": mailbox_services.received_on(message),
            **_due_explanation(message),
        },
    )


@never_cache
@limit_lookups("message-lookup")
def message_lookup(request: HttpRequest) -> HttpResponse:
    """Status, due date and reply of a message for whoever holds its query code."""
    form = LookupForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["query_code"].strip().upper()
        message = (
            PublicMessage.objects.filter(query_code=code)
            .select_related("agency", "forwarded_from")
            .first()
        )
        if message is None:
            form.add_error("query_code", _("没有找到这个查询码对应的留言，请核对后重新输入。"))
        else:
            context.update(
                message=message,
                received_on=mailbox_services.received_on(message),
                is_open=message.status in mailbox_services.OPEN_STATUSES,
                steps=message_steps(message),
            )
    return render(request, "portal/message_lookup.html", context)


def message_list(request: HttpRequest) -> HttpResponse:
    """Published messages with their replies, newest answer first; filtered, bounded paging."""
    form = MessageFilterForm(request.GET or None)
    messages = PublicMessage.objects.published()
    if form.is_valid():
        if form.cleaned_data["agency"]:
            messages = messages.filter(agency__code=form.cleaned_data["agency"])
        if form.cleaned_data["category"]:
            messages = messages.filter(category=form.cleaned_data["category"])
    messages = messages.select_related("agency").order_by("-answered_at", "-id")
    paginator = Paginator(messages, PAGE_SIZE)
    page = paginator.get_page(min(_bounded_page(request.GET.get("page")), MAX_PAGES))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/message_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "max_pages": MAX_PAGES},
    )


def _bounded_page(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published message: the public subject and body, the reply and the dates."""
    message = get_object_or_404(PublicMessage.objects.published().select_related("agency"), pk=pk)
    return render(
        request,
        "portal/message_detail.html",
        {"message": message, "received_on": mailbox_services.received_on(message)},
    )


def message_statistics(request: HttpRequest) -> HttpResponse:
    """Per month: received, answered, average and slowest reply time; open and overdue now."""
    today = timezone.localdate()
    form = StatisticsFilterForm(request.GET or None)
    agency = None
    messages = PublicMessage.objects.all()
    if form.is_valid() and form.cleaned_data["agency"]:
        agency = get_object_or_404(Agency.objects.active(), code=form.cleaned_data["agency"])
        messages = messages.filter(agency=agency)
    cutoff = mailbox.veto_cutoff_on(today)
    open_ = Q(status__in=mailbox_services.OPEN_STATUSES)
    by_agency = (
        messages.values("agency__code", "agency__name")
        .annotate(
            open_count=Count("pk", filter=open_),
            overdue_count=Count(
                "pk",
                filter=open_
                & Q(pk__in=ledger.overdue_ids(MESSAGE_REPLY, today=today, now=timezone.now())),
            ),
            past_line_count=Count("pk", filter=open_ & Q(received_at__date__lt=cutoff)),
            answered_count=Count("pk", filter=Q(status=MessageStatus.ANSWERED)),
        )
        .order_by("agency__code")
    )
    months = mailbox_services.statistics(messages, today=today)
    answered_ids = messages.filter(answered_at__date__gte=months[-1].month).values("pk")
    return render(
        request,
        "portal/message_stats.html",
        {
            "form": form,
            "agency": agency,
            "today": today,
            "months": months,
            "by_agency": by_agency,
            "charts": _message_charts(
                months, ledger.done_on_time_and_late(MESSAGE_REPLY, answered_ids)
            ),
        },
    )


def _message_charts(months: list, on_time_and_late: tuple[int, int]) -> list[Chart]:
    """The same figures as the tables, to look at: oldest month first."""
    ordered = list(reversed(months))
    labels = [m.month.strftime("%Y-%m") for m in ordered]
    on_time, late = on_time_and_late
    return [
        bar_chart(
            _("每月收到和答复的留言"),
            labels,
            [
                Series(_("收到"), [m.received for m in ordered]),
                Series(_("答复"), [m.answered for m in ordered]),
            ],
            unit=_("件"),
        ),
        line_chart(
            _("每月答复平均用时"),
            labels,
            [
                Series(_("工作日"), [m.average_working_days for m in ordered]),
                Series(_("自然日"), [m.average_days for m in ordered]),
            ],
            unit=_("天"),
        ),
        proportion_chart(
            _("近12个月答复的按期情况"), [(_("按期答复"), on_time), (_("逾期答复"), late)]
        ),
    ]
