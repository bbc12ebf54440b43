"""Who may see or change which service items and guides. Views ask here before a service.

Staff of the agency draft (信息发布员) and review (审核员) as for records; supervisors read
their subordinates' items and guides (readable_agency_ids) but change nothing there."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.service_guides.models import Guide, GuideStatus, ServiceItem, ServiceItemQuerySet


def items_for_staff(user) -> ServiceItemQuerySet:
    return ServiceItem.objects.for_agencies(readable_agency_ids(user))


def can_view_item(user, item: ServiceItem) -> bool:
    return item.agency_id in readable_agency_ids(user)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_edit(user, guide: Guide) -> bool:
    return guide.status == GuideStatus.DRAFT and can_draft_in(user, guide.service_item.agency)


def can_review(user, guide: Guide) -> bool:
    """Return or publish. That the reviewer is not the drafter is a rule of the services."""
    return has_role(user, guide.service_item.agency, Role.REVIEWER)


def can_withdraw(user, guide: Guide) -> bool:
    return has_role(user, guide.service_item.agency, Role.REVIEWER, Role.ADMIN)


def can_import_into(user, agency: Agency) -> bool:
    """Import creates drafts (publication still goes through review): the drafting roles."""
    return can_draft_in(user, agency)
