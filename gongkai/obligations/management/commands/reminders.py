"""Daily: bring time-driven clocks up to today, then send each person one digest of what is
theirs and overdue or due soon, across every kind of duty (safe to run twice a day)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.obligations.reminders import run_daily_sweeps, send_digests


class Command(BaseCommand):
    help = "Run the daily sweeps and send today's reminder digests (idempotent per person and day)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="pretend today is this date (YYYY-MM-DD)")
        parser.add_argument(
            "--no-digest", action="store_true", help="run the daily sweeps only, send no mail"
        )

    def handle(self, *args, date=None, no_digest=False, **options):
        now = timezone.now()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date: not a date: {date}") from exc
            now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8)))
        else:
            today = timezone.localdate(now)
        sweeps = run_daily_sweeps(today=today)
        self.stdout.write(f"{today}: daily sweeps run: {', '.join(sweeps) or 'none'}")
        if no_digest:
            return
        if not settings.REMINDER_DIGEST:
            self.stdout.write("reminder digests are off (REMINDER_DIGEST=false)")
            return
        counts = send_digests(today=today, now=now)
        self.stdout.write(
            f"{today}: {counts['digests']} digests sent listing {counts['duties']} duties"
        )
