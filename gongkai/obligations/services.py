"""Writing the ledger: one row per (kind, object), kept equal to what the owning app describes.

Rows are written by the model signals that `registry.register_kind` connects, inside the
transaction of the save that changed the duty; `rebuild` recomputes them all from the apps.
Reading the ledger is in `ledger.py`.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

from gongkai.obligations import rules
from gongkai.obligations.models import Obligation
from gongkai.obligations.registry import (
    ObligationKind,
    Spec,
    get_kind,
    kinds_for_model,
    kinds_watching,
    registered_kinds,
)
from gongkai.obligations.signals import rows_created

SPEC_FIELDS = (
    "agency_id",
    "title",
    "due_on",
    "due_at",
    "is_provisional",
    "done_on",
    "done_at",
    "assignee_id",
)


def _values(spec: Spec) -> dict[str, Any]:
    values = {name: getattr(spec, name) for name in SPEC_FIELDS}
    values["title"] = (values["title"] or "")[:300]
    if values["done_on"] is None and values["done_at"] is not None:
        values["done_on"] = timezone.localdate(values["done_at"])
    if values["due_on"] is None and values["due_at"] is not None:
        values["due_on"] = timezone.localdate(values["due_at"])
    values["is_late"] = rules.is_late(
        rules.Moments(values["due_on"], values["due_at"], values["done_on"], values["done_at"])
    )
    return values


def _describe(kind: ObligationKind, obj) -> Spec | None:
    """What `obj` owes, described in the site's language: a row's title is stored, so it must not
    be English because the clerk whose save wrote it reads the English UI."""
    with translation.override(settings.LANGUAGE_CODE):
        return kind.describe(obj)


def sync_subject(kind: ObligationKind, obj) -> Obligation | None:
    """Make `obj`'s row of `kind` say what the owning app describes now (or remove it)."""
    content_type = ContentType.objects.get_for_model(kind.model)
    spec = _describe(kind, obj)
    existing = Obligation.objects.filter(
        kind=kind.code, content_type=content_type, object_id=obj.pk
    ).first()
    if spec is None:
        if existing is not None:
            existing.delete()
        return None
    values = _values(spec)
    if existing is None:
        return Obligation.objects.create(
            kind=kind.code, content_type=content_type, object_id=obj.pk, **values
        )
    changed = [name for name, value in values.items() if getattr(existing, name) != value]
    if changed:
        for name in changed:
            setattr(existing, name, values[name])
        existing.save(update_fields=[*changed, "updated_at"])
    return existing


def sync(obj) -> None:
    """Bring every obligation of `obj` up to date (all kinds registered for its model)."""
    for kind in kinds_for_model(type(obj)):
        sync_subject(kind, obj)


def on_subject_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the ledger rows come with the fixture or from a rebuild
        return
    sync(instance)


def on_subject_deleted(sender, instance, **kwargs) -> None:
    content_type = ContentType.objects.get_for_model(sender)
    Obligation.objects.filter(content_type=content_type, object_id=instance.pk).delete()


def on_watched_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    for kind, subjects in kinds_watching(sender):
        for subject in subjects(instance):
            if subject is not None:
                sync_subject(kind, subject)


@transaction.atomic
def rebuild(codes: Iterable[str] | None = None) -> dict[str, int]:
    """Recompute the rows of the given kinds (all by default) from the owning apps; returns the
    number of rows per kind. Rows of objects that owe nothing any more are removed."""
    kinds = [get_kind(c) for c in codes] if codes is not None else registered_kinds()
    counts: dict[str, int] = {}
    for kind in kinds:
        if kind is None:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        existing = {
            row.object_id: row
            for row in Obligation.objects.filter(kind=kind.code, content_type=content_type)
        }
        seen: set[int] = set()
        to_create = []
        for obj in kind.all_objects():
            spec = _describe(kind, obj)
            if spec is None:
                continue
            seen.add(obj.pk)
            values = _values(spec)
            row = existing.get(obj.pk)
            if row is None:
                to_create.append(
                    Obligation(
                        kind=kind.code, content_type=content_type, object_id=obj.pk, **values
                    )
                )
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if changed:
                for name in changed:
                    setattr(row, name, values[name])
                row.save(update_fields=[*changed, "updated_at"])
        Obligation.objects.bulk_create(to_create, batch_size=1000)
        rows_created.send(sender=Obligation, rows=to_create)
        stale = [row.pk for object_id, row in existing.items() if object_id not in seen]
        for start in range(0, len(stale), 1000):
            Obligation.objects.filter(pk__in=stale[start : start + 1000]).delete()
        counts[kind.code] = len(seen)
    return counts


def create_for_new(objects: list) -> list[Obligation]:
    """The rows of objects just created in bulk (`bulk_create` sends no post_save), written in
    bulk with exactly what `sync` would store; returns them. The objects must have no rows yet
    and share one model."""
    if not objects:
        return []
    created: list[Obligation] = []
    for kind in kinds_for_model(type(objects[0])):
        content_type = ContentType.objects.get_for_model(kind.model)
        rows = []
        for obj in objects:
            spec = _describe(kind, obj)
            if spec is not None:
                rows.append(
                    Obligation(
                        kind=kind.code, content_type=content_type, object_id=obj.pk, **_values(spec)
                    )
                )
        created += Obligation.objects.bulk_create(rows, batch_size=1000)
    rows_created.send(sender=Obligation, rows=created)
    return created


def build_if_empty(using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After `migrate`: fill an empty ledger from the apps (an upgrade from before the ledger).
    Only once every migration is applied: a migration test that stops halfway has tables the
    current models do not match."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if Obligation.objects.using(using).exists():
        return
    rebuild()
