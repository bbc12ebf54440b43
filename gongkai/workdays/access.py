"""Who may change the working-day calendar."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


def can_manage_calendar(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Only administrators (superusers) load notices and edit days (design.md, "Who uses it")."""
    return bool(user.is_active and getattr(user, "is_superuser", False))
