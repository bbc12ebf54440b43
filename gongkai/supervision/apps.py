from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = _("督查考核")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.obligations.registry import ObligationKind, register_kind
        from gongkai.supervision import obligations
        from gongkai.supervision.models import RectificationTask

        register_kind(
            ObligationKind(
                code=obligations.RECTIFICATION,
                label=_("整改任务"),
                model=RectificationTask,
                describe=obligations.describe_rectification,
                responsible_roles=(Role.ADMIN,),
                all_objects=lambda: RectificationTask.objects.order_by("pk"),
            )
        )

        from gongkai.obligations.registry import register_daily
        from gongkai.supervision.escalation import escalate_overdue_tasks
        from gongkai.supervision.progress_services import register_progress_reports
        from gongkai.supervision.work_services import register_work_ledger

        register_daily("supervision.rectification_escalation", escalate_overdue_tasks)
        register_progress_reports()
        register_work_ledger()

        from django.db.models.signals import post_migrate

        from gongkai.supervision import tallies

        # The league table's monthly counters follow the ledger's rows (tallies.py); after
        # `migrate` (which may have filled the ledger in bulk) they are built if empty.
        tallies.connect()
        from gongkai.obligations.models import Obligation
        from gongkai.obligations.signals import rows_created

        # Rows written in bulk (a rebuild, an import) come without the row signals.
        rows_created.connect(
            tallies.after_bulk_create, sender=Obligation, dispatch_uid="supervision-tally-bulk"
        )
        post_migrate.connect(
            tallies.rebuild_if_empty, sender=self, dispatch_uid="supervision-tallies-build"
        )
