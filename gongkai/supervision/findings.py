"""What the supervising agency finds in each subordinate: one function pair per finding kind,
`count` (figures per agency in a few grouped queries, whatever the number of agencies) and
`objects` (the records, applications, messages … behind one agency's figure, for drill-down).

Sources: the obligations ledger for every duty with a deadline, the records and catalogues for
what the ledger does not hold (interpretations, columns, the annual report, 备案). The rule of
each kind is in README.md.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import (
    AgencyCatalogue,
    AgencyItem,
    CatalogueStatus,
    ExpectedPublication,
)
from gongkai.documents.models import (
    TYPES_NEEDING_INTERPRETATION,
    Attribute,
    Document,
    DocumentLink,
    LinkKind,
    Status,
)
from gongkai.enforcement.models import Decision
from gongkai.foi.models import Application
from gongkai.obligations.models import Obligation
from gongkai.participation.mailbox import add_months, veto_cutoff_on
from gongkai.participation.mailbox_services import past_veto_line
from gongkai.participation.models import Consultation, OpinionEvent, PublicMessage
from gongkai.participation.obligations import CONSULTATION_FEEDBACK
from gongkai.reports.models import ReportDuty
from gongkai.reports.obligations import ANNUAL_REPORT
from gongkai.supervision import tallies
from gongkai.supervision.periods import Period
from gongkai.supervision.scoring import Method

PUBLICATION = "documents.publication"
REPLY = "foi.reply"
OPINION_RESPONSE = "participation.opinion_response"
EXPECTED_PUBLICATION = "catalogue.expected_publication"
DECISION_PUBLICATION = "enforcement.publication"  # 双公示: 7 working days (20 for other kinds)
ANNUAL_REPORT_MONTH_DAY = (1, 31)  # 条例第四十九条: by 31 January of the next year


@dataclass(frozen=True)
class Scope:
    """Which agencies, which period, and the moment the figures are read."""

    agency_ids: frozenset[int]
    period: Period
    today: datetime.date
    now: datetime.datetime
    stale_months: int = 6
    # Figures that one query gives for several kinds at once (the ledger's overdue rows, the
    # columns), read once per scope: a league table asks for them kind by kind.
    shared: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def once(self, name: str, compute: Callable[["Scope"], object]):
        if name not in self.shared:
            self.shared[name] = compute(self)
        return self.shared[name]


@dataclass
class Figures:
    counts: dict[int, int] = field(default_factory=dict)
    # The denominator of a rate (records due, replies given, columns kept); None: no rate.
    bases: dict[int, int] | None = None


@dataclass(frozen=True)
class FindingKind:
    code: str
    label: str
    rule: str
    count: Callable[[Scope], Figures]
    objects: Callable[[Scope, int], Iterable]
    # True: a figure as of today whatever the period (overdue now, not filed now).
    is_snapshot: bool = False
    default_method: str = Method.DEDUCTION
    default_weight: Decimal = Decimal(10)
    default_deduction: Decimal = Decimal(2)


# --- from the ledger -------------------------------------------------------------------------


def _ledger(kind: str, scope: Scope) -> QuerySet:
    return Obligation.objects.of_kind(kind).for_agencies(scope.agency_ids)


def _done_in(rows: QuerySet, period: Period) -> QuerySet:
    return rows.done().filter(done_on__gte=period.start, done_on__lte=period.end)


def _done_late_by_agency(kind: str, scope: Scope) -> dict[int, tuple[int, int]]:
    """{agency id: (done, done late)} of the ledger's `kind` done in the period: from the
    monthly counters (tallies.py) for whole months, which a Period always is."""
    start, end = scope.period.start, scope.period.end
    if tallies.is_whole_months(start, end):
        every_kind = scope.once(
            "tallies", lambda scope: tallies.done_by_kind(scope.agency_ids, start, end)
        )
        return every_kind.get(kind, {})
    done = _done_in(_ledger(kind, scope), scope.period)
    late = done.filter(is_late=True).count_by_agency()
    return {agency: (n, late.get(agency, 0)) for agency, n in done.count_by_agency().items()}


def _done_late_figures(kind: str) -> Callable[[Scope], Figures]:
    def count(scope: Scope) -> Figures:
        done = _done_late_by_agency(kind, scope)
        return Figures(
            {agency: late for agency, (_n, late) in done.items() if late},
            {agency: n for agency, (n, _late) in done.items()},
        )

    return count


def _done_late_objects(kind: str, model) -> Callable[[Scope, int], QuerySet]:
    def objects(scope: Scope, agency_id: int) -> QuerySet:
        rows = _done_in(_ledger(kind, scope), scope.period).filter(
            agency_id=agency_id, is_late=True
        )
        return model.objects.filter(pk__in=rows.values("object_id"))

    return objects


def _all_overdue(scope: Scope) -> dict[str, dict[int, int]]:
    rows = (
        Obligation.objects.for_agencies(scope.agency_ids)
        .overdue(today=scope.today, now=scope.now)
        .order_by()
        .values("kind", "agency_id")
        .annotate(n=Count("pk"))
    )
    result: dict[str, dict[int, int]] = {}
    for row in rows:
        result.setdefault(row["kind"], {})[row["agency_id"]] = row["n"]
    return result


def overdue_counts(scope: Scope, kind: str) -> dict[int, int]:
    """{agency id: open rows of the ledger's `kind` overdue now}: one grouped query over the
    open rows of every kind, shared by every kind the scope is asked for."""
    return dict(scope.once("overdue", _all_overdue).get(kind, {}))


def _overdue_figures(kind: str) -> Callable[[Scope], Figures]:
    def count(scope: Scope) -> Figures:
        return Figures(overdue_counts(scope, kind))

    return count


def _overdue_objects(kind: str, model) -> Callable[[Scope, int], QuerySet]:
    """`model` is a model or a queryset of it (to join what the drill-down shows)."""
    manager = model if isinstance(model, QuerySet) else model.objects

    def objects(scope: Scope, agency_id: int) -> QuerySet:
        rows = (
            _ledger(kind, scope)
            .overdue(today=scope.today, now=scope.now)
            .filter(agency_id=agency_id)
        )
        return manager.filter(pk__in=rows.values("object_id"))

    return objects


def _opinion_rows(scope: Scope) -> QuerySet:
    rows = _ledger(OPINION_RESPONSE, scope)
    late = Q(is_late=True, done_on__gte=scope.period.start, done_on__lte=scope.period.end)
    overdue = rows.overdue(today=scope.today, now=scope.now)
    return rows.filter(late | Q(pk__in=overdue.values("pk")))


def opinions_late_count(scope: Scope) -> Figures:
    """舆情 responded late in the period, or still unanswered past the time limit (a done row
    and an open one are never the same row: the two figures add up)."""
    counts = overdue_counts(scope, OPINION_RESPONSE)
    for agency, (_n, late) in _done_late_by_agency(OPINION_RESPONSE, scope).items():
        if late:
            counts[agency] = counts.get(agency, 0) + late
    return Figures(counts)


def opinions_late_objects(scope: Scope, agency_id: int) -> QuerySet:
    rows = _opinion_rows(scope).filter(agency_id=agency_id)
    return OpinionEvent.objects.filter(pk__in=rows.values("object_id"))


# --- messages past the three-month veto line -------------------------------------------------


def _messages_past_veto(scope: Scope) -> QuerySet:
    return past_veto_line(
        PublicMessage.objects.filter(agency_id__in=scope.agency_ids), today=scope.today
    )


def messages_past_veto_count(scope: Scope) -> Figures:
    """The same messages as `past_veto_line` (received before the cut-off day), compared with
    the cut-off day's local midnight rather than each message's date: no date cast per row
    (a Python function on SQLite)."""
    cutoff = veto_cutoff_on(scope.today)
    since = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    rows = (
        PublicMessage.objects.filter(agency_id__in=scope.agency_ids)
        .open()
        .filter(received_at__lt=since)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
    )
    return Figures({row["agency_id"]: row["n"] for row in rows})


def messages_past_veto_objects(scope: Scope, agency_id: int) -> QuerySet:
    return _messages_past_veto(scope).filter(agency_id=agency_id).order_by("received_at")


# --- policies without an interpretation ------------------------------------------------------


def _policies(scope: Scope) -> QuerySet:
    # The period's local days as an instant range, not `published_at__date`: a cast per row
    # (a Python function on SQLite) over every record of every agency costs seconds at a
    # million records (bench/supervision.py), and the range can use an index.
    since = timezone.make_aware(datetime.datetime.combine(scope.period.start, datetime.time.min))
    until = timezone.make_aware(
        datetime.datetime.combine(scope.period.end + datetime.timedelta(days=1), datetime.time.min)
    )
    return Document.objects.filter(
        agency_id__in=scope.agency_ids,
        document_type__in=TYPES_NEEDING_INTERPRETATION,
        attribute=Attribute.PROACTIVE,
        status__in=[Status.PUBLISHED, Status.WITHDRAWN],
        published_at__gte=since,
        published_at__lt=until,
    )


def _without_interpretation(scope: Scope) -> QuerySet:
    interpreted = DocumentLink.objects.filter(
        target=OuterRef("pk"), kind=LinkKind.INTERPRETS, source__status=Status.PUBLISHED
    )
    return _policies(scope).filter(interpretation_waiver="").exclude(Exists(interpreted))


def policies_count(scope: Scope) -> Figures:
    """The policies of the period and those among them without an interpretation, per agency,
    in one pass over the period's policies."""
    links = DocumentLink.objects.filter(kind=LinkKind.INTERPRETS, source__status=Status.PUBLISHED)
    if connection.vendor == "postgresql":
        # One hashed set of the interpreted records rather than a probe per policy (PostgreSQL
        # 0.8 → 0.35–0.55 s at 1M records); SQLite is faster with the correlated EXISTS.
        interpreted = Q(pk__in=links.values("target_id"))
    else:
        interpreted = Q(Exists(links.filter(target=OuterRef("pk"))))
    rows = (
        _policies(scope)
        .order_by()
        .values("agency_id")
        .annotate(
            n=Count("pk"),
            without=Count("pk", filter=Q(interpretation_waiver="") & ~interpreted),
        )
    )
    return Figures(
        {r["agency_id"]: r["without"] for r in rows if r["without"]},
        {r["agency_id"]: r["n"] for r in rows},
    )


def policies_objects(scope: Scope, agency_id: int) -> QuerySet:
    return _without_interpretation(scope).filter(agency_id=agency_id)


# --- the annual report by 31 January -------------------------------------------------------


def annual_report_due_on(period: Period) -> datetime.date:
    """The report checked in a period is that of the year before the period's year."""
    month, day = ANNUAL_REPORT_MONTH_DAY
    return datetime.date(period.end.year, month, day)


FILED = (CatalogueStatus.FILED, CatalogueStatus.ACCEPTED)


def _agency_facts(scope: Scope) -> dict[int, tuple[bool, bool]]:
    """{agency id: (last year's report not owed past 31 January, catalogue filed)}: both facts
    of each agency in one query. The report's duty is the obligations ledger's row
    (reports.annual_report): overdue, or done late, counts; no open duty owes nothing."""
    due_on = annual_report_due_on(scope.period)
    late = (
        Obligation.objects.of_kind(ANNUAL_REPORT)
        .filter(
            agency_id=OuterRef("pk"),
            object_id__in=ReportDuty.objects.filter(year=due_on.year - 1).values("pk"),
        )
        .filter(Q(is_late=True) | Q(done_on__isnull=True, due_on__lt=scope.today))
    )
    filed = AgencyCatalogue.objects.filter(agency=OuterRef("pk"), status__in=FILED)
    rows = (
        Agency.objects.filter(pk__in=scope.agency_ids)
        .order_by()
        .values_list("pk", ~Exists(late), Exists(filed))
    )
    return {pk: (reported, is_filed) for pk, reported, is_filed in rows}


def _reports_missing(scope: Scope) -> set[int]:
    if scope.today <= annual_report_due_on(scope.period):
        return set()
    facts = scope.once("agencies", _agency_facts)
    return {pk for pk in scope.agency_ids if not facts.get(pk, (False, False))[0]}


def annual_report_count(scope: Scope) -> Figures:
    return Figures(dict.fromkeys(_reports_missing(scope), 1))


def annual_report_objects(scope: Scope, agency_id: int) -> QuerySet:
    """The agency itself: a missing report has no row to show."""
    if agency_id not in _reports_missing(scope):
        return Agency.objects.none()
    return Agency.objects.filter(pk=agency_id)


# --- the catalogue filed (备案) -------------------------------------------------------------


def _not_filed(scope: Scope) -> set[int]:
    facts = scope.once("agencies", _agency_facts)
    return {pk for pk in scope.agency_ids if not facts.get(pk, (False, False))[1]}


def catalogue_count(scope: Scope) -> Figures:
    return Figures(dict.fromkeys(_not_filed(scope), 1))


def catalogue_objects(scope: Scope, agency_id: int) -> QuerySet:
    if agency_id not in _not_filed(scope):
        return Agency.objects.none()
    return Agency.objects.filter(pk=agency_id)


# --- stale and blank columns ---------------------------------------------------------------


def _published_in_item() -> QuerySet:
    return Document.objects.filter(
        catalogue_item=OuterRef("pk"), status=Status.PUBLISHED, attribute=Attribute.PROACTIVE
    )


def _stale_since(scope: Scope) -> datetime.datetime:
    cutoff = add_months(scope.today, -scope.stale_months)
    # From the cut-off day's local midnight: no date cast of each record (bench/supervision.py).
    return timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))


def _items(scope: Scope) -> QuerySet:
    published = _published_in_item()
    since = _stale_since(scope)
    return (
        AgencyItem.objects.applicable()
        .filter(catalogue__agency_id__in=scope.agency_ids)
        .select_related("catalogue")
        .annotate(
            has_any=Exists(published),
            has_recent=Exists(published.filter(published_at__gte=since)),
        )
    )


def _stale(scope: Scope) -> QuerySet:
    return _items(scope).filter(has_any=True, has_recent=False)


def _blank(scope: Scope) -> QuerySet:
    return _items(scope).filter(has_any=False)


def _columns(scope: Scope) -> dict[int, tuple[int, int, int]]:
    """{agency id: (applicable items, blank, stale)}: each item's two EXISTS read once, for
    both kinds (one row per item, counted here)."""
    result: dict[int, tuple[int, int, int]] = {}
    rows = _items(scope).order_by()
    if connection.vendor == "postgresql":
        # PostgreSQL turns the second EXISTS into one hashed scan of every record published
        # since the day (~240,000 at 1M records, 0.5–1 s); a LIMIT 1 subquery it cannot hash
        # probes the (item, status, attribute, published_at) index once per item instead.
        recent = _published_in_item().filter(published_at__gte=_stale_since(scope))
        rows = rows.annotate(recent=Subquery(recent.order_by().values("pk")[:1])).values_list(
            "catalogue__agency_id", "has_any", "recent"
        )
    else:
        rows = rows.values_list("catalogue__agency_id", "has_any", "has_recent")
    for agency, has_any, recent in rows:
        has_recent = bool(recent)
        items, blank, stale = result.get(agency, (0, 0, 0))
        result[agency] = (items + 1, blank + (not has_any), stale + (has_any and not has_recent))
    return result


def _column_figures(scope: Scope, position: int) -> Figures:
    columns = scope.once("columns", _columns)
    return Figures(
        {agency: c[position] for agency, c in columns.items() if c[position]},
        {agency: c[0] for agency, c in columns.items()},
    )


def stale_count(scope: Scope) -> Figures:
    return _column_figures(scope, 2)


def stale_objects(scope: Scope, agency_id: int) -> QuerySet:
    return _stale(scope).filter(catalogue__agency_id=agency_id)


def blank_count(scope: Scope) -> Figures:
    return _column_figures(scope, 1)


def blank_objects(scope: Scope, agency_id: int) -> QuerySet:
    return _blank(scope).filter(catalogue__agency_id=agency_id)


# --- the kinds -----------------------------------------------------------------------------

KINDS: list[FindingKind] = [
    FindingKind(
        "late_records",
        _("信息逾期发布"),
        _(
            "主动公开信息应自形成或变更之日起20个工作日内公开（条例第二十六条），许可处罚7个工作日。"
        ),
        _done_late_figures(PUBLICATION),
        _done_late_objects(PUBLICATION, Document),
        default_method=Method.RATE,
    ),
    FindingKind(
        "records_overdue",
        _("信息逾期未发布"),
        _("已过公开期限仍未发布的主动公开信息（条例第二十六条）。"),
        _overdue_figures(PUBLICATION),
        _overdue_objects(PUBLICATION, Document),
        is_snapshot=True,
    ),
    FindingKind(
        "decisions_late",
        _("执法决定逾期公示"),
        _(
            "行政许可、行政处罚决定应自作出之日起7个工作日内公示，其他执法决定20个工作日（双公示）。"
        ),
        _done_late_figures(DECISION_PUBLICATION),
        _done_late_objects(DECISION_PUBLICATION, Decision),
        default_method=Method.RATE,
        default_weight=Decimal(0),
    ),
    FindingKind(
        "decisions_overdue",
        _("执法决定逾期未公示"),
        _("已过公示期限仍未公示的行政许可、行政处罚等执法决定（双公示）。"),
        _overdue_figures(DECISION_PUBLICATION),
        _overdue_objects(DECISION_PUBLICATION, Decision),
        is_snapshot=True,
        default_weight=Decimal(0),
    ),
    FindingKind(
        "expected_missing",
        _("定期公开信息缺失"),
        _("按月、季、年公开的目录事项，期间结束后到期仍未发布（目录事项的公开周期）。"),
        _overdue_figures(EXPECTED_PUBLICATION),
        _overdue_objects(
            EXPECTED_PUBLICATION,
            ExpectedPublication.objects.select_related("agency_item__catalogue"),
        ),
        is_snapshot=True,
    ),
    FindingKind(
        "applications_overdue",
        _("依申请公开逾期未答复"),
        _("已过答复期限仍未答复的申请（条例第三十三条）。"),
        _overdue_figures(REPLY),
        _overdue_objects(REPLY, Application),
        is_snapshot=True,
        default_deduction=Decimal(5),
    ),
    FindingKind(
        "applications_late",
        _("依申请公开逾期答复"),
        _("答复日期晚于答复期限的申请（条例第三十三条）。"),
        _done_late_figures(REPLY),
        _done_late_objects(REPLY, Application),
        default_method=Method.RATE,
    ),
    FindingKind(
        "messages_past_veto",
        _("留言超过3个月未答复"),
        _("有效留言超过3个月未答复，网站检查单项否决（国办秘函〔2019〕19号）。"),
        messages_past_veto_count,
        messages_past_veto_objects,
        is_snapshot=True,
        default_deduction=Decimal(10),
    ),
    FindingKind(
        "opinions_late",
        _("舆情回应不及时"),
        _("舆情首次回应晚于24或48小时的时限，或超时仍未回应（国办发〔2016〕61号）。"),
        opinions_late_count,
        opinions_late_objects,
        default_deduction=Decimal(5),
    ),
    FindingKind(
        "policies_without_interpretation",
        _("政策文件未同步解读"),
        _("规章、规范性文件和其他政策文件应与解读同步发布，未解读的须记录理由。"),
        policies_count,
        policies_objects,
        default_method=Method.RATE,
        default_weight=Decimal(5),
    ),
    FindingKind(
        "annual_report_late",
        _("年度报告未按时发布"),
        _("上一年度政府信息公开工作年度报告应于1月31日前公布（条例第四十九条）。"),
        annual_report_count,
        annual_report_objects,
        default_weight=Decimal(5),
        default_deduction=Decimal(5),
    ),
    FindingKind(
        "consultation_feedback_missing",
        _("征求意见反馈未公布"),
        _(
            "征求意见结束后应公布意见采纳情况反馈（本平台按截止后20个工作日计，可配置）；"
            "到期仍未公布。"
        ),
        _overdue_figures(CONSULTATION_FEEDBACK),
        _overdue_objects(CONSULTATION_FEEDBACK, Consultation.objects.select_related("draft")),
        is_snapshot=True,
        default_weight=Decimal(5),
    ),
    FindingKind(
        "catalogue_not_filed",
        _("公开目录未备案"),
        _("本机关政务公开目录应编制完成并报上级备案（基层政务公开标准化规范化要求）。"),
        catalogue_count,
        catalogue_objects,
        is_snapshot=True,
        default_weight=Decimal(5),
        default_deduction=Decimal(10),
    ),
    FindingKind(
        "stale_columns",
        _("栏目长期未更新"),
        _("目录事项（栏目）超过规定月数没有发布信息（国办秘函〔2019〕19号）。"),
        stale_count,
        stale_objects,
        is_snapshot=True,
        default_method=Method.RATE,
        default_weight=Decimal(5),
    ),
    FindingKind(
        "blank_columns",
        _("空白栏目"),
        _("适用的目录事项（栏目）从未发布信息（国办秘函〔2019〕19号）。"),
        blank_count,
        blank_objects,
        is_snapshot=True,
        default_method=Method.RATE,
        default_weight=Decimal(5),
    ),
]
# The supervising agency's own ledgers (reports, trainings, the link check): no default weight.
from gongkai.supervision.findings_ledgers import LEDGER_KINDS  # noqa: E402

KINDS.extend(LEDGER_KINDS)
# Service items without a complete guide (gongkai/service_guides/findings.py).
from gongkai.service_guides.findings import GUIDE_KINDS  # noqa: E402

KINDS.extend(GUIDE_KINDS)
# Major construction projects' information past its time limit (gongkai/projects/findings.py).
from gongkai.projects.findings import PROJECT_KINDS  # noqa: E402

KINDS.extend(PROJECT_KINDS)
# New-media accounts silent too long, and the site and its channels out of step
# (gongkai/newmedia/findings.py).
from gongkai.newmedia.findings import NEWMEDIA_KINDS  # noqa: E402

KINDS.extend(NEWMEDIA_KINDS)
# No leader's interpretation in a year (gongkai/press/findings.py).
from gongkai.press.findings import PRESS_KINDS  # noqa: E402

KINDS.extend(PRESS_KINDS)
BY_CODE = {kind.code: kind for kind in KINDS}


def get_kind(code: str) -> FindingKind | None:
    return BY_CODE.get(code)


def choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in KINDS]


def monthly_trend(kind: FindingKind, scope: Scope, months: list[Period]) -> list[int]:
    """The total of `kind` over the scope's agencies in each month (a snapshot kind: the
    figure now, repeated is meaningless, so only period kinds have a trend)."""
    totals = []
    for month in months:
        figures = kind.count(
            Scope(scope.agency_ids, month, scope.today, scope.now, scope.stale_months)
        )
        totals.append(sum(figures.counts.values()))
    return totals
