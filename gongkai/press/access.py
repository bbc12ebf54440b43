"""Who may see or change spokespeople, press events and interview questions. Views ask here
before a service.

Staff of the agency (信息发布员, 管理员) keep its spokespeople and events and moderate the
questions; the reviewer (审核员) publishes a transcript (not the one who entered it:
publication.py). Supervisors read their subordinates' events and questions and change nothing.
The public sees only announced events (`PressEvent.objects.public()`), serving spokespeople and
accepted questions; an asker's name is shown only as they typed it, and nothing else about
them is kept."""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.press.models import PressEvent, PressEventQuerySet, Spokesperson


def events_for_staff(user) -> PressEventQuerySet:
    return PressEvent.objects.for_agencies(readable_agency_ids(user))


def spokespeople_for_staff(user):
    return Spokesperson.objects.filter(agency_id__in=readable_agency_ids(user))


def can_view(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def can_manage_in(user, agency: Agency) -> bool:
    """Keep spokespeople, plan and record events, moderate and answer questions."""
    return has_role(user, agency, Role.PUBLISHER, Role.ADMIN)


def can_publish(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.REVIEWER)
