"""Who may see the league table, edit the 考核 scheme, open, answer and review rectification
tasks. The supervising agency is a subordinate's parent; its 督查员 and 管理员 supervise."""

from django.db.models import Q, QuerySet

from gongkai.agencies.access import agency_ids_with_role, has_role
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.supervision.models import RectificationTask

SUPERVISING_ROLES = (Role.SUPERVISOR, Role.ADMIN)
ANSWERING_ROLES = (Role.ADMIN, Role.PUBLISHER, Role.REVIEWER, Role.FOI_HANDLER)


def supervising_agencies(user) -> QuerySet[Agency]:
    """Agencies with subordinates where `user` is 督查员 or 管理员."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    ids = Membership.objects.filter(user=user, role__in=SUPERVISING_ROLES).values("agency_id")
    return Agency.objects.filter(pk__in=ids, children__isnull=False).distinct().order_by("code")


def supervises_anyone(user) -> bool:
    """Whether `supervising_agencies(user)` has any: a query only for a 督查员 or 管理员."""
    ids = agency_ids_with_role(user, *SUPERVISING_ROLES)
    return bool(ids) and Agency.objects.filter(parent_id__in=ids).exists()


def can_supervise_agency(user, agency: Agency) -> bool:
    """See `agency`'s league table, findings and circulars, and open tasks for its children."""
    return has_role(user, agency, *SUPERVISING_ROLES)


def can_edit_scheme(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN)


def subordinates(agency: Agency) -> QuerySet[Agency]:
    """The agencies `agency` ranks and circulates: its direct, active children."""
    return Agency.objects.active().filter(parent=agency).order_by("code")


def can_open_task(user, subordinate: Agency) -> bool:
    parent = subordinate.parent
    return parent is not None and can_supervise_agency(user, parent)


def can_answer_task(user, task: RectificationTask) -> bool:
    return has_role(user, task.agency, *ANSWERING_ROLES)


def can_review_task(user, task: RectificationTask) -> bool:
    return can_supervise_agency(user, task.supervisor_agency)


def can_view_task(user, task: RectificationTask) -> bool:
    return can_answer_task(user, task) or can_review_task(user, task)


def tasks_for(user) -> QuerySet[RectificationTask]:
    """Tasks `user` answers (own agencies) or reviews (agencies supervised)."""
    if not getattr(user, "is_authenticated", False):
        return RectificationTask.objects.none()
    memberships = Membership.objects.filter(user=user)
    own = memberships.filter(role__in=ANSWERING_ROLES).values("agency_id")
    supervising = memberships.filter(role__in=SUPERVISING_ROLES).values("agency_id")
    return RectificationTask.objects.filter(agency_id__in=own) | RectificationTask.objects.filter(
        supervisor_agency_id__in=supervising
    )


def has_tasks(user) -> bool:
    """Whether `tasks_for(user)` has any (one query, none for someone with neither role)."""
    own = agency_ids_with_role(user, *ANSWERING_ROLES)
    supervising = agency_ids_with_role(user, *SUPERVISING_ROLES)
    if not own and not supervising:
        return False
    return RectificationTask.objects.filter(
        Q(agency_id__in=own) | Q(supervisor_agency_id__in=supervising)
    ).exists()


def can_draft_circular(user, agency: Agency) -> bool:
    """Save a circular as a record: supervise, and draft records in the supervising agency."""
    from gongkai.documents.access import can_draft_in

    return can_supervise_agency(user, agency) and can_draft_in(user, agency)
