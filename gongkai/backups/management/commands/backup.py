"""gongkai backup [--output FILE | --directory DIR] [--keep N]

Writes one archive (database dump, uploaded files, manifest with SHA-256 checksums) and
prints what it wrote. See docs/deployment.md, "Backup and restore".
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gongkai.backups.create import create_backup, prune_backups
from gongkai.backups.errors import BackupError


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one archive (备份)."

    def add_arguments(self, parser: CommandParser) -> None:
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--output", type=Path, help="the archive file to write")
        where.add_argument(
            "--directory",
            type=Path,
            help="directory for a timestamped archive (default: BACKUP_DIR)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            help="then delete all but the newest N timestamped archives in that directory",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["keep"] is not None and options["output"]:
            raise CommandError(_("--keep 只能用于带时间戳的备份目录，不能与 --output 同用。"))
        try:
            summary = create_backup(
                output=options["output"], directory=options["directory"], report=self.stdout.write
            )
            removed = (
                prune_backups(summary.path.parent, options["keep"])
                if options["keep"] is not None
                else []
            )
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(_("数据库：%(size)s") % {"size": filesizeformat(summary.database_bytes)})
        self.stdout.write(
            _("上传文件：%(count)d 个，共 %(size)s")
            % {"count": summary.media_files, "size": filesizeformat(summary.media_bytes)}
        )
        for path in removed:
            self.stdout.write(_("已删除旧备份：%(path)s") % {"path": path})
        self.stdout.write(
            self.style.SUCCESS(
                _("已写入备份：%(path)s（%(size)s）")
                % {"path": summary.path, "size": filesizeformat(summary.archive_bytes)}
            )
        )
