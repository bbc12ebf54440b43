"""The console's records list over one agency's 100,000 records (issue #14): time per page.

    .venv/bin/python bench/record_list.py              # 100,000 records, ~2 minutes
    .venv/bin/python bench/record_list.py --n 20000

It never touches the project's data: DATABASE_URL points to a SQLite file in a new temporary
directory (removed at the end), set before Django starts, and the script checks it.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    ("default: latest changes", {}),
    ("page 100", {"page": "100"}),
    ("drafts tab", {"status": "draft"}),
    ("one catalogue item, by publication", {"item": "ITEM", "sort": "-published"}),
    ("year and text", {"year": "2025", "q": "第12"}),
]


def prepare(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["GONGKAI_DATA_DIR"] = str(workdir / "data")
    os.environ["MEDIA_ROOT"] = str(workdir / "data" / "media")
    os.environ["SEARCH_INDEX_DIR"] = str(workdir / "search-index")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if str(settings.DATABASES["default"]["NAME"]) != str(workdir / "bench.sqlite3"):
        raise SystemExit("Refusing to run: the database is not the throwaway one.")
    call_command("migrate", interactive=False, verbosity=0)


def fill(n: int):
    from django.utils import timezone

    from gongkai.agencies.models import Role
    from gongkai.catalogue.services import derive_catalogue
    from gongkai.documents.models import Document, Status
    from gongkai.documents.tests.factories import draft_values
    from gongkai.factories import make_agency, make_user

    agency = make_agency(name="基准县卫生健康局")
    derive_catalogue(agency=agency, actor=None)
    items = list(agency.catalogue.items.all())
    clerk = make_user(username="bench", agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    start = timezone.now() - datetime.timedelta(days=800)
    statuses = [Status.PUBLISHED] * 8 + [Status.DRAFT, Status.IN_REVIEW]
    batch = []
    for i in range(n):
        values = draft_values(items[i % len(items)], title=f"基准记录第{i}号")
        values["formed_on"] = (start + datetime.timedelta(minutes=11 * i)).date()
        values["status"] = statuses[i % len(statuses)]
        changed = start + datetime.timedelta(minutes=11 * i)
        if values["status"] == Status.PUBLISHED:
            values["published_at"] = changed
        batch.append(
            Document(
                agency=agency, drafted_by=clerk, updated_at=changed, created_at=changed, **values
            )
        )
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    return clerk, items[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--slowest", action="store_true", help="print each case's slowest SQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as directory:
        prepare(Path(directory))
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import override_settings

        began = time.perf_counter()
        clerk, item = fill(args.n)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{args.n:,} records of one agency in {time.perf_counter() - began:.0f} s")
        client = Client()
        client.force_login(clerk)
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["*"]):
            for name, parameters in CASES:
                query = {k: (str(item.pk) if v == "ITEM" else v) for k, v in parameters.items()}
                client.get("/console/documents/", query, secure=True)  # warm-up
                times = []
                for _ in range(args.repeat):
                    reset_queries()
                    began = time.perf_counter()
                    response = client.get("/console/documents/", query, secure=True)
                    times.append(time.perf_counter() - began)
                    if response.status_code != 200:
                        raise SystemExit(
                            f"{name}: HTTP {response.status_code} {response.get('Location', '')}"
                        )
                record_ms = sum(
                    float(q["time"]) * 1000
                    for q in connection.queries
                    if "documents_document" in q["sql"]
                )
                if args.slowest:
                    slowest = max(connection.queries, key=lambda q: float(q["time"]))
                    print(f"    {float(slowest['time']) * 1000:7.1f} ms  {slowest['sql'][:300]}")
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN QUERY PLAN " + slowest["sql"])
                        for row in cursor.fetchall():
                            print("      plan:", row[-1])
                        began = time.perf_counter()
                        cursor.execute(slowest["sql"])
                        cursor.fetchall()
                        print(f"      again, raw: {(time.perf_counter() - began) * 1000:.1f} ms")
                print(
                    f"{name:38} median {statistics.median(times) * 1000:7.1f} ms "
                    f"(record queries {record_ms:6.1f} ms, {len(connection.queries)} queries)"
                )


if __name__ == "__main__":
    main()
