"""Security review #11, finding 8: rate limits on the public forms and the progress page, and
one-time form tokens (a form sent twice files one record)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from gongkai.factories import make_agency
from gongkai.foi import services
from gongkai.foi.models import Application
from gongkai.participation.models import MessageCategory, PublicMessage
from gongkai.participation.tests.mailbox_factories import make_mailbox_world, make_message
from gongkai.ratelimits.form_tokens import issue_token, read_token
from gongkai.ratelimits.models import RateCounter

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RESIDENT_ID = "11010519491231002X"
# 10:00 in Shanghai is 02:00 UTC: the start of an hourly window.
START = datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
MESSAGE = {
    "agency": "SL-COUNTY",
    "category": MessageCategory.COMPLAINT,
    "subject": "卫生院挂号排队时间过长",
    "body": "上周三上午在城关卫生院挂号排队一个多小时，希望增加窗口。",
    "sender_name": "李四",
    "phone": "13800000000",
}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def application_form(agency, **overrides) -> dict:
    return {
        "agency": agency.pk,
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13900000000",
        "email": "li@example.org",
        "description": "2025年本县医疗机构校验结果",
        "delivery_form": "email",
        "confirm": "on",
        "form_token": issue_token(),
        **overrides,
    }


def hidden_token(content: str) -> str:
    marker = 'name="form_token" value="'
    start = content.index(marker) + len(marker)
    return content[start : content.index('"', start)]


# --- one-time form tokens ----------------------------------------------------------------


def test_an_application_sent_twice_files_one_and_shows_its_receipt_both_times(client):
    agency = make_agency(name="示例县卫生健康局")
    data = application_form(agency)

    first = client.post(reverse("portal:foi-apply"), data, follow=True)
    second = client.post(reverse("portal:foi-apply"), data, follow=True)

    application = Application.objects.get()
    for response in (first, second):
        assert response.redirect_chain == [(reverse("portal:foi-receipt"), 302)]
        assert application.query_code in response.content.decode()


def test_a_message_sent_twice_files_one(client):
    make_mailbox_world()
    data = {**MESSAGE, "form_token": issue_token()}

    first = client.post(reverse("portal:message-new"), data)
    second = client.post(reverse("portal:message-new"), data)

    message = PublicMessage.objects.get()
    assert first.url == second.url == reverse("portal:message-receipt")
    assert message.query_code in client.get(second.url).content.decode()


def test_every_rendered_form_carries_a_fresh_token(client):
    agency = make_agency()
    make_mailbox_world()

    pages = [
        client.get(reverse("portal:foi-apply")).content.decode(),
        client.get(reverse("portal:foi-apply")).content.decode(),
        client.get(reverse("portal:message-new")).content.decode(),
    ]

    tokens = [read_token(hidden_token(page)) for page in pages]
    assert all(tokens)
    assert len(set(tokens)) == 3
    assert agency.name in pages[0]


@pytest.mark.parametrize("token", ["", "forged", None])
def test_a_missing_or_forged_token_sends_the_form_back_with_a_fresh_one(client, token):
    agency = make_agency()
    data = application_form(agency, form_token=token) if token is not None else {}
    if token is None:  # no token at all
        data = application_form(agency)
        del data["form_token"]

    page = client.post(reverse("portal:foi-apply"), data)

    content = page.content.decode()
    assert page.status_code == 200
    assert "页面已过期" in content
    assert "2025年本县医疗机构校验结果" in content  # what was typed is kept
    assert not Application.objects.exists()
    again = client.post(reverse("portal:foi-apply"), {**data, "form_token": hidden_token(content)})
    assert again.status_code == 302
    assert Application.objects.count() == 1


def test_a_token_from_a_page_left_open_too_long_is_refused(client, clock):
    agency = make_agency()
    data = application_form(agency)

    clock.shift(datetime.timedelta(days=3))
    page = client.post(reverse("portal:foi-apply"), data)

    assert page.status_code == 200
    assert "页面已过期" in page.content.decode()
    assert not Application.objects.exists()


# --- rate limits on submissions ----------------------------------------------------------


def test_the_sixth_message_in_an_hour_gets_429_in_chinese(client, clock):
    make_mailbox_world()

    statuses = [
        client.post(reverse("portal:message-new"), {**MESSAGE, "form_token": issue_token()})
        for _ in range(20)
    ]

    assert [r.status_code for r in statuses] == [302] * 5 + [429] * 15
    assert PublicMessage.objects.count() == 5
    refused = statuses[5]
    assert "提交过于频繁，请 60 分钟后再试。" in refused.content.decode()
    assert refused["Retry-After"] == "3600"
    assert refused["Cache-Control"] == "private, no-store"
    clock.shift(datetime.timedelta(hours=1))
    later = client.post(reverse("portal:message-new"), {**MESSAGE, "form_token": issue_token()})
    assert later.status_code == 302


def test_applications_are_limited_per_hour_and_per_day(client, clock):
    agency = make_agency()
    accepted = 0
    for _hour in range(5):
        for _ in range(6):
            response = client.post(reverse("portal:foi-apply"), application_form(agency))
            accepted += response.status_code == 302
        clock.shift(datetime.timedelta(hours=1))

    assert accepted == Application.objects.count() == 20  # 5 an hour, 20 a day


def test_a_form_sent_back_with_errors_does_not_count(client):
    make_mailbox_world()
    for _ in range(10):
        page = client.post(
            reverse("portal:message-new"), {**MESSAGE, "phone": "", "form_token": issue_token()}
        )
        assert page.status_code == 200

    response = client.post(reverse("portal:message-new"), {**MESSAGE, "form_token": issue_token()})

    assert response.status_code == 302


def test_showing_the_forms_is_never_limited(client):
    make_agency()
    make_mailbox_world()

    for _ in range(30):
        assert client.get(reverse("portal:foi-apply")).status_code == 200
        assert client.get(reverse("portal:message-new")).status_code == 200


def test_clients_behind_the_proxy_are_counted_apart(client):
    make_mailbox_world()

    def send(address: str):
        return client.post(
            reverse("portal:message-new"),
            {**MESSAGE, "form_token": issue_token()},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    first = [send("203.0.113.7").status_code for _ in range(6)]
    other = send("198.51.100.1").status_code
    forged = client.post(
        reverse("portal:message-new"),
        {**MESSAGE, "form_token": issue_token()},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7",  # a forged left entry
    )

    assert first == [302] * 5 + [429]
    assert other == 302
    assert forged.status_code == 429


def test_signups_are_limited(client, settings):
    # Each sign-up sends a mail (a confirmation link): a flood would fill mailboxes.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    statuses = [
        client.post(reverse("portal:signup"), {"email": f"citizen{n}@example.org"}).status_code
        for n in range(6)
    ]

    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_password_reset_mails_are_limited(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for url in ("portal:password-reset", "console:password-reset"):
        statuses = [
            client.post(reverse(url), {"email": "someone@example.org"}).status_code
            for _ in range(6)
        ]
        assert statuses == [302] * 5 + [429], url
        RateCounter.objects.all().delete()  # the two forms share the rule: start afresh


def test_message_lookups_are_limited_per_client(client):
    world = make_mailbox_world()
    message = make_message(world["county"])

    statuses = [
        client.post(reverse("portal:message-lookup"), {"query_code": "XXXXXXXXXX"}).status_code
        for _ in range(10)
    ]
    right = client.post(reverse("portal:message-lookup"), {"query_code": message.query_code})

    assert statuses == [200] * 10
    assert right.status_code == 429
    assert "查询过于频繁" in right.content.decode()


def test_searches_are_limited_per_client(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "2/m"}

    statuses = [
        client.get(reverse("portal:search"), {"q": words}).status_code
        for words in ("接种", "疫苗", "卫生")
    ]
    empty = client.get(reverse("portal:search"))

    assert statuses == [200, 200, 429]
    assert empty.status_code == 200  # the bare form is not a search


def test_a_search_answered_from_the_page_cache_does_not_count(client, settings):
    """Asking the same search again is answered from the page cache (portal/page_cache.py),
    which costs nothing: it does not use up the visitor's searches."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "2/m"}

    repeated = [client.get(reverse("portal:search"), {"q": "接种"}) for _ in range(3)]
    another = client.get(reverse("portal:search"), {"q": "疫苗"})
    third = client.get(reverse("portal:search"), {"q": "卫生"})

    assert [r.status_code for r in repeated] == [200, 200, 200]
    assert [r.get("X-Page-Cache") for r in repeated] == [None, "hit", "hit"]
    assert another.status_code == 200
    assert third.status_code == 429


# --- the progress page -------------------------------------------------------------------


@pytest.fixture
def application():
    return services.submit_online(
        agency=make_agency(),
        values={
            "applicant_type": "natural",
            "applicant_name": "李四",
            "id_type": "resident_id",
            "id_number": RESIDENT_ID,
            "phone": "13900000000",
            "email": "",
            "address": "",
            "postcode": "",
            "description": "本县医疗机构校验结果",
            "document_numbers": "",
            "delivery_form": "email",
            "contact_person": "",
        },
    )


def test_guessing_a_code_locks_it_for_fifteen_minutes(client, clock, application):
    url = reverse("portal:foi-progress")
    code = application.query_code

    guesses = [
        client.post(url, {"query_code": code, "secret": f"1390000{n:04d}"}) for n in range(200)
    ]

    assert [g.status_code for g in guesses[:5]] == [200] * 5
    assert {g.status_code for g in guesses[5:]} == {429}
    assert "已暂时锁定，请 15 分钟后再试。" in guesses[5].content.decode()
    # Locked for everyone, even with the right phone number, from another address.
    elsewhere = client.post(
        url,
        {"query_code": code, "secret": "13900000000"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert elsewhere.status_code == 429
    assert "13900000000" not in elsewhere.content.decode()
    clock.shift(datetime.timedelta(minutes=15))
    opened = client.post(
        url,
        {"query_code": code, "secret": "13900000000"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert opened.status_code == 200
    assert "查询码与联系电话或证件号码不匹配" not in opened.content.decode()


def test_one_client_guessing_many_codes_is_stopped(client):
    url = reverse("portal:foi-progress")

    statuses = [
        client.post(url, {"query_code": f"CODE{n:04d}", "secret": "13900000000"}).status_code
        for n in range(12)
    ]

    assert statuses == [200] * 10 + [429] * 2


def test_the_progress_page_takes_the_phone_by_post_only(client, application):
    # A GET with the secret in the URL shows the empty form: nothing is looked up.
    page = client.get(
        reverse("portal:foi-progress"),
        {"query_code": application.query_code, "secret": "13900000000"},
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert 'method="post"' in content
    assert "收到申请" not in content
    assert page["Cache-Control"] == "private, no-store"
