from django.core.management.base import BaseCommand

from gongkai.agencies.models import Role
from gongkai.demo.loading import load_demo


class Command(BaseCommand):
    help = "Load the demo agencies, accounts and records (idempotent). Never run in production."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write("Demo accounts (demo data only — never use these in production):")
        for account in accounts:
            labels = [str(Role(role).label) for role in account.roles]
            roles = "superuser" if account.is_superuser else ", ".join(labels)
            self.stdout.write(
                f"  {account.username:<18} {account.password:<22} {account.agency_code:<12} {roles}"
            )
