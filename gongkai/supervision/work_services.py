"""The work ledger (工作台账): tasks of the year's work points on the obligations ledger, and
the trainings and leadership reviews held. Each change is one audited function."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record_event, snapshot
from gongkai.limits import check_values
from gongkai.obligations.registry import Spec
from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.work_models import MeetingKind, WorkMeeting, WorkTask

WORK_TASK = "supervision.work_task"


class WorkLedgerError(SupervisionError):
    """A ledger entry the rules refuse; `message` is for people, `field` names the input."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message, field=field)


TASK_FIELDS = ["year", "title", "owner", "assignee", "due_on", "done_on", "progress"]
MEETING_FIELDS = ["kind", "held_on", "topic", "attendees", "notes"]


def can_keep_ledger(user, agency: Agency) -> bool:
    """The agency's administrators and publishers keep its work ledger."""
    return has_role(user, agency, Role.ADMIN, Role.PUBLISHER)


def describe_task(task: WorkTask) -> Spec:
    return Spec(
        agency_id=task.agency_id,
        title=_("%(year)s年工作要点：%(title)s") % {"year": task.year, "title": task.title},
        due_on=task.due_on,
        done_on=task.done_on,
        assignee_id=task.assignee_id,
    )


def register_work_ledger() -> None:
    from gongkai.obligations.registry import ObligationKind, register_kind

    register_kind(
        ObligationKind(
            code=WORK_TASK,
            label=_("工作要点任务"),
            model=WorkTask,
            describe=describe_task,
            all_objects=lambda: WorkTask.objects.order_by("pk"),
            responsible_roles=(Role.ADMIN,),
        )
    )


def _not_in_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise WorkLedgerError(_("日期不能晚于今天。"), field)


@transaction.atomic
def add_task(
    *,
    agency: Agency,
    actor,
    year: int,
    title: str,
    owner: str,
    due_on: datetime.date,
    assignee=None,
) -> WorkTask:
    """A task of the year's work points, with its owner and deadline (a duty in the ledger)."""
    values = {"title": (title or "").strip(), "owner": (owner or "").strip()}
    if not values["title"]:
        raise WorkLedgerError(_("请填写任务。"), "title")
    if not values["owner"]:
        raise WorkLedgerError(_("请填写责任单位（科室）。"), "owner")
    if not (2000 <= year <= 2100) or due_on.year < year:
        raise WorkLedgerError(_("完成时限应在该年度内或之后。"), "due_on")
    check_values(WorkTask, values, error=WorkLedgerError)
    task = WorkTask.objects.create(
        agency=agency, year=year, due_on=due_on, assignee=assignee, **values
    )
    record_event(
        actor=actor,
        action="supervision.work_task.added",
        obj=task,
        agency=agency,
        after=snapshot(task, TASK_FIELDS),
    )
    return task


@transaction.atomic
def record_task_progress(
    *, task: WorkTask, actor, progress: str, done_on: datetime.date | None
) -> WorkTask:
    """Write how the task stands; a completion day marks it done in the ledger."""
    task = WorkTask.objects.select_for_update().get(pk=task.pk)
    progress = (progress or "").strip()
    _not_in_future(done_on, "done_on")
    check_values(WorkTask, {"progress": progress}, error=WorkLedgerError)
    before = snapshot(task, TASK_FIELDS)
    task.progress, task.done_on = progress, done_on
    task.save(update_fields=["progress", "done_on"])
    record_event(
        actor=actor,
        action="supervision.work_task.progress",
        obj=task,
        agency=task.agency,
        before=before,
        after=snapshot(task, TASK_FIELDS),
    )
    return task


@transaction.atomic
def record_meeting(
    *,
    agency: Agency,
    actor,
    kind: str,
    held_on: datetime.date,
    topic: str,
    attendees: int,
    notes: str = "",
) -> WorkMeeting:
    """A training held or the leadership's review of the work, on the record."""
    if kind not in MeetingKind.values:
        raise WorkLedgerError(_("请选择类别。"), "kind")
    _not_in_future(held_on, "held_on")
    values = {"topic": (topic or "").strip(), "notes": (notes or "").strip()}
    if not values["topic"]:
        raise WorkLedgerError(_("请填写主题。"), "topic")
    check_values(WorkMeeting, values, error=WorkLedgerError)
    meeting = WorkMeeting.objects.create(
        agency=agency,
        kind=kind,
        held_on=held_on,
        attendees=max(attendees or 0, 0),
        recorded_by=actor,
        **values,
    )
    record_event(
        actor=actor,
        action="supervision.meeting.recorded",
        obj=meeting,
        agency=agency,
        after=snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


def agencies_without(kind: str, agency_ids, year: int) -> set[int]:
    """Of `agency_ids`, those with no meeting of `kind` held in `year` (a training at least
    once a year; the leadership's review once a year)."""
    held = set(
        WorkMeeting.objects.filter(
            agency_id__in=agency_ids, kind=kind, held_on__year=year
        ).values_list("agency_id", flat=True)
    )
    return set(agency_ids) - held
