"""Who is staff and who must prove a second factor. Staff and public accounts share Django's
user table; what sets them apart is this one rule, asked by every login page and middleware.
"""

import functools
import operator

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists
from django_otp import device_classes

from gongkai.agencies.access import held_roles
from gongkai.agencies.models import Membership


def is_staff_account(user) -> bool:
    """Staff: any agency role, or a Django staff or superuser flag. Everyone else is public."""
    if getattr(user, "pk", None) is None:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(held_roles(user))


def agency_requires_second_factor(user) -> bool:
    """Whether an agency where `user` holds a role demands a second factor of its staff."""
    return Membership.objects.filter(user_id=user.pk, agency__requires_two_factor=True).exists()


def needs_second_factor(user) -> bool:
    """Staff whose agency demands it, and anyone who enrolled a device of their own accord.

    One query (the console asks on every request of an unverified session): a confirmed
    device of any kind django_otp knows (what `user_has_device` reads, a query per kind), or
    a role in an agency that demands one (`agency_requires_second_factor`)."""
    if not getattr(user, "is_authenticated", False):
        return False
    sql, params = _second_factor_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk if value == _ANYONE else value for value in params])
        return cursor.fetchone() is not None


_ANYONE = -1  # no user has this id: the query is compiled for it, then asked for the user's


@functools.cache
def _second_factor_query(vendor: str) -> tuple[str, tuple]:
    """The ORM's SQL for `needs_second_factor`, compiled once a process: building the three
    EXISTS took 1.8 ms of each request's Python, the query itself 0.4 ms."""
    anyone = get_user_model()(pk=_ANYONE)
    checks = [
        Exists(model.objects.devices_for_user(anyone, confirmed=True)) for model in device_classes()
    ]
    checks.append(
        Exists(Membership.objects.filter(user_id=_ANYONE, agency__requires_two_factor=True))
    )
    query = (
        get_user_model()
        .objects.filter(pk=_ANYONE)
        .filter(functools.reduce(operator.or_, checks))
        .values("pk")[:1]
    )
    return query.query.sql_with_params()


def may_reset_second_factor(actor) -> bool:
    """Only system administrators reset another person's devices (e.g. a lost phone)."""
    return bool(getattr(actor, "is_superuser", False))


def may_unlock_accounts(actor) -> bool:
    """Only system administrators lift a sign-in lock before it ends."""
    return bool(getattr(actor, "is_superuser", False))
