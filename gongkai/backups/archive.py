"""The archive file: a tar.gz with `manifest.json` first, then the database dump, then media.

Writing checks each file against the checksum the manifest already holds for it (a file that
changed while the backup ran fails the backup instead of giving a manifest that lies).
Reading is one pass: the manifest, a compatibility check, then every member unpacked into a
staging directory while its checksum is computed. Nothing live is touched here.
"""

import gzip
import hashlib
import io
import os
import tarfile
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext as _

from gongkai.backups.errors import ArchiveDamagedError, BackupError
from gongkai.backups.manifest import (
    DATABASE_PREFIX,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    Manifest,
    Member,
)

CHUNK_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


class _HashingReader:
    """A file wrapper that hashes what is read through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def hash_file(path: Path) -> Member:
    """Size and SHA-256 of a file."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
    return Member(size=size, sha256=digest.hexdigest())


def write_archive(target: Path, manifest: Manifest, files: Iterable[tuple[str, Path]]) -> None:
    """Write `target` (mode 600: it holds personal data) from the manifest and its files.

    The archive is written beside `target` under a `.partial` name and renamed when complete,
    so a file with the final name is always a whole archive.
    """
    partial = target.with_name(target.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            body = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(body)
            info.mtime = int(time.time())
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(body))
            for name, path in files:
                _add_checked(tar, name, path, manifest.members[name])
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _add_checked(tar: tarfile.TarFile, name: str, path: Path, expected: Member) -> None:
    changed = BackupError(
        _("文件在备份过程中被改动或删除：%(path)s。请重新备份。") % {"path": path}
    )
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise changed from exc
    with handle:
        stat = os.fstat(handle.fileno())
        if stat.st_size != expected.size:
            raise changed
        info = tarfile.TarInfo(name)
        info.size = expected.size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o600
        reader = _HashingReader(handle)
        try:
            tar.addfile(info, reader)  # type: ignore[arg-type]
        except OSError as exc:  # the file shrank while being read
            raise changed from exc
        if reader.digest.hexdigest() != expected.sha256:
            raise changed


def safe_member_name(name: str) -> PurePosixPath:
    """The member's path if it is a plain relative path under database/ or media/."""
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or str(path) != name  # not in canonical form: "a//b", "a/./b", "a/"
        or any(part in ("", ".", "..") for part in path.parts)
        or not (name.startswith(DATABASE_PREFIX) or name.startswith(MEDIA_PREFIX))
        or len(path.parts) < 2
    ):
        raise ArchiveDamagedError(_("备份中有不合规的文件名：%(name)s") % {"name": name})
    return path


def read_archive(
    source: Path,
    *,
    check: Callable[[Manifest], None],
    database_dir: Path,
    media_dir: Path,
) -> Manifest:
    """Unpack `source` into the two staging directories, verifying every checksum.

    `check` sees the manifest before anything is unpacked and raises to refuse the archive.
    Raises ArchiveDamagedError for an unreadable archive, a member the manifest does not list
    or lists with another checksum, and a member it lists that is missing.
    """
    try:
        with source.open("rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
            manifest = _read_manifest(tar)
            check(manifest)
            seen: set[str] = set()
            # next(), not iteration: iterating would yield the manifest again.
            while (info := tar.next()) is not None:
                _unpack_member(tar, info, manifest, database_dir, media_dir)
                seen.add(info.name)
    except FileNotFoundError as exc:
        raise BackupError(_("找不到备份文件：%(path)s") % {"path": source}) from exc
    except _READ_ERRORS as exc:
        raise ArchiveDamagedError(
            _("备份文件已损坏或不完整（%(error)s）：未作任何改动。") % {"error": exc}
        ) from exc
    missing = sorted(set(manifest.members) - seen)
    if missing:
        raise ArchiveDamagedError(
            _("备份不完整：缺少清单中的 %(count)d 个文件（如 %(name)s）。未作任何改动。")
            % {"count": len(missing), "name": missing[0]}
        )
    return manifest


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    first = tar.next()
    if first is None or first.name != MANIFEST_NAME or not first.isreg():
        raise ArchiveDamagedError(_("这不是 gongkai 备份：第一个文件不是 manifest.json。"))
    if first.size > MAX_MANIFEST_BYTES:
        raise ArchiveDamagedError(_("备份清单（manifest.json）过大。"))
    handle = tar.extractfile(first)
    assert handle is not None  # a regular file always has content  # noqa: S101
    return Manifest.from_json(handle.read())


def _unpack_member(
    tar: tarfile.TarFile,
    info: tarfile.TarInfo,
    manifest: Manifest,
    database_dir: Path,
    media_dir: Path,
) -> None:
    path = safe_member_name(info.name)
    expected = manifest.members.get(info.name)
    if expected is None or not info.isreg():
        raise ArchiveDamagedError(
            _("备份中有清单未列出的文件：%(name)s。未作任何改动。") % {"name": info.name}
        )
    if info.name.startswith(DATABASE_PREFIX):
        target = database_dir / path.name
    else:
        target = media_dir.joinpath(*path.parts[1:])
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tar.extractfile(info)
    assert handle is not None  # noqa: S101
    reader = _HashingReader(handle)
    with target.open("xb") as out:
        while chunk := reader.read(CHUNK_BYTES):
            out.write(chunk)
    if reader.size != expected.size or reader.digest.hexdigest() != expected.sha256:
        raise ArchiveDamagedError(
            _("校验失败：%(name)s 与备份清单中的 SHA-256 不符，备份已损坏。未作任何改动。")
            % {"name": info.name}
        )
