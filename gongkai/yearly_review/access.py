"""Who may read and act on an agency's yearly review. Views ask here only.

- Reading the review list and the frequent requests: anyone who may read the agency's
  non-public data (its staff and its supervisors; agencies.access).
- Opening the review and setting its due date: the agency's 管理员.
- Deciding items: the agency's 管理员 or 审核员 (who review what is published).
- Making a draft from frequent requests: the agency's 管理员 or 信息发布员 (who draft records).
"""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role


def can_view_review(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def can_open_review(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN)


def can_decide(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN, Role.REVIEWER)


def can_draft_from_requests(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN, Role.PUBLISHER)
