"""Import an agency's historic information applications from an XLSX or CSV file
(docs/foi-import-format.md): all rows or none."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.foi import access
from gongkai.foi.importing import ApplicationImportFailed, import_file

MAX_FILE_BYTES = 10 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import historic FOI applications of one agency from an XLSX or CSV file. Every row is "
        "checked first; nothing is written unless all rows are valid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="XLSX or CSV file, columns as in docs/foi-import-format.md"
        )
        parser.add_argument("--agency", required=True, help="the receiving agency's code")
        parser.add_argument(
            "--user",
            help="the staff member recorded as having registered them (an FOI handler or "
            "administrator of the agency)",
        )
        parser.add_argument(
            "--lenient-ids",
            action="store_true",
            help="import ID numbers that fail the format check as they are (noted on each)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, file, agency, user=None, lenient_ids=False, dry_run=False, **options):
        target = Agency.objects.filter(code=agency).first()
        if target is None:
            raise CommandError(f"no agency with code {agency!r}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"no active user named {user!r}")
            if not access.can_register_in(actor, target):
                raise CommandError(
                    f"{user!r} is neither an FOI handler nor an administrator of {agency!r}"
                )
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{file} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        try:
            result = import_file(
                agency=target,
                actor=actor,
                filename=path.name,
                data=path.read_bytes(),
                lenient_ids=lenient_ids,
                dry_run=dry_run,
            )
        except ApplicationImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(str(failed.message)) from failed
        if dry_run:
            self.stdout.write(f"{result.count} rows are valid; nothing was written (--dry-run)")
            return
        open_count = sum(application.is_open for application in result.applications)
        self.stdout.write(
            f"imported {result.count} applications into {target.code} "
            f"({result.count - open_count} closed, {open_count} open)"
        )
