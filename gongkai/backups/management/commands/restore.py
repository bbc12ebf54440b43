"""gongkai restore FILE [--yes]

Verifies the archive, restores the uploaded files and the database, runs migrate and
rebuilds this server's search index, printing each step. Stop the web, worker and search
index services first. See docs/deployment.md, "Backup and restore".
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.backups.errors import BackupError
from gongkai.backups.restore import restore_backup


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from a backup archive (恢复)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="a file written by `gongkai backup`")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace a database that already holds data (everything in it is lost)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restore_backup(
                options["archive"],
                confirmed=options["yes"],
                report=self.stdout.write,
                command_output=self.stdout,
            )
        except BackupError as exc:
            raise CommandError(exc.message) from exc
