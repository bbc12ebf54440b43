"""Issue a staff API token and print its key once (only its SHA-256 is stored)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.api.auth import issue_token


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print the key (it cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for, e.g. a system")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if not user.is_active:
            raise CommandError(f"user {username!r} is not active")
        token, key = issue_token(user=user, name=name)
        self.stderr.write(f"token {token.pk} for {username}; store the key now, it is not kept:")
        self.stdout.write(key)
