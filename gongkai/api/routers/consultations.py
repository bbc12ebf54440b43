"""Public participation API (consultations)."""

from ninja import Router

router = Router(tags=["consultations"])
