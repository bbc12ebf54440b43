"""The data of the supervision benchmark (bench/supervision.py): one city commission, its
subordinates with their derived catalogues, N records with their ledger rows, and the open and
done obligations of the other kinds, with the proportions described in bench/README.md.

Everything is written with bulk inserts that bypass the models' signals (the ledger rows are
written here directly, with the values `gongkai.obligations.services._values` would store):
executemany on SQLite, COPY on PostgreSQL. Ids are given explicitly so the ledger rows can
name their subjects; the sequences are reset at the end. One seeded random stream: the same
data every run for the same sizes.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 11, 16)
NOW = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=TZ)
FIRST_DAY = datetime.date(2025, 1, 1)
CITY_CODE = "BENCH-CITY"
BATCH = 10_000

# Document types by weight: news and notices dominate, policies (which need an
# interpretation) are a few per cent, licensing and penalty results are frequent.
TYPE_WEIGHTS = {
    "news": 30,
    "notice": 20,
    "licensing": 12,
    "penalty": 6,
    "inspection": 4,
    "service_guide": 4,
    "personnel": 4,
    "budget": 2,
    "plan": 2,
    "policy": 5,
    "normative": 2.5,
    "rule": 0.5,
    "interpretation": 3,
    "other": 5,
}
POLICY_TYPES = {"rule", "normative", "policy"}


@dataclass
class Sizes:
    agencies: int
    records: int
    open_obligations: int


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# --- bulk insertion --------------------------------------------------------------------------


class Inserter:
    """Rows of `model` given as dicts of attnames; every other column gets its default."""

    def __init__(self, connection, model, names: list[str]):
        self.connection = connection
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        by_attname = {f.attname: f for f in self.fields}
        unknown = set(names) - set(by_attname)
        if unknown:
            raise ValueError(f"{model.__name__}: unknown fields {sorted(unknown)}")
        self.names = names
        self.is_postgres = connection.vendor == "postgresql"
        self.defaults = {}
        for f in self.fields:
            if f.attname not in names:
                self.defaults[f.attname] = f.get_db_prep_save(f.get_default(), connection)
        # On SQLite dates and datetimes go through Django's adapters (strings in UTC).
        self.prepared = {
            f.attname: f
            for f in self.fields
            if f.attname in names
            and not self.is_postgres
            and f.get_internal_type() in ("DateField", "DateTimeField")
        }

    def _row(self, values: dict) -> tuple:
        out = []
        for f in self.fields:
            name = f.attname
            if name in self.defaults:
                out.append(self.defaults[name])
            elif name in self.prepared:
                out.append(f.get_db_prep_save(values[name], self.connection))
            else:
                out.append(values[name])
        return tuple(out)

    def write(self, rows: Iterable[dict]) -> int:
        table = self.connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(self.connection.ops.quote_name(c) for c in self.columns)
        written = 0
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in rows:
                        copy.write_row(self._row(values))
                        written += 1
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model names)
                batch = []
                for values in rows:
                    batch.append(self._row(values))
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        written += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    written += len(batch)
        return written


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


# --- dates -----------------------------------------------------------------------------------


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def office_moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """A moment in office hours (Asia/Shanghai) on `day`."""
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30)
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), tzinfo=TZ)


def working_days_later(day: datetime.date, days: int) -> datetime.date:
    """Roughly `days` working days later (weekends only: enough for generated data)."""
    return day + datetime.timedelta(days=days + 2 * (days // 5) + 2)


# --- the agencies and catalogues -------------------------------------------------------------


def make_agencies(sizes: Sizes, rng: random.Random):
    from gongkai.agencies.models import Agency, Level
    from gongkai.catalogue.models import AgencyCatalogue, AgencyItem, CatalogueStatus, ItemStatus
    from gongkai.catalogue.services import derive_catalogue

    city = Agency.objects.create(code=CITY_CODE, name="基准市卫生健康委员会", level=Level.CITY)
    children = []
    for number in range(1, sizes.agencies + 1):
        county = number <= sizes.agencies * 2 // 3
        children.append(
            Agency(
                code=f"BENCH-{number:04d}",
                name=(f"基准{number}县卫生健康局" if county else f"基准市第{number}人民医院"),
                level=Level.COUNTY if county else Level.INSTITUTION,
                parent=city,
            )
        )
    Agency.objects.bulk_create(children)
    children = list(Agency.objects.filter(parent=city).order_by("code"))
    from django.db import transaction

    for agency in children:
        with transaction.atomic():
            derive_catalogue(agency=agency, actor=None)
    # 备案: most catalogues filed or accepted, some still drafts or returned.
    statuses = [CatalogueStatus.ACCEPTED] * 14 + [CatalogueStatus.FILED] * 3
    statuses += [CatalogueStatus.DRAFT] * 2 + [CatalogueStatus.RETURNED]
    for agency in children:
        AgencyCatalogue.objects.filter(agency=agency).update(status=rng.choice(statuses))
    # A few standard items do not apply to each agency (4 %).
    items_by_agency: dict[int, list[tuple[int, str]]] = {}
    not_applicable = []
    for item_id, agency_id, cadence in AgencyItem.objects.filter(
        catalogue__agency__parent=city
    ).values_list("pk", "catalogue__agency_id", "cadence"):
        if rng.random() < 0.04:
            not_applicable.append(item_id)
        else:
            items_by_agency.setdefault(agency_id, []).append((item_id, cadence))
    AgencyItem.objects.filter(pk__in=not_applicable).update(
        status=ItemStatus.NOT_APPLICABLE, not_applicable_reason="本机关无此职能"
    )
    return city, children, items_by_agency


def make_annual_reports(children, rng: random.Random) -> int:
    """The 2025 reports: most published by 31 January 2026, some late, a few missing."""
    from gongkai.reports.models import AnnualReport, Status

    reports = []
    for agency in children:
        draw = rng.random()
        if draw < 0.05:
            continue
        if draw < 0.08:
            reports.append(AnnualReport(agency=agency, year=2025, status=Status.DRAFT))
            continue
        day = datetime.date(2026, 1, rng.randint(10, 31))
        if draw < 0.18:
            day = datetime.date(2026, 2, rng.randint(1, 28))
        reports.append(
            AnnualReport(
                agency=agency,
                year=2025,
                status=Status.PUBLISHED,
                published_at=office_moment(rng, day),
            )
        )
    AnnualReport.objects.bulk_create(reports)
    return len(reports)


# --- records and their ledger rows -----------------------------------------------------------


@dataclass
class AgencyPlan:
    """Which of an agency's items are used, and which only before the stale cut-off."""

    agency_id: int
    weight: float
    active: list[int]
    weights: list[float]
    stale: set[int]


def plan_agencies(children, items_by_agency, rng: random.Random) -> list[AgencyPlan]:
    plans = []
    for agency in children:
        items = [item_id for item_id, _cadence in items_by_agency.get(agency.pk, [])]
        rng.shuffle(items)
        blank = int(len(items) * rng.uniform(0.04, 0.16))  # never published
        used = items[blank:]
        stale = set(used[: int(len(used) * rng.uniform(0.03, 0.12))])  # nothing for 6 months
        weights = [rng.paretovariate(1.2) for _ in used]
        plans.append(AgencyPlan(agency.pk, rng.lognormvariate(0, 0.6), used, weights, stale))
    return plans


def generate_records(
    connection, sizes: Sizes, plans: list[AgencyPlan], rng: random.Random, progress: Callable
) -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType

    from gongkai.documents.models import Document, DocumentLink
    from gongkai.obligations.models import Obligation

    stale_before = datetime.date(2026, 4, 1)
    document_type = ContentType.objects.get_for_model(Document).pk
    first_id = next_id(Document)
    first_obligation = next_id(Obligation)
    first_link = next_id(DocumentLink)
    doc_names = [
        "id", "agency_id", "title", "document_type", "topic", "catalogue_item_id",
        "formed_on", "attribute", "status", "created_at", "updated_at", "submitted_at",
        "published_at", "due_on", "is_late", "interpretation_waiver", "document_number",
    ]  # fmt: skip
    documents = Inserter(connection, Document, doc_names)
    links: list[dict] = []
    ledger: list[dict] = []
    counts = {"records": 0, "publication_rows": 0, "publication_open": 0, "links": 0}
    types = list(TYPE_WEIGHTS)
    type_weights = list(TYPE_WEIGHTS.values())
    agency_weights = [plan.weight for plan in plans]
    last_interpretation: dict[int, int] = {}

    def rows() -> Iterator[dict]:
        for number in range(sizes.records):
            pk = first_id + number
            plan = rng.choices(plans, agency_weights)[0]
            item = rng.choices(plan.active, plan.weights)[0]
            kind = rng.choices(types, type_weights)[0]
            last = stale_before if item in plan.stale else TODAY - datetime.timedelta(days=1)
            formed = day_between(rng, FIRST_DAY, last)
            draw = rng.random()
            attribute = "proactive" if draw < 0.92 else "on_request" if draw < 0.97 else "withheld"
            status = "published"
            status_draw = rng.random()
            if status_draw < 0.012:
                status = "withdrawn"
            elif status_draw < 0.055 and attribute == "proactive" and item not in plan.stale:
                status = "draft" if status_draw < 0.04 else "in_review"
                formed = day_between(rng, TODAY - datetime.timedelta(days=75), TODAY)
            due = None
            if attribute == "proactive":
                limit = 7 if kind in ("licensing", "penalty") else 20
                due = working_days_later(formed, limit)
            published = None
            if status in ("published", "withdrawn"):
                late = rng.random() < 0.07
                if due is None:
                    day = formed + datetime.timedelta(days=rng.randint(0, 30))
                elif late:
                    day = due + datetime.timedelta(days=rng.randint(1, 45))
                else:
                    day = formed + datetime.timedelta(days=rng.randint(0, (due - formed).days))
                if item in plan.stale:
                    day = min(day, stale_before)
                published = office_moment(rng, min(day, TODAY - datetime.timedelta(days=1)))
            created = office_moment(rng, formed)
            published_on = published.date() if published else None
            values = {
                "id": pk,
                "agency_id": plan.agency_id,
                "title": f"关于{formed:%Y年%m月}第{number}号事项的{kind}",
                "document_type": kind,
                "topic": "health",
                "catalogue_item_id": item,
                "formed_on": formed,
                "attribute": attribute,
                "status": status,
                "created_at": created,
                "updated_at": published or created,
                "submitted_at": None if status == "draft" else created,
                "published_at": published,
                "due_on": due,
                "is_late": bool(due and published_on and published_on > due),
                "interpretation_waiver": (
                    "本文件为内部工作安排，不作解读。"
                    if kind in POLICY_TYPES and rng.random() < 0.08
                    else ""
                ),
                "document_number": "",
            }
            counts["records"] += 1
            if kind == "interpretation" and status == "published":
                last_interpretation[plan.agency_id] = pk
            if kind in POLICY_TYPES and published and rng.random() < 0.75:
                source = last_interpretation.get(plan.agency_id)
                if source is not None:
                    links.append(
                        {
                            "id": first_link + counts["links"] + len(links),
                            "source_id": source,
                            "target_id": pk,
                            "kind": "interprets",
                            "created_at": published,
                        }
                    )
            if due is not None:  # documents.obligations.describe_publication
                done_on = published_on
                ledger.append(
                    {
                        "id": first_obligation + counts["publication_rows"],
                        "agency_id": plan.agency_id,
                        "kind": "documents.publication",
                        "content_type_id": document_type,
                        "object_id": pk,
                        "title": values["title"],
                        "due_on": due,
                        "due_at": None,
                        "is_provisional": False,
                        "done_on": done_on,
                        "done_at": None,
                        "is_late": (done_on > due) if done_on else None,
                        "updated_at": published or created,
                    }
                )
                counts["publication_rows"] += 1
                counts["publication_open"] += done_on is None
            if (number + 1) % 100_000 == 0:
                progress(number + 1)
            yield values

    obligations = Inserter(connection, Obligation, OBLIGATION_NAMES)
    link_writer = Inserter(connection, DocumentLink, list(LINK_NAMES))
    stream = rows()
    while True:
        chunk = [row for _index, row in zip(range(100_000), stream, strict=False)]
        if not chunk:
            break
        documents.write(chunk)
        obligations.write(ledger)
        ledger.clear()
        link_writer.write(links)
        counts["links"] += len(links)
        links.clear()
    return counts


OBLIGATION_NAMES = [
    "id", "agency_id", "kind", "content_type_id", "object_id", "title", "due_on", "due_at",
    "is_provisional", "done_on", "done_at", "is_late", "updated_at",
]  # fmt: skip
LINK_NAMES = ("id", "source_id", "target_id", "kind", "created_at")


def generate(connection, sizes: Sizes, seed: int, log: Callable[[str], None]) -> Summary:
    from django.core.management.color import no_style
    from django.db import transaction

    from gongkai.agencies.models import Agency
    from gongkai.documents.models import Document, DocumentLink
    from gongkai.obligations.models import Obligation
    from gongkai.participation.models import PublicMessage

    rng = random.Random(seed)
    summary = Summary()
    started = time.perf_counter()
    _city, children, items_by_agency = make_agencies(sizes, rng)
    summary.counts["agencies"] = len(children)
    summary.counts["catalogue items"] = sum(len(v) for v in items_by_agency.values())
    summary.counts["annual reports 2025"] = make_annual_reports(children, rng)
    summary.seconds["agencies and catalogues"] = time.perf_counter() - started
    plans = plan_agencies(children, items_by_agency, rng)
    step = time.perf_counter()

    def progress(done: int) -> None:
        rate = done / (time.perf_counter() - step)
        log(f"  {done:>9,} records ({rate:,.0f}/s)")

    with transaction.atomic():
        counts = generate_records(connection, sizes, plans, rng, progress)
    summary.counts.update(counts)
    summary.seconds["records, links and their ledger rows"] = time.perf_counter() - step
    step = time.perf_counter()
    open_left = max(sizes.open_obligations - counts["publication_open"], 0)
    from supervision_ledger import generate_other_obligations  # it imports this module

    with transaction.atomic():
        summary.counts.update(generate_other_obligations(connection, sizes, plans, open_left, rng))
    summary.seconds["other ledger rows and messages"] = time.perf_counter() - step
    step = time.perf_counter()
    models = [Agency, Document, DocumentLink, Obligation, PublicMessage]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load
    summary.seconds["sequences and statistics"] = time.perf_counter() - step
    summary.seconds["total"] = time.perf_counter() - started
    summary.counts["open obligations"] = Obligation.objects.open().count()
    summary.counts["ledger rows"] = Obligation.objects.count()
    return summary
