"""What of a decision the public sees: one function used by every public output (portal pages,
the Atom feed, the API, the search payload), so no output can forget a mask.

A natural person's ID number is always masked (110***********4522); their name follows
settings ENFORCEMENT_NAME_MASK (default surname + 某: 张某). ID numbers, mobile numbers and
the person's name written inside the free texts are masked too (gongkai.privacy).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from gongkai.enforcement import conf
from gongkai.enforcement.models import Decision, PartyCategory
from gongkai.foi.personal_data import mask_id_number
from gongkai.privacy.detection import Kind, combine, find_given, find_personal_data

# Free texts that may name people or carry numbers: every one passes through `_clean_text`.
FREE_TEXTS = (
    "licence_content",
    "violation_facts",
    "penalty_basis",
    "penalty_content",
    "decision_content",
    "decision_basis",
    "suspended_licences",
    "remarks",
    "withdrawal_explanation",
)


def mask_person_name(name: str, rule: str | None = None) -> str:
    """张三 → 张某 (the default rule), or 某某, or the name as it is."""
    rule = rule or conf.name_mask()
    name = (name or "").strip()
    if not name or rule == conf.NAME_MASK_NONE:
        return name
    if rule == conf.NAME_MASK_FULL:
        return _("某某")
    # Two-character compound surnames are rare and not guessed: the first character stays.
    return name[:1] + _("某")


def public_party_name(decision: Decision) -> str:
    if decision.party_category == PartyCategory.NATURAL_PERSON:
        return mask_person_name(decision.party_name)
    return decision.party_name


def _people(decision: Decision) -> list[str]:
    """The people whose names must not appear in public texts."""
    names = []
    if decision.party_category == PartyCategory.NATURAL_PERSON:
        names.append(decision.party_name)
    if decision.party_category != PartyCategory.LEGAL_PERSON and decision.legal_representative:
        names.append(decision.legal_representative)
    return [n for n in names if n and conf.name_mask() != conf.NAME_MASK_NONE]


def _clean_text(text: str, people: list[str]) -> str:
    if not text:
        return ""
    findings = combine(
        find_personal_data(text), *(find_given(text, name, kind=Kind.NAME) for name in people)
    )
    masked = text
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        shown = mask_person_name(finding.text) if finding.kind == Kind.NAME else finding.masked
        masked = masked[: finding.start] + shown + masked[finding.end :]
    return masked


@dataclass(frozen=True)
class PublicDecision:
    """A decision as the public may see it."""

    decision: Decision
    party_name: str
    party_id: str  # masked, with its type; "" for organisations
    legal_representative: str
    texts: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        # Everything not personal reads through to the decision (kind, 文号, dates …).
        if name in {"party_id_number", "legal_representative_id_number"}:
            raise AttributeError(name)
        return getattr(self.decision, name)


def public_view(decision: Decision) -> PublicDecision:
    people = _people(decision)
    party_id = ""
    if decision.party_id_number:
        party_id = (
            f"{decision.get_party_id_type_display()} {mask_id_number(decision.party_id_number)}"
        )
    representative = decision.legal_representative
    if decision.party_category != PartyCategory.LEGAL_PERSON:
        representative = mask_person_name(representative)
    return PublicDecision(
        decision=decision,
        party_name=public_party_name(decision),
        party_id=party_id.strip(),
        legal_representative=representative,
        texts={name: _clean_text(getattr(decision, name) or "", people) for name in FREE_TEXTS},
    )


def public_fields(decision: Decision) -> dict[str, Any]:
    """The public view as plain values (API and search payload)."""
    view = public_view(decision)
    d = decision
    return {
        "id": d.pk,
        "kind": d.kind,
        "kind_label": str(d.get_kind_display()),
        "agency": d.agency.code,
        "agency_name": d.agency.name,
        "party_name": view.party_name,
        "party_category": d.party_category,
        "party_credit_code": d.party_credit_code,
        "party_id": view.party_id,
        "legal_representative": view.legal_representative,
        "document_name": d.document_name,
        "document_number": d.document_number,
        "decided_on": d.decided_on,
        "authority_name": d.authority_name,
        "authority_credit_code": d.authority_credit_code,
        "current_state": d.current_state,
        "source_name": d.source_name,
        "source_credit_code": d.source_credit_code,
        "licence_category": d.licence_category,
        "certificate_name": d.certificate_name,
        "licence_number": d.licence_number,
        "valid_from": d.valid_from,
        "valid_until": d.valid_until,
        "violation_type": d.violation_type,
        "penalty_categories": list(d.penalty_categories or []),
        "fine_amount": d.fine_amount,
        "confiscation_amount": d.confiscation_amount,
        "publicity_ends_on": d.publicity_ends_on,
        "published_on": d.published_on,
        **view.texts,
    }
