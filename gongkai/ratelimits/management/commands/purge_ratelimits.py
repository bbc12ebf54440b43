"""Deletes rate counters of past windows, ended lockouts and used form tokens that have
expired. Idempotent; run it daily from cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.ratelimits import counting, form_tokens


class Command(BaseCommand):
    help = "Delete expired rate counters, lockouts and used form tokens."

    def handle(self, *args, **options):
        now = timezone.now()
        deleted = counting.purge_expired(now) + form_tokens.purge_expired(now)
        self.stdout.write(f"Deleted {deleted} expired rows.")
