"""Proposal test factories: `make_proposal(agency, **overrides)` and the steps after it."""

import datetime
import itertools
from typing import Any

from gongkai.catalogue.models import AgencyItem
from gongkai.catalogue.services import add_item, derive_catalogue
from gongkai.proposals import services
from gongkai.proposals.models import Classification, Kind, Proposal

_numbers = itertools.count(1)

# The smallest bytes the upload check takes for a PDF (it judges by content).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def register_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": Kind.SUGGESTION,
        "year": 2026,
        "number": f"{next(_numbers):03d}",
        "title": "关于加强乡村医生队伍建设的建议",
        "members": "王某某",
        "assigning_body": "测试县人大常委会人事代表工作委员会",
        "role": "host",
        "host_agency_name": "",
        "assigned_on": datetime.date(2026, 9, 1),
        "due_on": None,
        "due_reason": "",
    }
    values.update(overrides)
    return values


def make_proposal(agency, *, actor=None, **overrides: Any) -> Proposal:
    return services.register_proposal(
        agency=agency, values=register_values(**overrides), actor=actor
    )


def make_replied(agency, *, actor=None, **overrides: Any) -> Proposal:
    reply = {
        "classification": overrides.pop("classification", Classification.A),
        "replied_on": overrides.pop("replied_on", datetime.date(2026, 11, 2)),
        "summary": overrides.pop("summary", "已将乡村医生培训纳入年度计划。"),
        "text": overrides.pop("text", "王某某代表：\n您提出的建议收悉。现答复如下：已纳入计划。"),
    }
    proposal = make_proposal(agency, actor=actor, **overrides)
    return services.record_reply(
        proposal=proposal, letter=PDF, letter_name="答复函.pdf", actor=actor, **reply
    )


def proposals_item(agency, actor=None) -> AgencyItem:
    """The agency's own catalogue item for the results (the standard catalogue has none)."""
    catalogue = derive_catalogue(agency=agency, actor=actor)
    existing = catalogue.items.filter(code="ZJ01").first()
    if existing:
        return existing
    return add_item(
        catalogue=catalogue,
        category_code="ZJ",
        category_name="建议提案办理",
        code="ZJ01",
        name="建议提案办理结果",
        actor=actor,
    )
