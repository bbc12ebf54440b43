"""Restoring a backup: verify everything, swap the files in, replace the database, migrate,
rebuild the search index.

Order matters for "never half restored and looking whole": the archive is unpacked and every
checksum verified in staging areas first (nothing live touched); then the files are swapped in
(reversible: the old ones are kept aside); then the database is replaced in one transaction. If
that fails the files are swapped back and nothing has changed. Only then are the old files
deleted, the migrations of newer code applied and the search index rebuilt; a failure there
says exactly which command finishes the job.
"""

import shutil
import tempfile
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.backups import archive, media
from gongkai.backups.create import Report, database_module
from gongkai.backups.errors import BackupError, RestoreIncompleteError
from gongkai.backups.manifest import Manifest, check_compatible, code_migrations


def database_has_data() -> bool:
    """Whether the database holds anything people made: users, agencies or audit events.

    A freshly migrated database is not empty (migrations seed the calendar and the standard
    catalogue) but holds none of these; restoring over it needs no confirmation.
    """
    tables = set(connection.introspection.table_names())
    models = (get_user_model(), Agency, AuditEvent)
    try:
        return any(model._meta.db_table in tables and model.objects.exists() for model in models)
    except DatabaseError:
        return True  # unreadable: assume there is something to lose


def restore_backup(
    source: Path,
    *,
    confirmed: bool = False,
    report: Report = print,
    command_output: TextIO | None = None,
) -> Manifest:
    """Replace this system's database and uploaded files with the archive's.

    `command_output` receives what migrate and the index rebuild print (default: stdout).
    """
    module = database_module(connection.vendor)
    known = code_migrations()

    def check(manifest: Manifest) -> None:
        check_compatible(manifest, vendor=connection.vendor, known=known)
        report(
            _("备份创建于 %(created)s（gongkai %(version)s，%(vendor)s）：%(files)d 个上传文件。")
            % {
                "created": manifest.created_at,
                "version": manifest.gongkai_version,
                "vendor": manifest.database_vendor,
                "files": manifest.counts()["media"],
            }
        )
        if not confirmed and database_has_data():
            raise BackupError(
                _(
                    "当前数据库已有数据，恢复将覆盖全部数据和上传文件。"
                    "确认后请加 --yes 重新运行（建议先运行 gongkai backup 备份当前数据）。"
                )
            )

    media_root = Path(settings.MEDIA_ROOT)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    staging = media.staging_directory(media_root, stamp)
    try:
        with tempfile.TemporaryDirectory(prefix="gongkai-restore-") as scratch:
            report(_("第 1 步：校验并解开备份（尚未改动任何数据）……"))
            manifest = archive.read_archive(
                source, check=check, database_dir=Path(scratch), media_dir=staging
            )
            checked = len(manifest.members)
            report(_("校验通过：全部 %(count)d 个文件与清单一致。") % {"count": checked})
            report(_("第 2 步：换入上传文件……"))
            swap = media.swap_in(media_root, staging, stamp)
            report(_("第 3 步：恢复数据库……"))
            try:
                module.restore(connection, Path(scratch) / Path(manifest.database_member).name)
            except BaseException:
                swap.undo()
                raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap.finish()
    # Content type ids come from the restored table now, not from this process's cache.
    ContentType.objects.clear_cache()
    report(_("数据库和上传文件已恢复。"))
    _finish(report, command_output)
    return manifest


def _finish(report: Report, output: TextIO | None) -> None:
    streams = {"stdout": output, "stderr": output} if output is not None else {}
    report(_("第 4 步：执行数据库迁移（较旧的备份升级到当前程序）……"))
    try:
        call_command("migrate", interactive=False, verbosity=1, **streams)
    except Exception as exc:
        raise RestoreIncompleteError(
            _(
                "数据库和上传文件已恢复，但数据库迁移失败：%(error)s。"
                "系统尚不可用：修复后请运行 gongkai migrate，再运行 gongkai search_index rebuild。"
            )
            % {"error": exc}
        ) from exc
    report(_("第 5 步：重建本服务器的全文检索索引……"))
    try:
        call_command("search_index", "rebuild", **streams)
    except Exception as exc:
        raise RestoreIncompleteError(
            _(
                "数据已恢复并迁移，但全文检索索引重建失败：%(error)s。"
                "请运行 gongkai search_index rebuild。"
            )
            % {"error": exc}
        ) from exc
    report(_("恢复完成。其他应用服务器请各自运行 gongkai search_index rebuild。"))
