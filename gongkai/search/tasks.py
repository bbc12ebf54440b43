"""Background work of the search app (run by `gongkai db_worker`).

A task runs on whichever worker takes it, that is on one server. Every server with its own
index must also run `gongkai search_index apply` periodically (README.md)."""

from django_tasks import task

from gongkai.search.index import apply_outbox


@task()
def apply_search_outbox() -> int:
    """Apply pending outbox entries to this server's index; returns how many were applied."""
    return apply_outbox()
