"""Daily (idempotent): delete failure counts that no longer matter (see accounts.throttling)."""

from django.core.management.base import BaseCommand

from gongkai.accounts.throttling import forget_old_failures


class Command(BaseCommand):
    help = "Delete failed sign-in counts older than the lockout period and not locked."

    def handle(self, *args, **options):
        count = forget_old_failures()
        self.stdout.write(f"Forgot {count} failed sign-in count(s).")
