"""Read the RSS/Atom feed of every running new-media account for its last update. Daily by
cron, idempotent; a timeout or a broken feed is recorded on the account and the run goes on."""

from django.core.management.base import BaseCommand

from gongkai.newmedia.activity_services import read_feeds


class Command(BaseCommand):
    help = "Read the running new-media accounts' feeds for their last update."

    def handle(self, *args, **options) -> None:
        run = read_feeds()
        self.stdout.write(
            f"{len(run.readings)} feed(s) read, {run.problems} with a problem recorded."
        )
