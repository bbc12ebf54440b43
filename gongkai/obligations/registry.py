"""The kinds of obligation, each registered by the app that owns the duty.

Register in the owning app's `AppConfig.ready()`:

    register_kind(ObligationKind(
        code="foi.reply", label=_("依申请公开答复"), model=Application,
        describe=application_obligation,            # obj -> Spec, or None: no obligation (now)
        all_objects=lambda: Application.objects.all(),
    ))

Registering connects the model's post_save and post_delete signals, so the row is written in
the same transaction as the save that changed the duty (a reply saved, a due date re-derived
after a calendar change); `describe` is the only place that says what the duty is. The ledger
knows no case type: it stores what `describe` returns. Where a row links to in the console is
the console's business (console/obligation_links.py).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Spec:
    """What an object owes, as the owning app sees it now."""

    agency_id: int
    title: str
    due_on: datetime.date | None
    due_at: datetime.datetime | None = None
    is_provisional: bool = False
    done_on: datetime.date | None = None
    done_at: datetime.datetime | None = None
    assignee_id: int | None = None


@dataclass(frozen=True)
class ObligationKind:
    code: str  # "foi.reply": app label, dot, duty
    label: str  # for people: 依申请公开答复
    model: type
    describe: Callable[[Any], Spec | None]
    all_objects: Callable[[], Iterable[Any]]
    # The warning window: working days before a day-clock, hours before an instant-clock.
    due_soon_working_days: int = 5
    due_soon_hours: int = 6
    # Who is reminded when the row has no assignee: the agency's members in these roles.
    responsible_roles: tuple[str, ...] = ()
    # Other models whose saves change this duty: (model, the subjects an instance affects).
    watches: tuple[tuple[type, Callable[[Any], Iterable[Any]]], ...] = field(default=())


_kinds: dict[str, ObligationKind] = {}


def register_kind(kind: ObligationKind) -> None:
    """Register (or replace) a kind and connect its model's signals."""
    from django.db.models.signals import post_delete, post_save

    from gongkai.obligations import services

    if not kind.code or "." not in kind.code:
        raise ValueError("an obligation kind's code is 'app.duty'")
    _kinds[kind.code] = kind
    post_save.connect(
        services.on_subject_saved, sender=kind.model, dispatch_uid=f"obligations-save-{kind.model}"
    )
    post_delete.connect(
        services.on_subject_deleted,
        sender=kind.model,
        dispatch_uid=f"obligations-delete-{kind.model}",
    )
    for model, _subjects in kind.watches:
        post_save.connect(
            services.on_watched_saved, sender=model, dispatch_uid=f"obligations-watch-{model}"
        )
        post_delete.connect(
            services.on_watched_saved,
            sender=model,
            dispatch_uid=f"obligations-watch-delete-{model}",
        )


def registered_kinds() -> list[ObligationKind]:
    return list(_kinds.values())


def get_kind(code: str) -> ObligationKind | None:
    return _kinds.get(code)


def kinds_for_model(model: type) -> list[ObligationKind]:
    return [k for k in _kinds.values() if issubclass(model, k.model)]


def kinds_watching(model: type) -> list[tuple[ObligationKind, Callable[[Any], Iterable[Any]]]]:
    return [
        (k, subjects) for k in _kinds.values() for m, subjects in k.watches if issubclass(model, m)
    ]


# Daily sweeps: work an owning app does once a day before the reminders go out, e.g. bring
# clocks that move with time alone up to today (an expired consultation resumes an FOI clock).
_daily: dict[str, Callable[..., Any]] = {}


def register_daily(name: str, sweep: Callable[..., Any]) -> None:
    """`sweep(today=date)` runs first in `gongkai reminders`; it must be idempotent."""
    _daily[name] = sweep


def daily_sweeps() -> list[tuple[str, Callable[..., Any]]]:
    return list(_daily.items())
