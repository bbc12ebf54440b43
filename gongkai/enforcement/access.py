"""Who may see or change which decisions. Views ask here before calling a service."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.enforcement.models import Decision, DecisionQuerySet, DecisionStatus


def decisions_for_staff(user) -> DecisionQuerySet:
    """Decisions of the agencies `user` works in or supervises (drafts included)."""
    return Decision.objects.visible_to_staff(readable_agency_ids(user))


def can_view(user, decision: Decision) -> bool:
    return decision.agency_id in readable_agency_ids(user)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_edit(user, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and can_draft_in(user, decision.agency)


def can_publish(user, decision: Decision) -> bool:
    """The reviewer publishes; that the reviewer is not the drafter is checked in services."""
    return decision.status == DecisionStatus.DRAFT and has_role(
        user, decision.agency, Role.REVIEWER
    )


def can_manage_published(user, decision: Decision) -> bool:
    """Withdraw, record a change, record a credit repair."""
    return decision.status == DecisionStatus.PUBLISHED and has_role(
        user, decision.agency, Role.REVIEWER, Role.ADMIN
    )
