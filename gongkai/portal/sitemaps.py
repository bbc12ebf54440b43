"""sitemap.xml: the portal's pages and every public record."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.documents.models import Document


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["portal:home", "portal:policy-library", "portal:search", "portal:deadline"]

    def location(self, item: str) -> str:
        return reverse(item)


class AgencyPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[tuple[str, str]]:
        codes = Agency.objects.active().order_by("code").values_list("code", flat=True)
        names = (
            "portal:agency-home",
            "portal:agency-guide",
            "portal:agency-rules",
            "portal:agency-catalogue",
            "portal:agency-on-request",
            "portal:agency-reports",
            "portal:agency-about",
        )
        return [(name, code) for code in codes for name in names]

    def location(self, item: tuple[str, str]) -> str:
        name, code = item
        return reverse(name, args=[code])


class RecordsSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.public().only("pk", "updated_at").order_by("pk")

    def location(self, item: Document) -> str:
        return reverse("portal:document-detail", args=[item.pk])

    def lastmod(self, item: Document):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "agencies": AgencyPagesSitemap,
    "records": RecordsSitemap,
}
