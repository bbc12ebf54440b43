"""Enforcement models, one module per concept; everything is importable from
`gongkai.enforcement.models`.

- `decisions`: licensing, penalty and other enforcement decisions (双公示)
- `lists`: the enforcement lists published before enforcement (事前公开)
- `inspections`: double-random inspections (双随机一公开): pools, plans, draws, results
"""

# --- enforcement lists and double-random inspections (branch enf-inspections) ---
from gongkai.enforcement.models.inspections import (
    Conflict,
    Draw,
    InspectionPlan,
    InspectionResult,
    InspectionTarget,
    Outcome,
    PlanStatus,
    PlanStratum,
    RiskGrade,
)
from gongkai.enforcement.models.lists import (
    EnforcementList,
    ListDiscretion,
    ListInspectionItem,
    ListInspector,
    ListPower,
    ListStatus,
    ListSubject,
    PowerKind,
)

# Re-exported (enf-inspections); the lead merges this with the decisions' names.
__all__ = [
    "Conflict",
    "Draw",
    "EnforcementList",
    "InspectionPlan",
    "InspectionResult",
    "InspectionTarget",
    "ListDiscretion",
    "ListInspectionItem",
    "ListInspector",
    "ListPower",
    "ListStatus",
    "ListSubject",
    "Outcome",
    "PlanStatus",
    "PlanStratum",
    "PowerKind",
    "RiskGrade",
]
