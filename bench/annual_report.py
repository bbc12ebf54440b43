"""Annual-report benchmark: `compute_report` on a large throwaway SQLite database.

A benchmark, not a test. Run from the project directory:

    .venv/bin/python bench/annual_report.py [--agency-year 100000] [--total 1000000]
                                            [--agencies 1000] [--repeat 5] [--quick]
                                            [--workdir DIR] [--keep] [--json FILE]

What it does:

1. migrates a fresh SQLite database in a work directory (DATABASE_URL, GONGKAI_DATA_DIR,
   MEDIA_ROOT and SEARCH_INDEX_DIR all point there; the project's database is never touched);
2. creates a tree of agencies (one city, ten districts, the rest counties under them) and,
   with bulk_create, `--agency-year` applications received in 2025 by one county (with
   carry-over from 2024 and into 2026, every outcome and applicant type), then applications
   of the other agencies over 2024–2025 up to `--total`, plus licensing/penalty/normative
   records, review and litigation cases, and fee payments;
3. times `compute_report([county], 2025)` (target < 1 s) and the roll-up over every agency
   (target < 10 s): one warm-up run, then `--repeat` timed runs; prints min / median / max,
   the query count of one run, and the checks of each result.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025
SEED = 20250131
BATCH = 5_000
ONE_AGENCY_TARGET_S = 1.0
ROLLUP_TARGET_S = 10.0

OUTCOMES_WEIGHTED = [
    ("granted", 40),
    ("partial", 8),
    *((f"withheld.{n}", 1) for n in range(1, 9)),
    ("unable.1", 15),
    ("unable.2", 3),
    ("unable.3", 2),
    *((f"not_handled.{n}", 2) for n in range(1, 6)),
    ("other.1", 4),
    ("other.2", 1),
    ("other.3", 3),
]
TYPES_WEIGHTED = [
    ("natural", 80),
    ("business", 10),
    ("research", 2),
    ("public_interest", 2),
    ("legal_service", 4),
    ("other", 2),
]


def setup_django(workdir: Path) -> None:
    """Point every setting that writes at the work directory, set Django up, migrate."""
    database = workdir / "bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["GONGKAI_DATA_DIR"] = str(workdir / "data")
    os.environ["MEDIA_ROOT"] = str(workdir / "data" / "media")
    os.environ["SEARCH_INDEX_DIR"] = str(workdir / "search-index")
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"  # queued, never run here
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _choices(rng: random.Random, weighted, k: int) -> list[str]:
    values = [v for v, _w in weighted]
    weights = [w for _v, w in weighted]
    return rng.choices(values, weights=weights, k=k)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def make_agencies(count: int):
    """One city, ten districts under it, the rest counties under the districts."""
    from gongkai.agencies.models import Agency, Level

    city = Agency.objects.create(code="B-CITY", name="基准市卫生健康委员会", level=Level.CITY)
    districts = Agency.objects.bulk_create(
        Agency(code=f"B-D{n:02d}", name=f"基准区{n}", level=Level.COUNTY, parent=city)
        for n in range(min(10, count - 1))
    )
    counties = Agency.objects.bulk_create(
        Agency(
            code=f"B-C{n:04d}",
            name=f"基准县{n}",
            level=Level.COUNTY,
            parent=districts[n % len(districts)],
        )
        for n in range(count - 1 - len(districts))
    )
    return city, [city, *districts, *counties]


def _application(n: int, agency_id: int, kind: str, received, closed, outcome: str):
    from gongkai.foi.models import Application, Status

    return Application(
        agency_id=agency_id,
        query_code=f"B{n:09d}",
        applicant_type=kind,
        applicant_name="申请人",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13800000000",
        description="基准测试申请",
        delivery_form="email",
        channel="online",
        submitted_on=received,
        received_on=received,
        closed_on=closed,
        replied_on=closed,
        outcome=outcome if closed else "",
        status=Status.CLOSED if closed else Status.IN_PROGRESS,
        fee_paid_amount=None,
    )


def make_applications(rng: random.Random, agency_id: int, n: int, first: int, years: tuple):
    """`n` applications of one agency received over `years`; 90% concluded 0–40 days later."""
    from gongkai.foi.models import Application

    start = datetime.date(years[0], 1, 1)
    end = datetime.date(years[-1], 12, 31)
    made = 0
    while made < n:
        size = min(BATCH, n - made)
        kinds = _choices(rng, TYPES_WEIGHTED, size)
        outcomes = _choices(rng, OUTCOMES_WEIGHTED, size)
        rows = []
        for i in range(size):
            received = _day(rng, start, end)
            closed = None
            if rng.random() < 0.9:
                closed = received + datetime.timedelta(days=rng.randrange(0, 41))
            rows.append(
                _application(first + made + i, agency_id, kinds[i], received, closed, outcomes[i])
            )
        Application.objects.bulk_create(rows)
        made += size
    return first + n


def make_other_records(rng: random.Random, city, agencies, documents: int, cases: int) -> None:
    from gongkai.catalogue.models import AgencyCatalogue, AgencyItem
    from gongkai.documents.models import Document, DocumentType, Status, Topic
    from gongkai.foi.models import Application, Event, LogKind, RemedyCase

    catalogue = AgencyCatalogue.objects.create(agency=city)
    item = AgencyItem.objects.create(
        catalogue=catalogue, category_code="B", category_name="基准", code="B01", name="基准事项"
    )
    zone = datetime.timezone(datetime.timedelta(hours=8))
    types = [DocumentType.LICENSING, DocumentType.PENALTY, DocumentType.NORMATIVE]
    rows = []
    for n in range(documents):
        published = datetime.datetime.combine(
            _day(rng, datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR, 12, 31)),
            datetime.time(10),
            tzinfo=zone,
        )
        rows.append(
            Document(
                agency_id=agencies[n % len(agencies)].pk,
                title=f"基准信息{n}",
                document_type=types[n % len(types)],
                topic=Topic.HEALTH,
                catalogue_item=item,
                formed_on=published.date(),
                summary="基准",
                status=Status.PUBLISHED,
                published_at=published,
            )
        )
    Document.objects.bulk_create(rows, batch_size=BATCH)
    ids = list(Application.objects.order_by("?").values_list("pk", flat=True)[: cases * 2])
    kinds = ["review", "litigation_direct", "litigation_after_review"]
    results = ["upheld", "corrected", "other", "pending"]
    cases_made = []
    for n, pk in enumerate(ids[:cases]):
        filed = _day(rng, datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR, 12, 31))
        result = results[n % len(results)]
        concluded = None if result == "pending" else filed + datetime.timedelta(days=60)
        cases_made.append(
            RemedyCase(
                application_id=pk,
                kind=kinds[n % 3],
                filed_on=filed,
                result=result,
                concluded_on=concluded,
            )
        )
    RemedyCase.objects.bulk_create(cases_made, batch_size=BATCH)
    payers = ids[cases:]
    Application.objects.filter(pk__in=payers).update(fee_paid_amount=100)
    Event.objects.bulk_create(
        (
            Event(application_id=pk, kind=LogKind.FEE_PAID, on=datetime.date(YEAR, 6, 1))
            for pk in payers
        ),
        batch_size=BATCH,
    )


def timed(function, repeat: int) -> dict:
    from django.db import connection, reset_queries

    function()  # warm-up: page cache, statement cache
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - started)
    from django.conf import settings

    settings.DEBUG = True
    reset_queries()
    function()
    queries = len(connection.queries)
    settings.DEBUG = False
    return {
        "min_s": min(runs),
        "median_s": statistics.median(runs),
        "max_s": max(runs),
        "runs": runs,
        "queries": queries,
        "result": result,
    }


def report_run(name: str, run: dict, target: float, run_checks) -> dict:
    data = run["result"]
    failing = [c.name for c in run_checks(data) if not c.ok]
    b = data.table_b
    print(
        f"{name:>10}: min {run['min_s']:.3f} s, median {run['median_s']:.3f} s, "
        f"max {run['max_s']:.3f} s, {run['queries']} queries "
        f"(target < {target:.0f} s: {'met' if run['median_s'] < target else 'MISSED'})"
    )
    print(
        f"{'':>10}  new {b['new']['total']:,}, carried in {b['carried_in']['total']:,}, "
        f"concluded {b['total']['total']:,}, carried out {b['carried_out']['total']:,}; "
        f"failing checks: {failing or 'none'}"
    )
    return {
        "min_s": round(run["min_s"], 4),
        "median_s": round(run["median_s"], 4),
        "max_s": round(run["max_s"], 4),
        "queries": run["queries"],
        "target_s": target,
        "new": b["new"]["total"],
        "concluded": b["total"]["total"],
        "failing_checks": failing,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agency-year", type=int, default=100_000)
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10,000 / 100,000 / 100 agencies")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.quick:
        args.agency_year, args.total, args.agencies = 10_000, 100_000, 100
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gongkai-bench-report-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    try:
        started = time.perf_counter()
        setup_django(workdir)
        from django.db import connection, transaction

        from gongkai.reports.checks import run_checks
        from gongkai.reports.computation import compute_report

        print(f"work directory: {workdir}")
        with transaction.atomic():
            city, agencies = make_agencies(args.agencies)
            county = agencies[-1]
            # The agency-year: received in 2025 (and a 5% tail from late 2024 carried in).
            next_n = make_applications(rng, county.pk, args.agency_year, 0, (YEAR,))
            next_n = make_applications(rng, county.pk, args.agency_year // 20, next_n, (YEAR - 1,))
            rest = args.total - args.agency_year - args.agency_year // 20
            others = agencies[:-1]
            share, extra = divmod(max(rest, 0), len(others))
            for index, agency in enumerate(others):
                count = share + (1 if index < extra else 0)
                next_n = make_applications(rng, agency.pk, count, next_n, (YEAR - 1, YEAR))
            make_other_records(
                rng, city, agencies, documents=args.total // 20, cases=args.total // 1000
            )
        generated = time.perf_counter() - started
        from gongkai.foi.models import Application

        total = Application.objects.count()
        own = Application.objects.filter(agency=county).count()
        print(f"generated {total:,} applications ({own:,} of the county) in {generated:.1f} s")
        ids = sorted({city.pk, *city.descendant_ids()})
        figures = {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "machine": f"{platform.machine()} {os.cpu_count()} cpu",
            "applications_total": total,
            "applications_one_agency": own,
            "agencies": len(ids),
            "generation_s": round(generated, 1),
        }
        # As shipped (no statistics), then after ANALYZE (what `PRAGMA optimize` would give).
        for stage in ("as_shipped", "after_analyze"):
            if stage == "after_analyze":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"-- {stage}")
            one = timed(lambda: compute_report([county.pk], YEAR), args.repeat)
            rollup = timed(lambda: compute_report(ids, YEAR), args.repeat)
            for name, run, target in (
                ("one_agency", one, ONE_AGENCY_TARGET_S),
                ("rollup", rollup, ROLLUP_TARGET_S),
            ):
                figures[f"{stage}.{name}"] = report_run(name, run, target, run_checks)
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
        return 0
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
