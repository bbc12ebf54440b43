"""A restore refuses damaged, foreign and newer archives, and a database with data without
--yes, before it changes anything; a failing database restore puts the files back."""

import io
import json
import os
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError
from django.db import connection

from gongkai.backups import media, postgres, sqlite
from gongkai.backups.errors import BackupError
from gongkai.backups.tests.scenario import files, rows, run
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db

Members = list[tuple[str, bytes]]


@pytest.fixture(autouse=True)
def _placeholder_dump(monkeypatch):
    # These tests run in a transaction (fast), which neither pg_dump nor SQLite's backup API
    # can read; every refusal here happens before the dump is read. The dumps themselves are
    # tested by the round trips (test_round_trip.py).
    def dump(connection, directory):
        target = directory / "placeholder.dump"
        target.write_bytes(b"a database dump")
        return target

    monkeypatch.setattr(sqlite, "dump", dump)
    monkeypatch.setattr(postgres, "dump", dump)


@pytest.fixture
def archive(tmp_path) -> Path:
    """A backup of an agency and one uploaded file; then the system changes."""
    make_agency(name="备份之前的机关")
    upload = Path(settings.MEDIA_ROOT) / "attachments" / "2026" / "11" / "a.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 original")
    target = tmp_path / "backup.tar.gz"
    run("backup", f"--output={target}")
    make_agency(name="备份之后的机关")
    upload.write_bytes(b"%PDF-1.4 changed after the backup")
    return target


def members(path: Path) -> Members:
    with tarfile.open(path, "r:gz") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]


def write(path: Path, content: Members) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in content:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def edit_manifest(content: Members, change: Callable[[dict], None]) -> Members:
    manifest = json.loads(content[0][1])
    change(manifest)
    return [("manifest.json", json.dumps(manifest).encode()), *content[1:]]


def media_member(content: Members) -> str:
    return next(name for name, _ in content if name.startswith("media/"))


def changed_file(content: Members) -> Members:
    target = media_member(content)
    return [(n, b"tampered" if n == target else d) for n, d in content]


def added_file(content: Members) -> Members:
    return [*content, ("media/attachments/extra.pdf", b"not listed")]


def missing_file(content: Members) -> Members:
    target = media_member(content)
    return [(n, d) for n, d in content if n != target]


def manifest_not_first(content: Members) -> Members:
    return [*content[1:], content[0]]


def other_vendor(content: Members) -> Members:
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    return edit_manifest(content, lambda m: m["database"].update(vendor=other))


def newer_migrations(content: Members) -> Members:
    return edit_manifest(content, lambda m: m["migrations"]["foi"].append("9999_from_newer_code"))


def escaping_path(content: Members) -> Members:
    name = "media/../../escaped.txt"

    def listed(manifest: dict) -> None:
        manifest["members"][name] = {
            "size": 2,
            "sha256": "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea",
        }

    return [*edit_manifest(content, listed), (name, b"ok")]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (changed_file, "与备份清单中的 SHA-256 不符"),
        (added_file, "清单未列出的文件：media/attachments/extra.pdf"),
        (missing_file, "缺少清单中的 1 个文件"),
        (manifest_not_first, "第一个文件不是 manifest.json"),
        (other_vendor, "不能跨数据库类型恢复"),
        (newer_migrations, "foi.9999_from_newer_code"),
        (escaping_path, "不合规的文件名"),
    ],
)
def test_an_archive_that_does_not_fit_is_refused_and_nothing_changes(
    archive, tmp_path, damage, message
):
    damaged = tmp_path / "damaged.tar.gz"
    write(damaged, damage(members(archive)))
    rows_before, files_before = rows(), files()

    with pytest.raises(CommandError, match=message):
        run("restore", str(damaged), "--yes")

    assert rows() == rows_before
    assert files() == files_before
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT).iterdir()) == ["attachments"]
    assert not (tmp_path / "escaped.txt").exists()


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"not a gzip file at all", id="not-gzip"),
    ],
)
def test_an_unreadable_archive_is_refused_and_nothing_changes(archive, cut):
    archive.write_bytes(cut(archive.read_bytes()))
    rows_before, files_before = rows(), files()

    with pytest.raises(CommandError, match="备份文件已损坏或不完整"):
        run("restore", str(archive), "--yes")

    assert rows() == rows_before
    assert files() == files_before


def test_a_database_with_data_is_kept_without_yes(archive):
    rows_before, files_before = rows(), files()

    with pytest.raises(CommandError, match="--yes"):
        run("restore", str(archive))

    assert rows() == rows_before
    assert files() == files_before


def test_a_failed_database_restore_puts_the_files_back(archive, monkeypatch):
    def fail(connection, dump_file):
        raise BackupError("数据库恢复失败（测试）")

    monkeypatch.setattr(sqlite, "restore", fail)
    monkeypatch.setattr(postgres, "restore", fail)
    rows_before, files_before = rows(), files()

    with pytest.raises(CommandError, match="数据库恢复失败（测试）"):
        run("restore", str(archive), "--yes")

    assert files() == files_before
    assert rows() == rows_before
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT).iterdir()) == ["attachments"]


def test_a_backup_never_overwrites_a_file(archive):
    before = archive.read_bytes()

    with pytest.raises(CommandError, match="已存在，未覆盖"):
        run("backup", f"--output={archive}")

    assert archive.read_bytes() == before


def test_a_backup_inside_a_transaction_is_refused_instead_of_waiting_forever(monkeypatch, tmp_path):
    monkeypatch.undo()  # the real SQLite dump
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backup API only; pg_dump runs in its own process")

    with pytest.raises(CommandError, match="备份不能在事务中进行"):
        run("backup", f"--output={tmp_path / 'b.tar.gz'}")

    assert not (tmp_path / "b.tar.gz").exists()


def test_files_restored_by_root_belong_to_the_owner_of_media_root(archive, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give files to another user")
    media_root = Path(settings.MEDIA_ROOT)
    service_user = 65534  # nobody: stands for the gongkai user that runs the application
    os.chown(media_root, service_user, service_user)
    staging = media.staging_directory(media_root, "test")
    (staging / "attachments" / "2026").mkdir(parents=True)
    (staging / "attachments" / "2026" / "a.pdf").write_bytes(b"%PDF")

    media.swap_in(media_root, staging, "test").finish()

    restored = [media_root / "attachments", media_root / "attachments" / "2026"]
    restored.append(media_root / "attachments" / "2026" / "a.pdf")
    assert {(p.stat().st_uid, p.stat().st_gid) for p in restored} == {(service_user,) * 2}
