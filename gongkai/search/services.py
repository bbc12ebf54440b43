"""Writing to the outbox. Owning apps call `enqueue_change` in the transaction of the change,
so the record and its index change commit or roll back together; applying follows commit."""

import logging
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from gongkai.search.models import Operation, OutboxEntry
from gongkai.search.payload import clean_payload

logger = logging.getLogger(__name__)


def enqueue_change(
    *,
    kind: str,
    object_id: str | int,
    operation: Operation | str,
    payload: Mapping[str, Any] | None = None,
) -> OutboxEntry:
    """Append one index change; must run inside the transaction of the change it describes."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("enqueue_change must be called inside transaction.atomic()")
    if not kind or ":" in kind:
        raise ValueError("kind must be a non-empty name without ':'")
    operation = Operation(operation)
    if operation == Operation.UPSERT:
        if payload is None:
            raise ValueError("an upsert needs the payload to index")
        cleaned: dict[str, Any] | None = clean_payload(payload)
    else:
        cleaned = None
    entry = OutboxEntry.objects.create(
        kind=kind, object_id=str(object_id), operation=operation, payload=cleaned
    )
    _schedule_apply(connection)
    return entry


def _schedule_apply(connection: BaseDatabaseWrapper) -> None:
    # One apply task per transaction, however many records it changed.
    pending = getattr(connection, "run_on_commit", [])
    if any(callback is _enqueue_apply for _savepoints, callback, *_robust in pending):
        return
    transaction.on_commit(_enqueue_apply, robust=True)


def _enqueue_apply() -> None:
    # A failure here loses nothing: the entry stays in the outbox for the next apply.
    from gongkai.search.tasks import apply_search_outbox

    apply_search_outbox.enqueue()
