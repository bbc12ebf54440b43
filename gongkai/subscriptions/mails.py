"""The mails: their subject, plain text and HTML, each from a template pair
(subscriptions/mail/<name>.txt and .html); every link absolute."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.subscriptions import links
from gongkai.subscriptions.models import Subscriber, Subscription
from gongkai.subscriptions.topics import describe


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str
    unsubscribe_url: str = ""  # for the List-Unsubscribe header (RFC 8058)


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    on: object  # date


@dataclass(frozen=True)
class Section:
    """One topic of a digest and what is new in it."""

    title: str
    items: list[Item]
    unsubscribe_url: str


def language_of(code: str) -> str:
    """A language the site has (the default for anything else)."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def in_language(subscriber: Subscriber):
    """Render a subscriber's mail — texts and links — in the language they subscribed in."""
    return translation.override(language_of(subscriber.language))


def _render(name: str, subject: str, context: dict, unsubscribe_url: str = "") -> Mail:
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    return Mail(
        subject=subject,
        text=render_to_string(f"subscriptions/mail/{name}.txt", context),
        html=render_to_string(f"subscriptions/mail/{name}.html", context),
        unsubscribe_url=unsubscribe_url,
    )


def confirmation(subscriber: Subscriber) -> Mail:
    """The double opt-in mail: the link leads to a page listing what will be confirmed."""
    return _render(
        "confirmation",
        _("请确认您的邮件订阅 · %(site)s") % {"site": settings.SITE_NAME},
        {
            "confirm_url": links.confirm_url(subscriber),
            "days": settings.SUBSCRIPTION_PENDING_DAYS,
        },
    )


def digest(subscriber: Subscriber, sections: list[Section], *, day) -> Mail:
    unsubscribe_all = links.unsubscribe_url(subscriber)
    count = sum(len(section.items) for section in sections)
    return _render(
        "digest",
        _("%(day)s 订阅摘要：%(count)d 条新信息 · %(site)s")
        % {"day": day.isoformat(), "count": count, "site": settings.SITE_NAME},
        {
            "sections": sections,
            "day": day,
            "manage_url": links.manage_url(subscriber),
            "unsubscribe_url": unsubscribe_all,
        },
        unsubscribe_url=unsubscribe_all,
    )


def case_notice(subscription: Subscription, *, url: str) -> Mail:
    subscriber = subscription.subscriber
    unsubscribe = links.unsubscribe_url(subscriber, subscription)
    return _render(
        "case_notice",
        _("您关注的事项已有答复 · %(site)s") % {"site": settings.SITE_NAME},
        {
            "topic": describe(subscription),
            "is_application": bool(subscription.application_id),
            "url": url,
            "manage_url": links.manage_url(subscriber),
            "unsubscribe_url": unsubscribe,
        },
        unsubscribe_url=unsubscribe,
    )
