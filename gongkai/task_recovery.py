"""Tasks whose worker died: back in the queue.

django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL or FAILED when the
worker finishes it. A worker killed in between (kill -9, out of memory, a power cut) leaves the
task RUNNING for ever: no worker takes it again, so an attachment's text would never be
extracted, nor its record re-indexed. Putting such a task back to READY is safe because every
task of gongkai is idempotent (extraction claims the attachment with a conditional UPDATE on
its pending state; applying the search outbox is idempotent by its applied-id bookkeeping).

Two ways to know that a worker is dead:
- by its id: a worker started with a fixed `--worker-id` is not running when its unit starts
  again, so whatever it still holds is orphaned (`ExecStartPre` of gongkai-worker.service);
- by age: a task running for longer than any task should (a machine that never came back).
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@transaction.atomic
def reclaim_tasks(
    *, worker_id: str | None = None, older_than: datetime.timedelta | None = None
) -> int:
    """Put RUNNING tasks last claimed by `worker_id`, or started before `older_than` ago, back
    to READY; returns how many. Needs at least one of the two criteria."""
    if worker_id is None and older_than is None:
        raise ValueError("say which tasks are orphaned: worker_id or older_than")
    running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
        status=TaskResultStatus.RUNNING
    )
    if older_than is not None:
        running = running.filter(started_at__lt=timezone.now() - older_than)
    orphaned = [
        task.pk
        for task in running.only("pk", "worker_ids")
        if worker_id is None or (task.worker_ids and task.worker_ids[-1] == worker_id)
    ]
    # Conditional on RUNNING: a task that its worker finished meanwhile stays finished.
    count = DBTaskResult.objects.filter(pk__in=orphaned, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )
    if count:
        logger.warning("Put %d orphaned task(s) back in the queue: %s", count, orphaned)
    return count
