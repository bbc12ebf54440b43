"""Daily: one digest mail per subscriber of what is new in their topics, then the clean-up of
unconfirmed and ended subscriptions (safe to run twice a day: the second run sends nothing)."""

from django.core.management.base import BaseCommand

from gongkai.subscriptions import digests, services


class Command(BaseCommand):
    help = "Send today's subscription digests and delete expired unconfirmed subscriptions."

    def handle(self, *args, **options):
        queued = digests.send_digests()
        self.stdout.write(f"subscription digests queued: {queued}")
        purged = services.purge()
        self.stdout.write(
            "purged: {pending} unconfirmed, {ended} ended subscriptions, "
            "{subscribers} addresses, {deliveries} old delivery records".format(**purged)
        )
