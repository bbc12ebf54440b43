"""The word lists in force for an agency, read from the database for the pure detector."""

from gongkai.privacy.listed import WordLists
from gongkai.privacy.models import ListEntry, ListKind


def lists_for(agency) -> WordLists:
    """The active global entries and the agency's own (agency None: the global ones only)."""
    sensitive, secrecy, corrections = [], [], {}
    for kind, text, replacement in (
        ListEntry.objects.active().for_agency(agency).values_list("kind", "text", "replacement")
    ):
        if kind == ListKind.SENSITIVE:
            sensitive.append(text)
        elif kind == ListKind.SECRECY:
            secrecy.append(text)
        elif kind == ListKind.CORRECTION:
            corrections[text] = replacement
    return WordLists.of(sensitive=sensitive, secrecy=secrecy, corrections=corrections)
