"""Rules of hearings and forums on a consultation, as pure functions: the registration
window, first-come selection, and the draw's published inputs.

The draw is the platform's verifiable draw (gongkai/enforcement/draw.py, algorithm
gongkai-draw-1) with one stratum `*` holding every registration number and no inspectors:
the registrations are ranked by HMAC-SHA256(seed, "target|B007") and the first `seats` are
chosen. Anyone holding the published inputs and seed can redo it with `draw.verify`.
"""

import datetime
from collections.abc import Sequence

from gongkai.enforcement import draw as draw_rules


def accepts_registrations_at(
    now: datetime.datetime, *, opens_at: datetime.datetime, closes_at: datetime.datetime
) -> bool:
    """Registrations are taken from the opening instant up to, not including, the closing."""
    return opens_at <= now < closes_at


def first_come(registrations: Sequence[tuple[str, datetime.datetime]], seats: int) -> list[str]:
    """先到先得: the codes of the first `seats` registrations by time (the code breaks ties)."""
    ordered = sorted(registrations, key=lambda r: (r[1], r[0]))
    return [code for code, _at in ordered[:seats]]


def draw_inputs(codes: Sequence[str], seats: int, *, commitment: str) -> dict:
    """The inputs of the draw as they are published before it: the registration numbers,
    the seats, the commitment to the seed and the hash of the candidate list."""
    inputs = {
        "algorithm": draw_rules.ALGORITHM,
        "strata": [{"key": draw_rules.ALL_TARGETS, "count": min(seats, len(codes))}],
        "targets": [{"id": code, "stratum": draw_rules.ALL_TARGETS} for code in sorted(codes)],
        "inspectors": [],
        "conflicts": [],
        "inspectors_per_target": 0,
        "commitment": commitment,
    }
    inputs["candidate_hash"] = draw_rules.candidate_hash(inputs)
    return inputs


def drawn_codes(result: dict) -> list[str]:
    """The registration numbers the draw chose, in the order drawn."""
    return [t["id"] for stratum in result.get("strata", []) for t in stratum.get("targets", [])]
