"""Price lists of medical services, drugs and consumables per institution. See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricesConfig(AppConfig):
    name = "gongkai.prices"
    label = "prices"
    verbose_name = _("医疗服务和药品耗材价格")

    def ready(self):
        from gongkai.opendata import sources
        from gongkai.prices import tables

        sources.register(
            sources.Source(
                key="prices.current",
                title=_("医疗服务、药品和医用耗材现行价格"),
                build=tables.source_table,
            )
        )
