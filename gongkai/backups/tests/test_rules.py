"""The pure rules of backup and restore: which migrations are newer, which member names are
safe, archive names, pruning, and the message when PostgreSQL's tools are missing."""

import shutil

import pytest

from gongkai.backups import postgres
from gongkai.backups.archive import safe_member_name
from gongkai.backups.create import archive_name, prune_backups
from gongkai.backups.errors import ArchiveDamagedError, BackupError, DatabaseToolMissingError
from gongkai.backups.manifest import Manifest, Member, unknown_migrations

CODE = {("foi", "0001_initial"), ("foi", "0002_events"), ("documents", "0001_initial")}


@pytest.mark.parametrize(
    ("archived", "newer"),
    [
        ({"foi": ["0001_initial", "0002_events"]}, []),
        ({"foi": ["0001_initial"]}, []),  # an older backup: migrate brings it up to date
        ({}, []),
        ({"foi": ["0001_initial", "0003_later"]}, ["foi.0003_later"]),
        ({"opendata": ["0001_initial"]}, ["opendata.0001_initial"]),  # an app we lack
    ],
)
def test_migrations_the_code_does_not_have_are_newer(archived, newer):
    assert unknown_migrations(archived, CODE) == newer


@pytest.mark.parametrize(
    "name",
    [
        "database/gongkai.sqlite3",
        "media/attachments/2026/11/ab/abcdef.pdf",
        "media/foi/id-copies/2026/11/Q123-身份证.png",
    ],
)
def test_member_names_under_database_or_media_are_accepted(name):
    assert str(safe_member_name(name)) == name


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "media/../../etc/passwd",
        "media/./a",
        "media//a",
        "media",
        "other/file",
        "manifest.json",
        "database/",
    ],
)
def test_other_member_names_are_refused(name):
    with pytest.raises(ArchiveDamagedError):
        safe_member_name(name)


def test_an_archive_is_named_for_the_local_time():
    # The test clock: 2026-11-16 10:00 Asia/Shanghai (conftest.py), ticking.
    assert archive_name().startswith("gongkai-backup-20261116-1000")
    assert archive_name().endswith(".tar.gz")


def test_pruning_keeps_the_newest_archives_and_nothing_else(tmp_path):
    names = [f"gongkai-backup-202611{day:02d}-020000.tar.gz" for day in range(10, 16)]
    for name in [*names, "notes.txt", "gongkai-backup-manual.tar.gz"]:
        (tmp_path / name).write_text("x")

    removed = prune_backups(tmp_path, keep=2)

    assert sorted(p.name for p in removed) == names[:4]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*names[4:], "notes.txt", "gongkai-backup-manual.tar.gz"]
    )


def test_pruning_everything_is_refused(tmp_path):
    with pytest.raises(BackupError):
        prune_backups(tmp_path, keep=0)


def test_a_missing_postgresql_client_says_what_to_install(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(DatabaseToolMissingError) as raised:
        postgres.tool("pg_dump")

    assert "pg_dump" in raised.value.message
    assert "apt-get install postgresql-client" in raised.value.message


def test_a_manifest_reads_back_what_was_written():
    manifest = Manifest(
        gongkai_version="0.1.0",
        created_at="2026-11-16T02:00:00+00:00",
        database_vendor="postgresql",
        database_member="database/gongkai.pgdump",
        migrations={"foi": ["0001_initial"]},
        members={
            "database/gongkai.pgdump": Member(size=10, sha256="a" * 64),
            "media/x.pdf": Member(size=5, sha256="b" * 64),
        },
    )

    again = Manifest.from_json(manifest.to_json())

    assert again == manifest
    assert again.counts() == {"database": 1, "media": 1}
    assert again.media_bytes() == 5


@pytest.mark.parametrize(
    "raw",
    [b"not json", b"{}", b'{"format": 1}', b"[]"],
)
def test_an_unreadable_manifest_is_damage(raw):
    with pytest.raises(ArchiveDamagedError):
        Manifest.from_json(raw)
