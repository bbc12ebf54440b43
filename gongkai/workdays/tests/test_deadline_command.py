"""`gongkai deadline`: due date on the first line, then the explanation; clear failures."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("received_on", "days", "due_on"),
    [
        # 2026 Spring Festival: off 02-15..02-23, 02-14 (Sat) and 02-28 (Sat) are working days.
        ("2026-02-13", "20", "2026-03-19"),
        # 2025 National Day: off 10-01..10-08, 09-28 (Sun) and 10-11 (Sat) worked.
        ("2025-09-30", "20", "2025-11-04"),
        ("2026-09-30", "7", "2026-10-15"),
    ],
)
def test_prints_the_due_date_first(received_on, days, due_on):
    lines = run(received_on, "--days", days)
    assert lines[0] == due_on
    assert any("届满日" in line for line in lines[1:])


def test_twenty_working_days_by_default():
    lines = run("2026-02-13")
    assert lines[0] == "2026-03-19"
    assert any("因调休计为工作日" in line for line in lines)


def test_unloaded_year_fails_with_a_clear_message():
    with pytest.raises(CommandError, match="2027"):
        run("2026-12-20")


def test_bad_date_fails():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("2026-13-01")
