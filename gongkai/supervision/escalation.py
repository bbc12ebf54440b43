"""Escalation (挂牌督办) of rectification tasks the subordinate leaves unanswered past their
deadline: a daily sweep reads the obligations ledger's overdue rectification rows and, once a
task is `RECTIFICATION_ESCALATE_AFTER_WORKING_DAYS` working days overdue and still unanswered,
marks it escalated (once), audits that, and tells the subordinate's administrators and the
supervising agency's supervisors and administrators by e-mail."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.agencies.models import Membership, Role
from gongkai.audit.services import record_event
from gongkai.obligations import ledger
from gongkai.obligations.models import Obligation
from gongkai.supervision.models import RectificationTask
from gongkai.supervision.obligations import RECTIFICATION
from gongkai.supervision.workflow import TaskStatus
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import add_working_days


def escalates_on(due_on: datetime.date, after_working_days: int, calendar) -> datetime.date | None:
    """The day an unanswered task is escalated: `after_working_days` working days after its
    deadline (the deadline itself when 0); None where the calendar cannot count that far."""
    if after_working_days <= 0:
        return due_on + datetime.timedelta(days=1)
    try:
        return add_working_days(due_on, after_working_days, calendar)
    except WorkdaysError:
        return None


def _recipients(task: RectificationTask) -> list[str]:
    memberships = Membership.objects.filter(user__is_active=True).filter(
        agency_id=task.agency_id, role=Role.ADMIN
    ) | Membership.objects.filter(
        user__is_active=True,
        agency_id=task.supervisor_agency_id,
        role__in=(Role.SUPERVISOR, Role.ADMIN),
    )
    return sorted({m.user.email for m in memberships.select_related("user") if m.user.email})


def _tell(task: RectificationTask) -> None:
    recipients = _recipients(task)
    if not recipients:
        return
    with override(settings.LANGUAGE_CODE):
        subject = _("【挂牌督办】%(agency)s：%(title)s") % {
            "agency": task.agency.name,
            "title": task.title,
        }
        body = _(
            "%(agency)s的整改任务“%(title)s”已超过整改期限（%(due)s）仍未反馈，"
            "现予挂牌督办。请立即整改并在系统中反馈整改情况。\n\n%(link)s"
        ) % {
            "agency": task.agency.name,
            "title": task.title,
            "due": task.due_on.isoformat(),
            "link": f"{settings.SITE_URL.rstrip('/')}/console/supervision/tasks/{task.pk}/",
        }
    send_mail(subject, body, None, recipients, fail_silently=True)


def escalate_overdue_tasks(*, today: datetime.date) -> int:
    """The daily sweep (idempotent): returns how many tasks were escalated today."""
    now = timezone.now()
    overdue_ids = ledger.overdue(
        Obligation.objects.of_kind(RECTIFICATION), today=today, now=now
    ).values_list("object_id", flat=True)
    candidates = RectificationTask.objects.filter(
        pk__in=list(overdue_ids), status=TaskStatus.OPEN, escalated_on__isnull=True
    ).select_related("agency")
    calendar = get_calendar(provisional=True)
    after = settings.RECTIFICATION_ESCALATE_AFTER_WORKING_DAYS
    escalated = 0
    for task in candidates:
        day = escalates_on(task.due_on, after, calendar)
        if day is None or day > today:
            continue
        with transaction.atomic():
            updated = RectificationTask.objects.filter(
                pk=task.pk, status=TaskStatus.OPEN, escalated_on__isnull=True
            ).update(escalated_on=today)
            if not updated:
                continue
            record_event(
                actor=None,
                action="supervision.task.escalate",
                obj=task,
                agency=task.agency,
                before={"escalated_on": None},
                after={"escalated_on": today.isoformat()},
                note=_("逾期未反馈，挂牌督办"),
            )
            transaction.on_commit(lambda task=task: _tell(task))
        escalated += 1
    return escalated
