"""A backup restores every row and every file, on SQLite and on PostgreSQL, and search finds
the records again (issue #11: backup and restore with a round-trip test on both)."""

import os
import shutil
import stat
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from gongkai.agencies.models import Agency
from gongkai.backups import postgres
from gongkai.backups.tests.scenario import TITLE, build_system, damage_system, files, rows, run
from gongkai.documents import tally
from gongkai.documents.models import Document, Status
from gongkai.factories import make_agency
from gongkai.search.query import search

# Transactional: pg_dump and psql are other processes, and see only committed rows. The
# restore replaces every table, including the ones migrations seed, hence serialized_rollback.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_client():
    if connection.vendor != "postgresql":
        return
    missing = [name for name in ("pg_dump", "pg_restore", "psql") if shutil.which(name) is None]
    if missing:
        message = (
            f"PostgreSQL backup not tested: {', '.join(missing)} not on PATH "
            "(apt-get install postgresql-client)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)


def found(text: str) -> list[str]:
    return [hit.object_id for hit in search(text).hits]


def test_a_restore_brings_back_every_row_and_file_and_the_search_index(tmp_path, settings):
    system = build_system()
    document_id = str(system["document"].pk)
    assert found("预防接种") == [document_id]
    rows_before, files_before = rows(), files()
    assert len(files_before) == 2  # the attachment and the ID copy
    archive = tmp_path / "backups" / "nightly.tar.gz"

    printed = run("backup", f"--output={archive}")

    assert f"已写入备份：{archive}" in printed
    assert "上传文件：2 个" in printed
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # ID copies inside
    damage_system(system)
    assert rows() != rows_before
    assert files() != files_before
    assert found("预防接种") == []

    printed = run("restore", str(archive), "--yes")

    assert rows() == rows_before
    assert files() == files_before
    assert found("预防接种") == [document_id]
    assert found(TITLE) == [document_id]
    # The public-record tallies came back, and so did the triggers that keep them
    # (docs/deployment.md): a withdrawal after the restore still moves the counts.
    assert tally.drift() == {}
    public_before = tally.public_count()
    Document.objects.filter(pk=document_id).update(status=Status.WITHDRAWN)
    assert tally.public_count() == public_before - 1
    assert tally.drift() == {}
    steps = ["第 1 步", "校验通过", "第 2 步", "第 3 步", "第 4 步", "第 5 步", "恢复完成"]
    positions = [printed.index(step) for step in steps]
    assert positions == sorted(positions)
    # Nothing left behind: no partial archive, no staged or replaced files.
    assert [p.name for p in archive.parent.iterdir()] == ["nightly.tar.gz"]
    assert not [p for p in Path(settings.MEDIA_ROOT).iterdir() if p.name.startswith(".")]


def test_a_restore_into_an_empty_database_needs_no_confirmation(tmp_path, settings):
    build_system()
    rows_before, files_before = rows(), files()
    archive = tmp_path / "backup.tar.gz"
    run("backup", f"--output={archive}")
    run("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT)

    run("restore", str(archive))

    assert rows() == rows_before
    assert files() == files_before


def migrate_to(target: tuple[str, str]) -> None:
    ContentType.objects.clear_cache()
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def test_an_older_backup_is_migrated_to_the_code_after_restoring(tmp_path):
    latest = ("participation", "0003_add_due_is_provisional")
    agency = make_agency(name="旧版本时的机关")
    migrate_to(("participation", "0002_message_reply_working_days"))
    archive = tmp_path / "old.tar.gz"
    run("backup", f"--output={archive}")
    migrate_to(latest)  # the code was upgraded after that backup

    printed = run("restore", str(archive), "--yes")

    assert "Applying participation.0003_add_due_is_provisional" in printed
    assert latest in MigrationRecorder(connection).applied_migrations()
    assert Agency.objects.get().name == agency.name


def test_a_postgresql_restore_that_fails_midway_changes_nothing(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the restore through psql in one transaction is PostgreSQL's")
    build_system()
    archive = tmp_path / "backup.tar.gz"
    run("backup", f"--output={archive}")
    make_agency(name="备份之后的机关")
    rows_before, files_before = rows(), files()
    # Another session reads the table the restore drops last: every table before it is
    # already dropped inside the restore's transaction when the lock wait gives up.
    with connection.cursor() as cursor:
        tables = connection.introspection.get_table_list(cursor)
    last = [t.name for t in tables if t.type == "t"][-1]
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT", "1s")
    reader = connections.create_connection("default")
    try:
        reader.set_autocommit(False)
        with reader.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {reader.ops.quote_name(last)} IN ACCESS SHARE MODE")

        with pytest.raises(CommandError, match="事务已回滚"):
            run("restore", str(archive), "--yes")
    finally:
        reader.rollback()
        reader.close()

    assert rows() == rows_before
    assert files() == files_before
