"""Shared test fixtures: personas (citizen, officer, supervisor, outsider) and the browser."""

import datetime
import os
import shutil
import zoneinfo

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
    with time_machine.travel(TEST_TODAY, tick=True):
        yield


@pytest.fixture(autouse=True)
def _audit_actions_are_labelled():
    """Every audit event any test writes has a label for people (gongkai/audit/labels.py):
    a new action code without one fails the test that first writes it."""
    from django.db.models.signals import post_save

    from gongkai.audit.labels import labelled_codes
    from gongkai.audit.models import AuditEvent

    unlabelled: set[str] = set()

    def check(sender, instance, created, **kwargs):
        if created and instance.action not in labelled_codes():
            unlabelled.add(instance.action)

    post_save.connect(check, sender=AuditEvent, dispatch_uid="test-audit-labels")
    yield
    post_save.disconnect(sender=AuditEvent, dispatch_uid="test-audit-labels")
    if unlabelled:
        pytest.fail(
            f"audit action codes without a label: {sorted(unlabelled)} — add them to the "
            "app's audit_labels.py"
        )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # LocaleMiddleware leaves the last request's language active in the thread; start each
    # test in the default language so reverse() and gettext do not depend on test order.
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.activate("zh-hans")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test gets its own search index: publishing feeds it through the outbox.
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"


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


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped_browser_tests:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(_skipped_browser_tests)} browser test(s) did not run: Chromium is not "
            f"installed at {CHROMIUM}. Install Debian's 'chromium' package to run them.",
            red=True,
            bold=True,
        )
