from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    verbose_name = _("公开目录")
