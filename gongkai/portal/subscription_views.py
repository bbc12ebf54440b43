"""Public pages of e-mail subscriptions (gongkai/subscriptions): subscribe, confirm, manage,
unsubscribe, and "答复时邮件通知我" from a progress page.

No account is needed: the mails' signed links are the keys. No page says whether an address
is already subscribed: every accepted request ends on the same "check your mailbox" page."""

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.foi.models import Application
from gongkai.http.ratelimit import count_subscription_address, limit_submissions, too_many_requests
from gongkai.participation.models import PublicMessage
from gongkai.portal.subscription_forms import CaseNoticeForm, SubscribeForm
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.ratelimits.form_tokens import submit_once
from gongkai.subscriptions import links, services
from gongkai.subscriptions.errors import SubscriptionError
from gongkai.subscriptions.models import SubscriptionState, Topic
from gongkai.subscriptions.topics import TopicChoice, describe, normalise_keyword

PUBLIC_TOPICS = (Topic.AGENCY, Topic.CATALOGUE_ITEM, Topic.KEYWORD, Topic.CONSULTATIONS)


def topic_from(params: QueryDict) -> TopicChoice | None:
    """The topic named by a subscribe link's parameters (topic, agency, item, q); None if it
    names nothing that exists."""
    topic = params.get("topic", "")
    if topic not in PUBLIC_TOPICS:
        return None
    agency = None
    code = params.get("agency", "").strip()
    if code:
        agency = Agency.objects.active().filter(code=code).first()
        if agency is None:
            return None
    if topic == Topic.AGENCY:
        return TopicChoice(topic, agency=agency) if agency else None
    if topic == Topic.CATALOGUE_ITEM:
        item = (
            AgencyItem.objects.filter(catalogue__agency=agency, code=params.get("item", ""))
            .select_related("catalogue__agency")
            .first()
            if agency
            else None
        )
        return TopicChoice(topic, catalogue_item=item) if item else None
    if topic == Topic.KEYWORD:
        return TopicChoice(topic, agency=agency, keyword=normalise_keyword(params.get("q", "")))
    return TopicChoice(topic, agency=agency)


def _topic_words(choice: TopicChoice) -> str:
    """The topic in words before it is saved (describe() reads a subscription's fields)."""
    from gongkai.subscriptions.models import Subscription

    return describe(
        Subscription(
            topic=choice.topic,
            agency=choice.agency,
            catalogue_item=choice.catalogue_item,
            keyword=choice.keyword or "…",
        )
    )


def _address_limited(request: HttpRequest, email: str) -> HttpResponse | None:
    try:
        count_subscription_address(email)
    except RateLimitExceeded as exc:
        return too_many_requests(request, exc)
    return None


@never_cache
@limit_submissions("subscribe")
def subscribe(request: HttpRequest) -> HttpResponse:
    """The subscribe form of one topic; every accepted request shows the same next page."""
    params = request.POST if request.method == "POST" else request.GET
    choice = topic_from(params)
    if choice is None:
        raise Http404
    wants_keyword = choice.topic == Topic.KEYWORD
    initial = {"keyword": choice.keyword} if wants_keyword else {}
    form = SubscribeForm(
        request.POST if request.method == "POST" else None,
        wants_keyword=wants_keyword,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if wants_keyword:
            choice = TopicChoice(choice.topic, agency=choice.agency, keyword=data["keyword"])
        limited = _address_limited(request, data["email"])
        if limited is not None:
            return limited
        try:
            submit_once(
                data["once"],
                "subscribe",
                lambda: str(
                    services.subscribe(
                        email=data["email"], choice=choice, language=request.LANGUAGE_CODE
                    ).pk
                ),
            )
        except SubscriptionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("portal:subscription-sent")
    return render(
        request,
        "portal/subscription_new.html",
        {
            "form": form,
            "choice": choice,
            "topic_words": _topic_words(choice),
            "hidden": {
                "topic": choice.topic,
                "agency": params.get("agency", ""),
                "item": params.get("item", ""),
                "q": choice.keyword if not wants_keyword else "",
            },
        },
    )


@never_cache
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/subscription_sent.html")


def _case_from(value: str) -> TopicChoice | None:
    case = links.read_case_token(value)
    if case is None:
        return None
    kind, pk = case
    if kind == Topic.APPLICATION:
        application = Application.objects.filter(pk=pk).first()
        return TopicChoice(Topic.APPLICATION, application=application) if application else None
    if kind == Topic.MESSAGE:
        message = PublicMessage.objects.filter(pk=pk).first()
        return TopicChoice(Topic.MESSAGE, message=message) if message else None
    return None


@never_cache
@limit_submissions("subscribe")
def case_notice(request: HttpRequest) -> HttpResponse:
    """ "答复时邮件通知我" sent from a progress page; errors come back on a page of their own
    (the progress page needs the query code and phone again)."""
    if request.method != "POST":
        return redirect("portal:foi-progress")
    form = CaseNoticeForm(request.POST)
    if form.is_valid():
        choice = _case_from(form.cleaned_data["case"])
        if choice is None:
            form.add_error(None, _("页面已过期，请重新查询办理进度后再订阅答复通知。"))
        else:
            data = form.cleaned_data
            limited = _address_limited(request, data["email"])
            if limited is not None:
                return limited
            try:
                submit_once(
                    data["once"],
                    "subscribe-case",
                    lambda: str(
                        services.subscribe(
                            email=data["email"], choice=choice, language=request.LANGUAGE_CODE
                        ).pk
                    ),
                )
            except SubscriptionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("portal:subscription-sent")
    return render(request, "portal/subscription_case.html", {"form": form})


@never_cache
def confirm(request: HttpRequest, value: str) -> HttpResponse:
    """The link of the confirmation mail: GET lists what will be confirmed (a mail scanner
    that follows links confirms nothing), POST confirms it."""
    subscriber = links.read_confirm(value)
    if subscriber is None:
        return render(request, "portal/subscription_link_invalid.html", status=404)
    pending = services.pending_subscriptions(subscriber)
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("subscription") if pk.isdigit()]
        confirmed = services.confirm(subscriber=subscriber, ids=ids)
        return render(
            request,
            "portal/subscription_confirmed.html",
            {
                "confirmed": [describe(subscription) for subscription in confirmed],
                "manage_url": links.manage_url(subscriber),
            },
        )
    return render(
        request,
        "portal/subscription_confirm.html",
        {"pending": [(subscription, describe(subscription)) for subscription in pending]},
    )


def _subscriber_or_invalid(request: HttpRequest, value: str):
    subscriber, subscription_id = links.read_token(value)
    if subscriber is None:
        return None, None, render(request, "portal/subscription_link_invalid.html", status=404)
    return subscriber, subscription_id, None


@never_cache
def manage(request: HttpRequest, value: str) -> HttpResponse:
    """Every live subscription of the address, each with a button that ends it."""
    subscriber, _subscription_id, invalid = _subscriber_or_invalid(request, value)
    if invalid is not None:
        return invalid
    if request.method == "POST":
        if request.POST.get("all"):
            services.unsubscribe_all(subscriber=subscriber)
        else:
            subscription = subscriber.subscriptions.filter(
                pk=request.POST.get("subscription", "") or 0
            ).first()
            if subscription is not None:
                services.unsubscribe(subscription=subscription)
        return redirect("portal:subscription-manage", value=value)
    live = (
        subscriber.subscriptions.exclude(state=SubscriptionState.UNSUBSCRIBED)
        .select_related("agency", "catalogue_item__catalogue__agency", "application", "message")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "portal/subscription_manage.html",
        {"subscriptions": [(subscription, describe(subscription)) for subscription in live]},
    )


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" with no token.
@never_cache
def unsubscribe(request: HttpRequest, value: str) -> HttpResponse:
    """One-click unsubscribe: GET asks (a link checker must not unsubscribe anybody), POST
    ends the topic, or every topic when the link names none. The signed token is the key,
    so the page needs no CSRF token: a forged POST would need the secret link itself."""
    subscriber, subscription_id, invalid = _subscriber_or_invalid(request, value)
    if invalid is not None:
        return invalid
    subscription = (
        subscriber.subscriptions.filter(pk=subscription_id).first() if subscription_id else None
    )
    if subscription_id and subscription is None:
        # Deleted since the mail went (purged after it was ended): nothing left to end.
        return render(request, "portal/subscription_unsubscribed.html", {"all": False})
    if request.method == "POST":
        if subscription is not None:
            services.unsubscribe(subscription=subscription)
        else:
            services.unsubscribe_all(subscriber=subscriber)
        return render(
            request,
            "portal/subscription_unsubscribed.html",
            {"all": subscription is None, "manage_url": links.manage_url(subscriber)},
        )
    return render(
        request,
        "portal/subscription_unsubscribe.html",
        {
            "topic": describe(subscription) if subscription is not None else None,
            "manage_url": links.manage_url(subscriber),
        },
    )
