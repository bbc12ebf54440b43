from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartsConfig(AppConfig):
    name = "gongkai.charts"
    verbose_name = _("统计图")
