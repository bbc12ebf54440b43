"""Every few minutes: a notice to whoever follows an application or message that has just
been answered, and the queue handed any mail whose retry is due (safe to run at any time)."""

from django.core.management.base import BaseCommand

from gongkai.subscriptions import digests, sending


class Command(BaseCommand):
    help = "Send case notices for answered applications and messages; re-queue due retries."

    def handle(self, *args, **options):
        notices = digests.send_case_notices()
        retries = sending.enqueue_due()
        self.stdout.write(f"case notices queued: {notices}; mails handed to the queue: {retries}")
