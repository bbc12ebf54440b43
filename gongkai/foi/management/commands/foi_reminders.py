"""Daily: remind handlers of applications due within 5 working days or overdue, and of
consultations past the party's deadline."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.foi.reminders import send_due_reminders
from gongkai.workdays.errors import WorkdaysError


class Command(BaseCommand):
    help = (
        "Send today's due-soon, overdue and expired-consultation reminders "
        "(safe to run more than once a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, date=None, **options):
        today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        try:
            counts = send_due_reminders(today=today)
        except WorkdaysError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"{today}: {counts['due_soon']} due-soon, {counts['overdue']} overdue and "
            f"{counts['consult_expired']} expired-consultation reminders sent"
        )
