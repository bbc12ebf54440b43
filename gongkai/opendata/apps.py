"""Open data: datasets with resources, the open catalogue, DCAT and a CKAN-compatible read API.
See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = _("开放数据")

    def ready(self) -> None:
        from gongkai.opendata import search_feed
        from gongkai.search.registry import register_source

        register_source(
            search_feed.KIND, search_feed.public_payloads, count=search_feed.public_count
        )
