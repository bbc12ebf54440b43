"""The manifest of a backup archive: what it holds, where it comes from, and its checksums.

It is the archive's first member (`manifest.json`), so that a restore can refuse an archive
from another database vendor or from newer code before it unpacks anything.
"""

import importlib.metadata
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from gongkai.backups.errors import ArchiveDamagedError, ArchiveMismatchError

FORMAT = 1  # of the archive layout; a restore refuses formats it does not know
MANIFEST_NAME = "manifest.json"
DATABASE_PREFIX = "database/"
MEDIA_PREFIX = "media/"


@dataclass(frozen=True)
class Member:
    size: int
    sha256: str


@dataclass
class Manifest:
    gongkai_version: str
    created_at: str
    database_vendor: str
    database_member: str
    migrations: dict[str, list[str]]
    members: dict[str, Member] = field(default_factory=dict)
    format: int = FORMAT

    def counts(self) -> dict[str, int]:
        """How many members are database dumps and how many media files."""
        return {
            "database": sum(1 for name in self.members if name.startswith(DATABASE_PREFIX)),
            "media": sum(1 for name in self.members if name.startswith(MEDIA_PREFIX)),
        }

    def media_bytes(self) -> int:
        return sum(m.size for name, m in self.members.items() if name.startswith(MEDIA_PREFIX))

    def to_json(self) -> bytes:
        data = {
            "format": self.format,
            "gongkai_version": self.gongkai_version,
            "created_at": self.created_at,
            "database": {"vendor": self.database_vendor, "member": self.database_member},
            "migrations": self.migrations,
            "counts": self.counts(),
            "media_bytes": self.media_bytes(),
            "members": {
                name: {"size": m.size, "sha256": m.sha256}
                for name, m in sorted(self.members.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        try:
            data = json.loads(raw)
            if data["format"] != FORMAT:
                raise ArchiveMismatchError(
                    _("备份格式版本 %(found)s 不受支持（本程序读取版本 %(known)s）。")
                    % {"found": data["format"], "known": FORMAT}
                )
            return cls(
                format=data["format"],
                gongkai_version=str(data["gongkai_version"]),
                created_at=str(data["created_at"]),
                database_vendor=str(data["database"]["vendor"]),
                database_member=str(data["database"]["member"]),
                migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
                members={
                    str(name): Member(size=int(m["size"]), sha256=str(m["sha256"]))
                    for name, m in data["members"].items()
                },
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ArchiveDamagedError(
                _("备份清单（manifest.json）无法读取：%(error)s") % {"error": exc}
            ) from exc


def gongkai_version() -> str:
    try:
        return importlib.metadata.version("gongkai")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """Every applied migration of the database, by app label, in name order."""
    by_app: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        by_app.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(by_app.items())}


def code_migrations() -> set[tuple[str, str]]:
    """Every migration this code ships (including squashed ones and those they replace)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations)


def unknown_migrations(
    archived: Mapping[str, Iterable[str]], known: set[tuple[str, str]]
) -> list[str]:
    """The archive's applied migrations that this code does not have: it is newer code's."""
    return sorted(
        f"{app}.{name}"
        for app, names in archived.items()
        for name in names
        if (app, name) not in known
    )


def check_compatible(manifest: Manifest, *, vendor: str, known: set[tuple[str, str]]) -> None:
    """Refuse an archive from another database vendor or with migrations newer than the code."""
    if manifest.database_vendor != vendor:
        raise ArchiveMismatchError(
            _(
                "备份来自 %(archived)s 数据库，本系统使用 %(current)s：不能跨数据库类型恢复。"
                "请在同类数据库上恢复。"
            )
            % {"archived": manifest.database_vendor, "current": vendor}
        )
    newer = unknown_migrations(manifest.migrations, known)
    if newer:
        shown = "、".join(newer[:5]) + ("……" if len(newer) > 5 else "")
        raise ArchiveMismatchError(
            _(
                "备份来自更新版本的程序（本程序没有这些迁移：%(names)s）。"
                "请先升级程序（当前版本 %(version)s，备份版本 %(archived)s）再恢复。"
            )
            % {
                "names": shown,
                "version": gongkai_version(),
                "archived": manifest.gongkai_version,
            }
        )
