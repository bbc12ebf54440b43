"""Who may see or change an agency's catalogue. Services do not check this; views ask here first.

- The agency's 管理员 (Role.ADMIN) edits its catalogue and files it with the supervisor.
- A 督查员 (Role.SUPERVISOR) of any agency above it reviews it (returns or accepts).
- Staff of the agency and supervisors above it may read it (the published catalogue itself is
  public and needs no check).
- Superusers maintain the standard catalogue (in the admin and by command).
"""

from gongkai.agencies.access import can_read_agency, can_supervise, has_role
from gongkai.agencies.models import Agency, Role
from gongkai.catalogue.models import AgencyCatalogue


def can_view_catalogue(user, catalogue: AgencyCatalogue) -> bool:
    """Read the catalogue's working state (status, N/A reasons, review comments)."""
    return can_read_agency(user, catalogue.agency)


def can_derive_catalogue(user, agency: Agency) -> bool:
    """Create the agency's catalogue from the standard one, or add new standard items to it."""
    return has_role(user, agency, Role.ADMIN)


def can_edit_catalogue(user, catalogue: AgencyCatalogue) -> bool:
    """Add, change, mark N/A and restore items, and file the catalogue."""
    return has_role(user, catalogue.agency, Role.ADMIN)


def can_review_catalogue(user, catalogue: AgencyCatalogue) -> bool:
    """Return or accept the filed catalogue: a supervisor of an agency above this one."""
    return can_supervise(user, catalogue.agency)


def can_maintain_standard_catalogue(user) -> bool:
    """Change the standard catalogue: system administrators only."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)
