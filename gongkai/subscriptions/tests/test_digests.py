"""The daily digest: only what is new since the last digest (and since confirmation), only
what is published and public, only the topic's; keywords through the search engine; nothing
new → no mail; a second run the same day sends nothing; the unsubscribe headers."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    make_published_document,
)
from gongkai.factories import make_user
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.search import index
from gongkai.subscriptions import digests
from gongkai.subscriptions.models import Delivery, DeliveryStatus, Subscriber, Topic
from gongkai.subscriptions.tests.factories import subscribed
from gongkai.subscriptions.topics import TopicChoice

pytestmark = pytest.mark.django_db
ADDRESS = "reader@example.org"


@pytest.fixture
def item():
    return make_agency_item()


def _digests(capture) -> list:
    with capture(execute=True):
        digests.send_digests()
    return list(Delivery.objects.filter(kind="digest").order_by("id"))


def test_the_digest_lists_only_new_public_records_of_the_topic(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    before = make_published_document(catalogue_item=item, title="订阅之前发布的通知")
    subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    mailoutbox.clear()
    new = make_published_document(catalogue_item=item, title="关于新事项的通知")
    make_document(catalogue_item=item, title="尚未发布的草稿")
    make_published_document(
        catalogue_item=make_agency_item(item.catalogue.agency), title="别的事项"
    )
    withdrawn = make_published_document(catalogue_item=item, title="已撤回的记录")
    Document.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [ADDRESS]
    assert new.title in mail.body
    assert f"https://gongkai.example.gov.cn/records/{new.pk}/" in mail.body
    for absent in (before.title, "尚未发布的草稿", "别的事项", "已撤回的记录"):
        assert absent not in mail.body
    html = mail.alternatives[0][0]
    assert f'href="https://gongkai.example.gov.cn/records/{new.pk}/"' in html
    assert mail.extra_headers["List-Unsubscribe"].startswith(
        "<https://gongkai.example.gov.cn/subscriptions/unsubscribe/"
    )
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get(kind="digest")
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.body_text == ""  # forgotten once sent

    # The same day again: nothing; the next day with nothing new: no mail either.
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 0
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow), django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 0
    assert len(mailoutbox) == 1


def test_the_next_digest_starts_where_the_last_ended(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(ADDRESS, TopicChoice(Topic.AGENCY, agency=item.catalogue.agency))
    mailoutbox.clear()
    first = make_published_document(catalogue_item=item, title="第一天的通知")
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        second = make_published_document(catalogue_item=item, title="第二天的通知")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_digests")
    assert len(mailoutbox) == 2
    assert first.title in mailoutbox[0].body
    assert second.title in mailoutbox[1].body
    assert first.title not in mailoutbox[1].body


def test_a_keyword_is_matched_by_the_search_engine(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    subscribed(ADDRESS, TopicChoice(Topic.KEYWORD, keyword="流感疫苗"))
    mailoutbox.clear()
    match = make_published_document(catalogue_item=item, title="关于做好流感疫苗接种工作的通知")
    make_published_document(catalogue_item=item, title="关于开展爱国卫生运动的通知")
    index.apply_outbox()

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 1
    body = mailoutbox[0].body
    assert match.title in body
    assert "爱国卫生运动" not in body
    assert "新发布的含“流感疫苗”的信息" in body


def test_new_consultations_of_an_agency(item, mailoutbox, django_capture_on_commit_callbacks):
    agency = item.catalogue.agency
    subscribed(ADDRESS, TopicChoice(Topic.CONSULTATIONS, agency=agency))
    mailoutbox.clear()
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    consultation = make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)
    make_consultation(agency=agency, publisher=publisher, title="尚未发布的征求意见稿")

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 1
    body = mailoutbox[0].body
    assert str(consultation) in body
    assert f"/consultations/{consultation.pk}/" in body
    assert "尚未发布的征求意见稿" not in body


def test_one_mail_per_subscriber_grouped_by_topic(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    agency = item.catalogue.agency
    subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    subscribed(ADDRESS, TopicChoice(Topic.AGENCY, agency=agency))
    subscribed("other@example.org", TopicChoice(Topic.AGENCY, agency=agency))
    mailoutbox.clear()
    record = make_published_document(catalogue_item=item)

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 2
    mine = next(m for m in mailoutbox if m.to == [ADDRESS])
    assert mine.body.count(record.title) == 2  # under each of the two topics
    assert f"== {agency.name}新发布的信息 ==" in mine.body


def test_a_digest_claimed_by_another_run_is_not_sent_twice(
    item, django_capture_on_commit_callbacks
):
    subscribed(ADDRESS, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    make_published_document(catalogue_item=item)
    # Another worker claimed today's digest a moment ago (the conditional UPDATE).
    Subscriber.objects.update(digest_on=timezone.localdate())
    assert _digests(django_capture_on_commit_callbacks) == []


def test_mails_follow_the_language_the_address_subscribed_in(
    item, mailoutbox, django_capture_on_commit_callbacks
):
    """A reader of the English pages gets the confirmation and digest in English, with links to
    the English pages; subscribing again from the Chinese pages switches the mails back."""
    from gongkai.subscriptions import services

    choice = TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item)
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscribe(email=ADDRESS, choice=choice, language="en")
    confirmation = mailoutbox[-1]
    assert "请确认" not in confirmation.subject
    assert "https://gongkai.example.gov.cn/en/subscriptions/confirm/" in confirmation.body
    services.confirm(subscriber=subscription.subscriber, ids=[subscription.pk])
    mailoutbox.clear()
    new = make_published_document(catalogue_item=item, title="关于新事项的通知")
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 1
    digest = mailoutbox[0]
    assert "订阅摘要" not in digest.subject
    assert f"https://gongkai.example.gov.cn/en/records/{new.pk}/" in digest.body
    assert new.title in digest.body  # the record's own title stays as published

    services.subscribe(email=ADDRESS, choice=choice, language="zh-hans")
    assert Subscriber.objects.get().language == "zh-hans"
    services.subscribe(email=ADDRESS, choice=choice, language="xx")  # not a site language
    assert Subscriber.objects.get().language == "zh-hans"
