from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    verbose_name = _("审计记录")

    def ready(self) -> None:
        from gongkai.audit.labels import collect_app_labels

        collect_app_labels()
