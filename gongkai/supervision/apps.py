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
        from gongkai.obligations.signals import ledger_rebuilt

        # A rebuild writes ledger rows in bulk, without the row signals the counters follow.
        ledger_rebuilt.connect(
            lambda **kwargs: tallies.rebuild(),
            dispatch_uid="supervision-tallies-rebuilt",
            weak=False,
        )
        post_migrate.connect(
            tallies.rebuild_if_empty, sender=self, dispatch_uid="supervision-tallies-build"
        )
