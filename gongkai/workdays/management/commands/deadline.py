"""`gongkai deadline RECEIVED_ON [--days N] [--strict]`: the due date of a period in working
days. A date counted through a year whose notice is not loaded is printed as `YYYY-MM-DD 暂定`
(exit 0); `--strict` refuses it instead."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import ProvisionalRefused, WorkdaysError, YearNotLoaded
from gongkai.workdays.rules import explain_add_working_days

DEFAULT_DAYS = 20  # 条例 Art.33: reply within 20 working days of receipt.
PROVISIONAL_MARK = "暂定"  # Machine-readable marker on the first line; not translated.


class Command(BaseCommand):
    help = (
        "Print the due date (first line, YYYY-MM-DD, followed by ' 暂定' when a year without a "
        "loaded holiday notice was counted provisionally) of a period of N working days counted "
        "from RECEIVED_ON (the start day is not counted), then how it was reached."
    )

    def add_arguments(self, parser):
        parser.add_argument("received_on", help="receipt date, YYYY-MM-DD")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="working days (20)")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="count only with loaded notices: fail instead of giving a provisional date",
        )

    def handle(self, *args, received_on: str, days: int, strict: bool, **options):
        try:
            start = datetime.date.fromisoformat(received_on)
        except ValueError as exc:
            raise CommandError(f"Not a date in YYYY-MM-DD form: {received_on!r}") from exc
        if days < 0:
            raise CommandError("--days must be 0 or more")
        calendar = get_calendar()
        try:
            if strict:
                explanation = explain_add_working_days(start, days, calendar.official())
            else:
                explanation = explain_add_working_days(start, days, calendar)
        except YearNotLoaded as exc:
            if strict and exc.year in calendar.provisional_years:
                raise CommandError(str(ProvisionalRefused(exc.year).message)) from exc
            raise CommandError(str(exc.message)) from exc
        except WorkdaysError as exc:
            raise CommandError(str(exc.message)) from exc
        first = explanation.due_on.isoformat()
        if explanation.is_provisional:
            first = f"{first} {PROVISIONAL_MARK}"
        self.stdout.write(first)
        for step in explanation.steps:
            self.stdout.write(step)
