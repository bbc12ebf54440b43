"""Supervision benchmark: the league table (考核排名) of a city commission over its 300
subordinates, with 1,000,000 records and 100,000 open obligations, on SQLite or PostgreSQL.

A benchmark, not a test. Run from the project directory:

    .venv/bin/python bench/supervision.py [--quick] [--postgres] [--records N] [--open N]
                                          [--agencies N] [--repeat 5] [--workdir DIR]
                                          [--keep] [--reuse] [--json FILE] [--profile]

What it does (bench/README.md has the details):

1. generates the data (bench/supervision_data.py) in a throwaway database: the agencies with
   their derived catalogues, N records with their ledger rows, the other kinds' obligations,
   the messages, the 2025 annual reports (bulk inserts, no signals; the time is printed);
2. times `league_table(city, Period.year(2026), today=, now=)` (one warm-up run, then R
   runs: median and max), each finding's `kind.count(scope)` the same way, and a reference:
   the bare grouped counts over the ledger and the records that any league table needs at
   minimum, in raw SQL on the same connection;
3. prints each figure and its ratio to the reference, the target (2 s), and the query plan
   (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE) of the slowest query of the slowest finding.

It never touches the project's data: DATABASE_URL points to a SQLite file in the work
directory, or with --postgres to a dedicated database (default gongkai_bench_sup, dropped and
created anew unless --reuse); GONGKAI_DATA_DIR, MEDIA_ROOT and SEARCH_INDEX_DIR point into the
work directory.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import supervision_data as data  # bench/supervision_data.py

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/gongkai_bench_sup"
FULL = data.Sizes(agencies=300, records=1_000_000, open_obligations=100_000)
QUICK = data.Sizes(agencies=30, records=20_000, open_obligations=2_000)


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    with contextlib.suppress(OSError):
        return "/".join(f"{value:.1f}" for value in os.getloadavg())
    return "?"


# --- environment -----------------------------------------------------------------------------


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("gongkai_bench"):
        raise SystemExit(
            f"Refusing to drop {name!r}: the bench database's name starts with gongkai_bench."
        )
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare_django(args: argparse.Namespace, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    if args.postgres:
        os.environ["DATABASE_URL"] = args.database_url
        if not args.reuse:
            recreate_postgres(args.database_url)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
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
    from django.conf import settings
    from django.core.management import call_command

    name = str(settings.DATABASES["default"]["NAME"])
    expected = (
        args.database_url.rsplit("/", 1)[1] if args.postgres else str(workdir / "bench.sqlite3")
    )
    if name != expected:
        raise SystemExit("Refusing to run: the database is not the throwaway one.")
    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(
        f"Throwaway database {name} ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[1]}, "
        f"DATABASE_URL set by this script), migrated in {time.perf_counter() - start:.1f} s; "
        "the project's database is not used."
    )


def machine_info(connection) -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": f"{connection.vendor} {connection.Database.__name__}",
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        info["database_version"] = cursor.fetchone()[0]
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    return info


# --- timing ----------------------------------------------------------------------------------


def timed(function: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """One warm-up run, then `repeat` timed runs (seconds)."""
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return {"median": statistics.median(runs), "max": max(runs), "runs": runs}


def reference_counts(connection, agency_ids: list[int], period, today) -> Callable[[], Any]:
    """The least any league table must read: open and overdue obligations per agency from the
    ledger, and records published in the period per agency, in two grouped raw queries."""
    from gongkai.documents.models import Document
    from gongkai.obligations.models import Obligation

    marks = ", ".join(["%s"] * len(agency_ids))
    ledger = (
        f"SELECT agency_id, COUNT(*) FROM {Obligation._meta.db_table} "  # noqa: S608
        f"WHERE agency_id IN ({marks}) AND done_on IS NULL AND due_on < %s GROUP BY agency_id"
    )
    records = (
        f"SELECT agency_id, COUNT(*) FROM {Document._meta.db_table} "  # noqa: S608
        f"WHERE agency_id IN ({marks}) AND published_at >= %s AND published_at < %s "
        "GROUP BY agency_id"
    )
    start = datetime.datetime.combine(period.start, datetime.time(), tzinfo=data.TZ)
    end = datetime.datetime.combine(
        period.end + datetime.timedelta(days=1), datetime.time(), tzinfo=data.TZ
    )
    prepared = [
        connection.ops.adapt_datetimefield_value(start),
        connection.ops.adapt_datetimefield_value(end),
    ]
    day = connection.ops.adapt_datefield_value(today)

    def run() -> int:
        with connection.cursor() as cursor:
            cursor.execute(ledger, [*agency_ids, day])
            rows = cursor.fetchall()
            cursor.execute(records, [*agency_ids, *prepared])
            return len(rows) + len(cursor.fetchall())

    return run


def fetch_time(connection, sql: str) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()
    return time.perf_counter() - start


def explain(connection, sql: str) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":
        return "\n".join(f"    {row[-1]}" for row in rows)
    return "\n".join(f"    {row[0]}" for row in rows)


# Indexes the project does not have, created in the bench database only (--what-if-indexes)
# to measure a proposal; dropped again after the timings. (An index on the ledger's
# (kind, done_on) was tried too: SQLite then reads late_records 3x slower, 0.9 -> 2.8 s.)
WHAT_IF_INDEXES = {
    "bench_whatif_document_type_published": ("documents_document", "document_type, published_at"),
}


def create_what_if_indexes(connection) -> None:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for name, (table, columns) in WHAT_IF_INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {table}")
    log(
        f"What-if indexes created in the bench database in {time.perf_counter() - start:.1f} s: "
        + "; ".join(f"{table} ({columns})" for table, columns in WHAT_IF_INDEXES.values())
    )


def drop_what_if_indexes(connection) -> None:
    with connection.cursor() as cursor:
        for name in WHAT_IF_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def fresh(scope):
    """The same scope without the figures read before (findings.Scope.shared)."""
    return dataclasses.replace(scope, shared={})


def profile(connection, queries: list[dict]) -> None:
    """Each query of the league table run again with its rows fetched, slowest first, with
    its plan (--profile)."""
    timings = sorted(((fetch_time(connection, q["sql"]), q["sql"]) for q in queries), reverse=True)
    log(f"\nProfile: the league table's {len(timings)} queries, slowest first")
    for seconds, sql in timings:
        log(f"  {seconds * 1000:8.1f} ms  {sql[:300]}{' …' if len(sql) > 300 else ''}")
        log(explain(connection, sql))


# --- the run ---------------------------------------------------------------------------------


def run(args: argparse.Namespace, sizes: data.Sizes, workdir: Path) -> dict[str, Any]:
    prepare_django(args, workdir)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Agency
    from gongkai.supervision import findings, tallies
    from gongkai.supervision.access import subordinates
    from gongkai.supervision.league import DEFAULT_STALE_MONTHS, league_table
    from gongkai.supervision.models import LedgerTally
    from gongkai.supervision.periods import Period

    results: dict[str, Any] = {"machine": machine_info(connection), "sizes": vars(sizes)}
    with contextlib.suppress(Exception):
        import subprocess

        results["commit"] = subprocess.run(  # noqa: S603
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    log(f"Commit: {results.get('commit', '?')}")
    log(f"Machine: {results['machine']}")
    log(f"Load average before: {load_average()}")
    meta_path = workdir / f"meta-{connection.vendor}.json"
    city = Agency.objects.filter(code=data.CITY_CODE).first()
    if city is not None and args.reuse:
        log(f"Reusing the data generated before ({meta_path.name}).")
        results["generation"] = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    elif city is not None:
        raise SystemExit("The work database already holds bench data: pass --reuse.")
    else:
        log(
            f"Generating {sizes.agencies} agencies, {sizes.records:,} records, "
            f"{sizes.open_obligations:,} open obligations (load {load_average()}) …"
        )
        summary = data.generate(connection, sizes, args.seed, log)
        # The bulk inserts send no signals: the league's monthly counters are built from the
        # ledger as `gongkai supervision_tallies rebuild` does (timed, not part of the table).
        start = time.perf_counter()
        summary.counts["league counters (supervision_tallies)"] = tallies.rebuild()
        summary.seconds["league counters rebuilt"] = time.perf_counter() - start
        if connection.vendor == "postgresql":
            # What autovacuum does some time after a bulk load: without the visibility map
            # every index-only scan (the columns' probes) still visits the table.
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
            summary.seconds["VACUUM (ANALYZE)"] = time.perf_counter() - start
        results["generation"] = {"counts": summary.counts, "seconds": summary.seconds}
        meta_path.write_text(json.dumps(results["generation"], indent=1, default=str))
        city = Agency.objects.get(code=data.CITY_CODE)
    generation = results["generation"]
    for name, value in generation.get("counts", {}).items():
        log(f"  {name:<45} {value:>10,}")
    for name, value in generation.get("seconds", {}).items():
        log(f"  {name:<45} {value:>9.1f} s")

    if not LedgerTally.objects.exists():  # data of a run from before the counters
        start = time.perf_counter()
        count = tallies.rebuild()
        log(f"League counters built: {count:,} in {time.perf_counter() - start:.1f} s")
    if args.what_if_indexes:
        create_what_if_indexes(connection)
    period = Period.year(2026)
    today, now = data.TODAY, data.NOW
    agency_ids = sorted(subordinates(city).values_list("pk", flat=True))
    scope = findings.Scope(frozenset(agency_ids), period, today, now, DEFAULT_STALE_MONTHS)
    log(f"\nTimings: 1 warm-up + {args.repeat} runs each; today {today}, period {period.key}.")
    log(f"Load average before the timings: {load_average()}")
    reference = timed(reference_counts(connection, agency_ids, period, today), args.repeat)
    league = timed(lambda: league_table(city, period, today=today, now=now), args.repeat)
    with CaptureQueriesContext(connection) as captured:
        table = league_table(city, period, today=today, now=now)
    league["queries"] = len(captured.captured_queries)
    log(f"league_table: {league['queries']} queries")
    if args.profile:
        profile(connection, captured.captured_queries)
    per_kind = {}
    for kind in findings.KINDS:
        # A fresh scope each time: the figures one query gives several kinds (the ledger's
        # overdue rows, the columns, the counters) are not carried over between kinds.
        per_kind[kind.code] = timed(lambda kind=kind: kind.count(fresh(scope)), args.repeat)
        figures = kind.count(fresh(scope))
        per_kind[kind.code]["total"] = sum(figures.counts.values())
        per_kind[kind.code]["agencies_with"] = len(figures.counts)
    load_after = load_average()

    ref = reference["median"]
    log(f"\n{'what':<38} {'median':>9} {'max':>9} {'× ref':>8}   found (agencies)")
    log(
        f"{'reference (2 grouped raw counts)':<38} {ref * 1000:>7.1f}ms "
        f"{reference['max'] * 1000:>7.1f}ms {1:>8.1f}"
    )
    log(
        f"{'league_table (' + str(len(table.rows)) + ' rows)':<38} "
        f"{league['median'] * 1000:>7.1f}ms "
        f"{league['max'] * 1000:>7.1f}ms {league['median'] / ref:>8.1f}"
    )
    for code, figure in per_kind.items():
        log(
            f"  {code:<36} {figure['median'] * 1000:>7.1f}ms {figure['max'] * 1000:>7.1f}ms "
            f"{figure['median'] / ref:>8.1f}   {figure['total']:,} ({figure['agencies_with']})"
        )
    met = league["max"] <= TARGET_SECONDS
    log(
        f"\nTarget: league table under {TARGET_SECONDS:.0f} s — "
        f"{'MET' if met else 'MISSED'} "
        f"(median {league['median']:.2f} s, max {league['max']:.2f} s); "
        f"load average {load_after} after the timings ({os.cpu_count()} CPUs)."
    )
    slowest = max(per_kind, key=lambda code: per_kind[code]["median"])
    with CaptureQueriesContext(connection) as captured:
        findings.BY_CODE[slowest].count(fresh(scope))
    # Each query again with its rows fetched (SQLite does much of the work while fetching).
    timings = [(fetch_time(connection, q["sql"]), q["sql"]) for q in captured.captured_queries]
    seconds, sql = max(timings)
    query = {"sql": sql}
    log(
        f"\nSlowest finding: {slowest}; its slowest query "
        f"({seconds * 1000:.0f} ms of {len(timings)}):"
    )
    log("    " + query["sql"][:1500] + (" …" if len(query["sql"]) > 1500 else ""))
    plan = explain(connection, query["sql"])
    log(plan)
    if args.what_if_indexes:
        drop_what_if_indexes(connection)
    results.update(
        what_if_indexes=args.what_if_indexes,
        reference=reference,
        league=league,
        findings=per_kind,
        target_met=met,
        load_after=load_after,
        slowest={"finding": slowest, "sql": query["sql"], "plan": plan},
        date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 30 agencies, 20,000 records"
    )
    parser.add_argument("--agencies", type=int, help=f"subordinates (default {FULL.agencies})")
    parser.add_argument("--records", type=int, help=f"records (default {FULL.records:,})")
    parser.add_argument(
        "--open", type=int, help=f"open obligations (default {FULL.open_obligations:,})"
    )
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument(
        "--database-url", default=DEFAULT_PG, help="with --postgres (dropped and created)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after one warm-up")
    parser.add_argument("--workdir", help="where the SQLite database and the metadata go")
    parser.add_argument(
        "--keep", action="store_true", help="keep the work directory (and database)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="with --workdir of a --keep run: no generation"
    )
    parser.add_argument(
        "--what-if-indexes",
        action="store_true",
        help="time with the proposed index created in the bench database (then dropped)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time each query of the league table again and print its plan",
    )
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--json", help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    base = QUICK if args.quick else FULL
    sizes = data.Sizes(
        agencies=args.agencies or base.agencies,
        records=args.records if args.records is not None else base.records,
        open_obligations=args.open if args.open is not None else base.open_obligations,
    )
    if args.reuse and not (args.workdir and args.keep):
        parser.error("--reuse needs --workdir and --keep (the data of an earlier --keep run)")
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-sup-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"Work directory: {workdir}{' (kept)' if args.keep else ' (removed at the end)'}")
    try:
        results = run(args, sizes, workdir)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
            if args.postgres:
                from django.db import connections

                connections.close_all()
                with contextlib.suppress(Exception):
                    import psycopg

                    name = args.database_url.rsplit("/", 1)[1]
                    admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
                    with psycopg.connect(admin, autocommit=True) as connection:
                        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    return 0 if results["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
