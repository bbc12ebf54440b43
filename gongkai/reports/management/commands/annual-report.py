"""`gongkai annual-report YEAR --agency CODE --format json|docx|xlsx|html [--output FILE]
[--rollup]`: the annual report out of the platform (read-only; changes nothing)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.reports.rendering import FORMATS, prepare, render


class Command(BaseCommand):
    help = "Export an agency's annual report (国办公开办函〔2021〕30号 format)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", help="file to write; json/html go to stdout without it")
        parser.add_argument(
            "--rollup", action="store_true", help="the agency with all its subordinates"
        )

    def handle(self, *args, year, agency, format, output, rollup, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(_("没有代码为“%(code)s”的机关。") % {"code": agency})
        prepared = prepare(found, year, rollup=rollup)
        content = render(prepared, format)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(_("已写入 %(path)s") % {"path": output})
        elif format in ("json", "html"):
            sys.stdout.flush()
            self.stdout.write(content.decode(), ending="")
        else:
            path = Path(prepared.filename(format))
            path.write_bytes(content)
            self.stderr.write(_("已写入 %(path)s") % {"path": path})
        failing = [check for check in prepared.checks if not check.ok]
        for check in failing:
            self.stderr.write(_("校验未通过：%(detail)s") % {"detail": check.detail})
