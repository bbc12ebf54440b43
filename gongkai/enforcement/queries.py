"""The filters of the public decision lists, shared by the portal and the API."""

import datetime
from dataclasses import dataclass

from gongkai.enforcement.models import DecisionQuerySet
from gongkai.enforcement.rules import normalise_code


@dataclass(frozen=True)
class DecisionFilter:
    party: str = ""
    credit_code: str = ""
    number: str = ""
    kind: str = ""
    agency: str = ""  # agency code
    decided_from: datetime.date | None = None
    decided_to: datetime.date | None = None


def filter_decisions(decisions: DecisionQuerySet, f: DecisionFilter) -> DecisionQuerySet:
    """Apply the filters that are set. A party name matches as it is published: organisations
    by any part of their name; natural persons are found by their masked name only (the
    list never tells whether a given person's full name is recorded)."""
    if f.party.strip():
        decisions = decisions.filter(party_name__icontains=f.party.strip()).exclude(
            party_category="natural_person"
        )
    if f.credit_code.strip():
        decisions = decisions.filter(party_credit_code=normalise_code(f.credit_code))
    if f.number.strip():
        decisions = decisions.filter(document_number__icontains=f.number.strip())
    if f.kind:
        decisions = decisions.filter(kind=f.kind)
    if f.agency:
        decisions = decisions.filter(agency__code=f.agency)
    if f.decided_from:
        decisions = decisions.filter(decided_on__gte=f.decided_from)
    if f.decided_to:
        decisions = decisions.filter(decided_on__lte=f.decided_to)
    return decisions.order_by("-decided_on", "-id")
