"""Writing the audit trail. Every state change in gongkai calls `record_event` in its own
transaction, so the change and its audit row commit or roll back together."""

import datetime
import decimal
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from gongkai.audit.models import AuditEvent
from gongkai.audit.publicity import is_public_action


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named field values of `obj` in JSON form, for an event's before/after."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def record_event(
    *,
    actor,
    action: str,
    obj: models.Model,
    agency=None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one audit event; must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside transaction.atomic()")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        agency=agency,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        before=_jsonable(dict(before)) if before is not None else None,
        after=_jsonable(dict(after)) if after is not None else None,
        note=note,
        affects_public=is_public_action(action),
    )
