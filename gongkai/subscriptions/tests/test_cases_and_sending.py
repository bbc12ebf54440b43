"""Own cases: one notice when the application or message is answered, none before, none
twice. Sending: a temporary failure is retried with a growing wait, up to a bound; a 5xx is a
bounce; the third bounce suspends the subscriber, who then gets no digest."""

import datetime
import smtplib

import pytest
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.tests.test_services import applicant
from gongkai.participation import mailbox_services
from gongkai.participation.tests.mailbox_factories import make_message
from gongkai.subscriptions import digests, sending
from gongkai.subscriptions.models import (
    Delivery,
    DeliveryStatus,
    Subscriber,
    SubscriberState,
    Topic,
)
from gongkai.subscriptions.tests.factories import subscribed
from gongkai.subscriptions.topics import TopicChoice

pytestmark = pytest.mark.django_db
ADDRESS = "applicant@example.org"


def _notices(capture) -> int:
    with capture(execute=True):
        return digests.send_case_notices()


def test_an_application_reply_sends_one_immediate_notice(
    mailoutbox, django_capture_on_commit_callbacks
):
    agency = make_agency()
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    application = foi_services.submit_online(agency=agency, values=applicant())
    subscription = subscribed(ADDRESS, TopicChoice(Topic.APPLICATION, application=application))
    assert subscription.frequency == "immediate"
    mailoutbox.clear()

    assert _notices(django_capture_on_commit_callbacks) == 0
    foi_services.draft_reply(
        application=application, actor=handler, outcome="granted", text="见附件"
    )
    assert _notices(django_capture_on_commit_callbacks) == 0  # a draft is no reply
    foi_services.approve_reply(application=application, actor=reviewer, on=timezone.localdate())
    assert _notices(django_capture_on_commit_callbacks) == 1
    assert _notices(django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert application.query_code[-4:] in mail.body
    assert "https://gongkai.example.gov.cn/apply/progress/" in mail.body
    assert "见附件" not in mail.body  # the reply itself never travels by mail
    assert "List-Unsubscribe" in mail.extra_headers


def test_a_message_answer_sends_a_notice_and_digests_skip_cases(
    mailoutbox, django_capture_on_commit_callbacks
):
    agency = make_agency()
    handler = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    message = make_message(agency)
    subscribed(ADDRESS, TopicChoice(Topic.MESSAGE, message=message))
    mailoutbox.clear()
    mailbox_services.accept_message(message=message, actor=handler)
    mailbox_services.draft_reply(message=message, actor=handler, text="可以接种。")
    assert _notices(django_capture_on_commit_callbacks) == 0
    mailbox_services.approve_reply(message=message, actor=reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 0
    assert _notices(django_capture_on_commit_callbacks) == 1
    assert "留言的答复" in mailoutbox[0].body
    assert "https://gongkai.example.gov.cn/messages/lookup/" in mailoutbox[0].body


def _failing(monkeypatch, exc: Exception) -> None:
    def refuse(self, fail_silently=False):
        raise exc

    monkeypatch.setattr(sending.EmailMultiAlternatives, "send", refuse)


def _digest_queued(email: str = ADDRESS) -> Delivery:
    item = make_agency_item()
    subscribed(email, TopicChoice(Topic.CATALOGUE_ITEM, catalogue_item=item))
    make_published_document(catalogue_item=item)
    digests.send_digests()  # queued: the on-commit hand-over to the queue is not run here
    return Delivery.objects.get(kind="digest", subscriber__email=email)


def test_a_temporary_failure_is_retried_with_a_growing_wait_then_given_up(monkeypatch):
    delivery = _digest_queued()
    _failing(monkeypatch, smtplib.SMTPResponseException(451, b"try again later"))
    now = timezone.now()
    waits = []
    for _attempt in range(sending.MAX_ATTEMPTS):
        assert sending.deliver(delivery.pk, now=now) in (
            DeliveryStatus.QUEUED,
            DeliveryStatus.FAILED,
        )
        delivery.refresh_from_db()
        if delivery.status == DeliveryStatus.QUEUED:
            waits.append(delivery.next_attempt_at - now)
            # Not before its time: a second hand-over to the queue sends nothing.
            assert sending.deliver(delivery.pk, now=now) == "skipped"
            now = delivery.next_attempt_at
    assert waits == [sending.backoff(n) for n in range(1, sending.MAX_ATTEMPTS)]
    assert waits[1] == 2 * waits[0]
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == sending.MAX_ATTEMPTS
    assert "451 try again later" in delivery.smtp_reply
    assert delivery.body_text == ""
    assert Subscriber.objects.get().bounce_count == 0


def test_no_connection_is_temporary(monkeypatch):
    delivery = _digest_queued()
    _failing(monkeypatch, ConnectionRefusedError("refused"))
    assert sending.deliver(delivery.pk) == DeliveryStatus.QUEUED


def test_three_bounces_suspend_the_subscriber(monkeypatch, django_capture_on_commit_callbacks):
    delivery = _digest_queued()
    refused = smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"5.1.1 mailbox unavailable")})
    _failing(monkeypatch, refused)
    assert sending.deliver(delivery.pk) == DeliveryStatus.BOUNCED
    delivery.refresh_from_db()
    assert delivery.smtp_reply == "550 5.1.1 mailbox unavailable"
    subscriber = Subscriber.objects.get()
    assert (subscriber.bounce_count, subscriber.state) == (1, SubscriberState.ACTIVE)

    for _n in range(2):
        extra = Delivery.objects.create(subscriber=subscriber, kind="digest", subject="x")
        assert sending.deliver(extra.pk) == DeliveryStatus.BOUNCED
    subscriber.refresh_from_db()
    assert (subscriber.bounce_count, subscriber.state) == (3, SubscriberState.SUSPENDED)

    # Suspended: no digest is even collected, and a queued one is not sent.
    monkeypatch.undo()
    make_published_document(catalogue_item=make_agency_item())
    Subscriber.objects.update(digest_on=None)
    later = timezone.now() + datetime.timedelta(days=1)
    assert digests.send_digests(now=later) == 0
    queued = Delivery.objects.create(subscriber=subscriber, kind="digest", subject="x")
    assert sending.deliver(queued.pk) == DeliveryStatus.FAILED


def test_the_sweep_hands_due_mails_to_the_queue(mailoutbox):
    delivery = _digest_queued()
    assert mailoutbox == []
    # The confirmation mail and the digest, both left by a lost hand-over.
    assert sending.enqueue_due(now=timezone.now() + datetime.timedelta(minutes=2)) == 2
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(mailoutbox) == 2
    assert sending.enqueue_due(now=timezone.now() + datetime.timedelta(minutes=2)) == 0


def test_an_unconfirmed_case_subscription_gets_no_notice(
    mailoutbox, django_capture_on_commit_callbacks
):
    agency = make_agency()
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    application = foi_services.submit_online(agency=agency, values=applicant())
    subscribed(ADDRESS, TopicChoice(Topic.APPLICATION, application=application), confirm=False)
    foi_services.draft_reply(application=application, actor=handler, outcome="granted", text="略")
    foi_services.approve_reply(application=application, actor=reviewer, on=timezone.localdate())
    assert _notices(django_capture_on_commit_callbacks) == 0
    assert not Delivery.objects.filter(kind="case_notice").exists()
