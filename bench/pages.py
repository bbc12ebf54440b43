"""The four-way page benchmark (issue #16): each public page served four ways, under wrk.

    .venv/bin/python bench/pages.py --quick                 # demo data, 3 s per run, ~3 min
    .venv/bin/python bench/pages.py                         # demo data, 10 s per run
    .venv/bin/python bench/pages.py --records 1000000 --workdir /tmp/pages --keep
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/pages_bench

For each page (a record, the home page, an agency's column, a catalogue node, the policy
library, a search) it serves the same bytes four ways and loads each with wrk (2 threads,
32 connections, --duration seconds, loopback only):

  gongkai   gunicorn as deploy/systemd/gongkai-web.service starts it (2 sync workers, DEBUG
            off, the environment of deploy/gongkai.env.example), no cache in front;
  deploy    the same gunicorn behind Debian's nginx with deploy/nginx/gongkai.conf, rewritten
            for paths and ports as deploy/test/ does it (its micro-cache);
  floor     a minimal Django project written into the work directory: one view, one template
            holding the page's bytes, one SQL query (the page's <title> from a table in the
            same database), no middleware, the same gunicorn settings;
  static    the same nginx serving the bytes as a file.

It also times each page in-process (Django's test Client, no network, DEBUG off) for the
server-time p50/p95 and counts its SQL queries. Figures go to stdout (and --json), with the
machine's load average, which on a shared machine moves every figure.

Everything lives in the work directory (GONGKAI_DATA_DIR, the SQLite database, the search
index, nginx's cache and temp paths); --database-url names a PostgreSQL database that is
dropped and created anew unless --keep finds it prepared.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "deploy" / "test"))
sys.path.insert(0, str(BENCH))

PAGES = ("record", "home", "agency", "catalogue", "policies", "search")
SEARCH_QUERY = "卫生"
WRK = "wrk"
WRK_THREADS = 2
WRK_CONNECTIONS = 32
PREPARED_MARKER = "pages-prepared.json"
FLOOR_TABLE = "pages_bench_floor"
# Clones per INSERT … SELECT statement: bounds each transaction (and its journal) at 1M.
CLONES_PER_STATEMENT = 20


def require(condition, message) -> None:
    """Stop the run with the reason (a benchmark of wrong bytes would measure nothing)."""
    if not condition:
        raise SystemExit(f"pages.py: {message}")


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    with contextlib.suppress(OSError):
        return "/".join(f"{value:.2f}" for value in os.getloadavg())
    return "?"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


# --- inside the application's environment (a subprocess with django.setup()) -----------------


def inside_discover() -> dict:
    """The URL of each page in the loaded data: the demo's record 4 when it is public (the
    issue's page), the agency with most public records, its fullest catalogue item."""
    from django.db.models import Count

    from gongkai.agencies.models import Agency
    from gongkai.documents.models import Document

    public = Document.objects.public()
    record = public.filter(pk=4).first() or public.order_by("pk").first()
    top = (
        public.order_by()
        .values("agency__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency__code")
        .first()
    )
    agency = Agency.objects.get(code=top["agency__code"])
    item = (
        public.filter(agency=agency)
        .order_by()
        .values("catalogue_item__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "catalogue_item__code")
        .first()
    )
    return {
        "record": f"/records/{record.pk}/",
        "home": "/",
        "agency": f"/agencies/{agency.code}/",
        "catalogue": f"/agencies/{agency.code}/catalogue/{item['catalogue_item__code']}/",
        "policies": "/policies/",
        "search": "/search/?q=" + urllib.parse.quote(SEARCH_QUERY),
        "public_records": public.count(),
    }


def inside_add_records(total: int) -> dict:
    """`total` more published proactive records, cloned in SQL from the demo's public ones
    (so spread as the demo is over its agencies and catalogue items), each clone published an
    hour earlier than the one before; no index number (unique), no issuers, no attachments."""
    from django.db import connection, transaction

    from gongkai.documents.models import Document

    table = Document._meta.db_table
    columns = [f.column for f in Document._meta.concrete_fields if f.column != "id"]
    vendor = connection.vendor
    shift = {
        "sqlite": "datetime(d.published_at, '-' || g.n || ' hours')",
        "postgresql": "d.published_at - g.n * interval '1 hour'",
    }[vendor]
    expressions = {
        "title": "d.title || '（' || g.n || '）'",
        "index_number": "NULL",
        "index_year": "NULL",
        "index_serial": "NULL",
        "published_at": shift,
        "imported": "TRUE" if vendor == "postgresql" else "1",
    }
    select = ", ".join(expressions.get(column, f"d.{column}") for column in columns)
    sources = Document.objects.public().count()
    started = time.perf_counter()
    added = 0
    first = 1
    while added < total:
        last = first + CLONES_PER_STATEMENT - 1
        # The WITH clause after INSERT, not before: Python's sqlite3 reports no rowcount for a
        # statement that does not start with INSERT (the first 1M run never stopped).
        series = {
            "sqlite": f"WITH RECURSIVE g(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM g "  # noqa: S608
            f"WHERE n < {last}) ",
            "postgresql": "",
        }[vendor]
        source = "g" if vendor == "sqlite" else f"generate_series({first}, {last}) AS g(n)"
        sql = (
            # Table, columns and numbers come from the model and this script, not from input.
            f"INSERT INTO {table} ({', '.join(columns)}) {series}"  # noqa: S608
            f"SELECT {select} FROM {table} AS d CROSS JOIN {source} "
            "WHERE d.status = %s AND d.attribute = %s AND d.imported = %s "
            f"ORDER BY g.n, d.id LIMIT {total - added}"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, ["published", "proactive", False])
            require(cursor.rowcount > 0, f"the bulk insert reported {cursor.rowcount} rows")
            added += cursor.rowcount
        first = last + 1
        log(f"  {added:,} records added ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"added": added, "sources": sources, "seconds": time.perf_counter() - started}


def inside_floor_table(titles: dict[str, str]) -> dict:
    """The floor's one table, in the benchmark's own database: page name → <title> text."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
        cursor.execute(f"CREATE TABLE {FLOOR_TABLE} (name varchar(40) PRIMARY KEY, title text)")
        for name, title in titles.items():
            cursor.execute(f"INSERT INTO {FLOOR_TABLE} VALUES (%s, %s)", [name, title])  # noqa: S608
    return {"rows": len(titles)}


def inside_time_pages(urls: dict[str, str], iterations: int) -> dict:
    """Server time per page through the whole middleware stack, no network: p50/p95 over
    `iterations` requests after a warm-up, and the SQL queries of one request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for name, url in urls.items():
        for _ in range(5):
            response = client.get(url)
            require(response.status_code == 200, (url, response.status_code))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # Now: the next request's request_started signal empties the connection's query log.
        query_count = len(queries.captured_queries)
        times = []
        for _ in range(iterations):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            require(response.status_code == 200, (url, response.status_code))
        results[name] = {
            "p50_ms": percentile(times, 0.5),
            "p95_ms": percentile(times, 0.95),
            "queries": query_count,
            "bytes": len(response.content),
        }
    return results


# Where a page's own time goes, by the file of each function (cProfile's own time).
PROFILE_BUCKETS = (
    ("SQL driver", ("sqlite3", "psycopg")),
    ("ORM (building queries, making objects)", ("django/db/",)),
    ("templates", ("django/template/", "templatetags")),
    ("gongkai code", ("/gongkai/",)),
    ("rest of Django, middleware, test client", ("django/",)),
)


def profile_buckets(stats) -> dict[str, float]:
    totals: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        where = f"{filename} {function}"
        bucket = next(
            (name for name, marks in PROFILE_BUCKETS if any(m in where for m in marks)),
            "other (Python, C built-ins)",
        )
        totals[bucket] = totals.get(bucket, 0.0) + own
    return totals


def inside_profile_pages(urls: dict[str, str], iterations: int) -> dict:
    """cProfile over `iterations` requests per page: the share of each bucket and the five
    functions with the most cumulative time in gongkai's own code."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    results = {}
    for name, url in urls.items():
        client.get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(iterations):
            response = client.get(url)
        profiler.disable()
        require(response.status_code == 200, (url, response.status_code))
        stats = pstats.Stats(profiler)
        total = sum(profile_buckets(stats).values())
        shares = {k: v / total for k, v in profile_buckets(stats).items()}
        own_code = sorted(
            (
                (cumulative, f"{Path(filename).name}:{function}")
                for (filename, _l, function), (_c, _n, _o, cumulative, _r) in stats.stats.items()
                if "/gongkai/" in filename and "/.venv/" not in filename
            ),
            reverse=True,
        )
        results[name] = {
            "shares": dict(sorted(shares.items(), key=lambda item: -item[1])),
            "gongkai_cumulative_ms": {
                where: seconds * 1000 / iterations for seconds, where in own_code[:8]
            },
        }
    return results


def inside(argv: list[str]) -> None:
    import django

    django.setup()
    action, argument = argv[0], json.loads(argv[1])
    result = {
        "discover": lambda: inside_discover(),
        "add_records": lambda: inside_add_records(argument),
        "floor_table": lambda: inside_floor_table(argument),
        "time_pages": lambda: inside_time_pages(**argument),
        "profile_pages": lambda: inside_profile_pages(**argument),
    }[action]()
    print("RESULT " + json.dumps(result), flush=True)


# --- the floor: a minimal Django project -------------------------------------------------------

FLOOR_MODULE = '''"""The floor of issue #16: one view, one template, one SQL query, no middleware.
"""
import os
from pathlib import Path

import dj_database_url
from django.conf import settings

HERE = Path(__file__).resolve().parent
settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-of-the-page-benchmark-not-a-secret-0123456789-abcdefghijklmnop",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    USE_TZ=True,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    DATABASES={
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0"))
        )
    },
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [HERE / "templates"],
            "OPTIONS": {"loaders": [("django.template.loaders.cached.Loader", [
                "django.template.loaders.filesystem.Loader"])]},
        }
    ],
)

import django  # noqa: E402

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402


def page(request, name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM %(table)s WHERE name = %%s", [name])
        (title,) = cursor.fetchone()
    return render(request, name + ".html", {"title": title})


urlpatterns = [path("<slug:name>", page)]
application = get_wsgi_application()
'''

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


def floor_template(body: bytes) -> tuple[str, str]:
    """The page as a template whose <title> comes from the query; the rest is verbatim."""
    text = body.decode("utf-8")
    match = TITLE.search(body)
    require(match, "the page has no <title>")
    start, end = len(body[: match.start(1)].decode()), len(body[: match.end(1)].decode())
    require("endverbatim" not in text, "the page holds {% endverbatim %}")
    template = (
        "{% verbatim %}" + text[:start] + "{% endverbatim %}{{ title|safe }}"
        "{% verbatim %}" + text[end:] + "{% endverbatim %}"
    )
    return template, text[start:end]


# --- processes, HTTP, wrk -----------------------------------------------------------------------


def fetch(port: int, path: str, timeout: float = 60, **headers: str):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


WRK_LATENCY = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, duration: int) -> dict:
    command = [
        WRK,
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        url,
    ]
    load_before = os.getloadavg()[0]
    done = subprocess.run(  # noqa: S603 - wrk on loopback
        command, capture_output=True, text=True, timeout=duration + 30, check=True
    )
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = {f"p{p}_ms": float(v) * UNIT_MS[u] for p, v, u in WRK_LATENCY.findall(out)}
    return {
        "rps": rate,
        "requests": requests,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
        **latency,
        "load_1m_before": load_before,
        "load_1m_after": os.getloadavg()[0],
    }


def start(command: list[str], env: dict, directory: Path, log_name: str) -> subprocess.Popen:
    with (directory / log_name).open("w") as out:
        return subprocess.Popen(  # noqa: S603 - our own commands
            command, env=env, cwd=directory, stdout=out, stderr=subprocess.STDOUT
        )


def gunicorn_command(app_port: int, workers: int) -> list[str]:
    """The ExecStart of gongkai-web.service with this port and worker count, no access log."""
    from test_deployment import unit_command

    web = unit_command("gongkai-web.service")
    web[web.index("--bind") + 1] = f"127.0.0.1:{app_port}"
    web[web.index("--workers") + 1] = str(workers)
    web.remove("--access-logfile")
    web.remove("-")
    return web


def nginx_main(directory: Path, port: int, app_port: int, static_port: int) -> Path:
    """The deployment test's main config around deploy/nginx/gongkai.conf, sized for load
    (as Debian's default: a worker per core, 1024 connections), plus a server on
    `static_port` serving the pages' bytes as files. One log line per request for both,
    buffered: the cache status of each request through the deployed config."""
    from test_deployment import render_nginx

    conf = render_nginx(directory, port, app_port)
    static_root = directory / "static-pages"
    static = f"""
        server {{
            listen 127.0.0.1:{static_port};
            location / {{ root {static_root}; default_type "text/html; charset=utf-8"; }}
        }}
    """
    (directory / "static-pages.conf").write_text(static)
    text = conf.read_text()
    text = text.replace("worker_processes 1;", "worker_processes auto;")
    text = text.replace("worker_connections 64;", "worker_connections 1024;")
    log_line = re.search(r"access_log (\S+);", text)
    text = text.replace(
        log_line.group(0),
        "log_format cache '$upstream_cache_status';\n"
        f"            access_log {directory / 'nginx-cache.log'} cache buffer=256k flush=1s;",
    )
    text = text.replace(
        f"include {directory / 'gongkai.conf'};",
        f"include {directory / 'gongkai.conf'};\n            include "
        f"{directory / 'static-pages.conf'};",
    )
    conf.write_text(text)
    return conf


def cache_tally(path: Path, since: int) -> dict[str, int]:
    """How the cache answered the requests logged after byte offset `since`."""
    tally: dict[str, int] = {}
    with path.open("rb") as lines:
        lines.seek(since)
        for line in lines:
            key = line.strip().decode() or "-"
            tally[key] = tally.get(key, 0) + 1
    return tally


# --- the run ------------------------------------------------------------------------------------


def application_env(
    directory: Path, port: int, database_url: str | None, page_cache_seconds: int | None = None
) -> dict[str, str]:
    from test_deployment import app_environment

    env = app_environment(directory, port)
    if page_cache_seconds is not None:
        # 0: every request renders its page (gongkai/portal/page_cache.py off).
        env["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    env.update(
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        PYTHONPATH=str(ROOT),
        # One client asks for the search page thousands of times: with the production limit
        # (60 a minute) all but the first 60 were the short 429 page, and were timed as search.
        RATE_LIMIT_SEARCH="off",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_inside(env: dict, directory: Path, action: str, argument, timeout: int = 7200):
    command = [sys.executable, str(Path(__file__).resolve()), "--inside", action]
    command.append(json.dumps(argument, ensure_ascii=False))
    done = subprocess.run(  # noqa: S603 - this script
        command, env=env, cwd=directory, capture_output=True, text=True, timeout=timeout
    )
    for line in done.stdout.splitlines():
        if not line.startswith("RESULT "):
            log(line)
    if done.returncode:
        raise SystemExit(f"{action} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    (result,) = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(result.removeprefix("RESULT "))


def prepare(args, env: dict, directory: Path) -> dict:
    """Migrate, load the demo, add records, index: skipped when --keep finds it done."""
    from test_deployment import run

    marker = directory / PREPARED_MARKER
    # A work directory prepared without the search page has no index: its search page would be
    # the short "no results" page, not the one measured.
    wanted = {
        "database": env["DATABASE_URL"],
        "records": args.records,
        "search_index": "search" in args.pages,
    }
    if marker.exists():
        done = json.loads(marker.read_text())
        same_data = all(done.get(k) == wanted[k] for k in ("database", "records"))
        if same_data and (done.get("search_index") or not wanted["search_index"]):
            log(f"reusing the prepared data of {marker}")
            return done
    if args.database_url:
        from load_stack import recreate_database

        recreate_database(args.database_url)
    else:
        (directory / "gongkai.sqlite3").unlink(missing_ok=True)
    gongkai = [str(Path(sys.executable).parent / "gongkai")]
    timings = {}
    for step, command in (
        ("migrate", [*gongkai, "migrate", "--noinput"]),
        ("collectstatic", [*gongkai, "collectstatic", "--noinput"]),
        ("load_demo", [*gongkai, "load_demo"]),
    ):
        started = time.perf_counter()
        log(f"{step} …")
        run(command, env, directory)
        timings[step] = time.perf_counter() - started
    if args.records:
        log(f"adding {args.records:,} records in bulk SQL …")
        timings["records"] = run_inside(env, directory, "add_records", args.records)["seconds"]
    if "search" in args.pages:
        log("search_index rebuild …")
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own command
            [*gongkai, "search_index", "rebuild"],
            env=env,
            cwd=directory,
            check=True,
            capture_output=True,
            timeout=6 * 3600,
        )
        timings["search_index"] = time.perf_counter() - started
    done = {**wanted, "seconds": timings}
    marker.write_text(json.dumps(done))
    return done


def measure(args, directory: Path) -> dict:
    from test_deployment import NGINX, free_port, wait_until_answering

    port, app_port, floor_port, static_port = (free_port() for _ in range(4))
    env = application_env(directory, port, args.database_url, args.page_cache_seconds)
    log(f"work directory {directory}; database {env['DATABASE_URL']}; load {load_average()}")
    prepared = prepare(args, env, directory)
    urls_all = run_inside(env, directory, "discover", None)
    urls = {name: urls_all[name] for name in args.pages}
    log(f"{urls_all['public_records']:,} public records; pages: {urls}")

    log(f"server time in-process ({args.iterations} requests per page) …")
    server = run_inside(env, directory, "time_pages", {"urls": urls, "iterations": args.iterations})
    profile = {}
    if args.profile:
        log(f"profiling in-process ({args.profile} requests per page) …")
        profile = run_inside(
            env, directory, "profile_pages", {"urls": urls, "iterations": args.profile}
        )
        for name, found in profile.items():
            shares = ", ".join(f"{k} {v:.0%}" for k, v in found["shares"].items())
            log(f"  {name}: {shares}")
            for where, ms in found["gongkai_cumulative_ms"].items():
                log(f"      {ms:7.1f} ms  {where}")
    if args.only_server:
        return {"prepared": prepared, "server": server, "profile": profile}

    processes: list[subprocess.Popen] = []
    try:
        processes.append(start(gunicorn_command(app_port, 2), env, directory, "gunicorn.log"))
        wait_until_answering(app_port, processes[-1], directory / "gunicorn.log")

        # The bytes of each page, the floor's templates and table, the static files.
        bodies = {}
        for name, url in urls.items():
            status, _headers, body = fetch(app_port, url)
            require(status == 200, (url, status))
            again = fetch(app_port, url)[2]
            require(again == body, f"{url}: the page differs from one request to the next")
            bodies[name] = body
        floor = directory / "floor"
        (floor / "templates").mkdir(parents=True, exist_ok=True)
        (floor / "floor.py").write_text(FLOOR_MODULE % {"table": FLOOR_TABLE})
        static_root = directory / "static-pages"
        static_root.mkdir(exist_ok=True)
        titles = {}
        for name, body in bodies.items():
            template, titles[name] = floor_template(body)
            (floor / "templates" / f"{name}.html").write_text(template)
            (static_root / f"{name}.html").write_bytes(body)
        run_inside(env, directory, "floor_table", titles)
        floor_env = {**env, "PYTHONPATH": str(floor)}
        floor_command = gunicorn_command(floor_port, 2)
        floor_command[1] = "floor:application"
        processes.append(start(floor_command, floor_env, floor, "floor-gunicorn.log"))
        wait_until_answering(floor_port, processes[-1], floor / "floor-gunicorn.log")

        conf = nginx_main(directory, port, app_port, static_port)
        nginx_command = [NGINX, "-p", str(directory), "-c", str(conf), "-e", "stderr"]
        subprocess.run([*nginx_command, "-t"], check=True, capture_output=True)  # noqa: S603
        processes.append(start(nginx_command, env, directory, "nginx.out"))
        wait_until_answering(port, processes[-1], directory / "nginx.out")
        wait_until_answering(static_port, processes[-1], directory / "nginx.out")

        for name in urls:
            require(fetch(floor_port, f"/{name}")[2] == bodies[name], f"floor differs: {name}")
            require(fetch(static_port, f"/{name}.html")[2] == bodies[name], name)

        results = {}
        for name, url in urls.items():
            first = fetch(port, url)
            second = fetch(port, url)
            log(
                f"\n{name} {url}: {len(bodies[name]):,} bytes, Cache-Control "
                f"{first[1].get('cache-control')!r}, through nginx {first[1].get('x-cache-status')}"
                f" then {second[1].get('x-cache-status')}"
            )
            targets = {
                "gongkai": f"http://127.0.0.1:{app_port}{url}",
                "deploy": f"http://127.0.0.1:{port}{url}",
                "floor": f"http://127.0.0.1:{floor_port}/{name}",
                "static": f"http://127.0.0.1:{static_port}/{name}.html",
            }
            page = {"url": url, "bytes": len(bodies[name]), "server": server[name]}
            for way, target in targets.items():
                offset = (directory / "nginx-cache.log").stat().st_size
                page[way] = run_wrk(target, args.duration)
                if way == "gongkai":
                    # wrk leaves up to 32 requests queued at gunicorn; one more request returns
                    # once they are served, so the deploy run's refreshes do not queue behind.
                    with contextlib.suppress(TimeoutError):
                        fetch(app_port, url, timeout=300)
                if way == "deploy":
                    time.sleep(1.5)  # the log's flush=1s
                    page[way]["cache"] = cache_tally(directory / "nginx-cache.log", offset)
                log(f"  {way:8} {page[way]['rps']:>10,.0f} req/s  load {load_average()}")
            results[name] = page
        return {"prepared": prepared, "pages": results, "profile": profile}
    finally:
        for process in reversed(processes):
            with contextlib.suppress(Exception):
                process.terminate()
                process.wait(timeout=10)


def print_table(result: dict) -> None:
    log("")
    log(
        f"{'page':10} {'bytes':>7} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7} | "
        f"{'gongkai':>8} {'deploy':>8} {'floor':>8} {'static':>8} | req/s ÷ gongkai: "
        f"{'deploy':>7} {'floor':>7} {'static':>7} | gongkai÷floor deploy÷static"
    )
    for name, page in result["pages"].items():
        # At 1M records gongkai may finish no request in a short run: no division by zero.
        g = max(page["gongkai"]["rps"], 0.01)
        d, f, s = page["deploy"]["rps"], page["floor"]["rps"], page["static"]["rps"]
        server = page["server"]
        log(
            f"{name:10} {page['bytes']:>7,} {server['queries']:>7} {server['p50_ms']:>7.1f} "
            f"{server['p95_ms']:>7.1f} | {g:>8,.0f} {d:>8,.0f} {f:>8,.0f} {s:>8,.0f} | "
            f"{'':16}{d / g:>7.1f} {f / g:>7.1f} {s / g:>7.0f} | "
            f"{g / f:>13.2f} {d / s:>11.2f}"
        )
    for name, page in result["pages"].items():
        cache = page["deploy"].get("cache", {})
        bad = {w: page[w]["non_2xx"] for w in ("gongkai", "deploy", "floor", "static")}
        log(f"  {name}: deploy cache statuses {cache}; non-2xx {bad}")
    log(f"load average (1/5/15 min) at the end: {load_average()}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--inside"]:
        inside(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, help="default: a new temporary directory")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the work dir")
    parser.add_argument("--database-url", help="a PostgreSQL database to (re)create and use")
    parser.add_argument("--records", type=int, default=0, help="records added in bulk SQL")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--iterations", type=int, default=300, help="in-process requests/page")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also cProfile N requests per page"
    )
    parser.add_argument("--only-server", action="store_true", help="no wrk runs: server times")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated subset")
    parser.add_argument("--quick", action="store_true", help="3 s per wrk run, 50 iterations")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        help="the application's page cache (PAGE_CACHE_SECONDS; 0 = off, every page rendered)",
    )
    args = parser.parse_args(argv)
    args.pages = [p for p in args.pages.split(",") if p]
    if set(args.pages) - set(PAGES):
        parser.error(f"pages are {', '.join(PAGES)}")
    if args.quick:
        args.duration, args.iterations = 3, 50
    if not shutil.which(WRK):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    directory = args.workdir or Path(tempfile.mkdtemp(prefix="pages-bench-"))
    directory = directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    commit = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.strip()
    try:
        result = measure(args, directory)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    result.update(
        started=started,
        commit=commit,
        load_average_end=load_average(),
        cores=os.cpu_count(),
        wrk={"threads": WRK_THREADS, "connections": WRK_CONNECTIONS, "seconds": args.duration},
        database=args.database_url or "sqlite",
        records_added=args.records,
    )
    if args.json:  # first: a figure the table cannot print must not lose the others
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    log(f"\n{started}, commit {commit}, {os.cpu_count()} cores, database {result['database']}")
    if "pages" in result:
        print_table(result)
    else:
        for name, server in result["server"].items():
            log(
                f"{name:10} {server['bytes']:>7,} bytes {server['queries']:>3} queries  "
                f"p50 {server['p50_ms']:6.1f} ms  p95 {server['p95_ms']:6.1f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
