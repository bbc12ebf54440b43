"""The idle end of a staff session, one rule: a staff session ends STAFF_SESSION_IDLE_MINUTES
after the request that last moved its end. The sign-in's request moves it, and so does a
request where the last move is STAFF_SESSION_MOVE_SECONDS old or more
(middleware.StaffSessionMiddleware, after the view), so that a clerk paging through lists
does not write the session (an UPDATE and a cookie) on every page: the session ends between
that many seconds before the idle time and the idle time after the last request, never later.
"""

from django.conf import settings
from django.utils import timezone

# When a staff session's end was last moved (seconds since the epoch, in the session).
MOVED_AT_KEY = "_staff_session_moved_at"


def move_end(session) -> None:
    """Let a staff session end STAFF_SESSION_IDLE_MINUTES from now, unless its end was moved
    less than STAFF_SESSION_MOVE_SECONDS ago (or the idle time changed since)."""
    idle_seconds = settings.STAFF_SESSION_IDLE_MINUTES * 60
    move_seconds = min(settings.STAFF_SESSION_MOVE_SECONDS, idle_seconds // 2)
    now = int(timezone.now().timestamp())
    moved_at = session.get(MOVED_AT_KEY)
    if (
        isinstance(moved_at, int)
        and 0 <= now - moved_at < move_seconds
        and session.get_expiry_age() == idle_seconds
    ):
        return
    session.set_expiry(idle_seconds)
    session[MOVED_AT_KEY] = now
