"""The deployed stack for bench/load.py: PostgreSQL, gunicorn, the task worker, the search
index applier and Debian's nginx, started as deploy/test/ starts them (the same nginx config,
the same systemd ExecStart lines, DEBUG off), on a dedicated database loaded with the demo data.

Everything runs on 127.0.0.1 under a temporary directory; nothing of the project's own data is
touched. The database (default `gongkai_load`) is dropped and created anew at each start.
"""

import contextlib
import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "test"))

# The deployment test's own start-up code: one definition of how deploy/ is run.
from test_deployment import (  # noqa: E402
    NGINX,
    app_environment,
    free_port,
    render_nginx,
    run,
    stop,
    unit_command,
    wait_until_answering,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/gongkai_load"
STAFF_AGENCY = "DEMO-COUNTY"
STAFF_USERNAME = "county_foi"  # a demo FOI handler of DEMO-COUNTY (gongkai/demo/loading.py)
STAFF_PASSWORD = "demo-foi-2026"  # noqa: S105 - demo data only, printed by load_demo


@dataclasses.dataclass
class Stack:
    url: str
    env: dict[str, str]
    directory: Path
    staff_key: str
    processes: list[subprocess.Popen]


def recreate_database(database_url: str) -> None:
    """Drop and create the database named in the URL (connecting to `postgres` to do so)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name or name == "postgres" or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to recreate database {name!r}: use e.g. gongkai_load")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _start(command: list[str], env: dict, directory: Path, log_name: str) -> subprocess.Popen:
    with (directory / log_name).open("w") as log:
        return subprocess.Popen(  # noqa: S603 - our own commands
            command, env=env, cwd=directory, stdout=log, stderr=subprocess.STDOUT
        )


@contextlib.contextmanager
def deployed_stack(
    directory: Path,
    *,
    database_url: str = DEFAULT_DATABASE_URL,
    workers: int = 4,
    app_env: dict[str, str] | None = None,
    say=print,
) -> Iterator[Stack]:
    """Start the whole stack in `directory`; stop every process it started on exit."""
    if not (os.path.exists(NGINX)):
        raise SystemExit(f"no nginx at {NGINX} (apt-get install nginx)")
    port, app_port = free_port(), free_port()
    env = app_environment(directory, port)
    env.update(DATABASE_URL=database_url)
    # Plain HTTP on loopback (the deployment test's SECURE_SSL_REDIRECT=false for the same
    # reason): Secure cookies would never come back, and no form could be posted.
    env.update(SESSION_COOKIE_SECURE="false", CSRF_COOKIE_SECURE="false")
    env.update(app_env or {})
    gongkai = [str(Path(sys.executable).parent / "gongkai")]

    say(f"database {database_url}: recreating, migrating, loading the demo data")
    recreate_database(database_url)
    run([*gongkai, "migrate", "--noinput"], env, directory)
    run([*gongkai, "collectstatic", "--noinput"], env, directory)
    run([*gongkai, "load_demo"], env, directory)
    run([*gongkai, "search_index", "rebuild"], env, directory)
    staff_key = run(
        [*gongkai, "create_api_token", STAFF_USERNAME, "--name", "load"], env, directory
    )

    web = unit_command("gongkai-web.service")
    web[web.index("--bind") + 1] = f"127.0.0.1:{app_port}"
    web[web.index("--workers") + 1] = str(workers)
    # The access log of every request would cost the run more than it tells.
    web.remove("--access-logfile")
    web.remove("-")
    processes = [_start(web, env, directory, "gunicorn.log")]
    try:
        wait_until_answering(app_port, processes[0], directory / "gunicorn.log")
        processes.append(
            _start(unit_command("gongkai-worker.service"), env, directory, "worker.log")
        )
        processes.append(
            _start(unit_command("gongkai-search-index.service"), env, directory, "index.log")
        )
        conf = render_nginx(directory, port, app_port)
        # 50 users and the upstream connections: the test's 64 would not do.
        text = conf.read_text().replace("worker_connections 64;", "worker_connections 1024;")
        conf.write_text(text)
        nginx_command = [NGINX, "-p", str(directory), "-c", str(conf), "-e", "stderr"]
        run([*nginx_command, "-t"], env, directory)
        processes.append(_start(nginx_command, env, directory, "nginx.out"))
        wait_until_answering(port, processes[-1], directory / "nginx.out")
        yield Stack(
            url=f"http://127.0.0.1:{port}",
            env=env,
            directory=directory,
            staff_key=staff_key.strip(),
            processes=processes,
        )
    finally:
        for process in reversed(processes):
            stop(process)
