"""Who may see or change which projects. Views ask here before a service.

Staff of the agency enter projects, stages and notices (信息发布员, 管理员) and review and
publish them (审核员); supervisors read their subordinates' projects but change nothing. The
public sees only what is published (portal views use `Project.objects.public()`)."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.projects.models import Project, ProjectQuerySet


def projects_for_staff(user) -> ProjectQuerySet:
    return Project.objects.for_agencies(readable_agency_ids(user))


def can_view(user, project: Project) -> bool:
    return project.agency_id in readable_agency_ids(user)


def can_enter_in(user, agency: Agency) -> bool:
    """Create projects, record stages and notices, mark a stage not applicable, import."""
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_publish(user, project: Project) -> bool:
    """That the reviewer is not the one who entered it is a rule of publication.py."""
    return has_role(user, project.agency, Role.REVIEWER)
