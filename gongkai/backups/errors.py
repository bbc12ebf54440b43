"""Errors of backup and restore; each carries a translated message for the operator."""


class BackupError(Exception):
    """A backup or restore that could not be done; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ArchiveDamagedError(BackupError):
    """The archive is unreadable or a member does not match the manifest's checksum."""


class ArchiveMismatchError(BackupError):
    """The archive is whole but cannot go into this system (vendor, newer migrations)."""


class DatabaseToolMissingError(BackupError):
    """pg_dump, pg_restore or psql is not on PATH."""


class RestoreIncompleteError(BackupError):
    """The data is restored but a later step (migrate, search index) failed."""
