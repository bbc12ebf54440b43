"""The league table's monthly ledger counters (derived data): rebuild them from the ledger, or
check that they equal it.

    gongkai supervision_tallies rebuild
    gongkai supervision_tallies check      (exit status 1 when they differ)
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.supervision import tallies


class Command(BaseCommand):
    help = "Rebuild or check the supervision league table's monthly ledger counters."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args, action: str, **options):
        if action == "rebuild":
            count = tallies.rebuild()
            self.stdout.write(f"{count} counters rebuilt from the ledger")
            return
        differences = tallies.differences()
        for key, (have, want) in sorted(differences.items(), key=str)[:50]:
            self.stdout.write(f"{key}: stored {have}, ledger {want}")
        if differences:
            raise CommandError(f"{len(differences)} counters differ from the ledger")
        self.stdout.write("the counters equal the ledger")
