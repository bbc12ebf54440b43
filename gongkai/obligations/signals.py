"""`ledger_rebuilt`: sent after `services.rebuild()` has rewritten rows in bulk (no per-row
save signals), so that what is derived from the rows (e.g. supervision's monthly counters)
can follow. Receivers get `codes`: the kinds rebuilt."""

from django.dispatch import Signal

ledger_rebuilt = Signal()
