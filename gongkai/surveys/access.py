"""Who may see or change which surveys. Views ask here before a service.

Staff read the surveys of the agencies they read (their own and, as 督查员, those below);
the agency's 信息发布员 and 管理员 draft surveys, open and close them and review free-text
answers; publishing results is the agency's 审核员's. Supervisors above only read. The public
sees a survey once it is opened, and its results once published (Survey.objects.public())."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.surveys.models import Survey, SurveyQuerySet

HANDLER_ROLES = (Role.PUBLISHER, Role.ADMIN)


def surveys_for_staff(user) -> SurveyQuerySet:
    return Survey.objects.for_agencies(readable_agency_ids(user))


def can_view(user, survey: Survey) -> bool:
    return survey.agency_id in readable_agency_ids(user)


def can_run_in(user, agency: Agency) -> bool:
    """Create and edit surveys, open and close them, review free-text answers, export."""
    return has_role(user, agency, *HANDLER_ROLES)


def can_run(user, survey: Survey) -> bool:
    return can_run_in(user, survey.agency)


def can_publish_results(user, survey: Survey) -> bool:
    return has_role(user, survey.agency, Role.REVIEWER)
