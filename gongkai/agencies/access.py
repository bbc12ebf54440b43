"""Who may see or change what, across agencies. Every other app asks here.

Rules:
- staff act only in agencies where they hold a role;
- a 督查员 (supervisor role) in an agency reads that agency and every agency below it,
  read-only;
- a superuser is a system administrator (calendar, standard catalogue, accounts) and may
  read everything, but acts in an agency's workflow only through a role like anyone else.
"""

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.db.models import QuerySet

from gongkai.agencies.models import Agency, Membership, Role

# Within one request the agencies a user may read are walked once: the walk down the hierarchy
# is a query per level, and a console page asks three times or more (its list, its filters,
# its counts). Outside a request (commands, tasks, tests calling these functions) nothing is
# kept, so a membership or an agency added a moment ago always counts.
_request_memo: ContextVar[dict | None] = ContextVar("agency_access_memo", default=None)


@contextlib.contextmanager
def remembered_within() -> Iterator[None]:
    """Keep the readable and supervised agency ids of each user until the block ends (one
    request: agencies/middleware.py)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def _remembered(name: str, user, compute: Callable[[], set[int]]) -> set[int]:
    memo = _request_memo.get()
    if memo is None:
        return compute()
    key = (name, user.pk)
    if key not in memo:
        memo[key] = frozenset(compute())
    return set(memo[key])  # a copy: callers may add to it


def roles_in(user, agency: Agency) -> set[str]:
    """The roles `user` holds in `agency` itself."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = _read_roles(user, keep=True)
    return set(cache.get(agency.pk, set()))


def _read_roles(user, *, keep: bool) -> dict[int, set[str]]:
    """{agency id: the roles `user` holds there} (one query); with `keep`, kept on the user
    object for `roles_in`."""
    roles: dict[int, set[str]] = {}
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        roles.setdefault(agency_id, set()).add(role)
    if keep:
        user._gongkai_roles = roles
    return roles


def held_roles(user) -> dict[int, set[str]]:
    """{agency id: the roles `user` holds there}. Within a request, read once and shared with
    `roles_in` and `readable_agency_ids` (the same user object); outside one, read afresh and
    not kept, so a membership added a moment ago always counts. Do not change the sets."""
    in_request = _request_memo.get() is not None
    roles = getattr(user, "_gongkai_roles", None) if in_request else None
    if roles is None:
        roles = _read_roles(user, keep=in_request)
    return roles


def has_role(user, agency: Agency, *roles: str) -> bool:
    return bool(roles_in(user, agency) & set(roles))


def agency_ids_with_role(user, *roles: str) -> set[int]:
    """The agencies where `user` holds any of `roles` (the request's one read of the roles)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    wanted = set(roles)
    return {agency_id for agency_id, held in held_roles(user).items() if held & wanted}


def holds_role_anywhere(user, role: str) -> bool:
    """Whether `user` holds `role` in any agency."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(role in held for held in held_roles(user).values())


def is_staff_member(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or bool(held_roles(user))


def member_agencies(user) -> QuerySet[Agency]:
    """Agencies where `user` holds any role."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user).distinct()


def readable_agency_ids(user) -> set[int]:
    """Agencies whose non-public data `user` may read: own agencies plus supervised ones."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return _remembered("readable", user, lambda: _readable_agency_ids(user))


def _readable_agency_ids(user) -> set[int]:
    if user.is_superuser:
        return set(Agency.objects.values_list("pk", flat=True))
    roles = held_roles(user)
    ids = set(roles)
    if any(Role.SUPERVISOR in held for held in roles.values()):
        # And those below where the user supervises (walked once a request).
        ids |= supervised_agency_ids(user)
    return ids


def can_read_agency(user, agency: Agency) -> bool:
    return agency.pk in readable_agency_ids(user)


def supervised_agency_ids(user) -> set[int]:
    """Agencies below those where `user` is a supervisor."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return _remembered("supervised", user, lambda: _supervised_agency_ids(user))


def _supervised_agency_ids(user) -> set[int]:
    ids: set[int] = set()
    for membership in Membership.objects.filter(user=user, role=Role.SUPERVISOR).select_related(
        "agency"
    ):
        ids.update(membership.agency.descendant_ids())
    return ids


def can_supervise(user, agency: Agency) -> bool:
    return agency.pk in supervised_agency_ids(user)


def can_manage_agency(user, agency: Agency) -> bool:
    """Edit the agency's own details (指南 facts) and its catalogue."""
    return has_role(user, agency, Role.ADMIN)
