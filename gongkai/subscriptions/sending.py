"""Sending a queued mail and what its outcome does.

A Delivery goes queued → sending → sent, or back to queued with a longer wait after a
temporary failure (4xx, no connection), up to MAX_ATTEMPTS, then failed. A permanent refusal
(5xx from the server) is a bounce: the record says bounced with the server's reply, and the
third bounce suspends the subscriber (services.record_bounce). The claim queued → sending is
a conditional UPDATE, so a mail enqueued twice (a retry, the sweep) is sent once.

Retries go through the task queue with `run_after` where the backend can defer (the
database backend can); `gongkai send_case_notices`, run every few minutes, also hands the
queue any queued mail whose time has come, so a lost task only delays a mail.
"""

import datetime
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from gongkai.subscriptions.models import Delivery, DeliveryKind, DeliveryStatus, SubscriberState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY = datetime.timedelta(minutes=5)


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failure: 5, 10, 20, 40 minutes."""
    return FIRST_RETRY * (2 ** max(attempts - 1, 0))


def enqueue(delivery_id: int, *, run_after: datetime.datetime | None = None) -> None:
    from gongkai.subscriptions.tasks import send_delivery

    task = send_delivery
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id)


def message_for(delivery: Delivery) -> EmailMultiAlternatives:
    headers = {}
    if delivery.unsubscribe_url:
        # RFC 2369 and RFC 8058: mail programs offer "unsubscribe" and POST to the link.
        headers["List-Unsubscribe"] = f"<{delivery.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.body_text,
        to=[delivery.subscriber.email],
        headers=headers,
    )
    if delivery.body_html:
        message.attach_alternative(delivery.body_html, "text/html")
    return message


def _refusal(exc: Exception) -> tuple[int | None, str]:
    """(SMTP code, reply) of a failure; no code when the server was not reached."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        for code, reply in exc.recipients.values():
            return int(code), _text(reply)
    if isinstance(exc, smtplib.SMTPResponseException):
        return int(exc.smtp_code), _text(exc.smtp_error)
    return None, f"{type(exc).__name__}: {exc}"


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def deliver(delivery_id: int, *, now: datetime.datetime | None = None) -> str:
    """Send one queued mail once; returns the delivery's status (or "skipped")."""
    from gongkai.subscriptions.services import record_bounce

    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_id)
    if (
        delivery.subscriber.state == SubscriberState.SUSPENDED
        and delivery.kind != DeliveryKind.CONFIRMATION
    ):
        _finish(delivery, DeliveryStatus.FAILED, "suspended after bounces: not sent", now)
        return delivery.status
    try:
        message_for(delivery).send()
    except (smtplib.SMTPException, OSError) as exc:
        code, reply = _refusal(exc)
        reply = f"{code} {reply}" if code else reply
        if code is not None and code >= 500:
            _finish(delivery, DeliveryStatus.BOUNCED, reply, now)
            record_bounce(subscriber_id=delivery.subscriber_id, now=now)
        elif delivery.attempts >= MAX_ATTEMPTS:
            _finish(delivery, DeliveryStatus.FAILED, reply, now)
        else:
            retry_at = now + backoff(delivery.attempts)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.QUEUED, next_attempt_at=retry_at, smtp_reply=reply[:2000]
            )
            enqueue(delivery.pk, run_after=retry_at)
            delivery.status = DeliveryStatus.QUEUED
        logger.warning("subscription mail %s: %s", delivery.pk, delivery.status)
        return delivery.status
    _finish(delivery, DeliveryStatus.SENT, "250 OK", now)
    return delivery.status


def _finish(delivery: Delivery, status: str, reply: str, now: datetime.datetime) -> None:
    """The outcome, and the text forgotten: links with the subscriber's token need not stay."""
    delivery.status = status
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        smtp_reply=reply[:2000],
        sent_at=now if status == DeliveryStatus.SENT else None,
        body_text="",
        body_html="",
        unsubscribe_url="",
    )


def enqueue_due(*, now: datetime.datetime | None = None) -> int:
    """Hand the queue every queued mail whose time has come (a lost task, a worker restart)."""
    now = now or timezone.now()
    ids = list(
        Delivery.objects.filter(
            status=DeliveryStatus.QUEUED, next_attempt_at__lte=now - datetime.timedelta(minutes=1)
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        enqueue(pk)
    return len(ids)
