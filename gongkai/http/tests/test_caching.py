"""The caching policy (gongkai.http.caching): what a shared cache may store, and for how long.

Findings 1, 4 and 5 of the security review (#11): the staff API carried no Cache-Control
(a proxy served a clerk's answer to the next anonymous caller); withdrawn and unpublished
content had no freshness limit outside the page decorator; public pages said
`public, no-cache`, which nginx does not store at all.
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.documents import services as document_services
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.http.caching import PUBLIC_CACHE_SECONDS
from gongkai.participation import publication_services
from gongkai.participation.tests.mailbox_factories import make_published_message

pytestmark = pytest.mark.django_db

PUBLIC = f"public, max-age={PUBLIC_CACHE_SECONDS}, s-maxage={PUBLIC_CACHE_SECONDS}"
RESIDENT_ID = "11010519491231002X"  # fictional, with a correct check digit


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def is_private(response) -> bool:
    return {"private", "no-store"} <= directives(response) and "public" not in directives(response)


def is_public(response) -> bool:
    return directives(response) == set(PUBLIC.split(", "))


@pytest.fixture
def world():
    agency = make_agency(code="HX-WJJ")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    handler = make_user(agency=agency, roles=(Role.PUBLISHER, Role.FOI_HANDLER))
    record = make_published_document(catalogue_item=make_agency_item(agency), reviewer=reviewer)
    message = make_published_message(agency, handler=handler, reviewer=reviewer)
    return {
        "agency": agency,
        "reviewer": reviewer,
        "handler": handler,
        "record": record,
        "message": message,
        "key": issue_token(user=handler)[1],
    }


@pytest.fixture
def application(client, world) -> dict:
    response = client.post(
        "/api/staff/applications",
        {
            "agency": "HX-WJJ",
            "channel": "in_person",
            "submitted_on": "2026-11-16",
            "applicant_type": "natural",
            "applicant_name": "张三",
            "id_type": "resident_id",
            "id_number": RESIDENT_ID,
            "phone": "13800000000",
            "description": "2025年本县公共场所卫生监督抽查结果",
            "delivery_form": "email",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world['key']}",
    )
    assert response.status_code == 201, response.content
    return response.json()


# --- finding 1: the staff API is for its caller only ------------------------------------


def test_the_staff_api_is_private_and_varies_on_authorization(client, world, application):
    url = f"/api/staff/applications/{application['id']}"

    with_token = client.get(url, HTTP_AUTHORIZATION=f"Bearer {world['key']}")
    without = client.get(url)

    assert with_token.status_code == 200
    assert RESIDENT_ID in with_token.content.decode()
    assert is_private(with_token)
    assert "Authorization" in with_token["Vary"]
    assert without.status_code == 401
    assert is_private(without)


def test_any_request_with_credentials_is_answered_privately_even_on_public_urls(client, world):
    url = f"/api/records/{world['record'].pk}"

    assert is_public(client.get(url))
    assert is_private(client.get(url, HTTP_AUTHORIZATION=f"Bearer {world['key']}"))
    client.force_login(world["handler"])
    assert is_private(client.get(url))
    assert is_private(client.get("/"))


def test_an_anonymous_session_cookie_is_enough_to_keep_a_page_private(client, world):
    session = SessionStore()
    session["foi_receipt"] = "ABC"
    session.save()
    client.cookies["sessionid"] = session.session_key

    assert is_private(client.get("/"))


@pytest.mark.parametrize(
    "url",
    [
        "/console/",
        "/en/console/",
        "/console/documents/",
        "/admin/",
        "/admin/login/",
        "/accounts/login/",
        "/apply/",
        "/apply/progress/",
        "/messages/new/",
        "/messages/lookup/",
        "/health/search",
    ],
)
def test_staff_form_and_case_pages_are_never_stored(client, world, url):
    anonymous = client.get(url)
    client.force_login(world["handler"])
    signed_in = client.get(url)

    assert is_private(anonymous), (anonymous.status_code, anonymous.get("Cache-Control"))
    assert is_private(signed_in), (signed_in.status_code, signed_in.get("Cache-Control"))


def test_the_progress_check_of_the_api_is_never_stored(client, application):
    response = client.post(
        "/api/applications/progress",
        {"code": application["query_code"], "secret": "13800000000"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert is_private(response)


def test_answers_to_posts_and_pages_that_set_cookies_are_private(client, world):
    posted = client.post(reverse("portal:foi-progress"), {"query_code": "X", "secret": "Y"})
    preference = client.get(reverse("portal:display-preference"), {"large_text": "1"})

    assert is_private(posted)
    assert preference.status_code == 302
    assert is_private(preference)


# --- finding 4: withdrawn and unpublished content is gone within the window ------------


def test_withdrawn_records_and_unpublished_messages_carry_the_short_window(client, world):
    record, message = world["record"], world["message"]
    urls = [
        f"/api/records/{record.pk}",
        f"/records/{record.pk}/",
        f"/messages/{message.pk}/",
        f"/api/messages/{message.pk}",
        "/feeds/records/",
        "/feeds/messages/",
    ]
    before = {url: client.get(url) for url in urls}

    document_services.withdraw(document=record, actor=world["reviewer"], reason="已废止。")
    publication_services.set_publication(message=message, actor=world["reviewer"], publish=False)
    after = {url: client.get(url, HTTP_IF_NONE_MATCH=before[url]["ETag"]) for url in urls}

    for url in urls:
        assert before[url].status_code == 200, url
        assert is_public(before[url]), (url, before[url].get("Cache-Control"))
        assert before[url]["ETag"], url
        assert is_public(after[url]), (url, after[url].get("Cache-Control"))
    assert after[f"/api/records/{record.pk}"].status_code == 410
    assert after[f"/records/{record.pk}/"].status_code == 410
    assert after[f"/messages/{message.pk}/"].status_code == 404
    assert after[f"/api/messages/{message.pk}"].status_code == 404
    assert after["/feeds/records/"].status_code == 200  # changed, so not a 304
    assert record.title not in after["/feeds/records/"].content.decode()
    assert after["/feeds/messages/"].status_code == 200


def test_a_cache_revalidates_an_unchanged_response_with_a_304(client, world):
    url = f"/api/records/{world['record'].pk}"
    etag = client.get(url)["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert is_public(again)


# --- finding 5: public pages are stored by a cache that honours Cache-Control ------------


@pytest.mark.parametrize(
    "url",
    ["/", "/en/", "/policies/", "/deadline/", "/messages/", "/consultations/", "/search/"],
)
def test_public_pages_may_be_stored_for_the_window(client, world, url):
    response = client.get(url)

    assert response.status_code == 200
    assert is_public(response), response.get("Cache-Control")
    assert "no-cache" not in directives(response)  # nginx stores nothing marked no-cache
    assert {"Cookie", "Authorization"} <= {v.strip() for v in response["Vary"].split(",")}


def test_agency_and_record_pages_keep_their_validators(client, world):
    agency, record = world["agency"], world["record"]
    for url in [f"/agencies/{agency.code}/", f"/records/{record.pk}/", "/api/agencies"]:
        response = client.get(url)

        assert is_public(response), url
        assert response["ETag"], url


def test_server_errors_and_refusals_are_not_stored(client, world):
    assert is_private(client.get("/api/records?page=0"))  # 422/400
    assert is_private(client.post("/api/records"))  # 405
