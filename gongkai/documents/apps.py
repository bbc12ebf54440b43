from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    verbose_name = _("政府信息")
