"""Every kind of the obligations ledger is written down in docs/obligations.md, and only those:
one table where a newcomer finds every clocked duty of the platform."""

import re
from pathlib import Path

from gongkai.obligations.registry import registered_kinds

DOC = Path(__file__).resolve().parents[3] / "docs" / "obligations.md"


def documented_codes() -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", DOC.read_text(), flags=re.MULTILINE))


def test_every_registered_kind_has_a_row():
    registered = {kind.code for kind in registered_kinds()}
    assert registered - documented_codes() == set(), "add these kinds to docs/obligations.md"


def test_every_row_is_a_registered_kind():
    registered = {kind.code for kind in registered_kinds()}
    assert documented_codes() - registered == set(), "docs/obligations.md names unknown kinds"
