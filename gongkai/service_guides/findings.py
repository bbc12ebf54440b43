"""The supervisor's finding on service guides (joins supervision.findings.KINDS): active
service items without a complete published guide — missing key guide elements count against a
website at inspection (国办秘函〔2019〕19号; see elements.py). No default weight: a commission
weighs it in its scheme when its 考核 counts it."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.service_guides.completeness import completeness, incomplete_counts
from gongkai.service_guides.models import ServiceItem
from gongkai.supervision.findings import Figures, FindingKind, Scope
from gongkai.supervision.scoring import Method


def incomplete_guides_count(scope: Scope) -> Figures:
    """Incomplete items per agency, out of its active items (a figure as of today)."""
    counts = incomplete_counts(scope.agency_ids)
    return Figures(
        {agency_id: incomplete for agency_id, (incomplete, _total) in counts.items()},
        bases={agency_id: total for agency_id, (_incomplete, total) in counts.items()},
    )


def incomplete_guides_objects(scope: Scope, agency_id: int) -> list[ServiceItem]:
    """The incomplete items of one agency (the drill-down lists each with what it lacks)."""
    items = ServiceItem.objects.active().filter(agency_id=agency_id).select_related("agency")
    return [row.item for row in completeness(items) if not row.is_complete]


GUIDE_KINDS = [
    FindingKind(
        "incomplete_service_guides",
        _("办事指南要素不全"),
        _(
            "在办的政务服务事项应有已发布的办事指南，且事项名称、设定依据、受理条件、申请材料、"
            "办理流程、办理地点、办理时间、实施主体、收费标准、咨询电话和办理时限等关键要素齐全"
            "（国办秘函〔2019〕19号）。"
        ),
        incomplete_guides_count,
        incomplete_guides_objects,
        is_snapshot=True,
        default_method=Method.RATE,
        default_weight=Decimal(0),
    ),
]
