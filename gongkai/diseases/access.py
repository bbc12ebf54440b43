"""Who may see or change which disease figures. Views ask here before a service.

Staff of the agency draft (信息发布员, 管理员) and review (审核员) as for records; the agency's
管理员 sets whether it publishes; supervisors read their subordinates' months, change nothing."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.diseases.models import MonthlyReport, ReportStatus


def reports_for_staff(user):
    return MonthlyReport.objects.for_agencies(readable_agency_ids(user))


def can_view(user, report: MonthlyReport) -> bool:
    return report.agency_id in readable_agency_ids(user)


def can_read_agency(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_edit(user, report: MonthlyReport) -> bool:
    return report.status == ReportStatus.DRAFT and can_draft_in(user, report.agency)


def can_review(user, report: MonthlyReport) -> bool:
    """Return or publish. That the reviewer is not the drafter is a rule of the services."""
    return has_role(user, report.agency, Role.REVIEWER)


def can_withdraw(user, report: MonthlyReport) -> bool:
    return has_role(user, report.agency, Role.REVIEWER, Role.ADMIN)


def can_configure(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN)
