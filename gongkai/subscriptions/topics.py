"""What a subscription is about: a topic and its object, as one value (`TopicChoice`), its key
(a subscriber has each topic once) and its description in words."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.subscriptions.errors import SubscriptionError
from gongkai.subscriptions.models import CASE_TOPICS, Frequency, Subscription, Topic


@dataclass(frozen=True)
class TopicChoice:
    topic: str
    agency: object = None  # Agency
    catalogue_item: object = None  # AgencyItem
    keyword: str = ""
    application: object = None  # foi.Application
    message: object = None  # participation.PublicMessage

    def check(self) -> None:
        """SubscriptionError unless the topic names exactly what it needs."""
        needs = {
            Topic.AGENCY: self.agency is not None,
            Topic.CATALOGUE_ITEM: self.catalogue_item is not None,
            Topic.KEYWORD: bool(self.keyword.strip()),
            Topic.CONSULTATIONS: True,
            Topic.APPLICATION: self.application is not None,
            Topic.MESSAGE: self.message is not None,
        }
        if not needs.get(self.topic, False):
            raise SubscriptionError(_("订阅内容不完整，请从页面上的订阅链接进入。"))

    @property
    def key(self) -> str:
        """One string per topic: 'item:12', 'keyword:3:疫苗', 'consultations:'…"""
        agency_id = getattr(self.agency, "pk", "") or ""
        if self.topic == Topic.CATALOGUE_ITEM:
            return f"item:{self.catalogue_item.pk}"
        if self.topic == Topic.KEYWORD:
            return f"keyword:{agency_id}:{normalise_keyword(self.keyword)}"
        if self.topic == Topic.APPLICATION:
            return f"application:{self.application.pk}"
        if self.topic == Topic.MESSAGE:
            return f"message:{self.message.pk}"
        return f"{self.topic}:{agency_id}"

    @property
    def frequency(self) -> str:
        """Immediate for one's own case, the daily digest for everything else."""
        return Frequency.IMMEDIATE if self.topic in CASE_TOPICS else Frequency.DAILY

    @property
    def owning_agency(self):
        """The agency the topic belongs to, for the audit trail and the counts; none for one's
        own case (who follows their application is nothing the agency needs to read)."""
        if self.topic == Topic.CATALOGUE_ITEM:
            return self.catalogue_item.catalogue.agency
        if self.topic in CASE_TOPICS:
            return None
        return self.agency


def normalise_keyword(text: str) -> str:
    return " ".join(text.split())[: limits.SUBSCRIPTION_KEYWORD]


def describe(subscription: Subscription) -> str:
    """The topic in words, as the mails and the manage page show it."""
    topic = subscription.topic
    if topic == Topic.AGENCY:
        return _("%(agency)s新发布的信息") % {"agency": subscription.agency.name}
    if topic == Topic.CATALOGUE_ITEM:
        item = subscription.catalogue_item
        return _("%(agency)s公开目录“%(item)s”新发布的信息") % {
            "agency": item.catalogue.agency.name,
            "item": item.name,
        }
    if topic == Topic.KEYWORD:
        if subscription.agency is not None:
            return _("%(agency)s新发布的含“%(keyword)s”的信息") % {
                "agency": subscription.agency.name,
                "keyword": subscription.keyword,
            }
        return _("新发布的含“%(keyword)s”的信息") % {"keyword": subscription.keyword}
    if topic == Topic.CONSULTATIONS:
        if subscription.agency is not None:
            return _("%(agency)s新的征求意见") % {"agency": subscription.agency.name}
        return _("各机关新的征求意见")
    if topic == Topic.APPLICATION:
        return _("查询码尾号为 %(tail)s 的政府信息公开申请的答复") % {
            "tail": subscription.application.query_code[-4:]
        }
    return _("查询码尾号为 %(tail)s 的留言的答复") % {"tail": subscription.message.query_code[-4:]}
