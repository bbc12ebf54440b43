"""Enforcement models, one module per concept; everything is importable from
`gongkai.enforcement.models`.

- `decisions`: licensing, penalty and other enforcement decisions (双公示)
- `lists`: the enforcement lists published before enforcement (事前公开)
- `inspections`: double-random inspections (双随机一公开): pools, plans, draws, results
"""

from gongkai.enforcement.models.decisions import (
    ChangeKind,
    CreditSeverity,
    CurrentState,
    Decision,
    DecisionKind,
    DecisionQuerySet,
    DecisionStatus,
    IdType,
    LicenceCategory,
    PartyCategory,
    PenaltyCategory,
)
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

__all__ = [
    "ChangeKind",
    "Conflict",
    "CreditSeverity",
    "CurrentState",
    "Decision",
    "DecisionKind",
    "DecisionQuerySet",
    "DecisionStatus",
    "Draw",
    "EnforcementList",
    "IdType",
    "InspectionPlan",
    "InspectionResult",
    "InspectionTarget",
    "LicenceCategory",
    "ListDiscretion",
    "ListInspectionItem",
    "ListInspector",
    "ListPower",
    "ListStatus",
    "ListSubject",
    "Outcome",
    "PartyCategory",
    "PenaltyCategory",
    "PlanStatus",
    "PlanStratum",
    "PowerKind",
    "RiskGrade",
]
