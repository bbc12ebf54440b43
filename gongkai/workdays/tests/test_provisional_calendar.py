"""The provisional calendar: the 放假办法's own holidays for a year whose notice is not loaded
(issue #10; spec/regulations.md §6), and the notice files that replace it."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.workdays import services
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import YearNotLoaded
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.notices import InvalidNotice, parse_notice
from gongkai.workdays.rules import add_working_days, explain_add_working_days
from gongkai.workdays.statutory import provisional_rest_days
from gongkai.workdays.tests.spec_schedules import day

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"


# Counted by hand from a paper calendar and the lunar dates of 2027 and 2028 (春节 2027-02-06,
# a Saturday; 清明 04-05; 端午 06-09; 中秋 09-15; 2028: 春节 01-26, 端午 05-28, 中秋 10-03).
PROVISIONAL_DAYS = {
    2027: [
        ("2027-01-01", "元旦"),  # Friday: no 补假
        ("2027-02-05", "春节"),  # 除夕, Friday
        ("2027-02-06", "春节"),
        ("2027-02-07", "春节"),
        ("2027-02-08", "春节"),
        ("2027-02-09", "春节补假"),  # Sat 02-06 and Sun 02-07 made up on Tue and Wed
        ("2027-02-10", "春节补假"),
        ("2027-04-05", "清明节"),
        ("2027-05-01", "劳动节"),  # Saturday
        ("2027-05-02", "劳动节"),  # Sunday
        ("2027-05-03", "劳动节补假"),
        ("2027-05-04", "劳动节补假"),
        ("2027-06-09", "端午节"),
        ("2027-09-15", "中秋节"),
        ("2027-10-01", "国庆节"),
        ("2027-10-02", "国庆节"),  # Saturday
        ("2027-10-03", "国庆节"),  # Sunday
        ("2027-10-04", "国庆节补假"),
        ("2027-10-05", "国庆节补假"),
    ],
    2028: [
        ("2028-01-01", "元旦"),  # Saturday
        ("2028-01-03", "元旦补假"),
        ("2028-01-25", "春节"),
        ("2028-01-26", "春节"),
        ("2028-01-27", "春节"),
        ("2028-01-28", "春节"),
        ("2028-04-04", "清明节"),
        ("2028-05-01", "劳动节"),
        ("2028-05-02", "劳动节"),
        ("2028-05-28", "端午节"),  # Sunday
        ("2028-05-29", "端午节补假"),
        ("2028-10-01", "国庆节"),  # Sunday
        ("2028-10-02", "国庆节"),
        ("2028-10-03", "中秋节、国庆节"),  # two holidays on one day: one more day made up
        ("2028-10-04", "国庆节补假"),
        ("2028-10-05", "国庆节补假"),
    ],
}


@pytest.mark.parametrize("year", sorted(PROVISIONAL_DAYS))
def test_provisional_rest_days_follow_the_law(year):
    got = [(d.day.isoformat(), d.name) for d in provisional_rest_days(year)]
    assert got == PROVISIONAL_DAYS[year]


@pytest.mark.parametrize("year", [2025, 2026])
def test_provisional_days_off_are_all_off_in_the_real_notices(year):
    # The notices of 2025 and 2026 (spec §6) give every day the law fixes, and more (调休).
    official = {d for d, _name in parse_notice((NOTICES / f"{year}.json").read_bytes()).holidays}
    assert {d.day for d in provisional_rest_days(year)} <= official


@pytest.mark.django_db
def test_only_the_year_after_the_last_loaded_one_is_provisional():
    calendar = get_calendar()
    assert calendar.provisional_years == {2027}
    assert not calendar.official().provisional_years
    with pytest.raises(YearNotLoaded):
        add_working_days(day("2027-12-20"), 20, calendar)  # 2028: two years ahead
    with pytest.raises(YearNotLoaded):
        add_working_days(day("2003-12-20"), 1, calendar)  # before the first loaded year


@pytest.mark.django_db
def test_a_provisional_count_says_so_and_skips_the_statutory_days():
    explanation = explain_add_working_days(day("2027-01-29"), 10, get_calendar())
    # Feb 1–4 (4), Feb 5–10 off (春节 and its 补假), Feb 11, 12, 15, 16, 17, 18 → the 10th.
    assert explanation.due_on == day("2027-02-18")
    assert explanation.provisional_years == (2027,)
    assert any("2027-02-05 至 2027-02-10" in step for step in explanation.steps)
    assert "暂定" in explanation.steps[-1]


def test_every_shipped_notice_file_is_valid():
    files = sorted(NOTICES.glob("*.json"))
    assert [f.stem for f in files] == [str(y) for y in range(2004, 2027)]
    for path in files:
        notice = parse_notice(path.read_bytes())
        assert notice.year == int(path.stem)


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2005, 2025, 2026])
def test_shipped_files_hold_exactly_the_seeded_days(year):
    seeded = services.notice_of_year(year)
    shipped = parse_notice((NOTICES / f"{year}.json").read_bytes())
    assert sorted(shipped.holidays) == sorted(seeded.holidays)
    assert sorted(shipped.makeup_workdays) == sorted(seeded.makeup_workdays)


NOTICE_2027 = {
    "year": 2027,
    "notice": "国务院办公厅关于2027年部分节假日安排的通知（演示）",
    "holidays": [
        {"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
        {"name": "春节", "from": "2027-02-05", "to": "2027-02-11"},
        {"name": "清明节", "from": "2027-04-03", "to": "2027-04-05"},
        {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
        {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
        {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
        {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"},
    ],
    "workdays": [
        {"name": "春节", "date": "2027-02-20"},
        {"name": "劳动节", "date": "2027-04-25"},
        {"name": "国庆节", "date": "2027-10-09"},
    ],
}


def notice_text(**changes) -> str:
    return json.dumps({**NOTICE_2027, **changes}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"holidays": [{"name": "元旦", "from": "2026-12-31", "to": "2027-01-01"}]},
            "不在2027年内",
        ),
        ({"workdays": [{"name": "春节", "date": "2027-02-17"}]}, "是周三：只有周六或周日"),
        (
            {"holidays": [h for h in NOTICE_2027["holidays"] if h["name"] != "中秋节"]},
            "2027-09-15 是中秋节，依《全国年节及纪念日放假办法》应当放假",
        ),
        ({"workdays": [{"name": "春节", "date": "2027-02-06"}]}, "既是放假日又是调休上班日"),
        ({"notice": ""}, "请填写“notice”"),
    ],
)
def test_a_wrong_notice_is_refused_with_every_reason(changes, message):
    with pytest.raises(InvalidNotice) as caught:
        parse_notice(notice_text(**changes))
    assert any(message in m for m in caught.value.messages), caught.value.messages


def test_a_file_that_is_not_json_is_refused_plainly():
    with pytest.raises(InvalidNotice, match="不是有效的JSON"):
        parse_notice(b"\xff\xfe not json")


@pytest.mark.django_db
def test_load_year_command_shows_the_changes_then_saves_audited(tmp_path, admin_user):

    path = tmp_path / "2027.json"
    path.write_text(notice_text(), encoding="utf-8")
    out = StringIO()
    call_command("calendar", "load-year", str(path), "--dry-run", stdout=out)
    assert "dry run: nothing saved" in out.getvalue()
    assert not CalendarYear.objects.filter(year=2027).exists()

    call_command("calendar", "load-year", str(path), "--actor", admin_user.username, stdout=out)
    assert "2027 loaded" in out.getvalue()
    assert get_calendar().provisional_years == {2028}
    event = AuditEvent.objects.get(action=services.ACTION_LOAD_YEAR)
    assert event.actor == admin_user
    assert ["2027-02-20", "春节"] in event.after["makeup_workdays"]


@pytest.mark.django_db
def test_load_year_command_refuses_a_wrong_file(tmp_path):
    path = tmp_path / "2027.json"
    path.write_text(notice_text(workdays=[{"name": "春节", "date": "2027-02-17"}]), "utf-8")
    with pytest.raises(CommandError, match="只有周六或周日"):
        call_command("calendar", "load-year", str(path), stdout=StringIO())
    assert not CalendarYear.objects.filter(year=2027).exists()
