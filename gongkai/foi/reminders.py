"""Internal reminders for information applications, sent once a day: due soon, overdue, and
consultations past the party's deadline (征求意见期满未答复)."""

import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.foi.consultation_services import refresh_consultation_clocks
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


def _claim(application: Application, kind: str, today: datetime.date, recipients) -> bool:
    """Record today's reminder; False when it was already sent today."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                application=application, kind=kind, on=today, recipients=recipients
            )
    except IntegrityError:
        return False
    return True


def send_due_reminders(*, today: datetime.date) -> dict[str, int]:
    """Remind handlers of open applications due within 5 working days or overdue, and of
    consultations past their deadline; idempotent per application, kind and day (a second run
    the same day sends nothing).

    First the clocks of applications waiting for a consultation are brought up to today: a
    consultation pauses the clock only until the party's deadline, so an application paused
    by one never drops out of the reminders (consultation_services.refresh_consultation_clocks).

    Overdue reminders need no calendar at all; the due-soon window is counted with the
    provisional calendar across the year end, and a provisional due date says so. Should even
    that window be impossible to count, overdue reminders still go out.
    """
    sent = {ReminderKind.DUE_SOON: 0, ReminderKind.OVERDUE: 0, ReminderKind.CONSULTATION_EXPIRED: 0}
    for application, reading in refresh_consultation_clocks(today=today):
        recipients = _recipients(application)
        if not _claim(application, ReminderKind.CONSULTATION_EXPIRED, today, recipients):
            continue
        if recipients:
            days = "、".join(
                c.deadline.isoformat() for c in reading.expired_consultations if c.deadline
            )
            subject = _("【征求意见期满未答复】政府信息公开申请 %(code)s") % {
                "code": application.query_code
            }
            body = _(
                "征求意见期限（%(days)s）已届满，尚未登记意见。请登录工作台结束征求意见："
                "第三方逾期未提出意见的，由本机关依法决定是否公开；其他机关逾期未提出意见的，"
                "视为同意公开。\n申请内容：%(text)s\n受理机关：%(agency)s"
            ) % {
                "days": days,
                "text": application.description[:200],
                "agency": application.agency.name,
            }
            send_mail(subject, body, None, recipients, fail_silently=True)
        sent[ReminderKind.CONSULTATION_EXPIRED] += 1
    try:
        limit = add_working_days(today, DUE_SOON_WORKING_DAYS, get_calendar())
    except WorkdaysError:
        limit = today - datetime.timedelta(days=1)  # overdue only
    candidates = (
        Application.objects.open()
        .filter(due_on__isnull=False, due_on__lte=limit)
        .select_related("agency", "handler")
    )
    for application in candidates:
        kind = ReminderKind.OVERDUE if application.due_on < today else ReminderKind.DUE_SOON
        recipients = _recipients(application)
        if not _claim(application, kind, today, recipients):
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
