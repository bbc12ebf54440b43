"""Atom feeds of public records: all, per agency, per catalogue item."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.documents.models import Document
from gongkai.portal.atom import PlainTextAtomFeed

FEED_SIZE = 50


class RecordsFeed(Feed):
    """The newest public records of every agency."""

    feed_type = PlainTextAtomFeed

    def title(self, obj=None) -> str:
        return _("最新公开的政府信息")

    def link(self, obj=None) -> str:
        return reverse("portal:home")

    def subtitle(self, obj=None) -> str:
        return _("主动公开的政府信息，按发布时间排列。")

    def records(self, obj=None):
        return Document.objects.public()

    def items(self, obj=None):
        return (
            self.records(obj).select_related("agency").order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        return item.summary

    def item_link(self, item: Document) -> str:
        return reverse("portal:document-detail", args=[item.pk])

    def item_pubdate(self, item: Document):
        return item.published_at

    def item_updateddate(self, item: Document):
        return item.updated_at

    def item_author_name(self, item: Document) -> str:
        return item.agency.name

    def item_categories(self, item: Document) -> list[str]:
        return [str(item.get_document_type_display()), str(item.get_topic_display())]


class AgencyRecordsFeed(RecordsFeed):
    """The newest public records of one agency."""

    def get_object(self, request, code: str) -> Agency:
        return get_object_or_404(Agency.objects.active(), code=code)

    def title(self, obj: Agency) -> str:
        return _("%(agency)s最新公开的政府信息") % {"agency": obj.name}

    def link(self, obj: Agency) -> str:
        return reverse("portal:agency-home", args=[obj.code])

    def records(self, obj: Agency):
        return Document.objects.public().filter(agency=obj)


class CatalogueItemFeed(RecordsFeed):
    """The newest public records filed under one item of an agency's catalogue."""

    def get_object(self, request, code: str, item_code: str) -> AgencyItem:
        return get_object_or_404(
            AgencyItem.objects.applicable().select_related("catalogue__agency"),
            catalogue__agency__code=code,
            catalogue__agency__is_active=True,
            code=item_code,
        )

    def title(self, obj: AgencyItem) -> str:
        return _("%(agency)s · %(item)s") % {"agency": obj.catalogue.agency.name, "item": obj.name}

    def link(self, obj: AgencyItem) -> str:
        return reverse("portal:agency-catalogue", args=[obj.catalogue.agency.code])

    def records(self, obj: AgencyItem):
        return Document.objects.public().filter(catalogue_item=obj)
