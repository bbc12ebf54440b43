"""Production settings fail safe: DEBUG is off unless turned on, and the web application will
not start on the development key; the README's commands turn DEBUG on for themselves.

Settings are read once per process, so each case runs Python in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
REAL_KEY = "test-" + "k3y-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
# What the process inherits from a machine where nothing gongkai-related is set.
GONGKAI_VARIABLES = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


def run_python(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in GONGKAI_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="gongkai.settings", **environment)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_debug_is_off_when_the_environment_does_not_say():
    done = run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    "environment",
    [
        {},  # gunicorn started with no environment at all
        {"DEBUG": "false"},
        {"DEBUG": "false", "SECRET_KEY": "short-but-not-the-dev-key"},
    ],
)
def test_the_web_application_refuses_to_start_without_a_real_key(environment):
    done = run_python("-c", "import gongkai.wsgi", **environment)

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "SECRET_KEY" in done.stderr


@pytest.mark.parametrize(
    "environment",
    [
        {"DEBUG": "false", "SECRET_KEY": REAL_KEY, "ALLOWED_HOSTS": "example.org"},
        {"DEBUG": "true"},  # development keeps its key
    ],
)
def test_the_web_application_starts_with_a_real_key_or_in_development(environment):
    done = run_python("-c", "import gongkai.wsgi; print('ready')", **environment)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ready"


def test_management_commands_still_run_without_an_environment(tmp_path):
    # .ci/run runs `makemigrations --check` with no environment: a warning, not a refusal.
    done = run_python(
        "-m", "gongkai", "makemigrations", "--check", "--dry-run", GONGKAI_DATA_DIR=str(tmp_path)
    )

    assert done.returncode == 0, done.stderr
    assert "gongkai.W001" in done.stderr


def test_the_readme_commands_turn_debug_on_for_themselves():
    env = {k: v for k, v in os.environ.items() if k not in GONGKAI_VARIABLES}
    done = subprocess.run(
        ["bash", "-c", 'source scripts/setup-env.sh >/dev/null && echo "DEBUG=$DEBUG"'],  # noqa: S607
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "DEBUG=true"
    assert "source scripts/setup-env.sh" in (PROJECT / "run").read_text()
    assert "source scripts/setup-env.sh" in (PROJECT / "test").read_text()
