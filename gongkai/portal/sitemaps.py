"""sitemap.xml: the portal's pages and every public record."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.budgets.models import BudgetTable
from gongkai.diseases.models import MonthlyReport
from gongkai.documents.models import Document
from gongkai.opendata.models import Dataset
from gongkai.prices.models import PriceVersion
from gongkai.projects.models import Project
from gongkai.service_guides.models import Guide


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
            "portal:agency-proposals",
            "portal:agency-services",
            "portal:agency-projects",
            "portal:agency-budgets",
            "portal:agency-diseases",
            "portal:agency-prices",
            "portal:agency-newmedia",
            "portal:agency-press",
            "portal:press-spokespeople",
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


class ServiceGuidesSitemap(Sitemap):
    """The published guides' own pages (办事服务), one per active item."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Guide.objects.published()
            .filter(service_item__is_active=True, service_item__agency__is_active=True)
            .select_related("service_item__agency")
            .order_by("pk")
        )

    def location(self, item: Guide) -> str:
        return reverse(
            "portal:service-guide", args=[item.service_item.agency.code, item.service_item.code]
        )

    def lastmod(self, item: Guide):
        return item.updated_at


class ProjectsSitemap(Sitemap):
    """The pages of projects with published information (重大建设项目)."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Project.objects.public()
            .filter(agency__is_active=True)
            .select_related("agency")
            .order_by("pk")
        )

    def location(self, item: Project) -> str:
        return reverse("portal:project-detail", args=[item.agency.code, item.pk])

    def lastmod(self, item: Project):
        return item.updated_at


class BudgetTablesSitemap(Sitemap):
    """The published budget tables' pages and their 三公 pages (预决算公开)."""

    changefreq = "yearly"
    limit = 5000

    def items(self) -> list[tuple[str, BudgetTable]]:
        tables = (
            BudgetTable.objects.published()
            .filter(agency__is_active=True)
            .select_related("agency")
            .order_by("pk")
        )
        return [
            (name, t) for t in tables for name in ("portal:budget-table", "portal:budget-sangong")
        ]

    def location(self, item: tuple[str, BudgetTable]) -> str:
        name, table = item
        return reverse(name, args=[table.agency.code, table.year, table.kind])

    def lastmod(self, item: tuple[str, BudgetTable]):
        return item[1].updated_at


class FiguresSitemap(Sitemap):
    """Published figures' own pages: each disease month, each current price list."""

    changefreq = "monthly"
    limit = 5000

    def items(self) -> list[tuple[str, tuple[str, ...], object]]:
        months = (
            MonthlyReport.objects.published()
            .filter(agency__is_active=True)
            .select_related("agency")
            .order_by("agency__code", "month")
        )
        lists = (
            PriceVersion.objects.published()
            .filter(price_list__agency__is_active=True)
            .select_related("price_list__agency", "price_list__institution")
            .order_by("pk")
        )
        return [
            ("portal:disease-month", (r.agency.code, r.month.strftime("%Y-%m")), r.updated_at)
            for r in months
        ] + [
            (
                "portal:price-list",
                (v.price_list.agency.code, v.price_list.institution.code, v.price_list.kind),
                v.updated_at,
            )
            for v in lists
        ]

    def location(self, item) -> str:
        name, args, _updated = item
        return reverse(name, args=args)

    def lastmod(self, item):
        return item[2]


class DatasetsSitemap(Sitemap):
    """The open-data section and the published datasets' pages (开放数据)."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Dataset.objects.published().only("name", "modified_at").order_by("pk")

    def location(self, item: Dataset) -> str:
        return reverse("portal:dataset-detail", args=[item.name])

    def lastmod(self, item: Dataset):
        return item.modified_at


class PressEventsSitemap(Sitemap):
    """The pages of announced and held press conferences and interviews (新闻发布)."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        from gongkai.press.models import PressEvent

        return (
            PressEvent.objects.public()
            .filter(agency__is_active=True)
            .select_related("agency")
            .order_by("pk")
        )

    def location(self, item) -> str:
        return reverse("portal:press-event", args=[item.agency.code, item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "agencies": AgencyPagesSitemap,
    "records": RecordsSitemap,
    "services": ServiceGuidesSitemap,
    "projects": ProjectsSitemap,
    "budgets": BudgetTablesSitemap,
    "figures": FiguresSitemap,
    "datasets": DatasetsSitemap,
    "press": PressEventsSitemap,
}
