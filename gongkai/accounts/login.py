"""Signing in at the portal (public accounts, by e-mail address) and at the console (staff, by
username). Each page admits only its own kind of account and answers every refusal with the
same words, so neither page tells whether a name or address belongs to anyone.
"""

import enum
import math

from django.contrib.auth import authenticate, get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts import throttling
from gongkai.accounts.access import is_staff_account
from gongkai.accounts.errors import LoginLocked, LoginRefused


class Door(enum.Enum):
    PORTAL = "portal"
    CONSOLE = "console"


def locked_message(until) -> str:
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return _("登录失败次数过多，请 %(minutes)s 分钟后再试或联系管理员解锁。") % {"minutes": minutes}


def refused_message(door: Door) -> str:
    if door is Door.PORTAL:
        return _("电子邮箱或密码不正确。")
    return _("用户名或密码不正确。")


def _public_username(email: str) -> str | None:
    """The username of the public account registered with this address, if any."""
    for user in get_user_model().objects.filter(email__iexact=email.strip()).order_by("pk"):
        if not is_staff_account(user):
            return user.get_username()
    return None


def _check_password(door: Door, identifier: str, password: str):
    if door is Door.PORTAL:
        username = _public_username(identifier)
        if username is None:
            # As long as a real check: the answer's timing must not tell that nobody has it.
            get_user_model()().set_password(password)
            return None
    else:
        username = identifier
    user = authenticate(username=username, password=password)
    if user is None or is_staff_account(user) != (door is Door.CONSOLE):
        return None
    return user


def sign_in(*, door: Door, identifier: str, password: str, address: str):
    """The account these credentials open at this door; counts failures and honours locks."""
    until = throttling.lock_ends_at(identifier, address)
    if until is not None:
        raise LoginLocked(locked_message(until))
    user = _check_password(door, identifier, password)
    if user is None:
        until = throttling.record_failed_login(identifier, address)
        if until is not None:
            raise LoginLocked(locked_message(until))
        raise LoginRefused(refused_message(door))
    throttling.record_successful_login(identifier)
    return user
