"""Atom feed of consultations: each draft when it is published for comment, updated when
the feedback on how the comments were used is published."""

from django.contrib.syndication.views import Feed
from django.db.models import Case, F, When
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.documents.models import Attribute, Status
from gongkai.participation.models import Consultation
from gongkai.portal.atom import PlainTextAtomFeed

FEED_SIZE = 50


def _feedback_public(consultation: Consultation) -> bool:
    record = consultation.feedback_document
    return (
        record is not None
        and record.status == Status.PUBLISHED
        and record.attribute == Attribute.PROACTIVE
    )


class ConsultationsFeed(Feed):
    feed_type = PlainTextAtomFeed

    def title(self) -> str:
        return _("征求意见和采纳情况反馈")

    def link(self) -> str:
        return reverse("portal:consultations")

    def subtitle(self) -> str:
        return _("公开征求意见的文件草案，以及意见采纳情况的反馈。")

    def items(self):
        public_feedback = {
            "feedback_document__status": Status.PUBLISHED,
            "feedback_document__attribute": Attribute.PROACTIVE,
        }
        return (
            Consultation.objects.published()
            .filter(draft__status=Status.PUBLISHED, draft__attribute=Attribute.PROACTIVE)
            .select_related("agency", "draft", "feedback_document")
            .annotate(
                latest=Case(
                    When(then=F("feedback_document__published_at"), **public_feedback),
                    default=F("draft__published_at"),
                )
            )
            .order_by("-latest", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Consultation) -> str:
        if _feedback_public(item):
            return item.feedback_document.title
        return item.draft.title

    def item_description(self, item: Consultation) -> str:
        period = _("征求意见时间：%(opens)s 至 %(closes)s。") % {
            "opens": item.opens_on.isoformat(),
            "closes": item.closes_on.isoformat(),
        }
        if _feedback_public(item):
            return f"{item.feedback_document.summary} {period}"
        return f"{item.draft.summary} {period}"

    def item_link(self, item: Consultation) -> str:
        return reverse("portal:consultation-detail", args=[item.pk])

    def item_guid(self, item: Consultation) -> str:
        # A new entry when the feedback appears, so readers see it as news.
        suffix = "feedback" if _feedback_public(item) else "draft"
        return self.item_link(item) + "#" + suffix

    def item_pubdate(self, item: Consultation):
        return item.draft.published_at

    def item_updateddate(self, item: Consultation):
        if _feedback_public(item):
            return item.feedback_document.published_at
        return item.draft.published_at

    def item_author_name(self, item: Consultation) -> str:
        return item.agency.name
