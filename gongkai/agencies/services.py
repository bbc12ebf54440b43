"""State changes of agencies: each in a transaction with its audit event."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot


@transaction.atomic
def update_guide_details(*, agency: Agency, actor, values: Mapping[str, Any]) -> Agency:
    """Change the disclosure office's details shown in the guide (条例 Art.12), and the review
    body and court its reply letters name (行政复议法第二十条、第二十三条)."""
    fields = [
        name
        for name in values
        if name in Agency.guide_fields
        or name in {"office_postcode", "guide_arrangement", "guide_access", "review_body", "court"}
    ]
    before = snapshot(agency, fields)
    for name in fields:
        setattr(agency, name, values[name])
    limits.check_text_lengths(agency, error=_invalid, fields=fields)
    agency.full_clean()
    agency.save(update_fields=[*fields, "updated_at"])
    record_event(
        actor=actor,
        action="agency.guide_update",
        obj=agency,
        agency=agency,
        before=before,
        after=snapshot(agency, fields),
    )
    return agency


@transaction.atomic
def set_two_factor_requirement(*, agency: Agency, required: bool, actor) -> Agency:
    """Whether the agency's staff must prove a second factor when they sign in to the console."""
    before = snapshot(agency, ["requires_two_factor"])
    agency.requires_two_factor = required
    agency.save(update_fields=["requires_two_factor", "updated_at"])
    record_event(
        actor=actor,
        action="agency.two_factor_requirement",
        obj=agency,
        agency=agency,
        before=before,
        after=snapshot(agency, ["requires_two_factor"]),
    )
    return agency


def _invalid(message: str, *, field: str) -> ValidationError:
    return ValidationError({field: message})
