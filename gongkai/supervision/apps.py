from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = _("督查考核")

    def ready(self) -> None:
        from gongkai.supervision.progress_services import register_progress_reports
        from gongkai.supervision.work_services import register_work_ledger

        register_progress_reports()
        register_work_ledger()
