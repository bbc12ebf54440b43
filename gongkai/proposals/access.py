"""Who may read and act on an agency's suggestions and proposals. Views ask here only.

- Reading: anyone who may read the agency's non-public data (its staff and its supervisors).
- Registering, the deadline, the reply, the feedback and choosing the publication mode: the
  agency's 管理员 or 信息发布员 (who handle the agency's correspondence and draft records).
- Publishing the result: the agency's 管理员 or 审核员 (the library's drafter ≠ publisher rule
  applies on top).
"""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role


def can_view(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def can_handle(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN, Role.PUBLISHER)


def can_publish(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN, Role.REVIEWER)
