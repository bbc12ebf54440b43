"""Atom feeds of published enforcement decisions (双公示), masked as every public output."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.enforcement.models import Decision
from gongkai.enforcement.public import public_view
from gongkai.portal.atom import PlainTextAtomFeed
from gongkai.portal.enforcement_views import SECTIONS

FEED_SIZE = 50


class DecisionsFeed(Feed):
    feed_type = PlainTextAtomFeed

    def get_object(self, request, section: str = "all"):
        if section not in SECTIONS:
            raise Http404
        return section

    def title(self, section: str) -> str:
        return str(SECTIONS[section][1])

    def link(self, section: str) -> str:
        return reverse("portal:decisions", args=[section])

    def subtitle(self, section: str) -> str:
        return _("行政许可、行政处罚等执法决定信息，按公示时间排列。自然人的姓名和证件号码已隐去。")

    def items(self, section: str):
        kind = SECTIONS[section][0]
        decisions = Decision.objects.public(on=timezone.localdate()).select_related("agency")
        if kind:
            decisions = decisions.filter(kind=kind)
        return [public_view(d) for d in decisions.order_by("-published_at", "-id")[:FEED_SIZE]]

    def item_title(self, item) -> str:
        return f"{item.get_kind_display()}：{item.party_name}（{item.document_number}）"

    def item_description(self, item) -> str:
        texts = item.texts
        parts = [
            texts["licence_content"],
            item.violation_type,
            texts["penalty_content"],
            texts["decision_content"],
        ]
        return " ".join(p for p in parts if p)

    def item_link(self, item) -> str:
        return reverse("portal:decision-detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item) -> str:
        return item.agency.name
