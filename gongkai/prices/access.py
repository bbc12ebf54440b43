"""Who may see or change which price lists. Views ask here before a service.

The publishing agency's staff draft (信息发布员, 管理员) and review (审核员); supervisors read
their subordinates' lists and change nothing."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.prices.models import PriceList, PriceVersion, VersionStatus


def lists_for_staff(user):
    return PriceList.objects.filter(agency_id__in=readable_agency_ids(user))


def can_view(user, price_list: PriceList) -> bool:
    return price_list.agency_id in readable_agency_ids(user)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_edit(user, version: PriceVersion) -> bool:
    return version.status == VersionStatus.DRAFT and can_draft_in(user, version.price_list.agency)


def can_review(user, version: PriceVersion) -> bool:
    """Return or publish. That the reviewer is not the drafter is a rule of the services."""
    return has_role(user, version.price_list.agency, Role.REVIEWER)


def can_withdraw(user, version: PriceVersion) -> bool:
    return has_role(user, version.price_list.agency, Role.REVIEWER, Role.ADMIN)
