"""Labels for people of the action codes in the audit trail ("foi.extend" → 延长答复期限).

Each app that records events declares the labels of its codes in an `audit_labels.py` module
holding `LABELS = {code: gettext_lazy(...)}`; `AuditConfig.ready()` collects them here. The code
stays the machine field of the event; a code without a label is shown as itself (a test keeps
every code written anywhere labelled: audit/tests/test_action_labels.py).
"""

from collections.abc import Mapping
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

_LABELS: dict[str, object] = {}


def register_labels(labels: Mapping[str, object]) -> None:
    """Add the labels of some action codes; a code registered twice keeps its last label."""
    _LABELS.update(labels)


def action_label(code: str) -> str:
    """The label of `code` in the current language, or the code itself when it has none."""
    label = _LABELS.get(code)
    return str(label) if label is not None else code


def labelled_codes() -> frozenset[str]:
    return frozenset(_LABELS)


def collect_app_labels() -> None:
    """Register the `LABELS` of every installed app's `audit_labels` module."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "audit_labels"):
            register_labels(import_module(f"{config.name}.audit_labels").LABELS)
