"""The public pages (subscribe, confirm, manage, one-click unsubscribe, the case form on the
progress pages), their rate limits, and the console's counts for each role."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.tests.test_services import applicant
from gongkai.subscriptions import links, services
from gongkai.subscriptions.models import Subscriber, Subscription, SubscriptionState, Topic
from gongkai.subscriptions.tests.factories import confirm_path, subscribed
from gongkai.subscriptions.topics import TopicChoice

pytestmark = pytest.mark.django_db
ADDRESS = "reader@example.org"


@pytest.fixture
def item():
    return make_agency_item()


def _subscribe_url(item) -> str:
    agency = item.catalogue.agency
    query = f"topic=catalogue_item&agency={agency.code}&item={item.code}"
    return f"{reverse('portal:subscription-new')}?{query}"


def _form_token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def _post_subscribe(client, item, email=ADDRESS, **extra):
    page = client.get(_subscribe_url(item))
    agency = item.catalogue.agency
    data = {
        "topic": "catalogue_item",
        "agency": agency.code,
        "item": item.code,
        "email": email,
        "form_token": _form_token(page),
        **extra,
    }
    return client.post(reverse("portal:subscription-new"), data)


def test_the_subscribe_page_names_the_topic_and_sends_a_confirmation(
    client, item, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(_subscribe_url(item))
    assert page.status_code == 200
    assert item.name in page.content.decode()
    assert 'for="id_email"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_subscribe(client, item)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:subscription-sent")
    assert len(mailoutbox) == 1
    assert Subscription.objects.get().state == SubscriptionState.PENDING


def test_the_answer_is_the_same_for_a_subscribed_address(
    client, item, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    Subscriber.objects.update(confirmation_sent_at=None)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_subscribe(client, item)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:subscription-sent")
    assert mailoutbox == []


def test_a_bad_address_comes_back_with_a_chinese_error(client, item):
    response = _post_subscribe(client, item, email="not an address")
    assert response.status_code == 200
    assert "电子邮箱" in response.content.decode()
    assert "error-summary" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_unknown_topic_is_not_found(client):
    assert client.get(reverse("portal:subscription-new")).status_code == 404
    url = f"{reverse('portal:subscription-new')}?topic=agency&agency=NOPE"
    assert client.get(url).status_code == 404


def test_subscribe_requests_are_limited_per_address(client, item, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "subscribe-address": "2/h"}
    for _n in range(2):
        assert _post_subscribe(client, item).status_code == 302
    other_client = Client()  # another address on the network: the same mailbox is protected
    response = _post_subscribe(other_client, item)
    assert response.status_code == 429
    assert "Retry-After" in response


def test_subscribe_requests_are_limited_per_client(client, item, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "subscribe": "1/h"}
    assert _post_subscribe(client, item, email="a@example.org").status_code == 302
    assert _post_subscribe(client, item, email="b@example.org").status_code == 429


def test_the_confirm_link_lists_then_confirms_on_post(client, item, mailoutbox):
    subscription = services.subscribe(
        email=ADDRESS, choice=TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    )
    url = confirm_path(links.confirm_url(subscription.subscriber))
    page = client.get(url)
    assert page.status_code == 200
    assert item.name in page.content.decode()
    subscription.refresh_from_db()
    assert (
        subscription.state == SubscriptionState.PENDING
    )  # a GET (a mail scanner) confirms nothing
    done = client.post(url, {"subscription": [subscription.pk]})
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.CONFIRMED
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_one_click_unsubscribe_needs_no_csrf_token_and_get_only_asks(item):
    subscription = subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    url = confirm_path(links.unsubscribe_url(subscription.subscriber, subscription))
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200
    assert "确认退订" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.CONFIRMED
    # What a mail program sends (RFC 8058): a POST with this body and no cookie.
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.UNSUBSCRIBED
    assert client.post(url).status_code == 200  # twice: no error
    assert client.post(url[:-3] + "xx/").status_code == 404


def test_the_manage_page_lists_and_removes_topics(client, item):
    first = subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    second = subscribed(ADDRESS, TopicChoice(Topic.CONSULTATIONS))
    url = confirm_path(links.manage_url(first.subscriber))
    page = client.get(url)
    assert item.name in page.content.decode()
    assert "各机关新的征求意见" in page.content.decode()
    assert ADDRESS not in page.content.decode()
    assert client.post(url, {"subscription": first.pk}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("unsubscribed", "confirmed")
    client.post(url, {"all": "1"})
    second.refresh_from_db()
    assert second.state == "unsubscribed"
    assert client.get(url.replace("/manage/", "/manage/x")).status_code == 404


def test_the_progress_page_offers_the_case_form_which_subscribes_to_that_case(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    agency = make_agency()
    application = foi_services.submit_online(agency=agency, values=applicant())
    page = client.post(
        reverse("portal:foi-progress"),
        {"query_code": application.query_code, "secret": "13800000000"},
    )
    html = page.content.decode()
    assert "答复时邮件通知我" in html
    case = re.search(r'name="case" value="([^"]+)"', html).group(1)
    token = _form_token(page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:subscription-case"),
            {"email": ADDRESS, "case": case, "form_token": token},
        )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.topic, subscription.application) == (Topic.APPLICATION, application)
    assert len(mailoutbox) == 1


def test_a_forged_case_token_subscribes_to_nothing(client):
    page = client.get(reverse("portal:subscription-case"))
    assert page.status_code == 302
    form = Client().get(_subscribe_url(make_agency_item()))
    response = client.post(
        reverse("portal:subscription-case"),
        {"email": ADDRESS, "case": "forged", "form_token": _form_token(form)},
    )
    assert response.status_code == 200
    assert "页面已过期" in response.content.decode()
    assert not Subscription.objects.exists()


def test_subscribe_links_sit_next_to_the_feeds(client, item):
    agency = item.catalogue.agency
    catalogue = client.get(reverse("portal:agency-catalogue-item", args=[agency.code, item.code]))
    assert "topic=catalogue_item" in catalogue.content.decode()
    assert "topic=consultations" in client.get(reverse("portal:consultations")).content.decode()


@pytest.mark.parametrize(
    ("role", "status", "sees_counts"),
    [
        ("anonymous", 302, False),
        ("outsider", 200, False),
        ("publisher", 200, True),
        ("supervisor_above", 200, True),
        ("superuser", 200, True),
    ],
)
def test_the_console_counts_per_role(client, role, status, sees_counts):
    city = make_agency(level=Level.CITY, name="市卫生健康委员会")
    county = make_agency(level=Level.COUNTY, parent=city, name="县卫生健康局")
    item = make_agency_item(county)
    subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    users = {
        "outsider": lambda: make_user(agency=make_agency(), roles=(Role.ADMIN,)),
        "publisher": lambda: make_user(agency=county, roles=(Role.PUBLISHER,)),
        "supervisor_above": lambda: make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "superuser": lambda: make_user(is_superuser=True, is_staff=True),
    }
    if role != "anonymous":
        client.force_login(users[role]())
    response = client.get(reverse("console:subscription-counts"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert ("县卫生健康局" in html) is sees_counts
        assert item.name in html if sees_counts else item.name not in html
        assert ADDRESS not in html
        assert ("全站" in html) is (role == "superuser")


def test_the_message_lookup_offers_the_case_form_only_while_open(client):
    from gongkai.participation.tests.mailbox_factories import make_answered_message, make_message

    agency = make_agency()
    open_message = make_message(agency)
    page = client.post(reverse("portal:message-lookup"), {"query_code": open_message.query_code})
    assert "答复时邮件通知我" in page.content.decode()
    handler = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    answered = make_answered_message(agency, handler=handler, reviewer=reviewer)
    page = client.post(reverse("portal:message-lookup"), {"query_code": answered.query_code})
    assert "答复时邮件通知我" not in page.content.decode()


def test_a_keyword_from_the_search_page_can_be_edited_before_subscribing(client):
    agency = make_agency()
    url = f"{reverse('portal:subscription-new')}?topic=keyword&agency={agency.code}&q=疫苗"
    page = client.get(url)
    assert 'value="疫苗"' in page.content.decode()
    data = {
        "topic": "keyword",
        "agency": agency.code,
        "email": ADDRESS,
        "keyword": "流感 疫苗",
        "form_token": _form_token(page),
    }
    assert client.post(reverse("portal:subscription-new"), data).status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.keyword, subscription.agency) == ("流感 疫苗", agency)
    data["keyword"] = ""
    data["form_token"] = _form_token(client.get(url))
    again = client.post(reverse("portal:subscription-new"), data)
    assert again.status_code == 200
    assert "请填写关键词" in again.content.decode()


def test_subscribing_on_the_english_pages_sends_english_mail(
    client, item, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import translation

    agency = item.catalogue.agency
    with translation.override("en"):
        url = reverse("portal:subscription-new")
    assert url.startswith("/en/")
    page = client.get(f"{url}?topic=catalogue_item&agency={agency.code}&item={item.code}")
    data = {
        "topic": "catalogue_item",
        "agency": agency.code,
        "item": item.code,
        "email": ADDRESS,
        "form_token": _form_token(page),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert Subscription.objects.get().subscriber.language == "en"
    assert "/en/subscriptions/confirm/" in mailoutbox[0].body
