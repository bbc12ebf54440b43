"""Atom feed of published message replies (互动交流). Never the sender's name or contacts."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.participation.models import PublicMessage
from gongkai.portal.atom import PlainTextAtomFeed

FEED_SIZE = 50


class MessagesFeed(Feed):
    """The newest published messages with their replies, every agency."""

    feed_type = PlainTextAtomFeed

    def title(self) -> str:
        return _("留言答复")

    def link(self) -> str:
        return reverse("portal:messages")

    def subtitle(self) -> str:
        return _("经留言人同意并由机关决定公开的留言和答复，按公开时间排列。")

    def items(self):
        return (
            PublicMessage.objects.published()
            .select_related("agency")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: PublicMessage) -> str:
        return item.subject_for_public

    def item_description(self, item: PublicMessage) -> str:
        return item.reply_for_public

    def item_link(self, item: PublicMessage) -> str:
        return reverse("portal:message-detail", args=[item.pk])

    def item_pubdate(self, item: PublicMessage):
        return item.published_at

    def item_updateddate(self, item: PublicMessage):
        return item.updated_at

    def item_author_name(self, item: PublicMessage) -> str:
        return item.agency.name  # the answering agency, never the sender

    def item_categories(self, item: PublicMessage) -> list[str]:
        return [str(item.get_category_display())]
