"""`gongkai deadline RECEIVED_ON [--days N]`: the due date of a period in working days."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import explain_add_working_days

DEFAULT_DAYS = 20  # 条例 Art.33: reply within 20 working days of receipt.


class Command(BaseCommand):
    help = (
        "Print the due date (first line, YYYY-MM-DD) of a period of N working days counted "
        "from RECEIVED_ON (the start day is not counted), then how it was reached."
    )

    def add_arguments(self, parser):
        parser.add_argument("received_on", help="receipt date, YYYY-MM-DD")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="working days (20)")

    def handle(self, *args, received_on: str, days: int, **options):
        try:
            start = datetime.date.fromisoformat(received_on)
        except ValueError as exc:
            raise CommandError(f"Not a date in YYYY-MM-DD form: {received_on!r}") from exc
        if days < 0:
            raise CommandError("--days must be 0 or more")
        try:
            explanation = explain_add_working_days(start, days, get_calendar())
        except WorkdaysError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(explanation.due_on.isoformat())
        for step in explanation.steps:
            self.stdout.write(step)
