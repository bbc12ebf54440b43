"""Two app servers on one PostgreSQL (issue #16, target 5): a record published through one is
found through the other's search within the apply interval, and a withdrawal leaves it too.

Each server is what docs/deployment.md puts on a machine: gunicorn as gongkai-web.service
starts it and the per-server search loop of gongkai-search-index.service, with its own
GONGKAI_DATA_DIR, MEDIA_ROOT and SEARCH_INDEX_DIR; they share only a PostgreSQL database
(gongkai_two_servers_<pid>, made for this run and dropped after it). Production keeps
attachments on storage every server shares; the record here has none, so each server has its
own MEDIA_ROOT and nothing but the database can carry the change. Server A also runs the worker
(gongkai-worker.service): the task that follows a publication updates only the index of the
machine whose worker takes it, so B must find the record through its own loop.

A clerk drafts and submits the record in A's console and a reviewer publishes and withdraws it
there (sign-in and CSRF token as a browser sends them); B's public search page and the API
search are asked until they agree. The bound is the loop's interval (`--every`, read from the
unit) plus APPLY_MARGIN. Talks to gunicorn directly: the cache of nginx in front adds its own
window (test_deployment.py checks that). Without PostgreSQL the test is skipped loudly; with
CI=true it fails.
"""

import contextlib
import dataclasses
import http.client
import http.cookies
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_deployment import (
    START_TIMEOUT,
    VENV_BIN,
    Response,
    app_environment,
    free_port,
    run,
    unit_command,
    wait_until_answering,
)

# The server that creates and drops the test's database (PostgreSQL as .ci/run starts it).
ADMIN_DATABASE_URL = os.environ.get(
    "GONGKAI_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)
# Beyond the loop's interval: one apply (segmenting the record), the request, a loaded machine.
APPLY_MARGIN = 5.0
POLL_PAUSE = 0.5  # seconds between two looks at B's search
# migrate and collectstatic (which compresses every file) on a machine shared with other jobs.
SLOW_COMMAND_TIMEOUT = 900
TITLE = "关于开展双服务器检索演练的通知"


@dataclasses.dataclass
class Server:
    name: str
    port: int
    env: dict[str, str]
    directory: Path
    logs: list[Path]

    def log_tails(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()[-2000:]}" for log in self.logs)


@dataclasses.dataclass
class Installation:
    a: Server
    b: Server
    data: dict
    apply_interval: int


class Visitor:
    """A browser without JavaScript: keeps its cookies, posts forms, follows no redirect."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.cookies: dict[str, str] = {}

    def fetch(self, path: str, form: dict[str, str] | None = None) -> Response:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.server.port}"
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            connection.request("POST" if form is not None else "GET", path, body, headers)
            answer = connection.getresponse()
            for name, value in answer.getheaders():
                if name.lower() == "set-cookie":
                    for morsel in http.cookies.SimpleCookie(value).values():
                        if morsel.value:
                            self.cookies[morsel.key] = morsel.value
                        else:  # deleted
                            self.cookies.pop(morsel.key, None)
            return Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
        finally:
            connection.close()

    def submit(self, page_path: str, action: str, values: dict[str, str]) -> Response:
        """Open the page that holds the form, then post it with that page's CSRF token."""
        page = self.fetch(page_path)
        assert page.status == 200, (page_path, page.status)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found, f"no CSRF token on {page_path}"
        return self.fetch(action, {**values, "csrfmiddlewaretoken": found[1]})


def sign_in(server: Server, person: dict) -> Visitor:
    visitor = Visitor(server)
    answer = visitor.submit(
        "/console/login/",
        "/console/login/",
        {"username": person["username"], "password": person["password"]},
    )
    assert answer.status == 302, f"sign-in refused ({answer.status}):\n{answer.text[-2000:]}"
    return visitor


def console_action(visitor: Visitor, record: int, action: str, values: dict) -> None:
    detail = f"/console/documents/{record}/"
    answer = visitor.submit(detail, f"{detail}{action}/", values)
    assert answer.status == 302, f"{action} refused ({answer.status}):\n{answer.text[-3000:]}"
    follow = visitor.fetch(answer.headers["location"])
    # A refused action redirects too, with the reason in an error banner.
    assert 'class="banner bad"' not in follow.text, f"{action} refused:\n{follow.text[-3000:]}"


def publish_through(server: Server, data: dict) -> int:
    """A clerk drafts and submits the record, a reviewer publishes it: console POSTs on server."""
    clerk = sign_in(server, data["publisher"])
    created = clerk.submit(
        f"/console/documents/new/?agency={data['agency']}",
        "/console/documents/new/",
        {**data["draft"], "title": TITLE},
    )
    assert created.status == 302, f"draft refused ({created.status}):\n{created.text[-3000:]}"
    record = int(re.fullmatch(r".*/console/documents/(\d+)/", created.headers["location"])[1])
    console_action(clerk, record, "submit", {})
    reviewer = sign_in(server, data["reviewer"])
    console_action(reviewer, record, "publish", {"interpretation_waiver": "通知，无需解读。"})
    return record


def withdraw_through(server: Server, data: dict, record: int) -> None:
    reviewer = sign_in(server, data["reviewer"])
    console_action(reviewer, record, "withdraw", {"reason": "双服务器测试：撤回。"})


# --- what server B's search shows -------------------------------------------------------------


@dataclasses.dataclass
class Seen:
    page_lists: bool  # the portal's result list links to the record
    api_lists: bool  # the API's results hold it
    engine_total: int  # what B's own index counts (before the database's check of each hit)

    @property
    def listed(self) -> bool:
        """On the result page and in the API's results alike."""
        return self.page_lists and self.api_lists


def look(server: Server, record: int) -> Seen:
    quoted = urllib.parse.quote(TITLE)
    visitor = Visitor(server)
    page = visitor.fetch(f"/search/?q={quoted}")
    api = visitor.fetch(f"/api/search?q={quoted}")
    assert page.status == 200, (page.status, page.text[-2000:])
    assert api.status == 200, (api.status, api.text[-2000:])
    answer = json.loads(api.body)
    return Seen(
        page_lists=f'href="/records/{record}/"' in page.text,
        api_lists=record in [hit["id"] for hit in answer["results"]],
        engine_total=answer["total"],
    )


def health(server: Server) -> dict:
    return json.loads(Visitor(server).fetch("/health/search").body)


def wait_for(server: Server, record: int, wanted, deadline: float) -> tuple[Seen, float]:
    """Look until `wanted(seen)` or the deadline; the last look and when it was made."""
    while True:
        seen, at = look(server, record), time.monotonic()
        if wanted(seen) or at >= deadline:
            return seen, at
        time.sleep(POLL_PAUSE)


# --- the installation ------------------------------------------------------------------------


def postgres_or_skip():
    import psycopg

    try:
        return psycopg.connect(ADMIN_DATABASE_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = str(exc).splitlines()[0]
        message = f"DEPLOYMENT TEST SKIPPED: no PostgreSQL at {ADMIN_DATABASE_URL} ({reason})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)  # and conftest.py says so in red at the end


@contextlib.contextmanager
def own_database() -> Iterator[str]:
    """A database of this run's own on the shared server, dropped whatever happens."""
    from psycopg import sql

    name = f"gongkai_two_servers_{os.getpid()}"
    with postgres_or_skip() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield urllib.parse.urlsplit(ADMIN_DATABASE_URL)._replace(path=f"/{name}").geturl()
        finally:
            # FORCE: a connection a killed process left behind must not keep it alive.
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def run_slow(command: list[str], server: Server) -> str:
    done = subprocess.run(  # noqa: S603 - our own commands
        command,
        env=server.env,
        cwd=server.directory,
        capture_output=True,
        text=True,
        timeout=SLOW_COMMAND_TIMEOUT,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started in its own session and everything it started (gunicorn's workers)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start(command: list[str], server: Server, log_name: str, cleanup: contextlib.ExitStack):
    log_path = server.directory / log_name
    server.logs.append(log_path)
    log = cleanup.enter_context(log_path.open("w"))
    process = subprocess.Popen(  # noqa: S603 - the units' own commands
        command,
        env=server.env,
        cwd=server.directory,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    cleanup.callback(stop_group, process)
    return process


def wait_for_index(server: Server, loop: subprocess.Popen) -> None:
    """Until the search loop has made this server's index (its first apply)."""
    deadline = time.monotonic() + START_TIMEOUT
    while not (server.directory / "search-index" / "current").exists():
        if loop.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{server.name}: the search loop made no index:\n{server.log_tails()}")
        time.sleep(0.2)


def interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="module")
def installation() -> Iterator[Installation]:
    with contextlib.ExitStack() as cleanup:
        # A CI job's timeout sends SIGTERM: unwind, so that no server outlives the run.
        cleanup.callback(signal.signal, signal.SIGTERM, signal.signal(signal.SIGTERM, interrupt))
        top = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="gongkai-2srv-")))
        database_url = cleanup.enter_context(own_database())
        servers = []
        for name in ("a", "b"):
            directory = top / name
            directory.mkdir()
            port = free_port()
            env = app_environment(directory, port)
            env["DATABASE_URL"] = database_url
            # Two machines, two home directories (gunicorn keeps its control socket there).
            env["HOME"] = str(directory)
            # The test asks B's search every half second: one client far above a visitor.
            env["RATE_LIMIT_SEARCH"] = "off"
            servers.append(Server(name, port, env, directory, logs=[]))
        a, b = servers

        gongkai = str(VENV_BIN / "gongkai")
        run_slow([gongkai, "migrate", "--noinput"], a)  # once: the database is shared
        data = json.loads(
            run(
                [sys.executable, str(Path(__file__).with_name("two_servers_scenario.py")), "setup"],
                a.env,
                a.directory,
            )
        )

        loop_command = unit_command("gongkai-search-index.service")
        apply_interval = int(loop_command[loop_command.index("--every") + 1])
        # Collected once and copied, as a release's files are to each machine (it is slow).
        run_slow([gongkai, "collectstatic", "--noinput"], a)
        shutil.copytree(a.directory / "var" / "static", b.directory / "var" / "static")
        for server in servers:
            web = unit_command("gongkai-web.service")
            web[web.index("--bind") + 1] = f"127.0.0.1:{server.port}"
            web[web.index("--workers") + 1] = "2"
            gunicorn = start(web, server, "gunicorn.log", cleanup)
            loop = start(loop_command, server, "search-index.log", cleanup)
            if server is a:
                worker = [
                    part.replace("%H", "two-servers-a")
                    for part in unit_command("gongkai-worker.service")
                ]
                start(worker, server, "worker.log", cleanup)
            wait_until_answering(server.port, gunicorn, server.logs[0])
            wait_for_index(server, loop)
        yield Installation(a=a, b=b, data=data, apply_interval=apply_interval)


@dataclasses.dataclass
class Publication:
    record: int
    at: float  # time.monotonic() when A answered the reviewer's publish


@pytest.fixture(scope="module")
def published(installation) -> Publication:
    before = look(installation.b, 0)
    assert before.engine_total == 0, "the query finds something before the record exists"
    record = publish_through(installation.a, installation.data)
    return Publication(record=record, at=time.monotonic())


def test_the_servers_share_only_the_database(installation):
    a, b = installation.a, installation.b
    assert a.env["DATABASE_URL"] == b.env["DATABASE_URL"]
    for setting in ("GONGKAI_DATA_DIR", "MEDIA_ROOT", "SEARCH_INDEX_DIR"):
        assert a.env[setting] != b.env[setting], setting
    assert installation.apply_interval <= 60, "the unit's interval bounds how stale search is"


def test_a_record_published_on_one_server_is_found_through_the_other(installation, published):
    b = installation.b
    published_at = published.at
    deadline = published_at + installation.apply_interval + APPLY_MARGIN

    seen, at = wait_for(b, published.record, lambda s: s.listed, deadline)

    assert seen.listed, (
        f"B does not find the record {at - published_at:.1f} s after its publication on A "
        f"({seen}; B's /health/search: {health(b)}):\n{b.log_tails()}"
    )
    assert seen.engine_total == 1
    print(f"\nfound through B {at - published_at:.1f} s after the publication on A", end=" ")
    assert look(installation.a, published.record).listed  # by A's worker or A's own loop


def test_a_withdrawal_on_one_server_leaves_the_others_search(installation, published):
    a, b = installation.a, installation.b
    # B's index must hold the record first, or its absence after the withdrawal proves nothing.
    start_deadline = time.monotonic() + installation.apply_interval + APPLY_MARGIN
    seen, _at = wait_for(b, published.record, lambda s: s.engine_total == 1, start_deadline)
    assert seen.engine_total == 1, f"B's index never held the record ({seen})"

    withdraw_through(a, installation.data, published.record)
    withdrawn_at = time.monotonic()
    deadline = withdrawn_at + installation.apply_interval + APPLY_MARGIN

    # The database's check hides the record at once; B's own index must forget it as well.
    seen, at = wait_for(b, published.record, lambda s: s.engine_total == 0, deadline)

    assert seen.engine_total == 0, (
        f"B's index still holds the record {at - withdrawn_at:.1f} s after its withdrawal on A "
        f"({seen}; B's /health/search: {health(b)}):\n{b.log_tails()}"
    )
    assert not seen.page_lists
    assert not seen.api_lists
    print(f"\ngone from B's index {at - withdrawn_at:.1f} s after the withdrawal on A", end=" ")
    lag = health(b)
    assert lag["pending"] == 0, lag
    assert lag["applied_id"] == lag["outbox_max_id"], lag
