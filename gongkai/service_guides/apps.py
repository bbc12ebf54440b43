"""Service items (政务服务事项) and their structured guides (办事指南). See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceGuidesConfig(AppConfig):
    name = "gongkai.service_guides"
    label = "service_guides"
    verbose_name = _("办事服务")
