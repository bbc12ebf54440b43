"""PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore | psql` in one transaction.

pg_dump reads every table in one snapshot, so the dump is consistent while the application
writes; it keeps sequences, constraints and indexes exactly, and streams large tables. The
restore drops every table of the live database (including tables of migrations newer than
the backup) and recreates them from the dump inside ONE transaction that is committed only
when pg_restore has produced the whole script: any error, or a dump that ends early, rolls
back and leaves the old database as it was.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.utils.translation import gettext as _

from gongkai.backups.errors import BackupError, DatabaseToolMissingError

DUMP_NAME = "gongkai.pgdump"
CHUNK_BYTES = 1024 * 1024
LOCK_TIMEOUT = "30s"


def tool(name: str) -> str:
    """The path of a PostgreSQL client program, or a clear error saying what to install."""
    path = shutil.which(name)
    if path is None:
        raise DatabaseToolMissingError(
            _(
                "找不到 %(name)s：请安装 PostgreSQL 客户端程序（Debian/Ubuntu："
                "apt-get install postgresql-client，主版本不低于数据库服务器），"
                "并确保它在 PATH 中。"
            )
            % {"name": name}
        )
    return path


def _environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The libpq environment for the database Django is connected to (password included)."""
    settings_dict = connection.settings_dict
    _args, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    service = (settings_dict.get("OPTIONS") or {}).get("service")
    if settings_dict.get("NAME") or not service:
        env["PGDATABASE"] = str(settings_dict.get("NAME") or "postgres")
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s失败（%(program)s 退出码 %(code)d）：%(error)s")
            % {
                "what": what,
                "program": Path(args[0]).name,
                "code": result.returncode,
                "error": result.stderr.strip(),
            }
        )


def dump(connection: BaseDatabaseWrapper, directory: Path) -> Path:
    """Dump the database with pg_dump's custom format into `directory`."""
    target = directory / DUMP_NAME
    args = [
        tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={target}",
    ]
    _run(args, _environment(connection), _("PostgreSQL 数据库备份（pg_dump）"))
    return target


def _drop_statements(connection: BaseDatabaseWrapper) -> str:
    """SQL that drops every table of the live database's search path (CASCADE)."""
    with connection.cursor() as cursor:
        tables = [
            info.name
            for info in connection.introspection.get_table_list(cursor)
            if info.type in ("t", "p")
        ]
    quote = connection.ops.quote_name
    return "".join(f"DROP TABLE IF EXISTS {quote(name)} CASCADE;\n" for name in tables)


def restore(connection: BaseDatabaseWrapper, dump_file: Path) -> None:
    """Replace the live database's tables with the dump's, in one transaction."""
    if connection.in_atomic_block:
        raise BackupError(_("恢复不能在事务中进行。"))
    pg_restore, psql = tool("pg_restore"), tool("psql")
    env = _environment(connection)
    # The dump's table of contents must be readable before anything is dropped.
    _run([pg_restore, "--list", str(dump_file)], env, _("读取备份中的 PostgreSQL 数据"))
    # A running application holds locks on the tables: fail (and roll back) instead of
    # waiting for it forever. The script sets its own lock_timeout after the drops.
    prologue = f"BEGIN;\nSET LOCAL lock_timeout = '{LOCK_TIMEOUT}';\n" + _drop_statements(
        connection
    )
    # Our own connection must hold no lock on the tables the restore drops.
    connection.close()
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as restore_errors:
        loader = subprocess.Popen(  # noqa: S603
            [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
        )
        script = subprocess.Popen(  # noqa: S603
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--file=-",
                str(dump_file),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        committed = _feed(loader, script, prologue)
        if not committed:
            raise BackupError(
                _(
                    "PostgreSQL 数据库恢复失败，事务已回滚，原数据库未改动"
                    "（若为锁等待超时：请先停止各服务器上的 web、worker 和 search-index 服务）："
                    "%(error)s"
                )
                % {"error": _errors(psql_errors) or _errors(restore_errors)}
            )


def _feed(loader: subprocess.Popen, script: subprocess.Popen, prologue: str) -> bool:
    """Stream the script into psql; COMMIT only after pg_restore finished without error."""
    assert loader.stdin is not None  # noqa: S101
    assert script.stdout is not None  # noqa: S101
    try:
        try:
            loader.stdin.write(prologue.encode())
            shutil.copyfileobj(script.stdout, loader.stdin, CHUNK_BYTES)
            script_ok = script.wait() == 0
            if script_ok:
                loader.stdin.write(b"COMMIT;\n")
        finally:
            script.stdout.close()
            # psql at end of input without COMMIT: the server rolls the transaction back.
            loader.stdin.close()
    except BrokenPipeError:  # psql stopped at an error (ON_ERROR_STOP)
        script_ok = False
    finally:
        if script.poll() is None:
            script.terminate()
        script.wait()
        loader_ok = loader.wait() == 0
    return script_ok and loader_ok


def _errors(stream) -> str:
    stream.seek(0)
    return stream.read().decode(errors="replace").strip()[-2000:]
