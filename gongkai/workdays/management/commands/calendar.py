"""`gongkai calendar load-year FILE | export-year YEAR | recompute`: the working-day calendar
from the command line. Loading shows every open due date the notice moves, then saves the year
(audited); `--dry-run` only shows."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.workdays import services
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.notices import InvalidNotice, notice_as_data, parse_notice
from gongkai.workdays.signals import calendar_changed


class Command(BaseCommand):
    help = "Load a year's holiday notice from a JSON file, export a loaded year, or recompute."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser("load-year", help="load a notice file (see docs)")
        load.add_argument("file", help="JSON notice file (gongkai/workdays/data/notices/*.json)")
        load.add_argument("--dry-run", action="store_true", help="show the changes, save nothing")
        load.add_argument("--actor", help="username recorded in the audit trail")
        export = commands.add_parser("export-year", help="print a loaded year as a notice file")
        export.add_argument("year", type=int)
        commands.add_parser("recompute", help="re-derive every open due date now (audited)")

    def handle(self, *args, action: str, **options):
        if action == "load-year":
            self._load(options["file"], dry_run=options["dry_run"], actor=options["actor"])
        elif action == "export-year":
            try:
                notice = services.notice_of_year(options["year"])
            except WorkdaysError as exc:
                raise CommandError(str(exc.message)) from exc
            self.stdout.write(json.dumps(notice_as_data(notice), ensure_ascii=False, indent=2))
        else:
            calendar_changed.send(sender=None, actor=None, years=set())
            self.stdout.write("open due dates recomputed")

    def _load(self, path: str, *, dry_run: bool, actor: str | None) -> None:
        try:
            notice = parse_notice(Path(path).read_bytes())
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        except InvalidNotice as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        user = None
        if actor:
            user = get_user_model().objects.filter(username=actor).first()
            if user is None:
                raise CommandError(f"no user named {actor!r}")
        changes = services.preview_notice(notice)
        self.stdout.write(
            f"{notice.year}: {len(notice.holidays)} days off, "
            f"{len(notice.makeup_workdays)} 调休 working days ({notice.notice})"
        )
        for change in changes:
            before = _due(change.before_on, change.before_provisional)
            after = _due(change.after_on, change.after_provisional)
            self.stdout.write(f"  {change.kind} {change.obj}: {before} -> {after}")
        self.stdout.write(f"{len(changes)} open due dates change")
        if dry_run:
            self.stdout.write("dry run: nothing saved")
            return
        with transaction.atomic():
            services.load_notice(notice, actor=user)
        self.stdout.write(f"{notice.year} loaded")


def _due(day, provisional: bool) -> str:
    if day is None:
        return "—"
    return f"{day.isoformat()} 暂定" if provisional else day.isoformat()
