"""The uploaded files (MEDIA_ROOT): listing them for a backup, swapping restored ones in.

Every file the application stores goes to the default storage, MEDIA_ROOT: record
attachments (`attachments/…`) and applicants' ID copies (`foi/id-copies/…`). A restore
unpacks the archive's files into a staging directory inside MEDIA_ROOT (same file system,
so moving is a rename), then swaps the top-level entries: the current ones are moved aside
and the restored ones in. Until the database is restored the swap can be undone; after, the
old files are deleted. Swapping entries, not MEDIA_ROOT itself, also works when MEDIA_ROOT is
a mount point (NFS shared by the app servers).
"""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.backups.manifest import MEDIA_PREFIX

STAGING_PREFIX = ".restore-"  # restored files waiting to be swapped in
ASIDE_PREFIX = ".replaced-"  # files a restore replaced, kept until the database is restored
_OURS = (STAGING_PREFIX, ASIDE_PREFIX)


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(member name, path) of every regular file under `root`, in a stable order.

    Leftovers of an interrupted restore (`.restore-*`, `.replaced-*`) and symlinks are left
    out: the application never writes either.
    """
    if not root.is_dir():
        return
    for directory, subdirectories, names in os.walk(root):
        here = Path(directory)
        if here == root:
            subdirectories[:] = [d for d in subdirectories if not d.startswith(_OURS)]
        subdirectories.sort()
        for name in sorted(names):
            path = here / name
            if path.is_symlink() or not path.is_file():
                continue
            yield MEDIA_PREFIX + path.relative_to(root).as_posix(), path


def staging_directory(root: Path, stamp: str) -> Path:
    """A fresh directory inside `root` to unpack restored files into."""
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f"{STAGING_PREFIX}{stamp}"
    staging.mkdir()
    return staging


def match_owner(staging: Path, root: Path) -> None:
    """Give the restored files MEDIA_ROOT's owner when the restore runs as root.

    Otherwise an operator's `sudo gongkai restore` leaves directories the application (user
    gongkai) cannot write new uploads into.
    """
    if os.geteuid() != 0:
        return
    owner = root.stat()
    for directory, subdirectories, names in os.walk(staging):
        for name in [*subdirectories, *names]:
            os.chown(Path(directory) / name, owner.st_uid, owner.st_gid, follow_symlinks=False)


@dataclass
class Swap:
    """Restored files moved into MEDIA_ROOT, the replaced ones kept aside until `finish`."""

    root: Path
    aside: Path
    restored: list[str]

    def undo(self) -> None:
        """Put the replaced files back (the database restore failed)."""
        for name in self.restored:
            target = self.root / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
        for entry in sorted(self.aside.iterdir()):
            entry.rename(self.root / entry.name)
        self.aside.rmdir()

    def finish(self) -> None:
        """Delete the replaced files (the database now matches the restored ones)."""
        shutil.rmtree(self.aside)


def swap_in(root: Path, staging: Path, stamp: str) -> Swap:
    """Move MEDIA_ROOT's current entries aside and the staged ones in."""
    match_owner(staging, root)
    aside = root / f"{ASIDE_PREFIX}{stamp}"
    aside.mkdir()
    swap = Swap(root=root, aside=aside, restored=[])
    try:
        for entry in sorted(root.iterdir()):
            if not entry.name.startswith(_OURS):
                entry.rename(aside / entry.name)
        for entry in sorted(staging.iterdir()):
            entry.rename(root / entry.name)
            swap.restored.append(entry.name)
        staging.rmdir()
    except OSError:
        swap.undo()
        raise
    return swap
