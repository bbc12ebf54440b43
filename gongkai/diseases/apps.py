"""Monthly notifiable infectious-disease figures (法定传染病疫情概况). See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiseasesConfig(AppConfig):
    name = "gongkai.diseases"
    label = "diseases"
    verbose_name = _("法定传染病疫情")

    def ready(self):
        from gongkai.diseases import obligations, tables
        from gongkai.opendata import sources

        obligations.register()
        sources.register(
            sources.Source(
                key="diseases.monthly",
                title=_("法定传染病疫情月报（月份、病种、类别、发病数、死亡数）"),
                build=tables.source_table,
            )
        )
