"""Who may see or change enforcement lists and double-random inspections.

- Staff read their own agencies and, as 督查员, every agency below (agencies.access); the
  public reads only published list versions, committed plans, performed draws and published
  results (the portal asks the querysets named for that).
- 信息发布员 and 管理员 draft lists, keep the target pool and conflicts, make plans, publish
  the commitment, perform the draw and enter and publish results.
- 审核员 publish a list version; never one they drafted themselves (lists.check_reviewer).
- A redraw needs an agency 管理员 (it is the exception that must be explained).
"""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.enforcement.models import EnforcementList, InspectionPlan, InspectionTarget

HANDLER_ROLES = (Role.PUBLISHER, Role.ADMIN)
REVIEWER_ROLES = (Role.REVIEWER,)


def lists_for_staff(user):
    return EnforcementList.objects.filter(agency_id__in=readable_agency_ids(user))


def plans_for_staff(user):
    return InspectionPlan.objects.filter(agency_id__in=readable_agency_ids(user))


def targets_for_staff(user):
    return InspectionTarget.objects.filter(agency_id__in=readable_agency_ids(user))


def can_handle_in(user, agency: Agency) -> bool:
    return has_role(user, agency, *HANDLER_ROLES)


def can_review_list(user, enforcement_list: EnforcementList) -> bool:
    return has_role(user, enforcement_list.agency, *REVIEWER_ROLES)


def can_redraw(user, plan: InspectionPlan) -> bool:
    return has_role(user, plan.agency, Role.ADMIN)
