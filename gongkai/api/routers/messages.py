"""Public participation API (messages)."""

from ninja import Router

router = Router(tags=["messages"])
