"""Audit snapshots as Django admin shows them to system administrators.

The trail keeps every before/after as recorded: it is evidence and is never rewritten. Some
snapshots hold personal data that system administrators are not to read (an application's
applicant: gongkai/foi/README.md, "Who sees applicants' personal data"); the app that records
them registers how to strip them for display, keyed by the model's label ("foi.application").
"""

from collections.abc import Callable, Mapping
from typing import Any

Snapshot = Mapping[str, Any] | None
_ADMIN_FILTERS: dict[str, Callable[[Snapshot], Snapshot]] = {}


def register_admin_filter(model_label: str, strip: Callable[[Snapshot], Snapshot]) -> None:
    """Show the snapshots of `model_label` ("app_label.model") through `strip` in the admin."""
    _ADMIN_FILTERS[model_label.lower()] = strip


def admin_snapshot(model_label: str, values: Snapshot) -> Snapshot:
    """`values` as Django admin may show it for an event about a `model_label` object."""
    strip = _ADMIN_FILTERS.get(model_label.lower())
    return strip(values) if strip else values
