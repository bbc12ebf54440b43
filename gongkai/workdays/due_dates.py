"""The apps that store due dates counted on the calendar, and what a calendar change does to
them. Each app registers its open objects and its `refresh_due_date` in AppConfig.ready(); the
calendar preview (before a notice is loaded) and the list of moved dates read only this.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from gongkai.workdays.rules import WorkCalendar


@dataclass(frozen=True)
class DueDateSource:
    kind: str  # what the objects are, for people: 依申请公开申请, 政府信息, 留言
    open_objects: Callable[[], Iterable[Any]]
    refresh: Callable[[Any, WorkCalendar], None]  # sets due_on, due_problem, due_is_provisional
    recomputed_action: str  # the audit action its recomputation writes


@dataclass(frozen=True)
class DueChange:
    kind: str
    obj: Any
    before_on: datetime.date | None
    before_provisional: bool
    after_on: datetime.date | None
    after_provisional: bool


_SOURCES: dict[str, DueDateSource] = {}


def register_due_dates(source: DueDateSource) -> None:
    _SOURCES[source.recomputed_action] = source


def sources() -> list[DueDateSource]:
    return list(_SOURCES.values())


def preview_due_changes(calendar: WorkCalendar) -> list[DueChange]:
    """Every open due date that `calendar` would move or make final, without saving anything."""
    changes = []
    for source in sources():
        for obj in source.open_objects():
            before = (obj.due_on, obj.due_is_provisional)
            source.refresh(obj, calendar)  # on the in-memory object only: never saved here
            after = (obj.due_on, obj.due_is_provisional)
            if after != before:
                changes.append(DueChange(source.kind, obj, *before, *after))
    return changes
