"""Findings from the supervising agency's own ledgers: half-yearly progress reports not
submitted on time, no training or leadership review in the year, broken links found by the
weekly crawl. They join `findings.KINDS` with no default weight: a commission weighs them in
its scheme when its 考核 counts them."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.obligations.models import Obligation
from gongkai.supervision.findings import Figures, FindingKind, Scope
from gongkai.supervision.link_services import latest_checks
from gongkai.supervision.progress_models import ProgressReport
from gongkai.supervision.progress_services import PROGRESS_REPORT
from gongkai.supervision.work_models import MeetingKind
from gongkai.supervision.work_services import agencies_without


@dataclass(frozen=True)
class BrokenLink:
    """One broken link as the drill-down shows it."""

    page: str
    target: str
    status: int

    def __str__(self) -> str:
        answer = self.status or _("无响应")
        return f"{self.target}（{answer}），{_('所在页面')} {self.page}"


def _reports_late(scope: Scope) -> list[tuple[int, int]]:
    """(agency id, report id) of reports due in the period and submitted late or not yet."""
    rows = Obligation.objects.of_kind(PROGRESS_REPORT).filter(
        agency_id__in=scope.agency_ids,
        due_on__gte=scope.period.start,
        due_on__lte=min(scope.period.end, scope.today),
    )
    late = rows.filter(Q(is_late=True) | Q(done_on__isnull=True, due_on__lt=scope.today))
    return list(late.values_list("agency_id", "object_id"))


def reports_late_count(scope: Scope) -> Figures:
    counts: dict[int, int] = {}
    for agency_id, _report in _reports_late(scope):
        counts[agency_id] = counts.get(agency_id, 0) + 1
    return Figures(counts)


def reports_late_objects(scope: Scope, agency_id: int):
    ids = [report for agency, report in _reports_late(scope) if agency == agency_id]
    return ProgressReport.objects.filter(pk__in=ids).select_related("agency")


def _missing_meeting(kind: str):
    def count(scope: Scope) -> Figures:
        if scope.period.end > scope.today and scope.period.start.year == scope.today.year:
            # The year is not over: a missing training is not a finding yet.
            return Figures({})
        missing = agencies_without(kind, scope.agency_ids, scope.period.start.year)
        return Figures(dict.fromkeys(missing, 1))

    def objects(scope: Scope, agency_id: int):
        return Agency.objects.filter(pk__in=[a for a in count(scope).counts if a == agency_id])

    return count, objects


def broken_links_count(scope: Scope) -> Figures:
    checks = latest_checks(scope.agency_ids)
    return Figures({pk: len(check.broken) for pk, check in checks.items() if check.broken})


def broken_links_objects(scope: Scope, agency_id: int) -> list[BrokenLink]:
    check = latest_checks([agency_id]).get(agency_id)
    if check is None:
        return []
    return [BrokenLink(b["page"], b["target"], b["status"]) for b in check.broken]


_no_training = _missing_meeting(MeetingKind.TRAINING)
_no_review = _missing_meeting(MeetingKind.LEADERSHIP_REVIEW)

LEDGER_KINDS = [
    FindingKind(
        "progress_reports_late",
        _("半年工作进展报告逾期"),
        _("上半年报告应于7月10日前、下半年及全年报告应于1月10日前报送上级机关。"),
        reports_late_count,
        reports_late_objects,
        default_weight=Decimal(0),
    ),
    FindingKind(
        "no_training",
        _("全年未开展政务公开培训"),
        _("每年至少组织一次政务公开培训，并留存记录。"),
        *_no_training,
        default_weight=Decimal(0),
    ),
    FindingKind(
        "no_leadership_review",
        _("领导班子未专题研究政务公开工作"),
        _("领导班子每年至少专题研究一次政务公开工作。"),
        *_no_review,
        default_weight=Decimal(0),
    ),
    FindingKind(
        "broken_links",
        _("不可用链接"),
        _("网站页面中的链接和附件应能正常打开（国办秘函〔2019〕19号）；每周检查一次。"),
        broken_links_count,
        broken_links_objects,
        is_snapshot=True,
        default_weight=Decimal(0),
    ),
]
