"""Who may see or change which records. Views ask here before calling a service."""

from gongkai.agencies.access import agency_ids_with_role, has_role, readable_agency_ids
from gongkai.agencies.models import Agency, Role
from gongkai.documents.models import Document, DocumentQuerySet, Status


def documents_for_staff(user) -> DocumentQuerySet:
    """Records of the agencies `user` works in or supervises (drafts included)."""
    return Document.objects.visible_to_staff(readable_agency_ids(user))


def can_view(user, document: Document) -> bool:
    return document.is_public or document.agency_id in readable_agency_ids(user)


def can_see_unredacted(user, document: Document) -> bool:
    """The original of a file redacted at the secrecy review: the agency's staff only, never
    the public (a published record's public file is the redacted one)."""
    return document.agency_id in readable_agency_ids(user)


DRAFTING_ROLES = (Role.PUBLISHER, Role.ADMIN)


def can_draft_in(user, agency: Agency) -> bool:
    return has_role(user, agency, *DRAFTING_ROLES)


def drafting_agency_ids(user) -> set[int]:
    """The agencies where `can_draft_in` holds, from the request's one read of the roles."""
    return agency_ids_with_role(user, *DRAFTING_ROLES)


def can_edit(user, document: Document) -> bool:
    return document.status == Status.DRAFT and can_draft_in(user, document.agency)


def can_submit(user, document: Document) -> bool:
    return can_edit(user, document)


def can_review(user, document: Document) -> bool:
    """Return or publish. The rule that the reviewer is not the drafter is in services."""
    return has_role(user, document.agency, Role.REVIEWER)


def can_withdraw(user, document: Document) -> bool:
    return has_role(user, document.agency, Role.REVIEWER, Role.ADMIN)


def can_change_validity(user, document: Document) -> bool:
    return has_role(user, document.agency, Role.REVIEWER, Role.ADMIN)


def can_import_into(user, agency: Agency) -> bool:
    """Bulk import publishes records, so it needs the reviewer's (or administrator's) role."""
    return has_role(user, agency, Role.REVIEWER, Role.ADMIN)
