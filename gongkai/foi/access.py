"""Who may see or handle which applications. Applicants' data never leaves the agency."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.foi.models import Application


def applications_for_staff(user):
    """Applications of the agencies `user` works in or supervises."""
    return Application.objects.filter(agency_id__in=readable_agency_ids(user))


def can_view(user, application: Application) -> bool:
    return application.agency_id in readable_agency_ids(user)


def can_register_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.FOI_HANDLER, Role.ADMIN)


def can_handle(user, application: Application) -> bool:
    """Work on the case: its agency's FOI handlers (and administrators)."""
    return has_role(user, application.agency, Role.FOI_HANDLER, Role.ADMIN)


def can_approve(user, application: Application) -> bool:
    """Approve or return a drafted reply: the agency's reviewers."""
    return has_role(user, application.agency, Role.REVIEWER)
