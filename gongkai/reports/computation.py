"""The annual report's figures, counted in the database from the records.

Every cell is defined once: Table A and Table C cells as a `Q` over Document, Decision
(enforcement) and RemedyCase (`document_cells`, `decision_cells`, `remedy_columns`), Table B
rows and columns as conditions on a few facts of each application computed in SQL
(`application_facts`, `application_rows`). The counts are aggregated in the database
(conditional `Count`s; for Table B one grouped count per combination of facts), and the
console's drill-down lists the very same rows (`applications_in_cell` …). Nothing loops
over applications in Python. The rules behind each definition are in
gongkai/reports/README.md.

Periods are calendar years in the platform's time zone (settings.TIME_ZONE): dates compare
with 1 January and 31 December, instants (`published_at`) with local midnight.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.documents.models import Attribute, Document, DocumentType, Validity
from gongkai.documents.models import Status as DocumentStatus
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.foi.models import OPEN_STATUSES, Application, CaseKind, CaseResult, Event, LogKind
from gongkai.foi.outcomes import REPORT_COLUMNS, REPORT_ROWS, ApplicantType, Outcome
from gongkai.reports.models import ManualFigure
from gongkai.reports.timeliness import late_counts

# --- the cells -------------------------------------------------------------------------------

TABLE_A_COLUMNS: dict[str, tuple[str, ...]] = {
    "rule": ("issued", "repealed", "valid"),
    "normative": ("issued", "repealed", "valid"),
    "licensing": ("decisions",),
    "penalty": ("decisions",),
    "enforcement": ("decisions",),
    "fees": ("amount",),
}
"""Table A (spec §3.2): row → its columns, in printed order."""

TABLE_A_ROWS: list[str] = list(TABLE_A_COLUMNS)
TABLE_A_KEYS: list[str] = [f"{row}.{col}" for row, cols in TABLE_A_COLUMNS.items() for col in cols]
"""Flat cell keys ("rule.issued" …): what a ManualFigure may override."""

AMOUNT_KEYS = frozenset({"fees.amount"})
"""Cells that hold an amount (万元, decimals allowed) rather than a count."""

DECISION_KEYS = frozenset({"licensing.decisions", "penalty.decisions", "enforcement.decisions"})
"""Cells that count enforcement decisions (gongkai.enforcement), not records."""

_DOCUMENT_TYPE_OF_ROW = {
    "rule": DocumentType.RULE,
    "normative": DocumentType.NORMATIVE,
}

# Table A's 本年处理决定数量 rows and the decisions they count (issue #13 §1).
_DECISION_KIND_OF_ROW = {
    "licensing": DecisionKind.LICENSING,
    "penalty": DecisionKind.PENALTY,
    "enforcement": DecisionKind.COERCION,
}

TABLE_B_ROWS: list[str] = list(REPORT_ROWS)
TABLE_B_COLUMNS: list[str] = list(REPORT_COLUMNS)
OUTCOME_ROWS: list[str] = list(Outcome.values)

TABLE_C_GROUPS: list[str] = list(CaseKind.values)
TABLE_C_COLUMNS: list[str] = ["upheld", "corrected", "other", "pending", "total"]

ANOMALY_KINDS: list[str] = [
    "concluded_without_outcome",
    "unknown_applicant_type",
    "closed_before_received",
    "closed_date_on_open_case",
    "closed_without_date",
]
"""Record problems that make the tables wrong or doubtful; the checks name their ids."""

MAX_LISTED_IDS = 200
"""At most this many ids are kept per list in a snapshot; longer lists are marked cut."""


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """1 January and 31 December of `year`."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def year_instants(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """Local midnight opening `year` and the next one, in settings.TIME_ZONE."""
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


# Table B is counted from a few facts of each application relative to the year, computed in
# SQL (`application_facts`): when it was received, when (whether) it was concluded, and flags.
# Every row, column and record problem is a condition on those facts: fact → allowed values.
# The same condition filters the drill-down (`as_q`) and classifies the grouped counts
# (`matches`), so each rule is written once.
Condition = dict[str, frozenset]

RECEIVED_BEFORE, RECEIVED_DURING, RECEIVED_AFTER = 0, 1, 2
NOT_CLOSED, CLOSED_BEFORE, CLOSED_DURING, CLOSED_AFTER = 0, 1, 2, 3


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def application_facts(year: int) -> dict[str, Case]:
    """SQL expressions of what Table B needs to know about an application in `year`."""
    start, end = year_bounds(year)
    return {
        "received_period": Case(
            When(received_on__lt=start, then=Value(RECEIVED_BEFORE)),
            When(received_on__lte=end, then=Value(RECEIVED_DURING)),
            default=Value(RECEIVED_AFTER),
            output_field=IntegerField(),
        ),
        "closed_period": Case(
            When(closed_on__isnull=True, then=Value(NOT_CLOSED)),
            When(closed_on__lt=start, then=Value(CLOSED_BEFORE)),
            When(closed_on__lte=end, then=Value(CLOSED_DURING)),
            default=Value(CLOSED_AFTER),
            output_field=IntegerField(),
        ),
        "outcome_known": _flag(Q(outcome__in=OUTCOME_ROWS)),
        "type_known": _flag(Q(applicant_type__in=ApplicantType.values)),
        "is_open": _flag(Q(status__in=OPEN_STATUSES)),
        "closed_before_received": _flag(Q(closed_on__lt=F("received_on"))),
    }


def _condition(**allowed: Any) -> Condition:
    return {fact: frozenset(values) for fact, values in allowed.items()}


def application_rows() -> dict[str, Condition]:
    """Table B rows (spec §3.3) as conditions on the application's facts.

    一 new: received in the year. 二 carried_in: received before 1 January and not concluded
    before it. Each result row: concluded (closed_on) in the year with that outcome, so an
    application counts in exactly one result row, in the year it was concluded. （七）total:
    every application concluded in the year, whatever its outcome (so that a missing outcome
    shows up as a difference). 四 carried_out: received by 31 December and not concluded by it.
    """
    return {
        "new": _condition(received_period={RECEIVED_DURING}),
        "carried_in": _condition(
            received_period={RECEIVED_BEFORE},
            closed_period={NOT_CLOSED, CLOSED_DURING, CLOSED_AFTER},
        ),
        **{
            outcome: _condition(closed_period={CLOSED_DURING}, outcome={outcome})
            for outcome in OUTCOME_ROWS
        },
        "total": _condition(closed_period={CLOSED_DURING}),
        "carried_out": _condition(
            received_period={RECEIVED_BEFORE, RECEIVED_DURING},
            closed_period={NOT_CLOSED, CLOSED_AFTER},
        ),
    }


def application_columns() -> dict[str, Condition]:
    """Table B columns: one per applicant type, and 总计 over every application."""
    return {
        **{kind: _condition(applicant_type={kind}) for kind in ApplicantType.values},
        "total": {},
    }


def application_anomalies() -> dict[str, Condition]:
    """Record problems among the year's applications (those in any Table B row)."""
    return {
        # Concluded in the year but no (known) outcome: counted in （七） but in no result row.
        "concluded_without_outcome": _condition(closed_period={CLOSED_DURING}, outcome_known={0}),
        # Counted in 总计 but in none of the six applicant columns.
        "unknown_applicant_type": _condition(type_known={0}),
        # Breaks 一 + 二 = 三 + 四 across the year boundary.
        "closed_before_received": _condition(closed_before_received={1}),
        # Counted as concluded (and in a result row) although the case is still open.
        "closed_date_on_open_case": _condition(
            closed_period={CLOSED_BEFORE, CLOSED_DURING, CLOSED_AFTER}, is_open={1}
        ),
        # Closed, but never counted as concluded: it would be carried forward for ever.
        "closed_without_date": _condition(closed_period={NOT_CLOSED}, is_open={0}),
    }


def matches(values: dict[str, Any], condition: Condition) -> bool:
    """Whether one grouped row of facts meets `condition`."""
    return all(values[fact] in allowed for fact, allowed in condition.items())


def as_q(condition: Condition) -> Q:
    """`condition` as a filter on a queryset carrying `application_facts`."""
    return Q(**{f"{fact}__in": sorted(allowed) for fact, allowed in condition.items()})


def application_scope() -> Q:
    """Every application that appears anywhere in the year's Table B."""
    scope = Q(pk__in=[])
    for condition in application_rows().values():
        scope |= as_q(condition)
    return scope


def applications_with_facts(agency_ids: list[int], year: int) -> QuerySet:
    return Application.objects.filter(agency_id__in=agency_ids).alias(**application_facts(year))


def document_cells(year: int) -> dict[str, Q]:
    """Table A cells drawn from the document library, as conditions on Document (spec §3.2).

    The 2021 format counts documents issued in the year, so a record belongs to the year of
    its 成文日期, not of its publication. "On record at 31 December": formed by then,
    published (by the time of counting) and not withdrawn before the year ended.

    本年制发 = on record and formed in the year; 本年废止 = repealed or expired with the date
    of change in the year; 现行有效 = on record, proactive, and valid (or amended) on
    31 December. The 本年处理决定数量 cells count decisions (`decision_cells`).
    """
    start, end = year_bounds(year)
    _opens, closes = year_instants(year)
    on_record = Q(formed_on__lte=end) & (
        Q(status=DocumentStatus.PUBLISHED)
        | Q(status=DocumentStatus.WITHDRAWN, withdrawn_at__gte=closes)
    )
    formed_in_year = on_record & Q(formed_on__gte=start)
    ended = [Validity.REPEALED, Validity.EXPIRED]
    repealed_in_year = Q(
        status__in=[DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN],
        validity__in=ended,
        validity_changed_on__gte=start,
        validity_changed_on__lte=end,
    )
    valid_at_end = (
        on_record
        & Q(attribute=Attribute.PROACTIVE)
        & (
            Q(validity__in=[Validity.VALID, Validity.AMENDED])
            | Q(validity__in=ended, validity_changed_on__gt=end)
        )
    )
    cells: dict[str, Q] = {}
    for row in ("rule", "normative"):
        of_type = Q(document_type=_DOCUMENT_TYPE_OF_ROW[row])
        cells[f"{row}.issued"] = of_type & formed_in_year
        cells[f"{row}.repealed"] = of_type & repealed_in_year
        cells[f"{row}.valid"] = of_type & valid_at_end
    return cells


def decision_cells(year: int) -> dict[str, Q]:
    """Table A's 本年处理决定数量 cells as conditions on enforcement decisions: decided in the
    year (not published: a penalty decided on 29 December and published on 5 January is the
    earlier year's), published by the time of counting and not withdrawn before the year
    ended. 行政强制 is the 行政强制 kind; inspections and other decisions have no row."""
    start, end = year_bounds(year)
    _opens, closes = year_instants(year)
    on_record = Q(status=DecisionStatus.PUBLISHED) | Q(
        status=DecisionStatus.WITHDRAWN, withdrawn_at__gte=closes
    )
    in_year = Q(decided_on__gte=start, decided_on__lte=end)
    return {
        f"{row}.decisions": Q(kind=kind) & in_year & on_record
        for row, kind in _DECISION_KIND_OF_ROW.items()
    }


def cell_aggregates(year: int) -> dict[str, Count]:
    """What each document cell of Table A counts: the records."""
    return {key: Count("pk", filter=condition) for key, condition in document_cells(year).items()}


def decision_aggregates(year: int) -> dict[str, Count]:
    """What each decisions cell of Table A counts: the decisions."""
    return {key: Count("pk", filter=condition) for key, condition in decision_cells(year).items()}


def proactive_published(year: int) -> Q:
    """Every record proactively published in the year and on record at its end (section 一)."""
    opens, closes = year_instants(year)
    return Q(attribute=Attribute.PROACTIVE, published_at__gte=opens, published_at__lt=closes) & (
        Q(status=DocumentStatus.PUBLISHED)
        | Q(status=DocumentStatus.WITHDRAWN, withdrawn_at__gte=closes)
    )


def _conclusion_on() -> Case:
    # A known result without a date is taken as concluded when filed: it then counts once,
    # in its filing year, instead of again every year.
    return Case(
        When(result=CaseResult.PENDING, then=Value(None, output_field=DateField())),
        default=Coalesce("concluded_on", "filed_on"),
        output_field=DateField(),
    )


def remedy_scope(year: int) -> Q:
    """Cases of the year: filed in it, or filed earlier and not concluded before 1 January.

    Needs the `conclusion_on` annotation (see `remedy_cases`)."""
    start, end = year_bounds(year)
    return Q(filed_on__lte=end) & (
        Q(filed_on__gte=start) | Q(conclusion_on__isnull=True) | Q(conclusion_on__gte=start)
    )


def remedy_columns(year: int) -> dict[str, Q]:
    """Table C columns: a result known by 31 December counts under it, anything else under
    尚未审结; 总计 is every case of the year."""
    _start, end = year_bounds(year)
    known = Q(conclusion_on__lte=end)
    return {
        "upheld": known & Q(result=CaseResult.UPHELD),
        "corrected": known & Q(result=CaseResult.CORRECTED),
        "other": known & Q(result=CaseResult.OTHER),
        "pending": Q(conclusion_on__isnull=True) | Q(conclusion_on__gt=end),
        "total": Q(),
    }


# --- what the drill-down lists --------------------------------------------------------------


def applications_in_cell(agency_ids: list[int], year: int, row: str, column: str) -> QuerySet:
    """The applications behind one Table B cell."""
    rows, columns = application_rows(), application_columns()
    if row not in rows or column not in columns:
        raise KeyError(f"no Table B cell {row}/{column}")
    return applications_with_facts(agency_ids, year).filter(as_q(rows[row]) & as_q(columns[column]))


def documents_in_cell(agency_ids: list[int], year: int, key: str) -> QuerySet:
    """The records behind one Table A cell: documents, or for a decisions cell the enforcement
    decisions (not the fees cell, which no record holds)."""
    if key in DECISION_KEYS:
        return Decision.objects.filter(agency_id__in=agency_ids).filter(decision_cells(year)[key])
    cells = document_cells(year)
    if key not in cells:
        raise KeyError(f"no Table A cell drawn from records: {key}")
    return Document.objects.filter(agency_id__in=agency_ids).filter(cells[key])


def cell_total(agency_ids: list[int], year: int, key: str) -> int:
    """What one Table A cell counts from the records of `documents_in_cell` (clerk-entered
    figures aside)."""
    return documents_in_cell(agency_ids, year, key).count()


def remedy_cases(agency_ids: list[int]) -> QuerySet:
    """Review and litigation cases about the agencies' applications, with `conclusion_on`."""
    from gongkai.foi.models import RemedyCase

    return RemedyCase.objects.filter(application__agency_id__in=agency_ids).annotate(
        conclusion_on=_conclusion_on()
    )


def remedy_cases_in_cell(agency_ids: list[int], year: int, group: str, column: str) -> QuerySet:
    """The cases behind one Table C cell."""
    columns = remedy_columns(year)
    if group not in TABLE_C_GROUPS or column not in columns:
        raise KeyError(f"no Table C cell {group}/{column}")
    return (
        remedy_cases(agency_ids)
        .filter(remedy_scope(year))
        .filter(kind=group)
        .filter(columns[column])
    )


def manual_figures(agency_ids: list[int], year: int) -> QuerySet:
    return ManualFigure.objects.filter(agency_id__in=agency_ids, year=year).select_related("agency")


# --- the result ----------------------------------------------------------------------------


@dataclass
class ReportData:
    """The figures of one report (an agency, or an agency with its subordinates), as counted.

    `table_a[row][col]` is an int, except fees (a Decimal in 万元, None when nobody entered it);
    `table_b[row][col]` and `table_c[group][col]` are ints. `anomalies[kind]` lists
    [application id, applicant type] pairs (at most MAX_LISTED_IDS; `anomaly_counts` has the
    full count). `carried_in_ids`/`carried_out_ids` are None when longer than MAX_LISTED_IDS.
    """

    agency_ids: list[int]
    year: int
    table_a: dict[str, dict[str, Any]]
    table_b: dict[str, dict[str, int]]
    table_c: dict[str, dict[str, int]]
    table_a_sources: dict[str, str] = field(default_factory=dict)
    manual_notes: list[dict[str, str]] = field(default_factory=list)
    anomalies: dict[str, list[list[Any]]] = field(default_factory=dict)
    anomaly_counts: dict[str, int] = field(default_factory=dict)
    carried_in_ids: list[int] | None = None
    carried_out_ids: list[int] | None = None
    fees_collected_yuan: int = 0
    proactive_published: int = 0
    # Applications given a delayed reply date under 条例第三十五条 in the year (section 六).
    art35_delays: int = 0
    # Duties done late in the year, from the obligations ledger (timeliness.py; section 五).
    late_publications: int = 0
    late_replies: int = 0
    # The yearly review of withheld information (gongkai.yearly_review; section 一（三）).
    review_items: int = 0
    review_kept: int = 0
    review_released: int = 0
    review_released_in_part: int = 0
    # Deputies' suggestions and CPPCC proposals of the year (gongkai.proposals; section 六):
    # {kind: {"received", "replied", "A", "B", "C"}}.
    proposals: dict[str, dict[str, int]] = field(default_factory=dict)
    computed_at: str = ""

    def cell_a(self, key: str) -> Any:
        row, col = key.split(".")
        return self.table_a[row][col]

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe snapshot (amounts as strings) that `from_json` reads back."""
        table_a = {
            row: {col: _amount_text(v) if isinstance(v, Decimal) else v for col, v in cols.items()}
            for row, cols in self.table_a.items()
        }
        return {
            "agency_ids": list(self.agency_ids),
            "year": self.year,
            "table_a": table_a,
            "table_b": self.table_b,
            "table_c": self.table_c,
            "table_a_sources": self.table_a_sources,
            "manual_notes": self.manual_notes,
            "anomalies": self.anomalies,
            "anomaly_counts": self.anomaly_counts,
            "carried_in_ids": self.carried_in_ids,
            "carried_out_ids": self.carried_out_ids,
            "fees_collected_yuan": self.fees_collected_yuan,
            "proactive_published": self.proactive_published,
            "art35_delays": self.art35_delays,
            "late_publications": self.late_publications,
            "late_replies": self.late_replies,
            "review_items": self.review_items,
            "review_kept": self.review_kept,
            "review_released": self.review_released,
            "review_released_in_part": self.review_released_in_part,
            "proposals": self.proposals,
            "computed_at": self.computed_at,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ReportData:
        table_a = {
            row: {
                col: (Decimal(v) if f"{row}.{col}" in AMOUNT_KEYS and v is not None else v)
                for col, v in cols.items()
            }
            for row, cols in raw["table_a"].items()
        }
        return cls(
            agency_ids=list(raw.get("agency_ids", [])),
            year=int(raw["year"]),
            table_a=table_a,
            table_b=raw["table_b"],
            table_c=raw["table_c"],
            table_a_sources=raw.get("table_a_sources", {}),
            manual_notes=raw.get("manual_notes", []),
            anomalies=raw.get("anomalies", {}),
            anomaly_counts=raw.get("anomaly_counts", {}),
            carried_in_ids=raw.get("carried_in_ids"),
            carried_out_ids=raw.get("carried_out_ids"),
            fees_collected_yuan=int(raw.get("fees_collected_yuan", 0)),
            proactive_published=int(raw.get("proactive_published", 0)),
            art35_delays=int(raw.get("art35_delays", 0)),
            late_publications=int(raw.get("late_publications", 0)),
            late_replies=int(raw.get("late_replies", 0)),
            review_items=int(raw.get("review_items", 0)),
            review_kept=int(raw.get("review_kept", 0)),
            review_released=int(raw.get("review_released", 0)),
            review_released_in_part=int(raw.get("review_released_in_part", 0)),
            proposals=raw.get("proposals", {}),
            computed_at=raw.get("computed_at", ""),
        )

    def figures(self) -> dict[str, Any]:
        """Only the three tables (for comparing a snapshot with a fresh count)."""
        snapshot = self.to_json()
        return {key: snapshot[key] for key in ("table_a", "table_b", "table_c")}


def _amount_text(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.0001")).normalize(), "f")


def _alias(key: str) -> str:
    return "c_" + key.replace(".", "_")


# --- computing -------------------------------------------------------------------------------


def compute_report(agency_ids: list[int] | set[int], year: int) -> ReportData:
    """Count the year's report for `agency_ids` (one agency, or one with its subordinates:
    a roll-up is the same count over more agencies)."""
    ids = sorted(set(agency_ids))
    table_b, anomaly_counts = _count_applications(ids, year)
    table_a, sources, notes = _count_table_a(ids, year)
    return ReportData(
        agency_ids=ids,
        year=year,
        table_a=table_a,
        table_b=table_b,
        table_c=_count_remedies(ids, year),
        table_a_sources=sources,
        manual_notes=notes,
        anomalies=_anomaly_ids(ids, year, anomaly_counts),
        anomaly_counts=anomaly_counts,
        carried_in_ids=_ids_in_row(ids, year, "carried_in", table_b),
        carried_out_ids=_ids_in_row(ids, year, "carried_out", table_b),
        fees_collected_yuan=_fees_collected(ids, year),
        proactive_published=Document.objects.filter(agency_id__in=ids)
        .filter(proactive_published(year))
        .count(),
        art35_delays=_art35_delays(ids, year),
        **late_counts(ids, year),
        **_review_counts(ids, year),
        proposals=_proposal_counts(ids, year),
        computed_at=timezone.now().isoformat(timespec="seconds"),
    )


def _review_counts(ids: list[int], year: int) -> dict[str, int]:
    """The decisions of the year's review of withheld information (section 一（三）)."""
    from gongkai.yearly_review.services import review_summary

    summary = review_summary(ids, year)
    return {
        "review_items": summary.items,
        "review_kept": summary.kept,
        "review_released": summary.released,
        "review_released_in_part": summary.released_in_part,
    }


def _proposal_counts(ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """The year's suggestions and proposals per kind: assigned, replied and per class."""
    from gongkai.proposals.services import yearly_counts

    return {
        row.kind: {
            "received": row.received,
            "replied": row.replied,
            "A": row.a,
            "B": row.b,
            "C": row.c,
        }
        for row in yearly_counts(ids, year=year)
    }


FACTS = [
    "received_period",
    "closed_period",
    "outcome_known",
    "type_known",
    "is_open",
    "closed_before_received",
]


def _count_applications(
    ids: list[int], year: int
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """One grouped query over the agencies' applications: how many share each combination of
    applicant type, outcome and facts (a few hundred groups); rows, columns and record
    problems are then read off the groups. No filter but the agencies: a range or OR on the
    dates lets SQLite pick a date index and fetch rows one by one, which is slower than
    reading them all."""
    rows, columns, anomalies = application_rows(), application_columns(), application_anomalies()
    grouped = (
        Application.objects.filter(agency_id__in=ids)
        .annotate(**application_facts(year))
        .values("applicant_type", "outcome", *FACTS)
        .annotate(n=Count("pk"))
        .order_by()
    )
    table_b = {row: dict.fromkeys(TABLE_B_COLUMNS, 0) for row in TABLE_B_ROWS}
    anomaly_counts = dict.fromkeys(ANOMALY_KINDS, 0)
    for group in grouped:  # one per combination of facts, not per application
        in_rows = [row for row, condition in rows.items() if matches(group, condition)]
        if not in_rows:
            continue  # concluded before the year, or received after it
        in_columns = [col for col, condition in columns.items() if matches(group, condition)]
        for row in in_rows:
            for col in in_columns:
                table_b[row][col] += group["n"]
        for kind, condition in anomalies.items():
            if matches(group, condition):
                anomaly_counts[kind] += group["n"]
    return table_b, anomaly_counts


def _anomaly_ids(ids: list[int], year: int, counts: dict[str, int]) -> dict[str, list[list[Any]]]:
    found: dict[str, list[list[Any]]] = {}
    conditions = application_anomalies()
    for kind in ANOMALY_KINDS:
        if not counts.get(kind):
            continue
        pairs = (
            applications_with_facts(ids, year)
            .filter(application_scope() & as_q(conditions[kind]))
            .order_by("pk")
            .values_list("pk", "applicant_type")[:MAX_LISTED_IDS]
        )
        found[kind] = [list(pair) for pair in pairs]
    return found


def _ids_in_row(
    ids: list[int], year: int, row: str, table_b: dict[str, dict[str, int]]
) -> list[int] | None:
    if table_b[row]["total"] > MAX_LISTED_IDS:
        return None
    return list(
        applications_with_facts(ids, year)
        .filter(as_q(application_rows()[row]))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _count_remedies(ids: list[int], year: int) -> dict[str, dict[str, int]]:
    columns = remedy_columns(year)
    grouped = (
        remedy_cases(ids)
        .filter(remedy_scope(year))
        .values("kind")
        .annotate(**{_alias(col): Count("pk", filter=q) for col, q in columns.items()})
        .order_by()
    )
    table_c = {group: dict.fromkeys(TABLE_C_COLUMNS, 0) for group in TABLE_C_GROUPS}
    for group in grouped:
        if group["kind"] in table_c:
            for col in TABLE_C_COLUMNS:
                table_c[group["kind"]][col] += group[_alias(col)]
    return table_c


def _count_table_a(
    ids: list[int], year: int
) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[dict[str, str]]]:
    """Table A from the records per agency, then each clerk-entered figure replaces its
    agency's counted cell (the loops run over agencies and cells, not over records)."""
    document_aggregates = cell_aggregates(year)
    decision_counts = decision_aggregates(year)
    cells = {**document_aggregates, **decision_counts}
    per_agency: dict[int, dict[str, Any]] = {}
    for row in (
        Document.objects.filter(agency_id__in=ids)
        .filter(document_type__in=list(_DOCUMENT_TYPE_OF_ROW.values()))
        .values("agency_id")
        .annotate(**{_alias(key): aggregate for key, aggregate in document_aggregates.items()})
        .order_by()
    ):
        per_agency.setdefault(row["agency_id"], {}).update(row)
    for row in (
        Decision.objects.filter(agency_id__in=ids, kind__in=list(_DECISION_KIND_OF_ROW.values()))
        .values("agency_id")
        .annotate(**{_alias(key): aggregate for key, aggregate in decision_counts.items()})
        .order_by()
    ):
        per_agency.setdefault(row["agency_id"], {}).update(row)
    totals: dict[str, Any] = {
        key: sum(row.get(_alias(key), 0) for row in per_agency.values()) for key in cells
    }
    totals["fees.amount"] = None  # the platform holds no fee records: entered or blank
    sources = dict.fromkeys(cells, "records")
    sources["fees.amount"] = "none"
    notes: list[dict[str, str]] = []
    for figure in manual_figures(ids, year).order_by("agency__code", "key"):
        if figure.key not in TABLE_A_KEYS:
            continue
        if figure.key in AMOUNT_KEYS:
            totals[figure.key] = (totals[figure.key] or Decimal(0)) + figure.value
        else:
            counted = per_agency.get(figure.agency_id, {}).get(_alias(figure.key), 0)
            totals[figure.key] += int(figure.value) - counted
        sources[figure.key] = "manual"
        notes.append(
            {
                "agency": figure.agency.code,
                "agency_name": figure.agency.name,
                "key": figure.key,
                "value": _amount_text(figure.value),
                "source_note": figure.source_note,
            }
        )
    table_a = {
        row: {col: totals[f"{row}.{col}"] for col in cols} for row, cols in TABLE_A_COLUMNS.items()
    }
    return table_a, sources, notes


def _fees_collected(ids: list[int], year: int) -> int:
    """信息处理费 actually paid in the year, in 元 (section 六).

    The payment date is the fee-paid log entry; an application with an amount but no such
    entry (imported, or entered directly) counts in the year it was closed, else received.
    """
    start, end = year_bounds(year)
    paid = Event.objects.filter(application=OuterRef("pk"), kind=LogKind.FEE_PAID)
    total = (
        Application.objects.filter(agency_id__in=ids, fee_paid_amount__gt=0)
        .annotate(fee_day=Coalesce("closed_on", "received_on"))
        .filter(
            Exists(paid.filter(on__gte=start, on__lte=end))
            | (~Exists(paid) & Q(fee_day__gte=start, fee_day__lte=end))
        )
        .aggregate(total=Sum("fee_paid_amount"))["total"]
    )
    return int(total or 0)


def _art35_delays(ids: list[int], year: int) -> int:
    """Applications given a delayed reply date (条例第三十五条) in the year (section 六)."""
    return Application.objects.filter(agency_id__in=ids).delayed_in(year).count()
