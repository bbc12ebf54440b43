"""SQLite: a copy through SQLite's online backup API, and back the same way.

The backup API copies a consistent snapshot while the application keeps reading and writing
(WAL mode), which copying the file would not. Restoring copies the staged file into the live
database in one step: SQLite writes it in one transaction, so a failure leaves the old
database as it was.
"""

import sqlite3
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from gongkai.backups.errors import ArchiveDamagedError, BackupError

DUMP_NAME = "gongkai.sqlite3"


def _raw(connection: BaseDatabaseWrapper) -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection  # type: ignore[return-value]


def dump(connection: BaseDatabaseWrapper, directory: Path) -> Path:
    """Copy the database into `directory` as a self-contained file (no WAL beside it)."""
    if connection.in_atomic_block:
        # The copy would wait forever for the lock our own open transaction holds.
        raise BackupError(_("备份不能在事务中进行。"))
    target = directory / DUMP_NAME
    copy = sqlite3.connect(target)
    try:
        _raw(connection).backup(copy)
        # The copy inherits WAL mode from the live file; a backup must be one file.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(_("SQLite 数据库备份失败：%(error)s") % {"error": exc}) from exc
    finally:
        copy.close()
    return target


def restore(connection: BaseDatabaseWrapper, dump_file: Path) -> None:
    """Replace the live database's content with `dump_file`, all or nothing."""
    if connection.in_atomic_block:
        raise BackupError(_("恢复不能在事务中进行。"))
    source = sqlite3.connect(f"{dump_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ArchiveDamagedError(
                _("备份中的 SQLite 数据库无法读取：%(error)s。未作任何改动。") % {"error": exc}
            ) from exc
        if verdict != ("ok",):
            raise ArchiveDamagedError(
                _("备份中的 SQLite 数据库未通过完整性检查：%(result)s。未作任何改动。")
                % {"result": verdict}
            )
        live = _raw(connection)
        try:
            source.backup(live)  # one step (pages=-1): one write transaction on the target
        except sqlite3.Error as exc:
            raise BackupError(
                _("SQLite 数据库恢复失败，原数据库未改动：%(error)s") % {"error": exc}
            ) from exc
    finally:
        source.close()
