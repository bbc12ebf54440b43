"""Shared test fixtures: the clock, the browser, and the demo restored from a snapshot."""

import contextlib
import copy
import datetime
import os
import shutil
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from django.db import connections

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_skipped_browser_tests: list[str] = []


# No test reads the real clock: every test starts on this date (a Monday in a loaded year, far
# from the year's end) unless it travels elsewhere itself. The clock ticks from there, so
# records made one after another still get increasing timestamps. time-machine patches the
# whole process, so the live server of the browser tests sees the same date.
TEST_TODAY = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _test_clock():
    # Yields the traveller, so that restore_demo can move the clock past the demo's moments.
    with time_machine.travel(TEST_TODAY, tick=True) as traveller:
        yield traveller


@contextlib.contextmanager
def _unlabelled_audit_actions(dispatch_uid: str):
    """Collects the action codes of new audit events that have no label for people."""
    from django.db.models.signals import post_save

    from gongkai.audit.labels import labelled_codes
    from gongkai.audit.models import AuditEvent

    unlabelled: set[str] = set()

    def check(sender, instance, created, **kwargs):
        if created and instance.action not in labelled_codes():
            unlabelled.add(instance.action)

    post_save.connect(check, sender=AuditEvent, dispatch_uid=dispatch_uid)
    try:
        yield unlabelled
    finally:
        post_save.disconnect(sender=AuditEvent, dispatch_uid=dispatch_uid)


def _fail_if_unlabelled(unlabelled: set[str]) -> None:
    if unlabelled:
        pytest.fail(
            f"audit action codes without a label: {sorted(unlabelled)} — add them to the "
            "app's audit_labels.py"
        )


@pytest.fixture(autouse=True)
def _audit_actions_are_labelled():
    """Every audit event any test writes has a label for people (gongkai/audit/labels.py):
    a new action code without one fails the test that first writes it."""
    with _unlabelled_audit_actions("test-audit-labels") as unlabelled:
        yield
    _fail_if_unlabelled(unlabelled)


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _default_language():
    # LocaleMiddleware leaves the last request's language active in the thread; start each
    # test in the default language so reverse() and gettext do not depend on test order.
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.activate("zh-hans")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with empty caches. No cached public page (gongkai/portal/page_cache.py):
    a rolled-back test's audit ids are reused by the next test on SQLite, so a page kept under
    one of them would be another test's page; no cached counts of the home page either."""
    from django.core.cache import caches

    for alias in ("pages", "default"):
        caches[alias].clear()
    yield
    for alias in ("pages", "default"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test gets its own search index: publishing feeds it through the outbox.
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"


# --- The demo, loaded once per session ------------------------------------------------------
# load_demo() costs 25-45 s of CPU and some forty tests start from it. The session loads it
# once, at its start, into the fresh test database inside a transaction that it rolls back,
# and keeps the rows of every table the load changed (and those the on-commit work then
# changed: the outbox applied to the search index, the attachments' text), the media files
# and the search index directory. restore_demo() puts them back in a fraction of a second:
# the tables as load_demo() leaves them, the media in this test's MEDIA_ROOT, and, once the
# test's transaction commits (a transactional or live-server test; or inside
# django_capture_on_commit_callbacks(execute=True)), the on-commit tables and the index in
# this test's SEARCH_INDEX_DIR. A test that tests load_demo() itself (idempotence) still calls it.


@dataclass
class _DemoSnapshot:
    accounts: list
    finished_at: datetime.datetime  # the test clock when the load and its on-commit work ended
    base_counts: dict[str, int]  # rows in the tables the load changed, before it
    loaded: dict[str, object]  # those tables as load_demo() leaves them, before commit
    committed: dict[str, object]  # the tables the on-commit work then changed
    mail: list
    media_dir: Path
    index_loaded_dir: Path
    index_committed_dir: Path


def _quoted(name: str) -> str:
    # Table and column names come from Django's introspection; S608 below is about values.
    return connections["default"].ops.quote_name(name)


def _dump_table(cursor, table: str) -> object:
    """A table's rows exactly as stored: COPY's text on PostgreSQL; on SQLite the raw values
    (`+column` has no declared type, so no converter turns text into datetimes and back)."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {_quoted(table)} TO STDOUT") as copy_out:
            return b"".join(bytes(chunk) for chunk in copy_out)
    columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    selected = ", ".join(f"+{_quoted(column)}" for column in columns)
    cursor.execute(f"SELECT {selected} FROM {_quoted(table)} ORDER BY rowid")  # noqa: S608
    return columns, cursor.fetchall()


def _same_rows(first: object, second: object) -> bool:
    if isinstance(first, bytes):  # COPY text: row order may differ after an update
        return sorted(first.split(b"\n")) == sorted(second.split(b"\n"))
    return first == second


def _dump_tables() -> dict[str, object]:
    connection = connections["default"]
    with connection.cursor() as cursor:
        tables = connection.introspection.django_table_names(only_existing=True)
        return {table: _dump_table(cursor, table) for table in sorted(tables)}


def _changed(before: dict[str, object], after: dict[str, object]) -> dict[str, object]:
    return {t: rows for t, rows in after.items() if not _same_rows(before[t], rows)}


def _replace_tables(tables: dict[str, object]) -> None:
    """Replace the tables' rows with the dumped ones. Foreign keys are deferred to the commit
    on both databases, so the order of the tables does not matter."""
    from django.apps import apps
    from django.core.management.color import no_style

    connection = connections["default"]
    with connection.cursor() as cursor:
        for table, rows in tables.items():
            cursor.execute(f"DELETE FROM {_quoted(table)}")  # noqa: S608
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {_quoted(table)} FROM STDIN") as copy_in:
                    copy_in.write(rows)
            elif rows[1]:
                columns, values = rows
                names = ", ".join(_quoted(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    values,
                )
        # PostgreSQL's sequences do not follow rows inserted with their ids (SQLite's do).
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in tables
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _copy_dir(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    if source.exists():
        shutil.copytree(source, target, symlinks=True)  # the index's `current` link is relative


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory) -> _DemoSnapshot:
    from django.core import mail
    from django.db import transaction
    from django.test import TestCase, override_settings
    from django.utils import timezone, translation

    from gongkai.demo.loading import load_demo

    root = tmp_path_factory.mktemp("demo-snapshot")
    places = {"MEDIA_ROOT": root / "media", "SEARCH_INDEX_DIR": root / "search-index"}
    with (
        django_db_blocker.unblock(),
        time_machine.travel(TEST_TODAY, tick=True),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, **places),
        translation.override("zh-hans"),
        _unlabelled_audit_actions("demo-snapshot-audit-labels") as unlabelled,
        transaction.atomic(),
    ):
        mail_before = len(getattr(mail, "outbox", []))
        before = _dump_tables()
        with TestCase.captureOnCommitCallbacks(execute=True):
            accounts = load_demo()
            after_load = _dump_tables()
            shutil.copytree(places["MEDIA_ROOT"], root / "media-loaded")
            _copy_dir(places["SEARCH_INDEX_DIR"], root / "index-loaded")
        after_commit = _dump_tables()
        _copy_dir(places["SEARCH_INDEX_DIR"], root / "index-committed")
        loaded = _changed(before, after_load)
        snapshot = _DemoSnapshot(
            accounts=accounts,
            finished_at=timezone.now(),
            base_counts={
                table: before[table].count(b"\n")  # COPY ends each row with one
                if isinstance(before[table], bytes)
                else len(before[table][1])
                for table in loaded
            },
            loaded=loaded,
            committed=_changed(after_load, after_commit),
            mail=list(getattr(mail, "outbox", []))[mail_before:],
            media_dir=root / "media-loaded",
            index_loaded_dir=root / "index-loaded",
            index_committed_dir=root / "index-committed",
        )
        transaction.set_rollback(True)
    _fail_if_unlabelled(unlabelled)
    return snapshot


@pytest.fixture(scope="session", autouse=True)
def _demo_snapshot_before_any_test(request):
    """Take the snapshot first, while the test database is as the migrations left it: a
    transactional test empties it when it ends."""
    if any("restore_demo" in getattr(item, "fixturenames", ()) for item in request.session.items):
        # On failure pytest keeps the error: the tests that need the demo report it, no others.
        with contextlib.suppress(Exception, pytest.fail.Exception):
            request.getfixturevalue("_demo_snapshot")


def _row_count(table: str) -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {_quoted(table)}")  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def restore_demo(_demo_snapshot, db, settings, _test_clock):
    """restore_demo() leaves the database, media and search index as load_demo() would, and
    returns what it returns: the demo accounts (see the comment above _DemoSnapshot)."""
    from django.core import mail
    from django.db import transaction
    from django.utils import timezone

    snapshot = _demo_snapshot

    def finish_commit_work():
        with transaction.atomic():
            _replace_tables(snapshot.committed)
        _copy_dir(snapshot.index_committed_dir, Path(settings.SEARCH_INDEX_DIR))

    def restore():
        with transaction.atomic():
            changed_before = [
                table for table, count in snapshot.base_counts.items() if _row_count(table) != count
            ]
            if changed_before:
                pytest.fail(
                    "restore_demo() needs the tables as the migrations leave them, but this "
                    f"test changed {changed_before} before: call load_demo() instead"
                )
            _replace_tables(snapshot.loaded)
            shutil.copytree(snapshot.media_dir, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
            _copy_dir(snapshot.index_loaded_dir, Path(settings.SEARCH_INDEX_DIR))
            # Runs when this commits, as the outbox and text extraction do after load_demo().
            transaction.on_commit(finish_commit_work)
        if hasattr(mail, "outbox"):
            mail.outbox.extend(copy.deepcopy(snapshot.mail))
        # The demo's records were stamped up to finished_at: the test goes on from there.
        lag = snapshot.finished_at - timezone.now()
        if lag > datetime.timedelta(0):
            _test_clock.shift(lag)
        return list(snapshot.accounts)

    return restore


@pytest.fixture
def chromium_path(request):
    """Debian's Chromium; a loud skip without it, and a failure in CI."""
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}: install Debian's chromium")
    _skipped_browser_tests.append(request.node.nodeid)
    pytest.skip(f"BROWSER TEST SKIPPED: no Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture
def browser(chromium_path):
    # Playwright's sync API runs an event loop; Django forbids ORM calls from it unless told.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
            # ORM calls made while Playwright's loop runs get their own database connection
            # (Django keys connections by context); close them, or PostgreSQL refuses to drop
            # the test database at the end ("being accessed by other users").
            connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _skip_unless_postgres(item) -> None:
    """`pytest.mark.postgres_only("why")`: skipped, loudly and with the reason, on any other
    database (row locks and concurrent transactions are PostgreSQL's; CI runs both)."""
    from django.db import connection

    marker = item.get_closest_marker("postgres_only")
    if marker is None or connection.vendor == "postgresql":
        return
    why = marker.args[0] if marker.args else "needs PostgreSQL"
    item.add_marker(
        pytest.mark.skip(
            reason=f"{why}: this test runs in the PostgreSQL pass of CI (DATABASE_URL=postgres://…)"
        )
    )


def pytest_collection_modifyitems(config, items):
    """A transactional test ends by emptying every table, and after that Django re-creates the
    content types with new ids; a later test with serialized_rollback then fails to put back
    the migrations' rows (UNIQUE constraint on django_content_type, as CI saw after the
    subscriptions browser test). So every transactional test restores the migrations' rows."""
    missing = []
    for item in items:
        _skip_unless_postgres(item)
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
            name in fixtures for name in ("live_server", "transactional_db")
        )
        if transactional and not (marker is not None and marker.kwargs.get("serialized_rollback")):
            missing.append(item.nodeid)
    if missing:
        raise pytest.UsageError(
            "transactional tests need pytest.mark.django_db(transaction=True, "
            f"serialized_rollback=True): {missing}"
        )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped_browser_tests:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(_skipped_browser_tests)} browser test(s) did not run: Chromium is not "
            f"installed at {CHROMIUM}. Install Debian's 'chromium' package to run them.",
            red=True,
            bold=True,
        )
