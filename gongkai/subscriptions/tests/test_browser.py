"""Browser test (issue #19 part 3): a citizen subscribes to a catalogue item in Chromium,
confirms through the link in the mail, a record is published by the real publish service,
`send_digests` runs, and the digest's link opens the record. axe finds no serious problem on
the subscribe, confirm and manage pages on a 390 px phone."""

import re

import pytest
from django.core.management import call_command

from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems
from gongkai.subscriptions.models import Subscription, SubscriptionState

# serialized_rollback: as every live-server test (see conftest.pytest_collection_modifyitems).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ADDRESS = "citizen@example.org"


def _link(body: str, path: str) -> str:
    return re.search(rf"(http\S+{re.escape(path)}\S*)", body).group(1)


def test_a_citizen_subscribes_confirms_and_the_digest_links_to_the_record(
    page, live_server, settings, mailoutbox
):
    settings.SITE_URL = live_server.url  # the mails' links lead to this server
    item = make_agency_item(name="传染病防控")
    agency = item.catalogue.agency
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/agencies/{agency.code}/catalogue/{item.code}/")
    page.get_by_role("link", name="邮件订阅本事项").click()
    page.get_by_role("heading", name="邮件订阅").wait_for()
    problems = axe_problems(page)
    page.get_by_label("电子邮箱").fill(ADDRESS)
    page.get_by_role("button", name="订阅").click()
    page.get_by_role("heading", name="请查收确认邮件").wait_for()

    assert len(mailoutbox) == 1
    page.goto(_link(mailoutbox[0].body, "/subscriptions/confirm/"))
    page.get_by_text("传染病防控").wait_for()
    problems += axe_problems(page)
    page.get_by_role("button", name="确认订阅").click()
    page.get_by_role("heading", name="订阅已确认").wait_for()
    assert Subscription.objects.get().state == SubscriptionState.CONFIRMED

    record = make_published_document(catalogue_item=item, title="关于做好秋冬季传染病防控的通知")
    call_command("send_digests")
    assert len(mailoutbox) == 2
    digest = mailoutbox[1]
    assert digest.to == [ADDRESS]
    record_url = _link(digest.body, f"/records/{record.pk}/")
    page.goto(record_url)
    page.get_by_role("heading", name=record.title).wait_for()

    page.goto(_link(digest.body, "/subscriptions/manage/"))
    page.get_by_role("heading", name="管理我的订阅").wait_for()
    problems += axe_problems(page)
    page.get_by_role("button", name="退订：").first.click()
    page.get_by_role("status").first.wait_for()
    assert Subscription.objects.get().state == SubscriptionState.UNSUBSCRIBED
    assert_no_axe_problems(problems)
