"""Spokespeople, press conferences and online interviews (新闻发布). See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "gongkai.press"
    label = "press"
    verbose_name = _("新闻发布")
