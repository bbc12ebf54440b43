"""Every systemd unit in deploy/systemd starts a command that exists, and every timer has its
service: a unit naming a renamed or missing command would fail only on the production server."""

from pathlib import Path

import pytest
from django.core.management import get_commands

SYSTEMD = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
SERVICES = sorted(SYSTEMD.glob("*.service"))


def exec_start(unit: Path) -> list[str]:
    text = unit.read_text().replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    return line.removeprefix("ExecStart=").split()


@pytest.mark.parametrize("unit", SERVICES, ids=lambda path: path.name)
def test_a_gongkai_unit_runs_a_command_that_exists(unit):
    words = exec_start(unit)
    if not words[0].endswith("/gongkai"):
        return  # gunicorn, a shell: started and tested by deploy/test
    command = words[1]
    assert command in get_commands(), f"{unit.name} runs `gongkai {command}`, which does not exist"


def test_every_timer_starts_a_service_of_the_repository():
    timers = sorted(SYSTEMD.glob("*.timer"))
    assert timers
    for timer in timers:
        assert (SYSTEMD / f"{timer.stem}.service").exists(), timer.name


def test_the_commands_run_daily_have_a_timer():
    started = {exec_start(unit)[1] for unit in SERVICES if exec_start(unit)[0].endswith("gongkai")}
    for command in ("reminders", "send_digests", "send_case_notices", "read_newmedia_feeds"):
        assert command in started, f"no unit in deploy/systemd runs `gongkai {command}`"
