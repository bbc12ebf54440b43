from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "gongkai.obligations"
    label = "obligations"
    verbose_name = _("期限台账")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from gongkai.obligations.services import build_if_empty

        # A database upgraded from before the ledger gets its rows once, from the apps.
        post_migrate.connect(build_if_empty, sender=self, dispatch_uid="obligations-build")
