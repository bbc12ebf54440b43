"""The page cache (gongkai/portal/page_cache.py): a public page is rendered once per
publication generation, and nobody ever gets a page older than the last publication."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.publicity import is_public_action
from gongkai.audit.services import record_event
from gongkai.documents import services
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.portal.caching import let_page_cache_keep, publication_generation
from gongkai.portal.page_cache import _storable, search_index_version
from gongkai.search import index
from gongkai.search import services as search_services

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def published():
    agency = make_agency()
    item = make_agency_item(agency)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        document = make_published_document(
            catalogue_item=item, reviewer=reviewer, status=Status.IN_REVIEW, title="第一份公开文件"
        )
    return document, item, reviewer


def test_the_second_anonymous_visitor_gets_the_kept_page(client, published):
    document, _item, _reviewer = published
    url = reverse("portal:document-detail", args=[document.pk])

    first = client.get(url)
    second = client.get(url)

    assert first.get("X-Page-Cache") is None
    assert second.get("X-Page-Cache") == "hit"
    assert second.content == first.content
    for header in ("ETag", "Last-Modified", "Content-Language", "Content-Type", "Vary"):
        assert second[header] == first[header]
    # The outer middlewares still set the caching policy and the security headers.
    assert second["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert "Content-Security-Policy" in second


def test_a_kept_page_still_answers_a_revalidation_with_304(client, published):
    document, _item, _reviewer = published
    url = reverse("portal:document-detail", args=[document.pk])
    etag = client.get(url)["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304


def test_a_withdrawal_is_seen_at_the_next_request(client, published):
    document, _item, reviewer = published
    url = reverse("portal:document-detail", args=[document.pk])
    client.get(url)
    assert "第一份公开文件" in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    services.withdraw(document=document, actor=reviewer, reason="处罚决定已撤销。")

    withdrawn = client.get(url)
    assert withdrawn.status_code == 410
    assert "处罚决定已撤销。" in withdrawn.content.decode()
    home = client.get("/")
    assert home.get("X-Page-Cache") is None
    assert "第一份公开文件" not in home.content.decode()


def test_a_new_publication_is_seen_at_the_next_request(client, published):
    _document, item, reviewer = published
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    make_published_document(
        catalogue_item=item, reviewer=reviewer, status=Status.IN_REVIEW, title="第二份公开文件"
    )

    assert "第二份公开文件" in client.get("/").content.decode()


def test_language_and_text_size_are_kept_apart_but_other_cookies_are_not(client, published):
    chinese = client.get("/").content
    english = client.get("/en/").content
    client.cookies["large_text"] = "1"
    large = client.get("/")
    del client.cookies["large_text"]
    client.cookies["csrftoken"] = "x" * 32
    client.cookies["_analytics"] = "someone"
    with_other_cookies = client.get("/")

    assert len({chinese, english, large.content}) == 3
    assert large.get("X-Page-Cache") is None
    assert with_other_cookies["X-Page-Cache"] == "hit"
    assert with_other_cookies.content == chinese


def test_signed_in_visitors_neither_get_nor_leave_kept_pages(client, published):
    document, _item, reviewer = published
    url = reverse("portal:document-detail", args=[document.pk])
    client.force_login(reviewer)

    as_staff = [client.get(url) for _ in range(2)]
    client.logout()
    anonymous = client.get(url)

    assert [r.get("X-Page-Cache") for r in as_staff] == [None, None]
    assert anonymous.get("X-Page-Cache") is None  # nothing was left by the signed-in visits


def test_pages_outside_public_page_are_not_kept(client, published):
    client.get(reverse("portal:foi-apply"))
    again = client.get(reverse("portal:foi-apply"))

    assert again.get("X-Page-Cache") is None


def test_a_response_that_sets_a_cookie_or_is_private_is_not_kept():
    plain = let_page_cache_keep(HttpResponse("页面"))
    with_cookie = let_page_cache_keep(HttpResponse("表单"))
    with_cookie.set_cookie("csrftoken", "secret")
    private = let_page_cache_keep(HttpResponse("个人"))
    private["Cache-Control"] = "private, no-store"
    not_found = let_page_cache_keep(HttpResponse("无", status=404))

    assert _storable(plain)
    assert not _storable(with_cookie)
    assert not _storable(private)
    assert not _storable(not_found)
    assert not _storable(HttpResponse("未标记"))


@pytest.mark.parametrize(
    ("action", "public"),
    [
        ("document.publish", True),
        ("document.withdraw", True),
        ("catalogue.item_update", True),
        ("agency.update", True),
        ("a_new_app.anything", True),  # unknown codes count as public: never a stale page
        ("accounts.login", False),
        ("foi.reply", False),
        ("privacy.release_review", False),
        ("yearly_review.keep", False),
    ],
)
def test_which_events_change_the_public_generation(action, public):
    assert is_public_action(action) is public


def test_a_clerks_private_work_keeps_the_generation(published):
    document, _item, reviewer = published
    before = publication_generation()

    with transaction.atomic():
        record_event(actor=reviewer, action="accounts.unlocked", obj=reviewer)
    unchanged = publication_generation()
    with transaction.atomic():
        record_event(actor=reviewer, action="document.update", obj=document)
    changed = publication_generation()

    assert unchanged == before
    assert changed[0] > before[0]


def test_requests_for_other_views_do_not_read_the_generation(client, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/api/records")
        client.get("/no-such-page/")

    assert not [q for q in queries.captured_queries if "audit_auditevent" in q["sql"]]


def test_a_result_page_follows_the_search_index_not_only_the_publications(
    client, published, monkeypatch
):
    """A publication moves the generation at its commit; the index applies it a moment later
    (the worker). A result page rendered in between must not outlive that apply."""
    _document, item, reviewer = published
    index.apply_outbox()
    # The worker is late: nothing applies the outbox when the publication commits.
    monkeypatch.setattr(search_services, "_enqueue_apply", lambda: None)
    second = make_published_document(
        catalogue_item=item, reviewer=reviewer, status=Status.IN_REVIEW, title="第二份公开文件"
    )
    url = reverse("portal:search")
    link = f'href="{reverse("portal:document-detail", args=[second.pk])}"'

    before = client.get(url, {"q": "第二份公开文件"})
    assert link not in before.content.decode()
    assert client.get(url, {"q": "第二份公开文件"})["X-Page-Cache"] == "hit"

    assert index.apply_outbox() >= 1  # applies the record: no audit event, same generation

    after = client.get(url, {"q": "第二份公开文件"})
    assert after.get("X-Page-Cache") is None
    assert link in after.content.decode()


def test_the_search_index_state_changes_with_every_apply_and_rebuild(published):
    assert search_index_version() == "-"  # no index yet on this server
    index.rebuild(iter(()))
    built = search_index_version()
    assert built != "-"
    index.apply_outbox()
    assert search_index_version() == built  # nothing new: the same state
    _document, item, reviewer = published
    make_published_document(catalogue_item=item, reviewer=reviewer, status=Status.IN_REVIEW)
    index.apply_outbox()
    applied = search_index_version()
    assert applied != built
    index.rebuild(iter(()))
    assert search_index_version() not in (built, applied)
