"""Internal due-soon and overdue reminders for information applications, sent once a day."""

import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.foi.models import Application, Reminder, ReminderKind
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import add_working_days

DUE_SOON_WORKING_DAYS = 5


def _recipients(application: Application) -> list[str]:
    if application.handler and application.handler.email:
        return [application.handler.email]
    members = application.agency.memberships.filter(role=Role.FOI_HANDLER).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


def send_due_reminders(*, today: datetime.date) -> dict[str, int]:
    """Remind handlers of open applications due within 5 working days or overdue; idempotent
    per application, kind and day (a second run the same day sends nothing).

    Overdue reminders need no calendar at all; the due-soon window is counted with the
    provisional calendar across the year end, and a provisional due date says so. Should even
    that window be impossible to count, overdue reminders still go out.
    """
    try:
        limit = add_working_days(today, DUE_SOON_WORKING_DAYS, get_calendar())
    except WorkdaysError:
        limit = today - datetime.timedelta(days=1)  # overdue only
    sent = {ReminderKind.DUE_SOON: 0, ReminderKind.OVERDUE: 0}
    candidates = (
        Application.objects.open()
        .filter(due_on__isnull=False, due_on__lte=limit)
        .select_related("agency", "handler")
    )
    for application in candidates:
        kind = ReminderKind.OVERDUE if application.due_on < today else ReminderKind.DUE_SOON
        recipients = _recipients(application)
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    application=application, kind=kind, on=today, recipients=recipients
                )
        except IntegrityError:
            continue  # already reminded today
        if recipients:
            subject = (
                _("【已超期】政府信息公开申请 %(code)s 答复期限为 %(day)s")
                if kind == ReminderKind.OVERDUE
                else _("【即将到期】政府信息公开申请 %(code)s 答复期限为 %(day)s")
            ) % {"code": application.query_code, "day": _due_text(application)}
            body = _("申请内容：%(text)s\n受理机关：%(agency)s\n请登录工作台办理。") % {
                "text": application.description[:200],
                "agency": application.agency.name,
            }
            send_mail(subject, body, None, recipients, fail_silently=True)
        sent[kind] += 1
    return {str(kind): count for kind, count in sent.items()}


def _due_text(application: Application) -> str:
    if application.due_is_provisional:
        return _("%(day)s（暂定）") % {"day": application.due_on.isoformat()}
    return application.due_on.isoformat()
