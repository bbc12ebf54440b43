"""Who may see or handle consultations, public messages and public-opinion events.

- Staff read their own agencies and, as 督查员, every agency below (agencies.access).
- 信息发布员 and 管理员 run consultations (draft, record comments, moderate, dispose) and
  handle messages (accept, forward, reject, draft the reply).
- Reported comments are reviewed (kept public or hidden) by the consultation's agency's
  信息发布员 and 管理员, also after the consultation has closed; supervisors above only read
  the queue.
- 审核员 publish: a consultation's draft and feedback, an approved reply and whether it is
  public. A clerk of another agency can do none of this.
- Public-opinion events are recorded and answered by the agency's publishers, reviewers
  and administrators; they are never public.
"""

from gongkai.agencies.access import has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.participation.models import Comment, Consultation, OpinionEvent, PublicMessage

HANDLER_ROLES = (Role.PUBLISHER, Role.ADMIN)
APPROVER_ROLES = (Role.REVIEWER,)


def consultations_for_staff(user):
    return Consultation.objects.filter(agency_id__in=readable_agency_ids(user))


def can_run_consultation_in(user, agency: Agency) -> bool:
    return has_role(user, agency, *HANDLER_ROLES)


def can_run_consultation(user, consultation: Consultation) -> bool:
    return can_run_consultation_in(user, consultation.agency)


def reported_comments_for_staff(user):
    """The review queue the user may read: reported comments of their readable agencies."""
    return Comment.objects.reported().filter(consultation__agency_id__in=readable_agency_ids(user))


def can_review_reports(user, consultation: Consultation) -> bool:
    """Keep a reported comment public or hide it: the agency's own handlers only."""
    return has_role(user, consultation.agency, *HANDLER_ROLES)


def can_publish_consultation(user, consultation: Consultation) -> bool:
    """Publish the draft for comment and, later, the feedback: the agency's reviewers."""
    return has_role(user, consultation.agency, *APPROVER_ROLES)


def messages_for_staff(user):
    return PublicMessage.objects.filter(agency_id__in=readable_agency_ids(user))


def can_view_message(user, message: PublicMessage) -> bool:
    return message.agency_id in readable_agency_ids(user)


def can_handle_message(user, message: PublicMessage) -> bool:
    return has_role(user, message.agency, *HANDLER_ROLES)


def can_approve_message(user, message: PublicMessage) -> bool:
    return has_role(user, message.agency, *APPROVER_ROLES)


def can_set_reply_limits(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.ADMIN)


def opinion_events_for_staff(user):
    return OpinionEvent.objects.filter(agency_id__in=readable_agency_ids(user))


def can_record_opinion_in(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.REVIEWER, Role.ADMIN)


def can_handle_opinion(user, event: OpinionEvent) -> bool:
    return can_record_opinion_in(user, event.agency)
