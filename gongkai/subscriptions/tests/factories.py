"""Subscriptions made through the services, confirmed or not."""

from gongkai.subscriptions import links, services
from gongkai.subscriptions.models import Subscription
from gongkai.subscriptions.topics import TopicChoice


def subscribed(email: str, choice: TopicChoice, *, confirm: bool = True) -> Subscription:
    subscription = services.subscribe(email=email, choice=choice)
    if confirm:
        services.confirm(subscriber=subscription.subscriber, ids=[subscription.pk])
        subscription.refresh_from_db()
    return subscription


def confirm_path(url: str) -> str:
    return url.removeprefix(links.absolute(""))
