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


def test_next_year_without_its_notice_gives_a_provisional_date():
    # Dec 21–25, 28–31 are nine working days; 2027: Jan 1 off (元旦), then Jan 4–8, 11–15, 18.
    lines = run("2026-12-20")
    assert lines[0] == "2027-01-18 暂定"
    assert any("2027年的节假日安排尚未公布" in line for line in lines[1:])
    assert any("跳过 2027-01-01 至 2027-01-03（元旦）" in line for line in lines[1:])


def test_strict_refuses_a_provisional_date():
    with pytest.raises(CommandError, match="2027年的节假日安排尚未载入工作日历"):
        run("2026-12-20", "--strict")


def test_strict_gives_an_official_date_as_before():
    assert run("2026-02-13", "--strict")[0] == "2026-03-19"


@pytest.mark.parametrize("start", ["2027-12-20", "2003-12-20"])
def test_years_beyond_the_provisional_one_fail_with_a_clear_message(start):
    year = start[:4] if start.startswith("2003") else "2028"
    with pytest.raises(CommandError, match=f"{year}年的工作日无法确定"):
        run(start)


def test_bad_date_fails():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("2026-13-01")
