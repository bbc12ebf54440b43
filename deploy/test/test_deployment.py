"""gongkai as deploy/ runs it: Debian's nginx with deploy/nginx/gongkai.conf in front of
gunicorn started by the command of deploy/systemd/gongkai-web.service, with the environment of
deploy/gongkai.env.example (DEBUG off, a real key), on a temporary SQLite database, all on
127.0.0.1. It checks what the security review (#11) found wrong with the old sketch:

- a response to a request with credentials (Authorization, session cookie) is never served
  from the cache nor stored in it; staff, account, form and case pages are private, no-store;
- public pages, the public API and feeds are served from the cache within the window;
- the micro-cache: once the window is over one request revalidates in the background while
  the others get the previous copy; its key holds the text size and the URL (language), and
  no other cookie, so an unrelated cookie does not split it;
- a withdrawn record, an unpublished message and a changed feed are gone through the proxy,
  and a new record shows, within the window (+1 s: nginx counts whole seconds);
- uploads go through the application's check and leave nginx with nosniff.

nginx runs as a non-daemon subprocess with its own prefix, pid, log and temp paths under a
temporary directory, so it needs no root paths. Without nginx the test is skipped loudly;
with CI=true it fails.
"""

import dataclasses
import http.client
import json
import os
import pwd
import re
import secrets
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
NGINX = os.environ.get("GONGKAI_NGINX", "/usr/sbin/nginx")
START_TIMEOUT = 30.0  # seconds for gunicorn or nginx to answer
# Seconds for one request: a cold worker's first page took 12 s at a load average of 16 on the
# shared 2-core machine (a bound, not a speed check).
FETCH_TIMEOUT = 30
# Seconds for migrate, collectstatic, the scenario: collectstatic compresses every file and took
# over 180 s on the shared 2-core machine at a load average of 20 (a bound, not a speed check).
COMMAND_TIMEOUT = 600

# What deploy/nginx/gongkai.conf says for production, and what this test puts instead. Each
# must occur exactly once, so that a change to the file cannot silently escape the test.
PRODUCTION_VALUES = {
    "listen": "listen 80;",
    "upstream": "server 127.0.0.1:8000;",
    "cache": "/var/cache/nginx/gongkai",
    "static": "/srv/gongkai/var/static/",
    "media": "/srv/gongkai/media/",
}


@dataclasses.dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def cache_control(self) -> set[str]:
        value = self.headers.get("cache-control", "")
        return {part.strip() for part in value.split(",") if part.strip()}

    @property
    def cache_status(self) -> str:
        return self.headers.get("x-cache-status", "")


@dataclasses.dataclass
class Stack:
    port: int
    data: dict
    env: dict[str, str]
    directory: Path

    def fetch(
        self,
        path: str,
        method: str = "GET",
        body: bytes | None = None,
        source: str = "127.0.0.1",
        **headers: str,
    ) -> Response:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=FETCH_TIMEOUT, source_address=(source, 0)
        )
        try:
            names = {key.replace("_", "-"): value for key, value in headers.items()}
            connection.request(method, path, body=body, headers=names)
            answer = connection.getresponse()
            return Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _sep, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def unit_command(name: str) -> list[str]:
    """The ExecStart of a unit in deploy/systemd, run from this virtualenv."""
    text = (DEPLOY / "systemd" / name).read_text().replace("\\\n", " ")
    (line,) = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    command = shlex.split(line.removeprefix("ExecStart="))
    command[0] = str(VENV_BIN / Path(command[0]).name)
    return command


def app_environment(directory: Path, port: int) -> dict[str, str]:
    env = {
        key: os.environ[key]
        for key in ("PATH", "HOME", "LANG", "LC_ALL", "TZ")
        if key in os.environ
    }
    env.update(read_env_file(DEPLOY / "gongkai.env.example"))
    env.update(
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        DATABASE_URL=f"sqlite:///{directory / 'gongkai.sqlite3'}",
        GONGKAI_DATA_DIR=str(directory / "var"),
        MEDIA_ROOT=str(directory / "media"),
        SEARCH_INDEX_DIR=str(directory / "search-index"),
        BACKUP_DIR=str(directory / "backups"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # No TLS in front of this nginx (the certificate is the operator's): do not redirect.
        SECURE_SSL_REDIRECT="false",
    )
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def render_nginx(directory: Path, port: int, app_port: int) -> Path:
    """deploy/nginx/gongkai.conf for this directory and these ports, in a main config."""
    site = (DEPLOY / "nginx" / "gongkai.conf").read_text()
    local = {
        "listen": f"listen 127.0.0.1:{port};",
        "upstream": f"server 127.0.0.1:{app_port};",
        "cache": str(directory / "nginx-cache"),
        "static": f"{directory / 'var' / 'static'}/",
        "media": f"{directory / 'media'}/",
    }
    for key, production in PRODUCTION_VALUES.items():
        assert site.count(production) == 1, f"{production!r} should occur once in gongkai.conf"
        site = site.replace(production, local[key])
    (directory / "gongkai.conf").write_text(site)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / "nginx-temp" / name).mkdir(parents=True, exist_ok=True)
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    # As root nginx would hand its workers to "nobody", who cannot read a private temp dir.
    user = f"user {pwd.getpwuid(0).pw_name};" if os.geteuid() == 0 else ""
    temp = directory / "nginx-temp"
    main = f"""
        daemon off;
        {user}
        worker_processes 1;
        pid {directory / "nginx.pid"};
        error_log {directory / "nginx-error.log"} warn;
        events {{ worker_connections 64; }}
        http {{
            {mime}
            types {{ text/css css; application/pdf pdf; }}
            default_type application/octet-stream;
            access_log {directory / "nginx-access.log"};
            client_body_temp_path {temp / "client_body"};
            proxy_temp_path {temp / "proxy"};
            fastcgi_temp_path {temp / "fastcgi"};
            uwsgi_temp_path {temp / "uwsgi"};
            scgi_temp_path {temp / "scgi"};
            include {directory / "gongkai.conf"};
        }}
    """
    path = directory / "nginx.conf"
    path.write_text(main)
    return path


def run(command: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(  # noqa: S603 - our own commands
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=COMMAND_TIMEOUT
    )
    assert done.returncode == 0, f"{shlex.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def wait_until_answering(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"not answering on port {port} after {START_TIMEOUT} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not (os.path.exists(NGINX) or shutil.which(NGINX)):
        message = f"DEPLOYMENT TEST SKIPPED: no nginx at {NGINX} (apt-get install nginx)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)  # and conftest.py says so in red at the end
    directory = tmp_path_factory.mktemp("deployment")
    port, app_port = free_port(), free_port()
    env = app_environment(directory, port)

    gongkai = [str(VENV_BIN / "gongkai")]
    run([*gongkai, "migrate", "--noinput"], env, directory)
    run([*gongkai, "collectstatic", "--noinput"], env, directory)
    data = json.loads(
        run([sys.executable, str(Path(__file__).with_name("scenario.py")), "setup"], env, directory)
    )

    web = unit_command("gongkai-web.service")
    web[web.index("--bind") + 1] = f"127.0.0.1:{app_port}"
    web[web.index("--workers") + 1] = "2"
    web_log = directory / "gunicorn.log"
    with web_log.open("w") as log:
        gunicorn = subprocess.Popen(  # noqa: S603 - the unit's own command
            web, env=env, cwd=directory, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_until_answering(app_port, gunicorn, web_log)
        conf = render_nginx(directory, port, app_port)
        nginx_command = [NGINX, "-p", str(directory), "-c", str(conf), "-e", "stderr"]
        run([*nginx_command, "-t"], env, directory)
        nginx_log = directory / "nginx.out"
        with nginx_log.open("w") as log:
            nginx = subprocess.Popen(  # noqa: S603 - Debian's nginx
                nginx_command, cwd=directory, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            wait_until_answering(port, nginx, nginx_log)
            yield Stack(port=port, data=data, env=env, directory=directory)
        finally:
            stop(nginx)
    finally:
        stop(gunicorn)


@pytest.fixture(scope="module")
def window(stack) -> int:
    """The freshness window the application gives public responses (s-maxage)."""
    directive = next(d for d in stack.fetch("/").cache_control if d.startswith("s-maxage="))
    return int(directive.split("=")[1])


# What X-Cache-Status says of an answer from the cache, fresh or during its refresh.
FROM_CACHE = {"HIT", "STALE", "UPDATING"}


def is_private(response: Response) -> bool:
    return {"private", "no-store"} <= response.cache_control


def is_public(response: Response, window: int) -> bool:
    return response.cache_control == {"public", f"max-age={window}", f"s-maxage={window}"}


def bearer(stack) -> str:
    return f"Bearer {stack.data['key']}"


def session_cookie(stack) -> str:
    return f"sessionid={stack.data['session']}"


# --- what the cache may keep ----------------------------------------------------------


def public_paths(data: dict) -> list[str]:
    return [
        "/",
        "/en/",
        f"/records/{data['record']}/",
        f"/api/records/{data['record']}",
        f"/messages/{data['message']}/",
        f"/api/messages/{data['message']}",
        "/feeds/records/",
        "/api/agencies",
    ]


def test_public_pages_the_public_api_and_feeds_are_served_from_the_cache(stack, window):
    assert window <= 10, "the window bounds how long withdrawn content stays visible"
    for path in public_paths(stack.data):
        first = stack.fetch(path)
        second = stack.fetch(path)

        assert first.status == 200, (path, first.status)
        assert is_public(first, window), (path, first.headers.get("cache-control"))
        assert first.headers.get("etag") or first.headers.get("last-modified"), path
        assert second.cache_status == "HIT", (path, second.cache_status)
        assert second.body == first.body, path


def test_a_request_with_a_token_is_never_answered_from_or_stored_in_the_cache(stack):
    staff = f"/api/staff/applications/{stack.data['application']}"

    clerk = stack.fetch(staff, Authorization=bearer(stack))
    anyone = stack.fetch(staff)

    assert clerk.status == 200
    assert stack.data["id_number"] in clerk.text
    assert is_private(clerk)
    assert clerk.cache_status == "BYPASS"
    assert anyone.status == 401
    assert stack.data["id_number"] not in anyone.text
    assert anyone.cache_status != "HIT"
    assert is_private(anyone)

    # Even on a public URL, what a token holder got is not what the next visitor gets.
    public = f"/api/records/{stack.data['record']}?probe=token"
    with_token = stack.fetch(public, Authorization=bearer(stack))
    after = stack.fetch(public)
    assert with_token.cache_status == "BYPASS"
    assert is_private(with_token)
    assert after.cache_status == "MISS"  # the token holder's answer was not stored
    assert stack.fetch(public).cache_status == "HIT"


def test_a_request_with_a_session_is_never_answered_from_or_stored_in_the_cache(stack):
    console = stack.fetch("/console/", Cookie=session_cookie(stack))
    anyone = stack.fetch("/console/")

    assert console.status == 200
    assert "我的工作" in console.text
    assert is_private(console)
    assert console.cache_status == "BYPASS"
    assert anyone.status == 302
    assert "/console/login/" in anyone.headers["location"]
    assert "我的工作" not in anyone.text

    page = "/policies/?probe=session"
    signed_in = stack.fetch(page, Cookie=session_cookie(stack))
    after = stack.fetch(page)
    assert signed_in.cache_status == "BYPASS"
    assert is_private(signed_in)
    assert after.cache_status == "MISS"
    assert stack.fetch(page).cache_status == "HIT"


def test_staff_account_form_and_case_pages_are_never_stored(stack):
    data = stack.data
    paths = [
        "/console/login/",
        "/en/console/login/",
        "/admin/login/",
        "/accounts/login/",
        "/apply/",
        "/apply/progress/",
        "/messages/new/",
        "/messages/lookup/",
        "/api/staff/applications",
        "/health/search",
    ]
    for path in paths:
        first = stack.fetch(path)
        second = stack.fetch(path)

        assert first.status in (200, 302, 401), (path, first.status)
        assert is_private(first), (path, first.headers.get("cache-control"))
        assert second.cache_status != "HIT", path
    progress = check_progress(stack, data["query_code"], data["phone"])
    assert progress.status == 200
    assert is_private(progress)
    assert data["query_code"] in progress.text

    posted = stack.fetch("/apply/progress/", method="POST")
    assert is_private(posted)


def check_progress(
    stack, code: str, secret: str, source: str = "127.0.0.1", **headers: str
) -> Response:
    """The applicant's progress check: a POST, the phone in the body, never in the URL."""
    body = json.dumps({"code": code, "secret": secret}).encode()
    return stack.fetch(
        "/api/applications/progress",
        method="POST",
        body=body,
        source=source,
        Content_Type="application/json",
        **headers,
    )


def test_rate_limits_count_the_address_nginx_saw_not_a_forged_header(stack):
    # Ten checks a minute per client (RATE_LIMIT_PROGRESS); each guess claims another address
    # in X-Forwarded-For, which nginx keeps on the left of the one it saw. The client calls
    # from 127.0.0.2: 127.0.0.1 is nginx's address, a trusted proxy (TRUSTED_PROXIES).
    # 25 checks span at most two minute windows, which allow 20 between them.
    answers = [
        check_progress(
            stack,
            f"NOCODE{n:04d}",
            "1",
            source="127.0.0.2",
            X_Forwarded_For=f"198.51.100.{n}",
        )
        for n in range(25)
    ]

    refused = [answer for answer in answers if answer.status == 429]
    assert refused
    assert refused[0].headers["retry-after"].isdigit()
    assert "查询过于频繁" in refused[0].text


# --- files ----------------------------------------------------------------------------


def test_static_files_come_from_collectstatic(stack):
    home = stack.fetch("/").text
    (stylesheet,) = re.findall(r'href="(/static/gongkai/site\.[0-9a-f]+\.css)"', home)

    response = stack.fetch(stylesheet)

    assert response.status == 200
    assert response.headers["content-type"].startswith("text/css")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "max-age=2592000"  # expires 30d
    compressed = stack.fetch(stylesheet, Accept_Encoding="gzip")
    assert compressed.headers["content-encoding"] == "gzip"


def test_uploads_are_checked_by_the_application_and_sent_by_nginx(stack, window):
    public = stack.fetch(stack.data["public_file"])
    draft_anonymous = stack.fetch(stack.data["draft_file"])
    draft_staff = stack.fetch(stack.data["draft_file"], Cookie=session_cookie(stack))
    name = stack.data["public_file"].removeprefix("/media/")
    direct = stack.fetch(f"/_protected_media/{name}")

    assert public.status == 200
    assert public.body.startswith(b"%PDF")
    assert public.headers["content-type"] == "application/pdf"
    assert public.headers["x-content-type-options"] == "nosniff"
    assert is_public(public, window)
    assert draft_anonymous.status == 404
    assert draft_staff.status == 200
    assert draft_staff.body.startswith(b"%PDF")
    assert draft_staff.headers["x-content-type-options"] == "nosniff"
    assert is_private(draft_staff)
    assert direct.status == 404  # internal: only through the application's check


# --- the micro-cache: its key and its refresh ------------------------------------------


def html_class(response: Response) -> str:
    """The <html> element's class: `large-text`, `small-text` or none (medium)."""
    match = re.search(r'<html lang="([^"]+)"(?: class="([^"]+)")?>', response.text)
    assert match, response.text[:300]
    return f"{match.group(1)} {match.group(2) or 'medium'}"


def test_text_sizes_and_languages_are_cached_apart_and_correctly(stack):
    page = "/policies/?probe=variants"
    variants = {
        "zh-Hans medium": (page, {}),
        "zh-Hans large-text": (page, {"Cookie": "text_size=large"}),
        "zh-Hans small-text": (page, {"Cookie": "text_size=small"}),
        "en medium": (f"/en{page}", {}),
        "en large-text": (f"/en{page}", {"Cookie": "text_size=large"}),
    }
    bodies = {}
    for expected, (path, headers) in variants.items():
        first = stack.fetch(path, **headers)
        second = stack.fetch(path, **headers)

        assert first.cache_status == "MISS", (expected, first.cache_status)
        assert html_class(first) == expected
        assert second.cache_status == "HIT", (expected, second.cache_status)
        assert second.body == first.body, expected
        bodies[expected] = first.body
    assert len(set(bodies.values())) == len(variants)

    # What the application reads as the same size is the same entry (display.py).
    same = {
        "zh-Hans large-text": {"Cookie": "large_text=1"},  # the old switch
        "zh-Hans medium": {"Cookie": "text_size=medium"},
        "zh-Hans small-text": {"Cookie": "large_text=1; text_size=small"},
    }
    for expected, headers in same.items():
        response = stack.fetch(page, **headers)
        assert response.cache_status == "HIT", (headers, response.cache_status)
        assert response.body == bodies[expected], headers
    unknown = stack.fetch(page, Cookie="text_size=huge")
    assert unknown.cache_status == "HIT"
    assert unknown.body == bodies["zh-Hans medium"]


def test_an_unrelated_cookie_is_answered_from_the_same_entry(stack):
    page = "/policies/?probe=cookies"
    anonymous = stack.fetch(page)
    cookies = "csrftoken=Hx1pQ0b3mJ2Yk9cT7rVw5sLz8aNe4dFg; _ga=GA1.2.345.678; theme=dark"
    with_cookies = stack.fetch(page, Cookie=cookies)
    large = stack.fetch(page, Cookie=f"{cookies}; text_size=large")

    assert anonymous.cache_status == "MISS"
    assert with_cookies.cache_status == "HIT"
    assert with_cookies.body == anonymous.body
    assert large.cache_status == "MISS"  # a size of its own, stored once
    assert stack.fetch(page, Cookie="text_size=large").cache_status == "HIT"

    # Nor does a visitor with such cookies fill the cache with anything but the public page.
    other = "/policies/?probe=cookies-first"
    first = stack.fetch(other, Cookie=cookies)
    anyone = stack.fetch(other)
    assert first.cache_status == "MISS"
    assert anyone.cache_status == "HIT"
    assert anyone.body == first.body
    assert b"Hx1pQ0b3" not in first.body


def test_staff_never_get_a_cached_page_and_never_fill_the_cache(stack):
    page = "/policies/?probe=staff"
    stack.fetch(page)
    assert stack.fetch(page).cache_status == "HIT"
    large = "/policies/?probe=staff-large"

    for path, cookie in ((page, ""), (large, "; text_size=large")):
        staff = stack.fetch(path, Cookie=f"{session_cookie(stack)}{cookie}")
        assert staff.cache_status == "BYPASS", path
        assert is_private(staff), path
    # The staff member's large-text page was not stored: the next visitor's request goes on.
    assert stack.fetch(large, Cookie="text_size=large").cache_status == "MISS"
    with_token = stack.fetch(page, Authorization=bearer(stack))
    assert with_token.cache_status == "BYPASS"


def test_an_expired_page_is_served_while_one_request_refreshes_it(stack, window):
    page = "/policies/?probe=refresh"
    first = stack.fetch(page)
    assert stack.fetch(page).cache_status == "HIT"
    time.sleep(window + 1.2)  # nginx counts whole seconds

    expired = stack.fetch(page)
    assert expired.cache_status in ("STALE", "UPDATING"), expired.cache_status
    assert expired.body == first.body
    # The background request revalidated it (a 304): fresh again for the window.
    deadline = time.monotonic() + 3
    while stack.fetch(page).cache_status != "HIT":
        assert time.monotonic() < deadline, "the page was not refreshed in the background"
        time.sleep(0.1)


# --- withdrawal and publication through the proxy (last: it changes the data) -----------


def test_withdrawn_unpublished_and_new_content_shows_within_the_window(stack, window):
    data = stack.data
    new_title = data["new_record_title"]
    shows_change = {
        f"/records/{data['record']}/": lambda r: r.status == 410,
        f"/api/records/{data['record']}": lambda r: r.status == 410,
        f"/messages/{data['message']}/": lambda r: r.status == 404,
        f"/api/messages/{data['message']}": lambda r: r.status == 404,
        "/feeds/records/": lambda r: r.status == 200 and data["record_title"] not in r.text,
        "/feeds/messages/": lambda r: r.status == 200 and data["message_subject"] not in r.text,
        "/": lambda r: (
            r.status == 200 and data["record_title"] not in r.text and new_title in r.text
        ),
        "/?probe=large": lambda r: r.status == 200 and new_title in r.text,
        f"/agencies/{data['agency']}/": lambda r: r.status == 200 and new_title in r.text,
    }
    large = {"/?probe=large": {"Cookie": "text_size=large"}}
    for path in shows_change:
        stack.fetch(path, **large.get(path, {}))
        cached = stack.fetch(path, **large.get(path, {}))
        # An earlier test's copy may be past its window: served while it is being refreshed.
        assert cached.cache_status in FROM_CACHE, (path, cached.cache_status)
        assert not shows_change[path](cached), f"{path} shows the change before it is made"

    run(
        [sys.executable, str(Path(__file__).with_name("scenario.py")), "change"],
        stack.env,
        stack.directory,
    )
    changed = time.monotonic()
    deadline = changed + window + 1.5  # nginx counts whole seconds; a little for the check
    not_yet = dict.fromkeys(shows_change)
    while not_yet and time.monotonic() < deadline:
        for path in list(not_yet):
            if shows_change[path](stack.fetch(path, **large.get(path, {}))):
                del not_yet[path]
        time.sleep(0.25)

    assert not not_yet, f"unchanged {window + 1} s after the change: {list(not_yet)}"


# --- the other units --------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["gongkai-worker.service", "gongkai-search-index.service"])
def test_the_other_units_run_commands_that_exist(stack, unit):
    command = unit_command(unit)

    help_text = run([*command, "--help"], stack.env, stack.directory)

    assert help_text.startswith("usage: gongkai")


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_backup_unit_writes_an_archive_that_restores_on_a_fresh_server(stack, tmp_path):
    printed = run(unit_command("gongkai-backup.service"), stack.env, stack.directory)

    (archive,) = (stack.directory / "backups").glob("gongkai-backup-*.tar.gz")
    assert f"已写入备份：{archive}" in printed
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # it holds ID copies
    # Another server: its own database, files and search index, migrated and empty.
    env = {
        **stack.env,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gongkai.sqlite3'}",
        "GONGKAI_DATA_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }
    gongkai = str(VENV_BIN / "gongkai")
    run([gongkai, "migrate", "--noinput"], env, tmp_path)

    printed = run([gongkai, "restore", str(archive)], env, tmp_path)

    assert "恢复完成" in printed
    restored = media_files(tmp_path / "media")
    assert restored == media_files(stack.directory / "media")
    assert len(restored) >= 2  # the public and the draft record's attachments
    lag = json.loads(run([gongkai, "search_index", "status", "--json"], env, tmp_path))
    assert lag["pending"] == 0
    assert not lag["rebuild_needed"]
