"""Writing a backup: the database dump and MEDIA_ROOT's files in one archive with a manifest.

The database is dumped first and the files copied after: a file is stored before the row
that refers to it commits, so every file the dump refers to exists when the files are read
(files uploaded meanwhile are extra, and harmless).
"""

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backups import archive, media, postgres, sqlite
from gongkai.backups.errors import BackupError
from gongkai.backups.manifest import (
    DATABASE_PREFIX,
    Manifest,
    applied_migrations,
    gongkai_version,
)

NAME_PATTERN = re.compile(r"^gongkai-backup-\d{8}-\d{6}\.tar\.gz$")
Report = Callable[[str], None]


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    archive_bytes: int
    database_bytes: int
    media_files: int
    media_bytes: int


def database_module(vendor: str) -> ModuleType:
    """The dump and restore functions for a database vendor."""
    modules = {"sqlite": sqlite, "postgresql": postgres}
    if vendor not in modules:
        raise BackupError(_("不支持备份 %(vendor)s 数据库。") % {"vendor": vendor})
    return modules[vendor]


def archive_name() -> str:
    """The archive's file name, from the local time: gongkai-backup-20261206-103000.tar.gz."""
    return f"gongkai-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def create_backup(
    *, output: Path | None = None, directory: Path | None = None, report: Report = print
) -> BackupSummary:
    """Write one archive (to `output`, or a timestamped name in `directory`/BACKUP_DIR)."""
    target = output or Path(directory or settings.BACKUP_DIR) / archive_name()
    if target.exists():
        raise BackupError(_("%(path)s 已存在，未覆盖。") % {"path": target})
    target.parent.mkdir(parents=True, exist_ok=True)
    module = database_module(connection.vendor)
    migrations = applied_migrations(connection)
    created_at = timezone.now().isoformat()
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".gongkai-backup-") as scratch:
        report(_("正在导出数据库（%(vendor)s）……") % {"vendor": connection.vendor})
        dump_file = module.dump(connection, Path(scratch))
        database_member = DATABASE_PREFIX + dump_file.name
        manifest = Manifest(
            gongkai_version=gongkai_version(),
            created_at=created_at,
            database_vendor=connection.vendor,
            database_member=database_member,
            migrations=migrations,
        )
        manifest.members[database_member] = archive.hash_file(dump_file)
        report(_("正在计算上传文件的校验值……"))
        files = [(database_member, dump_file)]
        for name, path in media.media_files(Path(settings.MEDIA_ROOT)):
            manifest.members[name] = archive.hash_file(path)
            files.append((name, path))
        report(_("正在写入备份文件……"))
        archive.write_archive(target, manifest, files)
    summary = BackupSummary(
        path=target,
        archive_bytes=target.stat().st_size,
        database_bytes=manifest.members[database_member].size,
        media_files=manifest.counts()["media"],
        media_bytes=manifest.media_bytes(),
    )
    return summary


def prune_backups(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives named by `archive_name` in `directory`."""
    if keep < 1:
        raise BackupError(_("至少保留 1 份备份。"))
    archives = sorted(p for p in directory.iterdir() if NAME_PATTERN.match(p.name))
    removed = archives[:-keep]
    for path in removed:
        path.unlink()
    return removed
