"""Staff API tokens: issuing a key (shown once, stored as its SHA-256) and the bearer check.

A token acts as its user: what the user may see and do is decided by `gongkai.foi.access`
from the user's roles in each agency, exactly as in the console.
"""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from gongkai.accounts.throttling import is_account_locked
from gongkai.api.models import ApiToken
from gongkai.audit.services import record_event

KEY_PREFIX = "gk_"  # recognisable in logs and secret scanners
KEY_BYTES = 32
# Write last_used_at at most this often per token: one UPDATE per minute, not per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def hash_key(key: str) -> str:
    """The SHA-256 of a key, as stored; the key itself is never stored."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user, name: str = "", actor=None) -> tuple[ApiToken, str]:
    """A new token for `user` and its key; the key cannot be recovered afterwards."""
    key = KEY_PREFIX + secrets.token_urlsafe(KEY_BYTES)
    token = ApiToken.objects.create(user=user, key_hash=hash_key(key), name=name.strip())
    record_event(
        actor=actor,
        action="api.token_issued",
        obj=token,
        after={"user": user.pk, "name": token.name},
    )
    return token, key


def authenticate_key(key: str) -> ApiToken | None:
    """The active token of an active user for this key, or None."""
    if not key:
        return None
    token = ApiToken.objects.active().select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


class StaffToken(HttpBearer):
    """`Authorization: Bearer <key>`; the request's `auth` and `user` become the token's user."""

    def __call__(self, request: HttpRequest):
        header = request.headers.get(self.header, "")
        scheme, _sep, key = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not key.strip():
            raise AuthenticationError(401, _("请在 Authorization 请求头中提供 Bearer 令牌。"))
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str):
        found = authenticate_key(token)
        if found is None:
            raise AuthenticationError(401, _("令牌无效或已停用。"))
        if is_account_locked(found.user):
            # A lock stops every way in, or a guessed password's token would still work.
            raise AuthenticationError(
                401, _("账号因登录失败次数过多已被锁定，请稍后再试或联系管理员解锁。")
            )
        request.user = found.user
        return found.user
