"""`rows_created`: sent when ledger rows are written in bulk (`services.rebuild()`,
`services.create_for_new()`), which sends no per-row save signals, so that what is derived
from the rows (e.g. supervision's monthly counters) can follow. Receivers get `rows`: the new
`Obligation` objects."""

from django.dispatch import Signal

rows_created = Signal()
