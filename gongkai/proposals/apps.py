from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = _("建议提案办理")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.obligations.registry import ObligationKind, register_kind
        from gongkai.proposals import obligations
        from gongkai.proposals.models import Proposal

        # The reply to the deputy or member is due three months from assignment (README).
        register_kind(
            ObligationKind(
                code=obligations.PROPOSAL_REPLY,
                label=_("建议提案答复"),
                model=Proposal,
                describe=obligations.describe_proposal,
                responsible_roles=(Role.ADMIN, Role.PUBLISHER),
                all_objects=lambda: Proposal.objects.order_by("pk"),
                due_soon_working_days=10,
            )
        )
