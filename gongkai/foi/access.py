"""Who may see or handle which applications, and how much of the applicant they see.

Applicants' data never leaves the agencies that may read the case, and inside them only the
staff who handle it see it whole (`personal_data_visibility`; foi README, "Who sees
applicants' personal data").
"""

from gongkai.agencies.access import has_role, readable_agency_ids, roles_in
from gongkai.agencies.models import Agency, Role
from gongkai.foi.models import Application
from gongkai.foi.personal_data import Visibility

# Staff of the receiving agency who handle cases: they write to, call and check the applicant.
PERSONAL_DATA_ROLES = frozenset({Role.FOI_HANDLER, Role.ADMIN})
# The receiving agency's other staff see the case with the applicant masked.
MASKED_PERSONAL_DATA_ROLES = frozenset({Role.REVIEWER, Role.PUBLISHER})


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


def can_see_personal_data(user, application: Application) -> bool:
    """The applicant's ID number, phone, e-mail, address and ID copy, unmasked: only the
    receiving agency's FOI handlers and administrators."""
    return bool(roles_in(user, application.agency) & PERSONAL_DATA_ROLES)


def personal_data_visibility(user, application: Application) -> Visibility:
    """FULL for those who handle the case; MASKED for the receiving agency's reviewers and
    publishers; HIDDEN for everyone else who may read it (督查员, supervisors of a parent
    agency, system administrators without a role in the agency)."""
    if can_see_personal_data(user, application):
        return Visibility.FULL
    if roles_in(user, application.agency) & MASKED_PERSONAL_DATA_ROLES:
        return Visibility.MASKED
    return Visibility.HIDDEN
