"""gongkai reclaim_tasks: tasks left RUNNING by a dead worker go back in the queue."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from gongkai.task_recovery import reclaim_tasks


class Command(BaseCommand):
    help = (
        "Put tasks left RUNNING by a worker that died back in the queue: those of --worker "
        "(run it before that worker starts) or those running for over --older-than minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--worker", help="the --worker-id of a worker that is not running")
        parser.add_argument(
            "--older-than", type=int, metavar="MINUTES", help="running for longer than this"
        )

    def handle(self, *args, worker, older_than, **options):
        if worker is None and older_than is None:
            raise CommandError("give --worker ID or --older-than MINUTES")
        minutes = datetime.timedelta(minutes=older_than) if older_than is not None else None
        count = reclaim_tasks(worker_id=worker, older_than=minutes)
        self.stdout.write(f"{count} task(s) back in the queue")
