"""The supervisor's finding on projects (joins supervision.findings.KINDS): stages and
procurement notices past their time limit and still unpublished, read from the obligations
ledger like every other overdue duty. No default weight: a commission weighs it in its scheme
when its 考核 counts it."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.projects.models import ProjectStage
from gongkai.projects.obligations import PROCUREMENT_PUBLICATION, STAGE_PUBLICATION
from gongkai.supervision.findings import Figures, FindingKind, Scope, overdue_counts


def overdue_count(scope: Scope) -> Figures:
    """Overdue stages and notices per agency, now."""
    counts = overdue_counts(scope, STAGE_PUBLICATION)
    for agency_id, n in overdue_counts(scope, PROCUREMENT_PUBLICATION).items():
        counts[agency_id] = counts.get(agency_id, 0) + n
    return Figures(counts)


def overdue_objects(scope: Scope, agency_id: int) -> list:
    """The overdue stages and notices of one agency."""
    from gongkai.obligations.models import Obligation
    from gongkai.projects.models import Procurement

    rows = (
        Obligation.objects.of_kind(STAGE_PUBLICATION, PROCUREMENT_PUBLICATION)
        .filter(agency_id=agency_id)
        .overdue(today=scope.today, now=scope.now)
    )
    stage_ids = [r.object_id for r in rows if r.kind == STAGE_PUBLICATION]
    notice_ids = [r.object_id for r in rows if r.kind == PROCUREMENT_PUBLICATION]
    return [
        *ProjectStage.objects.filter(pk__in=stage_ids).select_related("project"),
        *Procurement.objects.filter(pk__in=notice_ids).select_related("project"),
    ]


PROJECT_KINDS = [
    FindingKind(
        "project_information_overdue",
        _("重大建设项目信息逾期未公开"),
        _(
            "重大建设项目批准和实施领域的信息应自形成或变更之日起20个工作日内公开，"
            "行政许可决定7个工作日内（国办发〔2017〕94号）；已过期限仍未公开的项目信息和采购公告。"
        ),
        overdue_count,
        overdue_objects,
        is_snapshot=True,
        default_weight=Decimal(0),
    ),
]
