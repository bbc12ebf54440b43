"""Who may read, prepare and publish an agency's annual report. Views ask here only.

- Reading (the tables and the drill-down lists, which show applicants): anyone who may read
  the agency's non-public data (its staff and its supervisors; agencies.access).
- Preparing (refresh, section texts, clerk-entered figures): the agency's 管理员, 信息发布员
  and 依申请公开承办人.
- Publishing: the agency's 审核员 or 管理员, as for any record (documents.access).
- Roll-up over subordinates: a 督查员 of the agency, or a system administrator.
"""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role


def can_view_report(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def can_prepare_report(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN, Role.PUBLISHER, Role.FOI_HANDLER)


def can_publish_report(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.REVIEWER, Role.ADMIN)


def can_view_rollup(user, agency: Agency) -> bool:
    """The roll-up reads every subordinate agency: their supervisor's view."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or has_role(user, agency, Role.SUPERVISOR)


def rollup_agency_ids(agency: Agency) -> list[int]:
    """The agency and every agency below it."""
    return sorted({agency.pk, *agency.descendant_ids()})
