"""What a rectification task owes, for the obligations ledger: the subordinate's rectification
by the task's due date, done when the supervisor accepts it (a returned task is open again)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.obligations.registry import Spec
from gongkai.supervision.models import RectificationTask
from gongkai.supervision.workflow import TaskStatus

RECTIFICATION = "supervision.rectification"


def describe_rectification(task: RectificationTask) -> Spec:
    done_on = None
    if task.status == TaskStatus.ACCEPTED and task.accepted_at is not None:
        done_on = timezone.localdate(task.accepted_at)
    return Spec(
        agency_id=task.agency_id,
        title=_("整改：%(title)s") % {"title": task.title},
        due_on=task.due_on,
        done_on=done_on,
    )
