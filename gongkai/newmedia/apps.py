"""Government new-media accounts (政务新媒体): the registry with its 开设/变更/注销 approval
and filing, their activity, release packages of published records and the consistency of the
site with the channels. See README.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewmediaConfig(AppConfig):
    name = "gongkai.newmedia"
    label = "newmedia"
    verbose_name = _("政务新媒体")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.newmedia import obligations
        from gongkai.newmedia.models import Account
        from gongkai.obligations.registry import ObligationKind, register_kind

        # The two-week rule lives in activity.py; the ledger only stores the day it gives.
        register_kind(
            ObligationKind(
                code=obligations.NEXT_UPDATE,
                label=_("政务新媒体更新"),
                model=Account,
                describe=obligations.describe_account,
                all_objects=lambda: Account.objects.order_by("pk"),
                due_soon_working_days=3,
                responsible_roles=(Role.PUBLISHER, Role.ADMIN),
            )
        )
